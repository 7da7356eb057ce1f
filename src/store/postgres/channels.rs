//! `member_channels`, `dm_homes`, `ended_flow_messages` and `guild_state` on PostgreSQL:
//! where each member's flows run, DM home messages, ended flow messages to tidy, and the
//! panel.

use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use super::Postgres;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::i18n::Locale;
use crate::store::rows::{id, parse_key};
use crate::store::sql::{self, pg};
use crate::store::StoreError;

impl Postgres {
    /// Runs one statement with `params` as `operation`; returns its rows.
    async fn rows(
        &self,
        operation: &'static str,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        self.run(operation, async |client| {
            let stmt = client.prepare_cached(sql).await?;
            Ok(client.query(&stmt, params).await?)
        })
        .await
    }

    /// Runs one statement with `params` as `operation`; returns how many rows it changed.
    async fn execute(
        &self,
        operation: &'static str,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, StoreError> {
        self.run(operation, async |client| {
            let stmt = client.prepare_cached(sql).await?;
            Ok(client.execute(&stmt, params).await?)
        })
        .await
    }

    pub(in crate::store) async fn member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<Snowflake>, StoreError> {
        let rows = self
            .rows(
                "member_channel",
                pg!(sql::MEMBER_CHANNEL),
                &[&guild.as_i64(), &user.as_i64()],
            )
            .await?;
        let channel: Option<i64> = match rows.first() {
            Some(row) => row.try_get(0)?,
            None => None,
        };
        channel.map(id).transpose()
    }

    pub(in crate::store) async fn set_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_member_channel",
            pg!(sql::SET_MEMBER_CHANNEL),
            &[
                &guild.as_i64(),
                &user.as_i64(),
                &channel.as_i64(),
                &now.as_millis(),
            ],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn touch_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "touch_member_channel",
            pg!(sql::TOUCH_MEMBER_CHANNEL),
            &[&guild.as_i64(), &user.as_i64(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn idle_member_channels(
        &self,
        cutoff: Timestamp,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .rows(
                "idle_member_channels",
                pg!(sql::IDLE_MEMBER_CHANNELS),
                &[&cutoff.as_millis(), &now.as_millis(), &limit],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((id(r.try_get(0)?)?, id(r.try_get(1)?)?)))
            .collect()
    }

    pub(in crate::store) async fn channel_still_idle(
        &self,
        channel: Snowflake,
        cutoff: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let rows = self
            .rows(
                "channel_still_idle",
                pg!(sql::CHANNEL_STILL_IDLE),
                &[&channel.as_i64(), &cutoff.as_millis(), &now.as_millis()],
            )
            .await?;
        Ok(!rows.is_empty())
    }

    pub(in crate::store) async fn all_member_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds: Vec<i64> = guilds.into_iter().map(Snowflake::as_i64).collect();
        let rows = self
            .rows(
"all_member_channels",
                "SELECT channel_id FROM member_channels WHERE channel_id IS NOT NULL AND guild_id = ANY($1)",
                &[&guilds],
            )
            .await?;
        ids(&rows)
    }

    pub(in crate::store) async fn session_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds: Vec<i64> = guilds.into_iter().map(Snowflake::as_i64).collect();
        let rows = self
            .rows(
"session_channels",
                "SELECT DISTINCT channel_id FROM temp_sessions WHERE channel_id IS NOT NULL AND guild_id = ANY($1)",
                &[&guilds],
            )
            .await?;
        ids(&rows)
    }

    pub(in crate::store) async fn channel_deleted(
        &self,
        channel: Snowflake,
    ) -> Result<Vec<SessionKey>, StoreError> {
        self.run("channel_deleted", async |mut client| {
            let tx = client.transaction().await?;
            let forget = tx.prepare_cached(pg!(sql::DELETE_MEMBER_CHANNEL)).await?;
            tx.execute(&forget, &[&channel.as_i64()]).await?;
            let end = tx.prepare_cached(pg!(sql::DELETE_CHANNEL_SESSIONS)).await?;
            let rows = tx.query(&end, &[&channel.as_i64()]).await?;
            tx.commit().await?;
            rows.iter().map(|r| parse_key(r.try_get(0)?)).collect()
        })
        .await
    }

    pub(in crate::store) async fn record_ended_flow_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "record_ended_flow_message",
            pg!(sql::RECORD_ENDED_FLOW_MESSAGE),
            &[&message.as_i64(), &channel.as_i64(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn ended_flow_messages(
        &self,
        cutoff: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .rows(
                "ended_flow_messages",
                pg!(sql::ENDED_FLOW_MESSAGES),
                &[&cutoff.as_millis(), &limit],
            )
            .await?;
        id_pairs(&rows)
    }

    pub(in crate::store) async fn forget_ended_flow_message(
        &self,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.execute(
            "forget_ended_flow_message",
            pg!(sql::FORGET_ENDED_FLOW_MESSAGE),
            &[&message.as_i64()],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn member_locale(
        &self,
        user: Snowflake,
    ) -> Result<Option<Locale>, StoreError> {
        let rows = self
            .rows("member_locale", pg!(sql::MEMBER_LOCALE), &[&user.as_i64()])
            .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let code: String = row.try_get(0)?;
        Ok(Locale::from_discord(&code))
    }

    pub(in crate::store) async fn save_member_locale(
        &self,
        user: Snowflake,
        locale: Locale,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "save_member_locale",
            pg!(sql::SAVE_MEMBER_LOCALE),
            &[&user.as_i64(), &locale.code(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        let rows = self
            .rows(
                "dm_home",
                pg!(sql::DM_HOME),
                &[&guild.as_i64(), &user.as_i64()],
            )
            .await?;
        Ok(id_pairs(&rows)?.into_iter().next())
    }

    pub(in crate::store) async fn set_dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_dm_home",
            pg!(sql::SET_DM_HOME),
            &[
                &guild.as_i64(),
                &user.as_i64(),
                &channel.as_i64(),
                &message.as_i64(),
            ],
        )
        .await?;
        Ok(())
    }

    pub(in crate::store) async fn panel_message(
        &self,
        guild: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        let rows = self
            .rows(
                "panel_message",
                "SELECT panel_channel_id, panel_message_id FROM guild_state WHERE guild_id = $1 \
                 AND panel_channel_id IS NOT NULL AND panel_message_id IS NOT NULL",
                &[&guild.as_i64()],
            )
            .await?;
        Ok(id_pairs(&rows)?.into_iter().next())
    }

    pub(in crate::store) async fn set_panel_message(
        &self,
        guild: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.execute(
            "set_panel_message",
            pg!(sql::SET_PANEL_MESSAGE),
            &[&guild.as_i64(), &channel.as_i64(), &message.as_i64()],
        )
        .await?;
        Ok(())
    }
}

fn ids(rows: &[Row]) -> Result<Vec<Snowflake>, StoreError> {
    rows.iter().map(|r| id(r.try_get(0)?)).collect()
}

fn id_pairs(rows: &[Row]) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
    rows.iter()
        .map(|r| Ok((id(r.try_get(0)?)?, id(r.try_get(1)?)?)))
        .collect()
}
