//! What a crash leaves half done, on SQLite (see `store::recovery`).

use rusqlite::params;

use super::requests::{stored_request, REQUEST_COLUMNS};
use super::Sqlite;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::store::sql;
use crate::store::{StoreError, StoredRequest};

impl Sqlite {
    pub(in crate::store) async fn sessions_without_message(
        &self,
        before: Timestamp,
    ) -> Result<Vec<(SessionKey, Snowflake)>, StoreError> {
        self.read("sessions_without_message", move |conn| {
            let mut stmt = conn.prepare_cached(sql::SESSIONS_WITHOUT_MESSAGE)?;
            let rows: Vec<(String, i64)> = stmt
                .query_map([before.as_millis()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            rows.into_iter()
                .map(|(key, channel)| {
                    Ok((
                        SessionKey::parse(&key).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                        Snowflake::from_i64(channel)
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    ))
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn request_for_session(
        &self,
        key: &SessionKey,
    ) -> Result<Option<StoredRequest>, StoreError> {
        let key = key.to_string();
        self.read("request_for_session", move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests WHERE session_key = ?1"
            ))?;
            let mut rows = stmt.query([key])?;
            rows.next()?.map(stored_request).transpose()
        })
        .await
    }

    pub(in crate::store) async fn requests_missing_from_board(
        &self,
        guild: Snowflake,
        since: Timestamp,
        limit: usize,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read("requests_missing_from_board", move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = ?1 AND board_message_id IS NULL \
                 AND session_key IS NOT NULL AND created_at >= ?2 ORDER BY number LIMIT ?3"
            ))?;
            let mut rows = stmt.query(params![guild.as_i64(), since.as_millis(), limit])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(stored_request(row)?);
            }
            Ok(out)
        })
        .await
    }
}
