//! What a crash leaves half done, on PostgreSQL (see `store::recovery`).

use super::requests::{stored_request, REQUEST_COLUMNS};
use super::Postgres;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::store::rows::{id, parse_key};
use crate::store::sql::{self, pg};
use crate::store::{StoreError, StoredRequest};

impl Postgres {
    pub(in crate::store) async fn sessions_without_message(
        &self,
        before: Timestamp,
    ) -> Result<Vec<(SessionKey, Snowflake)>, StoreError> {
        self.run("sessions_without_message", async |client| {
            let stmt = client
                .prepare_cached(pg!(sql::SESSIONS_WITHOUT_MESSAGE))
                .await?;
            let rows = client.query(&stmt, &[&before.as_millis()]).await?;
            rows.iter()
                .map(|r| {
                    let key: String = r.try_get(0)?;
                    Ok((parse_key(&key)?, id(r.try_get(1)?)?))
                })
                .collect()
        })
        .await
    }

    pub(in crate::store) async fn request_for_session(
        &self,
        key: &SessionKey,
    ) -> Result<Option<StoredRequest>, StoreError> {
        self.run("request_for_session", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests WHERE session_key = $1"
                ))
                .await?;
            let row = client.query_opt(&stmt, &[&key.to_string()]).await?;
            row.as_ref().map(stored_request).transpose()
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
        self.run("requests_missing_from_board", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = $1 AND board_message_id IS NULL \
                     AND session_key IS NOT NULL AND created_at >= $2 ORDER BY number LIMIT $3"
                ))
                .await?;
            let rows = client
                .query(&stmt, &[&guild.as_i64(), &since.as_millis(), &limit])
                .await?;
            rows.iter().map(stored_request).collect()
        })
        .await
    }
}
