//! `temp_sessions` on PostgreSQL: CAS saves on `version`, conditional touch, and expiry in
//! chunks by the indexed `expires_at` that skips rows another process is expiring (see
//! `store/sessions.rs` for the contract).

use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use super::{count, Postgres};
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::store::rows::{id, optional_id, parse_key};
use crate::store::sql::{self, pg};
use crate::store::{ExpiredSession, NewSession, Session, SessionSummary, StoreError};

impl Postgres {
    pub(in crate::store) async fn create_session(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<Session, StoreError> {
        self.run("create_session", async |client| {
            insert_session(&client, new, now, expires_at).await
        })
        .await
    }

    /// Starts a flow unless the member has `max_open` live ones of its kind: counted and
    /// inserted in one transaction, serialised per member by an advisory lock.
    pub(in crate::store) async fn create_session_within(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
        max_open: u32,
    ) -> Result<Session, StoreError> {
        self.run("create_session_within", async |mut client| {
            let tx = client.transaction().await?;
            lock_member_sessions(&tx, &new).await?;
            let stmt = tx.prepare_cached(pg!(sql::COUNT_OPEN_SESSIONS)).await?;
            let open: i64 = tx
                .query_one(
                    &stmt,
                    &[
                        &new.guild_id.as_i64(),
                        &new.user_id.as_i64(),
                        &new.kind,
                        &now.as_millis(),
                    ],
                )
                .await?
                .try_get(0)?;
            let open = u32::try_from(open).unwrap_or(u32::MAX);
            if open >= max_open {
                return Err(StoreError::TooManyOpen { open });
            }
            let session = insert_session(&tx, new, now, expires_at).await?;
            tx.commit().await?;
            Ok(session)
        })
        .await
    }

    /// The member's one live session of the kind, restarted, or a new one (see
    /// `Store::open_single_session`).
    pub(in crate::store) async fn open_single_session(
        &self,
        new: NewSession,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<Session, StoreError> {
        self.run("open_single_session", async |mut client| {
            let tx = client.transaction().await?;
            lock_member_sessions(&tx, &new).await?;
            let (guild, user) = (new.guild_id.as_i64(), new.user_id.as_i64());
            let stmt = tx.prepare_cached(pg!(sql::LIVE_SESSION_KEY)).await?;
            let live: Option<String> = tx
                .query_opt(&stmt, &[&guild, &user, &new.kind, &now.as_millis()])
                .await?
                .map(|row| row.try_get(0))
                .transpose()?;
            let stmt = tx
                .prepare_cached(
                    "DELETE FROM temp_sessions WHERE guild_id = $1 AND user_id = $2 AND kind = $3 \
                     AND session_key IS DISTINCT FROM $4",
                )
                .await?;
            tx.execute(&stmt, &[&guild, &user, &new.kind, &live])
                .await?;
            let session = match live {
                None => insert_session(&tx, new, now, expires_at).await?,
                Some(key) => {
                    let stmt = tx
                        .prepare_cached(&format!(
                            "UPDATE temp_sessions SET state_json = $1, version = version + 1, \
                             last_seen_at = $2, expires_at = $3 WHERE session_key = $4 \
                             RETURNING {SESSION_COLUMNS}"
                        ))
                        .await?;
                    let row = tx
                        .query_one(
                            &stmt,
                            &[
                                &new.state_json,
                                &now.as_millis(),
                                &expires_at.as_millis(),
                                &key,
                            ],
                        )
                        .await?;
                    session_from_row(&row)?
                }
            };
            tx.commit().await?;
            Ok(session)
        })
        .await
    }

    pub(in crate::store) async fn session(
        &self,
        key: &SessionKey,
    ) -> Result<Option<Session>, StoreError> {
        self.run("session", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {SESSION_COLUMNS} FROM temp_sessions WHERE session_key = $1"
                ))
                .await?;
            let row = client.query_opt(&stmt, &[&key.to_string()]).await?;
            row.as_ref().map(session_from_row).transpose()
        })
        .await
    }

    pub(in crate::store) async fn save_session(
        &self,
        key: &SessionKey,
        expected_version: i64,
        state_json: String,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<i64, StoreError> {
        self.run("save_session", async |client| {
            let key = key.to_string();
            let update = client.prepare_cached(pg!(sql::SAVE_SESSION)).await?;
            let changed = client
                .execute(
                    &update,
                    &[
                        &state_json,
                        &now.as_millis(),
                        &expires_at.as_millis(),
                        &key,
                        &expected_version,
                    ],
                )
                .await?;
            if changed == 1 {
                return Ok(expected_version + 1);
            }
            let exists = client.prepare_cached(pg!(sql::SESSION_EXISTS)).await?;
            Err(if client.query_opt(&exists, &[&key]).await?.is_some() {
                StoreError::Conflict {
                    expected: expected_version,
                }
            } else {
                StoreError::NotFound
            })
        })
        .await
    }

    pub(in crate::store) async fn set_session_message(
        &self,
        key: &SessionKey,
        channel_id: Snowflake,
        message_id: Snowflake,
    ) -> Result<bool, StoreError> {
        self.run("set_session_message", async |client| {
            let stmt = client.prepare_cached(pg!(sql::SET_SESSION_MESSAGE)).await?;
            let changed = client
                .execute(
                    &stmt,
                    &[&channel_id.as_i64(), &message_id.as_i64(), &key.to_string()],
                )
                .await?;
            Ok(changed == 1)
        })
        .await
    }

    pub(in crate::store) async fn touch_session(
        &self,
        key: &SessionKey,
        now: Timestamp,
        stale_before: Timestamp,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.run("touch_session", async |client| {
            let stmt = client.prepare_cached(pg!(sql::TOUCH_SESSION)).await?;
            let changed = client
                .execute(
                    &stmt,
                    &[
                        &now.as_millis(),
                        &expires_at.as_millis(),
                        &key.to_string(),
                        &stale_before.as_millis(),
                    ],
                )
                .await?;
            Ok(changed == 1)
        })
        .await
    }

    pub(in crate::store) async fn open_sessions_for_user(
        &self,
        guild_id: Snowflake,
        user_id: Snowflake,
        now: Timestamp,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        self.run("open_sessions_for_user", async |client| {
            let stmt = client
                .prepare_cached(pg!(sql::OPEN_SESSIONS_FOR_USER))
                .await?;
            let rows = client
                .query(
                    &stmt,
                    &[&guild_id.as_i64(), &user_id.as_i64(), &now.as_millis()],
                )
                .await?;
            rows.iter()
                .map(|row| {
                    Ok(SessionSummary {
                        key: parse_key(row.try_get(0)?)?,
                        kind: row.try_get(1)?,
                        channel_id: optional_id(row.try_get(2)?)?,
                        message_id: optional_id(row.try_get(3)?)?,
                        last_seen_at: Timestamp::from_millis(row.try_get(4)?),
                    })
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn delete_sessions(
        &self,
        keys: &[SessionKey],
    ) -> Result<usize, StoreError> {
        let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
        self.run("delete_sessions", async |client| {
            let stmt = client
                .prepare_cached("DELETE FROM temp_sessions WHERE session_key = ANY($1)")
                .await?;
            Ok(count(client.execute(&stmt, &[&keys]).await?))
        })
        .await
    }

    /// One chunk, oldest first. Rows another process is expiring at this moment are
    /// skipped rather than waited for, so two cleanup tasks never work the same rows.
    pub(in crate::store) async fn expire_sessions_chunk(
        &self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<ExpiredSession>, StoreError> {
        self.run("expire_sessions_chunk", async |client| {
            let stmt = client
                .prepare_cached(
                    "DELETE FROM temp_sessions WHERE session_key IN \
                     (SELECT session_key FROM temp_sessions WHERE expires_at <= $1 \
                      ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) \
                     RETURNING session_key, user_id, guild_id, channel_id, message_id",
                )
                .await?;
            let rows = client.query(&stmt, &[&now.as_millis(), &limit]).await?;
            rows.iter()
                .map(|row| {
                    Ok(ExpiredSession {
                        key: parse_key(row.try_get(0)?)?,
                        user_id: id(row.try_get(1)?)?,
                        guild_id: id(row.try_get(2)?)?,
                        channel_id: optional_id(row.try_get(3)?)?,
                        message_id: optional_id(row.try_get(4)?)?,
                    })
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn count_sessions(&self) -> Result<u64, StoreError> {
        self.run("count_sessions", async |client| {
            let total: i64 = client
                .query_one(pg!(sql::COUNT_SESSIONS), &[])
                .await?
                .try_get(0)?;
            Ok(u64::try_from(total).unwrap_or(0))
        })
        .await
    }
}

fn session_from_row(row: &Row) -> Result<Session, StoreError> {
    Ok(Session {
        key: parse_key(row.try_get(0)?)?,
        user_id: id(row.try_get(1)?)?,
        guild_id: id(row.try_get(2)?)?,
        kind: row.try_get(3)?,
        state_json: row.try_get(4)?,
        version: row.try_get(5)?,
        channel_id: optional_id(row.try_get(6)?)?,
        message_id: optional_id(row.try_get(7)?)?,
        created_at: Timestamp::from_millis(row.try_get(8)?),
        last_seen_at: Timestamp::from_millis(row.try_get(9)?),
        expires_at: Timestamp::from_millis(row.try_get(10)?),
    })
}

const SESSION_COLUMNS: &str = "session_key, user_id, guild_id, kind, state_json, version, \
     channel_id, message_id, created_at, last_seen_at, expires_at";

/// Serialises session starts of one member in one guild (until the transaction ends).
async fn lock_member_sessions(
    tx: &deadpool_postgres::Transaction<'_>,
    new: &NewSession,
) -> Result<(), StoreError> {
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('sessions:' || $1::BIGINT || ':' || $2::BIGINT, 0))",
        &[&new.guild_id.as_i64(), &new.user_id.as_i64()],
    )
    .await?;
    Ok(())
}

/// Inserts a new flow's row. Its key is `req_<userId>_<now>`; when that key is taken (two
/// flows of one member in the same millisecond) the next free millisecond is used.
async fn insert_session(
    client: &impl GenericClient,
    new: NewSession,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<Session, StoreError> {
    let insert = client.prepare_cached(pg!(sql::INSERT_SESSION)).await?;
    let mut key = SessionKey::new(new.user_id, now);
    loop {
        let inserted = client
            .execute(
                &insert,
                &[
                    &key.to_string(),
                    &new.user_id.as_i64(),
                    &new.guild_id.as_i64(),
                    &new.kind,
                    &new.state_json,
                    &new.channel_id.map(Snowflake::as_i64),
                    &now.as_millis(),
                    &expires_at.as_millis(),
                ],
            )
            .await?;
        if inserted == 1 {
            break;
        }
        key = key.next();
    }
    Ok(Session::inserted(key, new, now, expires_at))
}
