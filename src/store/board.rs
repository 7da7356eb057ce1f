//! What crafters and officers read and record beside status changes: the guild's audit log
//! (every request event, newest first, searchable by character), materials handed over by
//! requesters, and the requests a crafter had that were recently cancelled or denied.

use super::{on_backend, Store, StoreError, StoredRequest};
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

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally
/// (both backends use `ESCAPE '\'`).
pub(super) fn contains_pattern(text: Option<&str>) -> String {
    let mut pattern = String::from("%");
    for c in text.unwrap_or_default().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if pattern.len() > 1 {
        pattern.push('%');
    }
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
        let pattern = contains_pattern(character.as_deref());
        on_backend!(self, db => db.audit_log(guild, pattern, offset, limit))
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
        on_backend!(self, db => db.record_handover(guild, number, expected, materials_json, actor, note, now))
    }

    /// Requests `crafter` had claimed that were cancelled or denied since `since`, newest
    /// first (at most 10): the "recently cancelled" part of their work.
    pub async fn recently_closed_claims(
        &self,
        guild: Snowflake,
        crafter: Snowflake,
        since: Timestamp,
    ) -> Result<Vec<StoredRequest>, StoreError> {
        on_backend!(self, db => db.recently_closed_claims(guild, crafter, since))
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_wildcards_in_a_search_are_taken_literally() {
        assert_eq!(contains_pattern(None), "%");
        assert_eq!(contains_pattern(Some("Ann")), "%Ann%");
        assert_eq!(contains_pattern(Some("50%_x\\")), "%50\\%\\_x\\\\%");
    }
}
