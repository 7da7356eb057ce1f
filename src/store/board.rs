//! What crafters and officers read and record beside status changes: the guild's audit log
//! (every request event, newest first, searchable by character), materials handed over by
//! requesters, and the requests a crafter had that were recently cancelled or denied.

use rusqlite::{params, OptionalExtension};

use super::requests::{record_event, stored_request, REQUEST_COLUMNS};
use super::{Store, StoreError, StoredRequest};
use crate::domain::{Snowflake, Timestamp};

/// One line of a guild's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub number: u32,
    pub item: String,
    pub character_name: String,
    pub actor_id: Snowflake,
    pub action: String,
    pub note: Option<String>,
    pub at: Timestamp,
}

/// A page of the audit log and how many entries match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
}

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Store {
    /// The guild's request events, newest first, `limit` from `offset`; with `character`,
    /// only requests whose character name contains it (case-insensitive).
    pub async fn audit_log(
        &self,
        guild: Snowflake,
        character: Option<String>,
        offset: u32,
        limit: u32,
    ) -> Result<AuditPage, StoreError> {
        let pattern = character
            .as_deref()
            .map_or_else(|| "%".to_owned(), contains_pattern);
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

    /// Stores the materials (with what was handed over) of a pending request, only if they
    /// are still `expected` (two crafters recording at once: one wins, the other gets
    /// `Conflict`); records a `materials_received` event with `note`.
    #[allow(clippy::too_many_arguments)] // the row, the compare-and-swap pair, the event
    pub async fn record_handover(
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

    /// Requests `crafter` had claimed that were cancelled or denied since `since`, newest
    /// first (at most 10): the "recently cancelled" part of their work.
    pub async fn recently_closed_claims(
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

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_wildcards_in_a_search_are_taken_literally() {
        assert_eq!(contains_pattern("Ann"), "%Ann%");
        assert_eq!(contains_pattern("50%_x\\"), "%50\\%\\_x\\\\%");
    }
}
