//! The Profession-Request bot's history → craftdesk's `request_events` rows.
//!
//! Each request carried an `audit_log`: a JSON array of `{"action", "by", "at", ...details}`
//! where `action` is a keyword (`claimed`, `partial_completed`, ...) or a sentence
//! (`"Request cancelled by admin: <reason>"`). The separate `action_logs` table has one row
//! per action with `details_json`. Both become an event with craftdesk's action name; the
//! legacy wording and details are kept in the note.

use serde_json::{Map, Value};

use super::time::{epoch_number_to_millis, parse_legacy_time};
use crate::domain::Snowflake;

/// One event to append to an imported request's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEvent {
    pub actor: Snowflake,
    pub action: String,
    pub note: Option<String>,
    pub at: i64,
}

/// Legacy keywords that map to an action without losing anything (no note needed).
const KEYWORDS: [&str; 7] = [
    "created",
    "claimed",
    "released",
    "completed",
    "partial_completed",
    "denied",
    "cancelled",
];

/// craftdesk's action for a legacy action keyword or sentence.
#[must_use]
pub fn event_action(legacy: &str) -> String {
    let text = legacy.trim().to_lowercase();
    let has = |word: &str| text.contains(word);
    let action = if has("partial") {
        "partially_completed"
    } else if has("reassign") {
        "reassigned"
    } else if has("reopen") {
        "reopened"
    } else if has("cancel") || has("denied") || has("deny") {
        "cancelled"
    } else if has("release") || has("unclaim") {
        "released"
    } else if has("complet") {
        "completed"
    } else if has("claim") {
        "claimed"
    } else if has("in_progress") || has("start") {
        "started"
    } else if has("creat") || has("submit") {
        "created"
    } else {
        "legacy"
    };
    action.to_owned()
}

/// An audit log entry left out: which one (`entry 3`, or `audit_log` for all), and why.
pub type SkippedEntry = (String, String);

/// The events of one request's `audit_log`, and the entries left out.
#[must_use]
pub fn audit_log_events(audit_log: Option<&str>) -> (Vec<LegacyEvent>, Vec<SkippedEntry>) {
    let text = audit_log.unwrap_or_default().trim();
    if text.is_empty() || text == "null" {
        return (Vec::new(), Vec::new());
    }
    let entries = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(entries)) => entries,
        Ok(Value::Object(entry)) => vec![Value::Object(entry)],
        _ => {
            let reason = "not a JSON array of entries".to_owned();
            return (Vec::new(), vec![("audit_log".to_owned(), reason)]);
        }
    };
    let mut events = Vec::with_capacity(entries.len());
    let mut skipped = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        match entry
            .as_object()
            .ok_or("not an object".to_owned())
            .and_then(audit_entry)
        {
            Ok(event) => events.push(event),
            Err(reason) => skipped.push((format!("entry {}", index + 1), reason)),
        }
    }
    (events, skipped)
}

fn audit_entry(entry: &Map<String, Value>) -> Result<LegacyEvent, String> {
    let action_text = entry
        .get("action")
        .and_then(Value::as_str)
        .ok_or("no action")?;
    let actor = entry
        .get("by")
        .and_then(snowflake_of)
        .ok_or("`by` is not a Discord id")?;
    let at = entry
        .get("at")
        .and_then(time_of)
        .ok_or("`at` is not a time")?;
    Ok(LegacyEvent {
        actor,
        action: event_action(action_text),
        note: note(action_text, entry, &["action", "by", "at"]),
        at,
    })
}

/// One `action_logs` row as an event: actor, action type, timestamp and details.
pub fn action_log_event(
    user_id: Option<&str>,
    action_type: Option<&str>,
    timestamp: Option<&str>,
    details_json: Option<&str>,
) -> Result<LegacyEvent, String> {
    let actor = user_id
        .and_then(|id| id.trim().parse::<Snowflake>().ok())
        .ok_or("its user_id is not a Discord id")?;
    let action_type = action_type.unwrap_or_default();
    let at = timestamp
        .and_then(parse_legacy_time)
        .ok_or("its timestamp is not a time")?;
    let details = match details_json.map(|d| serde_json::from_str::<Value>(d.trim())) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    };
    Ok(LegacyEvent {
        actor,
        action: event_action(action_type),
        note: note(action_type, &details, &[]),
        at,
    })
}

/// The legacy wording when it says more than the action name, then a `reason`, then the
/// other details as `key: value`.
fn note(action_text: &str, details: &Map<String, Value>, skip: &[&str]) -> Option<String> {
    let mut parts = Vec::new();
    let keyword = action_text.trim().to_lowercase();
    if !KEYWORDS.contains(&keyword.as_str()) && !keyword.is_empty() {
        parts.push(action_text.trim().to_owned());
    }
    if let Some(reason) = details.get("reason").map(plain) {
        parts.push(reason);
    }
    for (key, value) in details {
        if key != "reason" && !skip.contains(&key.as_str()) && !value.is_null() {
            parts.push(format!("{key}: {}", plain(value)));
        }
    }
    let note = parts.join("; ");
    (!note.is_empty()).then_some(note)
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn snowflake_of(value: &Value) -> Option<Snowflake> {
    match value {
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| Snowflake::new(n).ok()),
        _ => None,
    }
}

fn time_of(value: &Value) -> Option<i64> {
    match value {
        Value::String(text) => parse_legacy_time(text),
        Value::Number(n) => n.as_i64().map(epoch_number_to_millis),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const NOON: i64 = 1_714_564_800_000;

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).unwrap()
    }

    #[test]
    fn keywords_and_sentences_map_to_craftdesk_actions() {
        for (legacy, ours) in [
            ("created", "created"),
            ("claimed", "claimed"),
            ("released", "released"),
            ("completed", "completed"),
            ("partial_completed", "partially_completed"),
            ("cancelled_character_deleted", "cancelled"),
            ("Cancelled by requester", "cancelled"),
            ("Request cancelled by admin: too expensive", "cancelled"),
            ("Request reassigned", "reassigned"),
            ("Request reopened by admin", "reopened"),
            ("createRequest", "created"),
            ("something else", "legacy"),
        ] {
            assert_eq!(event_action(legacy), ours, "{legacy}");
        }
    }

    #[test]
    fn audit_entries_keep_who_when_and_the_details() {
        let log = format!(
            r#"[{{"action":"created","by":"111","at":"2024-05-01T12:00:00.000Z"}},
               {{"action":"claimed","by":"222","at":"2024-05-01 12:00:00","userName":"Jaina"}},
               {{"action":"Request cancelled by admin: too expensive","by":333,"at":{NOON}}},
               {{"action":"cancelled_character_deleted","by":"111","at":"2024-05-01T12:00:00Z","reason":"Character deleted by owner"}},
               {{"action":"claimed","at":"2024-05-01T12:00:00Z"}},
               "junk"]"#
        );
        let (events, skipped) = audit_log_events(Some(&log));
        assert_eq!(
            events,
            vec![
                LegacyEvent {
                    actor: id(111),
                    action: "created".into(),
                    note: None,
                    at: NOON
                },
                LegacyEvent {
                    actor: id(222),
                    action: "claimed".into(),
                    note: Some("userName: Jaina".into()),
                    at: NOON
                },
                LegacyEvent {
                    actor: id(333),
                    action: "cancelled".into(),
                    note: Some("Request cancelled by admin: too expensive".into()),
                    at: NOON
                },
                LegacyEvent {
                    actor: id(111),
                    action: "cancelled".into(),
                    note: Some("cancelled_character_deleted; Character deleted by owner".into()),
                    at: NOON
                },
            ]
        );
        assert_eq!(
            skipped,
            vec![
                ("entry 5".to_owned(), "`by` is not a Discord id".to_owned()),
                ("entry 6".to_owned(), "not an object".to_owned())
            ]
        );
        assert_eq!(audit_log_events(None), (Vec::new(), Vec::new()));
        assert_eq!(audit_log_events(Some("not json")).1.len(), 1);
    }

    #[test]
    fn action_log_rows_become_events() {
        let event = action_log_event(
            Some("111"),
            Some("claimRequest"),
            Some("2024-05-01 12:00:00"),
            Some(r#"{"item":"Enchant Boots - Minor Speed"}"#),
        )
        .unwrap();
        assert_eq!(event.action, "claimed");
        assert_eq!(event.at, NOON);
        assert_eq!(
            event.note.as_deref(),
            Some("claimRequest; item: Enchant Boots - Minor Speed")
        );
        assert!(action_log_event(Some("nobody"), Some("x"), Some("2024-05-01"), None).is_err());
        assert!(action_log_event(Some("111"), Some("x"), Some("soon"), None).is_err());
    }
}
