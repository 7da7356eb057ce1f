//! Guild settings, their changes and uploaded catalogs on SQLite (see `store::guild_settings`).

use rusqlite::params;

use super::Sqlite;
use crate::domain::{Snowflake, Timestamp};
use crate::store::guild_settings::sql;
use crate::store::rows::id;
use crate::store::{
    RecordedSettingChange, SettingChange, StoreError, StoredCatalog, StoredSettings,
};

impl Sqlite {
    pub(in crate::store) async fn guild_settings(
        &self,
        guild: Option<Snowflake>,
    ) -> Result<Vec<StoredSettings>, StoreError> {
        self.read("guild_settings", move |conn| {
            let (query, args) = match guild {
                Some(g) => (
                    format!("{} WHERE guild_id = ?1", sql::SELECT_SETTINGS),
                    vec![g.as_i64()],
                ),
                None => (
                    format!("{} ORDER BY guild_id", sql::SELECT_SETTINGS),
                    vec![],
                ),
            };
            let mut stmt = conn.prepare_cached(&query)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (guild, json, version, at, by) = row?;
                out.push(StoredSettings {
                    guild_id: id(guild)?,
                    settings_json: json,
                    version,
                    updated_at: Timestamp::from_millis(at),
                    updated_by: id(by)?,
                });
            }
            Ok(out)
        })
        .await
    }

    pub(in crate::store) async fn save_guild_settings(
        &self,
        guild: Snowflake,
        expected_version: i64,
        settings_json: String,
        changes: Vec<SettingChange>,
        by: Snowflake,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        self.write("save_guild_settings", move |conn| {
            let (g, u, at) = (guild.as_i64(), by.as_i64(), now.as_millis());
            let saved = if expected_version == 0 {
                conn.prepare_cached(sql::INSERT_FIRST)?
                    .execute(params![g, settings_json, at, u])?
            } else {
                conn.prepare_cached(sql::UPDATE_IF_VERSION)?
                    .execute(params![g, settings_json, at, u, expected_version])?
            };
            if saved == 0 {
                return Err(StoreError::Conflict {
                    expected: expected_version,
                });
            }
            let mut insert = conn.prepare_cached(sql::INSERT_CHANGE)?;
            for change in &changes {
                insert.execute(params![
                    g,
                    u,
                    at,
                    change.setting,
                    change.before,
                    change.after
                ])?;
            }
            Ok(expected_version + 1)
        })
        .await
    }

    pub(in crate::store) async fn settings_changes(
        &self,
        guild: Snowflake,
        limit: u32,
    ) -> Result<Vec<RecordedSettingChange>, StoreError> {
        self.read("settings_changes", move |conn| {
            let mut stmt = conn.prepare_cached(sql::SELECT_CHANGES)?;
            let rows = stmt.query_map(params![guild.as_i64(), i64::from(limit)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (user, at, setting, before, after) = row?;
                out.push(RecordedSettingChange {
                    user_id: id(user)?,
                    changed_at: Timestamp::from_millis(at),
                    change: SettingChange {
                        setting,
                        before,
                        after,
                    },
                });
            }
            Ok(out)
        })
        .await
    }

    pub(in crate::store) async fn put_guild_catalog(
        &self,
        guild: Snowflake,
        catalog: StoredCatalog,
    ) -> Result<(), StoreError> {
        self.write("put_guild_catalog", move |conn| {
            conn.prepare_cached(sql::UPSERT_CATALOG)?.execute(params![
                guild.as_i64(),
                catalog.profession,
                catalog.catalog_json,
                catalog.uploaded_at.as_millis(),
                catalog.uploaded_by.as_i64()
            ])?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn delete_guild_catalog(
        &self,
        guild: Snowflake,
        profession: String,
    ) -> Result<bool, StoreError> {
        self.write("delete_guild_catalog", move |conn| {
            Ok(conn
                .prepare_cached(sql::DELETE_CATALOG)?
                .execute(params![guild.as_i64(), profession])?
                > 0)
        })
        .await
    }

    pub(in crate::store) async fn guild_catalogs(
        &self,
        guild: Snowflake,
    ) -> Result<Vec<StoredCatalog>, StoreError> {
        self.read("guild_catalogs", move |conn| {
            let mut stmt = conn.prepare_cached(sql::SELECT_CATALOGS)?;
            let rows = stmt.query_map(params![guild.as_i64()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (profession, json, at, by) = row?;
                out.push(StoredCatalog {
                    profession,
                    catalog_json: json,
                    uploaded_at: Timestamp::from_millis(at),
                    uploaded_by: id(by)?,
                });
            }
            Ok(out)
        })
        .await
    }
}
