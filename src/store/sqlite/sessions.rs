//! `temp_sessions` on SQLite: CAS saves on `version`, conditional touch, chunked expiry by
//! the indexed `expires_at` (see `store/sessions.rs` for the contract).

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Sqlite;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::store::rows::{id, optional_id, parse_key};
use crate::store::sql;
use crate::store::{ExpiredSession, NewSession, Session, SessionSummary, StoreError};

const SESSION_COLUMNS: &str = "session_key, user_id, guild_id, kind, state_json, version, \
     channel_id, message_id, created_at, last_seen_at, expires_at";

impl Sqlite {
    /// Starts a flow. Its key is `req_<userId>_<now>`; when that key is taken (two flows of
    /// one member in the same millisecond) the next free millisecond is used.
    pub(in crate::store) async fn create_session(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<Session, StoreError> {
        self.write("create_session", move |conn| {
            insert_session(conn, new, now, expires_at)
        })
        .await
    }

    /// Starts a flow unless the member already has `max_open` live flows of its kind in
    /// the guild ([`StoreError::TooManyOpen`]): counted and inserted in one transaction, so
    /// concurrent starts cannot pass the limit together.
    pub(in crate::store) async fn create_session_within(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
        max_open: u32,
    ) -> Result<Session, StoreError> {
        self.write("create_session_within", move |conn| {
            let open: i64 = conn.prepare_cached(sql::COUNT_OPEN_SESSIONS)?.query_row(
                params![
                    new.guild_id.as_i64(),
                    new.user_id.as_i64(),
                    new.kind,
                    now.as_millis()
                ],
                |row| row.get(0),
            )?;
            let open = u32::try_from(open).unwrap_or(u32::MAX);
            if open >= max_open {
                return Err(StoreError::TooManyOpen { open });
            }
            insert_session(conn, new, now, expires_at)
        })
        .await
    }

    /// The member's one live session of `new.kind` in the guild, restarted with
    /// `new.state_json` (a new version, a new expiry), or a new one when there is none;
    /// any other session of that kind is removed. For views (status, register, queue):
    /// opening one again never piles up rows.
    pub(in crate::store) async fn open_single_session(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<Session, StoreError> {
        self.write("open_single_session", move |conn| {
            let (guild, user) = (new.guild_id.as_i64(), new.user_id.as_i64());
            let live: Option<String> = conn
                .prepare_cached(sql::LIVE_SESSION_KEY)?
                .query_row(params![guild, user, new.kind, now.as_millis()], |row| {
                    row.get(0)
                })
                .optional()?;
            conn.prepare_cached(
                "DELETE FROM temp_sessions WHERE guild_id = ?1 AND user_id = ?2 AND kind = ?3 \
                 AND session_key IS NOT ?4",
            )?
            .execute(params![guild, user, new.kind, live])?;
            let Some(key) = live else {
                return insert_session(conn, new, now, expires_at);
            };
            conn.prepare_cached(
                "UPDATE temp_sessions SET state_json = ?1, version = version + 1, \
                 last_seen_at = ?2, expires_at = ?3 WHERE session_key = ?4",
            )?
            .execute(params![
                new.state_json,
                now.as_millis(),
                expires_at.as_millis(),
                key
            ])?;
            load(conn, &key)?.ok_or(StoreError::NotFound)
        })
        .await
    }

    /// Loads a flow, or `None` when it does not exist (expired, finished, or never was).
    pub(in crate::store) async fn session(
        &self,
        key: &SessionKey,
    ) -> Result<Option<Session>, StoreError> {
        let key = key.to_string();
        self.read("session", move |conn| load(conn, &key)).await
    }

    /// Saves a flow's next state if it is still at `expected_version`; returns the new
    /// version. A stale writer (a double click, a replayed interaction) gets `Conflict`.
    pub(in crate::store) async fn save_session(
        &self,
        key: &SessionKey,
        expected_version: i64,
        state_json: String,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<i64, StoreError> {
        let key = key.to_string();
        self.write("save_session", move |conn| {
            let changed = conn.prepare_cached(sql::SAVE_SESSION)?.execute(params![
                state_json,
                now.as_millis(),
                expires_at.as_millis(),
                key,
                expected_version
            ])?;
            if changed == 1 {
                return Ok(expected_version + 1);
            }
            let exists = conn.prepare_cached(sql::SESSION_EXISTS)?.exists([&key])?;
            Err(if exists {
                StoreError::Conflict {
                    expected: expected_version,
                }
            } else {
                StoreError::NotFound
            })
        })
        .await
    }

    /// Records where a flow's message lives (set once the message is posted).
    pub(in crate::store) async fn set_session_message(
        &self,
        key: &SessionKey,
        channel_id: Snowflake,
        message_id: Snowflake,
    ) -> Result<bool, StoreError> {
        let key = key.to_string();
        self.write("set_session_message", move |conn| {
            let changed = conn
                .prepare_cached(sql::SET_SESSION_MESSAGE)?
                .execute(params![channel_id.as_i64(), message_id.as_i64(), key])?;
            Ok(changed == 1)
        })
        .await
    }

    /// Marks activity, writing only when the stored stamp is older than the touch
    /// threshold (hot flows don't write on every click). Returns whether it wrote.
    pub(in crate::store) async fn touch_session(
        &self,
        key: &SessionKey,
        now: Timestamp,
        stale_before: Timestamp,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let key = key.to_string();
        self.write("touch_session", move |conn| {
            let changed = conn.prepare_cached(sql::TOUCH_SESSION)?.execute(params![
                now.as_millis(),
                expires_at.as_millis(),
                key,
                stale_before.as_millis()
            ])?;
            Ok(changed == 1)
        })
        .await
    }

    /// A member's open flows in a guild, oldest first (its length is the count).
    pub(in crate::store) async fn open_sessions_for_user(
        &self,
        guild_id: Snowflake,
        user_id: Snowflake,
        now: Timestamp,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        self.read("open_sessions_for_user", move |conn| {
            let mut stmt = conn.prepare_cached(sql::OPEN_SESSIONS_FOR_USER)?;
            let params = params![guild_id.as_i64(), user_id.as_i64(), now.as_millis()];
            let rows = stmt.query_map(params, |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            })?;
            rows.map(|row| {
                let (key, kind, channel_id, message_id, last_seen_at) = row?;
                Ok(SessionSummary {
                    key: parse_key(&key)?,
                    kind,
                    channel_id: optional_id(channel_id)?,
                    message_id: optional_id(message_id)?,
                    last_seen_at: Timestamp::from_millis(last_seen_at),
                })
            })
            .collect()
        })
        .await
    }

    /// Deletes many flows in one statement; returns how many existed.
    pub(in crate::store) async fn delete_sessions(
        &self,
        keys: &[SessionKey],
    ) -> Result<usize, StoreError> {
        let keys_json =
            serde_json::to_string(&keys.iter().map(ToString::to_string).collect::<Vec<_>>())
                .map_err(|err| StoreError::Corrupt(err.to_string()))?;
        self.write("delete_sessions", move |conn| {
            Ok(conn
                .prepare_cached(
                    "DELETE FROM temp_sessions WHERE session_key IN (SELECT value FROM json_each(?1))",
                )?
                .execute([keys_json])?)
        })
        .await
    }

    /// Deletes up to `chunk` flows whose `expires_at` is at or before `now`, in one short
    /// transaction, and returns them. Call it again until it returns fewer than `chunk`.
    pub(in crate::store) async fn expire_sessions_chunk(
        &self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<ExpiredSession>, StoreError> {
        self.write("expire_sessions_chunk", move |conn| {
            let mut stmt = conn.prepare_cached(
                "DELETE FROM temp_sessions WHERE rowid IN \
                 (SELECT rowid FROM temp_sessions WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2) \
                 RETURNING session_key, user_id, guild_id, channel_id, message_id",
            )?;
            let rows = stmt.query_map(params![now.as_millis(), limit], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<i64>>(4)?,
                ))
            })?;
            rows.map(|row| {
                let (key, user_id, guild_id, channel_id, message_id) = row?;
                Ok(ExpiredSession {
                    key: parse_key(&key)?,
                    user_id: id(user_id)?,
                    guild_id: id(guild_id)?,
                    channel_id: optional_id(channel_id)?,
                    message_id: optional_id(message_id)?,
                })
            })
            .collect()
        })
        .await
    }

    /// How many flows are stored (for metrics and reports).
    pub(in crate::store) async fn count_sessions(&self) -> Result<u64, StoreError> {
        self.read("count_sessions", |conn| {
            let count: i64 = conn.query_row(sql::COUNT_SESSIONS, [], |r| r.get(0))?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
        .await
    }
}

fn load(conn: &Connection, key: &str) -> Result<Option<Session>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SESSION_COLUMNS} FROM temp_sessions WHERE session_key = ?1"
    ))?;
    let raw = stmt.query_row([key], RawSession::from_row).optional()?;
    raw.map(RawSession::into_session).transpose()
}

/// A row as SQLite has it, before ids and keys are checked.
struct RawSession {
    key: String,
    user_id: i64,
    guild_id: i64,
    kind: String,
    state_json: String,
    version: i64,
    channel_id: Option<i64>,
    message_id: Option<i64>,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
}

impl RawSession {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            key: row.get(0)?,
            user_id: row.get(1)?,
            guild_id: row.get(2)?,
            kind: row.get(3)?,
            state_json: row.get(4)?,
            version: row.get(5)?,
            channel_id: row.get(6)?,
            message_id: row.get(7)?,
            created_at: row.get(8)?,
            last_seen_at: row.get(9)?,
            expires_at: row.get(10)?,
        })
    }

    fn into_session(self) -> Result<Session, StoreError> {
        Ok(Session {
            key: parse_key(&self.key)?,
            user_id: id(self.user_id)?,
            guild_id: id(self.guild_id)?,
            kind: self.kind,
            state_json: self.state_json,
            version: self.version,
            channel_id: optional_id(self.channel_id)?,
            message_id: optional_id(self.message_id)?,
            created_at: Timestamp::from_millis(self.created_at),
            last_seen_at: Timestamp::from_millis(self.last_seen_at),
            expires_at: Timestamp::from_millis(self.expires_at),
        })
    }
}

/// Inserts a new flow's row. Its key is `req_<userId>_<now>`; when that key is taken (two
/// flows of one member in the same millisecond) the next free millisecond is used.
fn insert_session(
    conn: &Connection,
    new: NewSession,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<Session, StoreError> {
    let mut key = SessionKey::new(new.user_id, now);
    let mut insert = conn.prepare_cached(sql::INSERT_SESSION)?;
    loop {
        let inserted = insert.execute(params![
            key.to_string(),
            new.user_id.as_i64(),
            new.guild_id.as_i64(),
            new.kind,
            new.state_json,
            new.channel_id.map(Snowflake::as_i64),
            now.as_millis(),
            expires_at.as_millis(),
        ])?;
        if inserted == 1 {
            break;
        }
        key = key.next();
    }
    Ok(Session::inserted(key, new, now, expires_at))
}
