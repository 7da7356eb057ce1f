//! Guild settings, their changes and uploaded catalogs on PostgreSQL (see
//! `store::guild_settings`).

use super::Postgres;
use crate::domain::{Snowflake, Timestamp};
use crate::store::guild_settings::sql;
use crate::store::rows::id;
use crate::store::{
    RecordedSettingChange, SettingChange, StoreError, StoredCatalog, StoredSettings,
};

impl Postgres {
    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "guild_settings")
    )]
    pub(in crate::store) async fn guild_settings(
        &self,
        guild: Option<Snowflake>,
    ) -> Result<Vec<StoredSettings>, StoreError> {
        let client = self.client().await?;
        let rows = if let Some(g) = guild {
            let stmt = client
                .prepare_cached(&format!("{} WHERE guild_id = $1", sql::SELECT_SETTINGS))
                .await?;
            client.query(&stmt, &[&g.as_i64()]).await?
        } else {
            let stmt = client
                .prepare_cached(&format!("{} ORDER BY guild_id", sql::SELECT_SETTINGS))
                .await?;
            client.query(&stmt, &[]).await?
        };
        rows.iter()
            .map(|r| {
                Ok(StoredSettings {
                    guild_id: id(r.try_get(0)?)?,
                    settings_json: r.try_get(1)?,
                    version: r.try_get(2)?,
                    updated_at: Timestamp::from_millis(r.try_get(3)?),
                    updated_by: id(r.try_get(4)?)?,
                })
            })
            .collect()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "save_guild_settings")
    )]
    pub(in crate::store) async fn save_guild_settings(
        &self,
        guild: Snowflake,
        expected_version: i64,
        settings_json: String,
        changes: Vec<SettingChange>,
        by: Snowflake,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let (g, u, at) = (guild.as_i64(), by.as_i64(), now.as_millis());
        let saved = if expected_version == 0 {
            let stmt = tx.prepare_cached(&sql::pg(sql::INSERT_FIRST)).await?;
            tx.execute(&stmt, &[&g, &settings_json, &at, &u]).await?
        } else {
            let stmt = tx.prepare_cached(&sql::pg(sql::UPDATE_IF_VERSION)).await?;
            tx.execute(&stmt, &[&g, &settings_json, &at, &u, &expected_version])
                .await?
        };
        if saved == 0 {
            return Err(StoreError::Conflict {
                expected: expected_version,
            });
        }
        let stmt = tx.prepare_cached(&sql::pg(sql::INSERT_CHANGE)).await?;
        for change in &changes {
            tx.execute(
                &stmt,
                &[&g, &u, &at, &change.setting, &change.before, &change.after],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "settings_changes")
    )]
    pub(in crate::store) async fn settings_changes(
        &self,
        guild: Snowflake,
        limit: u32,
    ) -> Result<Vec<RecordedSettingChange>, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(&sql::pg(sql::SELECT_CHANGES)).await?;
        let rows = client
            .query(&stmt, &[&guild.as_i64(), &i64::from(limit)])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RecordedSettingChange {
                    user_id: id(r.try_get(0)?)?,
                    changed_at: Timestamp::from_millis(r.try_get(1)?),
                    change: SettingChange {
                        setting: r.try_get(2)?,
                        before: r.try_get(3)?,
                        after: r.try_get(4)?,
                    },
                })
            })
            .collect()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "put_guild_catalog")
    )]
    pub(in crate::store) async fn put_guild_catalog(
        &self,
        guild: Snowflake,
        catalog: StoredCatalog,
    ) -> Result<(), StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(&sql::pg(sql::UPSERT_CATALOG)).await?;
        client
            .execute(
                &stmt,
                &[
                    &guild.as_i64(),
                    &catalog.profession,
                    &catalog.catalog_json,
                    &catalog.uploaded_at.as_millis(),
                    &catalog.uploaded_by.as_i64(),
                ],
            )
            .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "delete_guild_catalog")
    )]
    pub(in crate::store) async fn delete_guild_catalog(
        &self,
        guild: Snowflake,
        profession: String,
    ) -> Result<bool, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(&sql::pg(sql::DELETE_CATALOG)).await?;
        Ok(client
            .execute(&stmt, &[&guild.as_i64(), &profession])
            .await?
            > 0)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "guild_catalogs")
    )]
    pub(in crate::store) async fn guild_catalogs(
        &self,
        guild: Snowflake,
    ) -> Result<Vec<StoredCatalog>, StoreError> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(&sql::pg(sql::SELECT_CATALOGS))
            .await?;
        let rows = client.query(&stmt, &[&guild.as_i64()]).await?;
        rows.iter()
            .map(|r| {
                Ok(StoredCatalog {
                    profession: r.try_get(0)?,
                    catalog_json: r.try_get(1)?,
                    uploaded_at: Timestamp::from_millis(r.try_get(2)?),
                    uploaded_by: id(r.try_get(3)?)?,
                })
            })
            .collect()
    }
}
