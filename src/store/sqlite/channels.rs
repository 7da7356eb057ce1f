//! `member_channels`, `dm_homes`, `ended_flow_messages` and `guild_state` on SQLite.

use rusqlite::{params, OptionalExtension};

use super::Sqlite;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::i18n::Locale;
use crate::store::sql;
use crate::store::StoreError;

impl Sqlite {
    /// The member's request channel in a guild, if one is recorded.
    pub(in crate::store) async fn member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<Snowflake>, StoreError> {
        self.read("member_channel", move |conn| {
            let id: Option<Option<i64>> = conn
                .prepare_cached(sql::MEMBER_CHANNEL)?
                .query_row(params![guild.as_i64(), user.as_i64()], |r| r.get(0))
                .optional()?;
            id.flatten()
                .map(|v| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string())))
                .transpose()
        })
        .await
    }

    /// Records the member's request channel.
    pub(in crate::store) async fn set_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write("set_member_channel", move |conn| {
            conn.prepare_cached(sql::SET_MEMBER_CHANNEL)?
                .execute(params![
                    guild.as_i64(),
                    user.as_i64(),
                    channel.as_i64(),
                    now.as_millis()
                ])?;
            Ok(())
        })
        .await
    }

    /// Marks activity in the member's request channel (a flow started or ended there).
    pub(in crate::store) async fn touch_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write("touch_member_channel", move |conn| {
            conn.prepare_cached(sql::TOUCH_MEMBER_CHANNEL)?
                .execute(params![guild.as_i64(), user.as_i64(), now.as_millis()])?;
            Ok(())
        })
        .await
    }

    /// Request channels idle since before `cutoff` with no flow still live at `now` in them,
    /// oldest first: (guild, channel).
    pub(in crate::store) async fn idle_member_channels(
        &self,
        cutoff: Timestamp,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read("idle_member_channels", move |conn| {
            let mut stmt = conn.prepare_cached(sql::IDLE_MEMBER_CHANNELS)?;
            let rows: Vec<(i64, i64)> = stmt
                .query_map(params![cutoff.as_millis(), now.as_millis(), limit], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
            let id =
                |v: i64| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string()));
            rows.into_iter()
                .map(|(g, c)| Ok((id(g)?, id(c)?)))
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn channel_still_idle(
        &self,
        channel: Snowflake,
        cutoff: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        self.read("channel_still_idle", move |conn| {
            let idle: Option<i64> = conn
                .prepare_cached(sql::CHANNEL_STILL_IDLE)?
                .query_row(
                    params![channel.as_i64(), cutoff.as_millis(), now.as_millis()],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(idle.is_some())
        })
        .await
    }

    /// Every recorded request channel (for reconciliation at startup).
    pub(in crate::store) async fn all_member_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds = serde_json::to_string(&guilds.iter().map(|g| g.as_i64()).collect::<Vec<_>>())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.read("all_member_channels", move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT channel_id FROM member_channels WHERE channel_id IS NOT NULL \
                 AND guild_id IN (SELECT value FROM json_each(?1))",
            )?;
            let ids: Vec<i64> = stmt
                .query_map([guilds], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids.into_iter()
                .map(|v| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string())))
                .collect()
        })
        .await
    }

    /// Channels that sessions of these guilds point at (for reconciliation at startup).
    pub(in crate::store) async fn session_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        let guilds = serde_json::to_string(&guilds.iter().map(|g| g.as_i64()).collect::<Vec<_>>())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.read("session_channels", move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT channel_id FROM temp_sessions WHERE channel_id IS NOT NULL \
                 AND guild_id IN (SELECT value FROM json_each(?1))",
            )?;
            let ids: Vec<i64> = stmt
                .query_map([guilds], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids.into_iter()
                .map(|v| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string())))
                .collect()
        })
        .await
    }

    /// A channel is gone (deleted by hand): forget it and end the flows that ran in it.
    /// Returns the ended sessions' keys.
    pub(in crate::store) async fn channel_deleted(
        &self,
        channel: Snowflake,
    ) -> Result<Vec<SessionKey>, StoreError> {
        self.write("channel_deleted", move |conn| {
            conn.prepare_cached(sql::DELETE_MEMBER_CHANNEL)?
                .execute([channel.as_i64()])?;
            let mut stmt = conn.prepare_cached(sql::DELETE_CHANNEL_SESSIONS)?;
            let keys: Vec<String> = stmt
                .query_map([channel.as_i64()], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            keys.iter()
                .map(|k| SessionKey::parse(k).map_err(|e| StoreError::Corrupt(e.to_string())))
                .collect()
        })
        .await
    }

    /// Remembers an ended flow's message in a DM, for the cleanup task to delete later.
    pub(in crate::store) async fn record_ended_flow_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write("record_ended_flow_message", move |conn| {
            conn.prepare_cached(sql::RECORD_ENDED_FLOW_MESSAGE)?
                .execute(params![message.as_i64(), channel.as_i64(), now.as_millis()])?;
            Ok(())
        })
        .await
    }

    /// Ended flow messages older than `cutoff`: (channel, message), oldest first.
    pub(in crate::store) async fn ended_flow_messages(
        &self,
        cutoff: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read("ended_flow_messages", move |conn| {
            let mut stmt = conn.prepare_cached(sql::ENDED_FLOW_MESSAGES)?;
            let rows: Vec<(i64, i64)> = stmt
                .query_map(params![cutoff.as_millis(), limit], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
            let id =
                |v: i64| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string()));
            rows.into_iter()
                .map(|(c, m)| Ok((id(c)?, id(m)?)))
                .collect()
        })
        .await
    }

    /// Forgets an ended flow message once it is deleted (or already gone).
    pub(in crate::store) async fn forget_ended_flow_message(
        &self,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.write("forget_ended_flow_message", move |conn| {
            conn.prepare_cached(sql::FORGET_ENDED_FLOW_MESSAGE)?
                .execute([message.as_i64()])?;
            Ok(())
        })
        .await
    }

    /// The member's DM home message in a DM-mode guild: (channel, message).
    pub(in crate::store) async fn dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        self.read("dm_home", move |conn| {
            let row: Option<(i64, i64)> = conn
                .prepare_cached(sql::DM_HOME)?
                .query_row(params![guild.as_i64(), user.as_i64()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let id =
                |v: i64| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string()));
            row.map(|(c, m)| Ok((id(c)?, id(m)?))).transpose()
        })
        .await
    }

    /// Remembers the member's DM home message.
    pub(in crate::store) async fn set_dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.write("set_dm_home", move |conn| {
            conn.prepare_cached(sql::SET_DM_HOME)?.execute(params![
                guild.as_i64(),
                user.as_i64(),
                channel.as_i64(),
                message.as_i64()
            ])?;
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn member_locale(
        &self,
        user: Snowflake,
    ) -> Result<Option<Locale>, StoreError> {
        self.read("member_locale", move |conn| {
            let code: Option<String> = conn
                .prepare_cached(sql::MEMBER_LOCALE)?
                .query_row(params![user.as_i64()], |r| r.get(0))
                .optional()?;
            Ok(code.as_deref().and_then(Locale::from_discord))
        })
        .await
    }

    pub(in crate::store) async fn save_member_locale(
        &self,
        user: Snowflake,
        locale: Locale,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write("save_member_locale", move |conn| {
            conn.prepare_cached(sql::SAVE_MEMBER_LOCALE)?
                .execute(params![user.as_i64(), locale.code(), now.as_millis()])?;
            Ok(())
        })
        .await
    }

    /// The stored panel message of a guild: (channel, message).
    pub(in crate::store) async fn panel_message(
        &self,
        guild: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        self.read("panel_message", move |conn| {
            let row: Option<(Option<i64>, Option<i64>)> = conn
                .prepare_cached("SELECT panel_channel_id, panel_message_id FROM guild_state WHERE guild_id = ?1")?
                .query_row([guild.as_i64()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let id = |v: i64| Snowflake::from_i64(v).map_err(|e| StoreError::Corrupt(e.to_string()));
            match row {
                Some((Some(channel), Some(message))) => Ok(Some((id(channel)?, id(message)?))),
                _ => Ok(None),
            }
        })
        .await
    }

    /// Remembers the panel message of a guild.
    pub(in crate::store) async fn set_panel_message(
        &self,
        guild: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        self.write("set_panel_message", move |conn| {
            conn.prepare_cached(sql::SET_PANEL_MESSAGE)?
                .execute(params![guild.as_i64(), channel.as_i64(), message.as_i64()])?;
            Ok(())
        })
        .await
    }
}
