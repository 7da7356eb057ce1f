//! The audit log, handed-over materials and recently closed claims on PostgreSQL.

use tokio_postgres::types::ToSql;

use super::requests::{stored_request, REQUEST_COLUMNS};
use super::Postgres;
use crate::domain::{Snowflake, Timestamp};
use crate::store::rows::{id, small};
use crate::store::{AuditEntry, AuditPage, StoreError, StoredRequest};

impl Postgres {
    /// See `Store::audit_log`; `pattern` is a LIKE pattern with `\` as escape (ILIKE:
    /// case-insensitive, as SQLite's LIKE is for ASCII).
    pub(in crate::store) async fn audit_log(
        &self,
        guild: Snowflake,
        pattern: String,
        offset: u32,
        limit: u32,
    ) -> Result<AuditPage, StoreError> {
        self.run("audit_log", async |client| {
            let count = client
                .prepare_cached(
                    "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id \
                     WHERE r.guild_id = $1 AND r.character_name ILIKE $2 ESCAPE '\\'",
                )
                .await?;
            let page = client
                .prepare_cached(
                    "SELECT r.number, r.item, r.character_name, e.actor_id, e.action, e.note, e.at \
                     FROM request_events e JOIN requests r ON r.id = e.request_id \
                     WHERE r.guild_id = $1 AND r.character_name ILIKE $2 ESCAPE '\\' \
                     ORDER BY e.at DESC, e.id DESC LIMIT $3 OFFSET $4",
                )
                .await?;
            let guild = guild.as_i64();
            let (limit, offset) = (i64::from(limit), i64::from(offset));
            let filter: [&(dyn ToSql + Sync); 2] = [&guild, &pattern];
            let paged: [&(dyn ToSql + Sync); 4] = [&guild, &pattern, &limit, &offset];
            let (total, rows) = tokio::try_join!(
                client.query_one(&count, &filter),
                client.query(&page, &paged)
            )?;
            let entries = rows
                .iter()
                .map(|r| {
                    Ok(AuditEntry {
                        number: small(r.try_get(0)?)?,
                        item: r.try_get(1)?,
                        character_name: r.try_get(2)?,
                        actor_id: id(r.try_get(3)?)?,
                        action: r.try_get(4)?,
                        note: r.try_get(5)?,
                        at: Timestamp::from_millis(r.try_get(6)?),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(AuditPage {
                entries,
                total: u64::try_from(total.try_get::<_, i64>(0)?).unwrap_or(0),
            })
        })
        .await
    }

    #[allow(clippy::too_many_arguments)] // the row, the compare-and-swap pair, the event
    pub(in crate::store) async fn record_handover(
        &self,
        guild: Snowflake,
        number: u32,
        expected: String,
        materials_json: String,
        actor: Snowflake,
        note: String,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        // The CAS update and its event in one statement: atomic, one round trip.
        self.run("record_handover", async |client| {
            let stmt = client
                .prepare_cached(
                    "WITH changed AS (UPDATE requests SET materials_json = $1, updated_at = $2 \
                     WHERE guild_id = $3 AND number = $4 AND materials_json = $5 \
                     AND status IN ('open', 'claimed', 'in_progress') RETURNING id) \
                     INSERT INTO request_events (request_id, actor_id, action, note, at) \
                     SELECT id, $6, 'materials_received', $7, $2 FROM changed",
                )
                .await?;
            let recorded = client
                .execute(
                    &stmt,
                    &[
                        &materials_json,
                        &now.as_millis(),
                        &guild.as_i64(),
                        &i64::from(number),
                        &expected,
                        &actor.as_i64(),
                        &note,
                    ],
                )
                .await?;
            if recorded == 0 {
                return Err(StoreError::Conflict { expected: 0 });
            }
            Ok(())
        })
        .await
    }

    pub(in crate::store) async fn recently_closed_claims(
        &self,
        guild: Snowflake,
        crafter: Snowflake,
        since: Timestamp,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        self.run("recently_closed_claims", async |client| {
            let stmt = client
                .prepare_cached(&format!(
                    "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = $1 AND status IN ('cancelled', 'denied') \
                     AND claimed_by = $2 AND updated_at >= $3 ORDER BY updated_at DESC LIMIT 10"
                ))
                .await?;
            let rows = client
                .query(
                    &stmt,
                    &[&guild.as_i64(), &crafter.as_i64(), &since.as_millis()],
                )
                .await?;
            rows.iter().map(stored_request).collect()
        })
        .await
    }
}
