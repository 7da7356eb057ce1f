//! The audit log, handed-over materials and recently closed claims on SQLite.

use rusqlite::{params, OptionalExtension};

use super::requests::{record_event, stored_request, REQUEST_COLUMNS};
use super::Sqlite;
use crate::domain::{Snowflake, Timestamp};
use crate::store::{AuditEntry, AuditPage, StoreError, StoredRequest};

impl Sqlite {
    /// See `Store::audit_log`; `pattern` is a LIKE pattern with `\` as escape.
    pub(in crate::store) async fn audit_log(
        &self,
        guild: Snowflake,
        pattern: String,
        offset: u32,
        limit: u32,
    ) -> Result<AuditPage, StoreError> {
        self.read("audit_log", move |conn| {
            let total: i64 = conn
                .prepare_cached(
                    "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id \
                     WHERE r.guild_id = ?1 AND r.character_name LIKE ?2 ESCAPE '\\'",
                )?
                .query_row(params![guild.as_i64(), pattern], |r| r.get(0))?;
            let mut stmt = conn.prepare_cached(
                "SELECT r.number, r.item, r.character_name, e.actor_id, e.action, e.note, e.at \
                 FROM request_events e JOIN requests r ON r.id = e.request_id \
                 WHERE r.guild_id = ?1 AND r.character_name LIKE ?2 ESCAPE '\\' \
                 ORDER BY e.at DESC, e.id DESC LIMIT ?3 OFFSET ?4",
            )?;
            let rows = stmt.query_map(params![guild.as_i64(), pattern, limit, offset], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })?;
            let mut entries = Vec::new();
            for row in rows {
                let (number, item, character_name, actor, action, note, at) = row?;
                entries.push(AuditEntry {
                    number,
                    item,
                    character_name,
                    actor_id: Snowflake::from_i64(actor)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    action,
                    note,
                    at: Timestamp::from_millis(at),
                });
            }
            Ok(AuditPage {
                entries,
                total: u64::try_from(total).unwrap_or(0),
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
        self.write("record_handover", move |conn| {
            let id: Option<i64> = conn
                .prepare_cached(
                    "UPDATE requests SET materials_json = ?1, updated_at = ?2 \
                     WHERE guild_id = ?3 AND number = ?4 AND materials_json = ?5 \
                     AND status IN ('open', 'claimed', 'in_progress') RETURNING id",
                )?
                .query_row(
                    params![
                        materials_json,
                        now.as_millis(),
                        guild.as_i64(),
                        number,
                        expected
                    ],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id) = id else {
                return Err(StoreError::Conflict { expected: 0 });
            };
            record_event(conn, id, actor, "materials_received", Some(&note), now)
        })
        .await
    }

    pub(in crate::store) async fn recently_closed_claims(
        &self,
        guild: Snowflake,
        crafter: Snowflake,
        since: Timestamp,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        self.read("recently_closed_claims", move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests WHERE guild_id = ?1 AND status IN ('cancelled', 'denied') \
                 AND claimed_by = ?2 AND updated_at >= ?3 ORDER BY updated_at DESC LIMIT 10"
            ))?;
            let mut rows = stmt.query(params![guild.as_i64(), crafter.as_i64(), since.as_millis()])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(stored_request(row)?);
            }
            Ok(out)
        })
        .await
    }
}
