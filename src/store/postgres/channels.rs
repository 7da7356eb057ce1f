//! `member_channels`, `dm_homes`, `ended_flow_messages` and `guild_state` on PostgreSQL:
//! where each member's flows run, DM home messages, ended flow messages to tidy, and the
//! panel.

use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use super::Postgres;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::store::rows::{id, parse_key};
use crate::store::StoreError;

impl Postgres {
    /// Runs one statement with `params` on a pooled connection; returns its rows.
    async fn rows(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(sql).await?;
        Ok(client.query(&stmt, params).await?)
    }

    /// Runs one statement with `params` on a pooled connection; returns how many rows it
    /// changed.
    async fn run(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
        let client = self.client().await?;
        let stmt = client.prepare_cached(sql).await?;
        Ok(client.execute(&stmt, params).await?)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "member_channel")
    )]
    pub(in crate::store) async fn member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<Snowflake>, StoreError> {
        let rows = self
            .rows(
                "SELECT channel_id FROM member_channels WHERE guild_id = $1 AND user_id = $2",
                &[&guild.as_i64(), &user.as_i64()],
            )
            .await?;
        let channel: Option<i64> = match rows.first() {
            Some(row) => row.try_get(0)?,
            None => None,
        };
        channel.map(id).transpose()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "set_member_channel")
    )]
    pub(in crate::store) async fn set_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(
            "INSERT INTO member_channels (guild_id, user_id, channel_id, created_at, last_active_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, last_active_at = excluded.last_active_at",
            &[&guild.as_i64(), &user.as_i64(), &channel.as_i64(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "touch_member_channel")
    )]
    pub(in crate::store) async fn touch_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(
            "UPDATE member_channels SET last_active_at = $3 WHERE guild_id = $1 AND user_id = $2",
            &[&guild.as_i64(), &user.as_i64(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "idle_member_channels")
    )]
    pub(in crate::store) async fn idle_member_channels(
        &self,
        cutoff: Timestamp,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .rows(
                "SELECT guild_id, channel_id FROM member_channels m WHERE channel_id IS NOT NULL AND last_active_at < $1 \
                 AND NOT EXISTS (SELECT 1 FROM temp_sessions s WHERE s.channel_id = m.channel_id AND s.expires_at > $2) \
                 ORDER BY last_active_at LIMIT $3",
                &[&cutoff.as_millis(), &now.as_millis(), &limit],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((id(r.try_get(0)?)?, id(r.try_get(1)?)?)))
            .collect()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "channel_still_idle")
    )]
    pub(in crate::store) async fn channel_still_idle(
        &self,
        channel: Snowflake,
        cutoff: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let rows = self
            .rows(
                "SELECT 1 FROM member_channels m WHERE channel_id = $1 AND last_active_at < $2 \
                 AND NOT EXISTS (SELECT 1 FROM temp_sessions s WHERE s.channel_id = m.channel_id AND s.expires_at > $3)",
                &[&channel.as_i64(), &cutoff.as_millis(), &now.as_millis()],
            )
            .await?;
        Ok(!rows.is_empty())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "all_member_channels")
    )]
    pub(in crate::store) async fn all_member_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds: Vec<i64> = guilds.into_iter().map(Snowflake::as_i64).collect();
        let rows = self
            .rows(
                "SELECT channel_id FROM member_channels WHERE channel_id IS NOT NULL AND guild_id = ANY($1)",
                &[&guilds],
            )
            .await?;
        ids(&rows)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "session_channels")
    )]
    pub(in crate::store) async fn session_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds: Vec<i64> = guilds.into_iter().map(Snowflake::as_i64).collect();
        let rows = self
            .rows(
                "SELECT DISTINCT channel_id FROM temp_sessions WHERE channel_id IS NOT NULL AND guild_id = ANY($1)",
                &[&guilds],
            )
            .await?;
        ids(&rows)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "channel_deleted")
    )]
    pub(in crate::store) async fn channel_deleted(
        &self,
        channel: Snowflake,
    ) -> Result<Vec<SessionKey>, StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        let forget = tx
            .prepare_cached("DELETE FROM member_channels WHERE channel_id = $1")
            .await?;
        tx.execute(&forget, &[&channel.as_i64()]).await?;
        let end = tx
            .prepare_cached("DELETE FROM temp_sessions WHERE channel_id = $1 RETURNING session_key")
            .await?;
        let rows = tx.query(&end, &[&channel.as_i64()]).await?;
        tx.commit().await?;
        rows.iter().map(|r| parse_key(r.try_get(0)?)).collect()
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "record_ended_flow_message")
    )]
    pub(in crate::store) async fn record_ended_flow_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(
            "INSERT INTO ended_flow_messages (message_id, channel_id, ended_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&message.as_i64(), &channel.as_i64(), &now.as_millis()],
        )
        .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "ended_flow_messages")
    )]
    pub(in crate::store) async fn ended_flow_messages(
        &self,
        cutoff: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .rows(
                "SELECT channel_id, message_id FROM ended_flow_messages WHERE ended_at < $1 ORDER BY ended_at LIMIT $2",
                &[&cutoff.as_millis(), &limit],
            )
            .await?;
        id_pairs(&rows)
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "forget_ended_flow_message")
    )]
    pub(in crate::store) async fn forget_ended_flow_message(
        &self,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.run(
            "DELETE FROM ended_flow_messages WHERE message_id = $1",
            &[&message.as_i64()],
        )
        .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "dm_home")
    )]
    pub(in crate::store) async fn dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        let rows = self
            .rows(
                "SELECT channel_id, message_id FROM dm_homes WHERE guild_id = $1 AND user_id = $2",
                &[&guild.as_i64(), &user.as_i64()],
            )
            .await?;
        Ok(id_pairs(&rows)?.into_iter().next())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "set_dm_home")
    )]
    pub(in crate::store) async fn set_dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.run(
            "INSERT INTO dm_homes (guild_id, user_id, channel_id, message_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (guild_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id",
            &[&guild.as_i64(), &user.as_i64(), &channel.as_i64(), &message.as_i64()],
        )
        .await?;
        Ok(())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "panel_message")
    )]
    pub(in crate::store) async fn panel_message(
        &self,
        guild: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        let rows = self
            .rows(
                "SELECT panel_channel_id, panel_message_id FROM guild_state WHERE guild_id = $1 \
                 AND panel_channel_id IS NOT NULL AND panel_message_id IS NOT NULL",
                &[&guild.as_i64()],
            )
            .await?;
        Ok(id_pairs(&rows)?.into_iter().next())
    }

    #[tracing::instrument(
        name = "store.pg",
        level = "debug",
        skip_all,
        fields(operation = "set_panel_message")
    )]
    pub(in crate::store) async fn set_panel_message(
        &self,
        guild: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.run(
            "INSERT INTO guild_state (guild_id, panel_channel_id, panel_message_id) VALUES ($1, $2, $3) \
             ON CONFLICT (guild_id) DO UPDATE SET panel_channel_id = excluded.panel_channel_id, panel_message_id = excluded.panel_message_id",
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
