//! Moving from the Profession-Request bot (`craftdesk import-legacy`): its rows as read
//! from its SQLite file, and their translation into craftdesk's. Everything here is pure;
//! reading the legacy file and writing craftdesk's tables is SQL, in `store::legacy`.
//!
//! Its schema: `characters(id, user_id, name, type)`, `requests(id, user_id, character,
//! profession, gear_slot, request_id, request_name, status, claimed_by, claimed_by_name,
//! claimed_at, deny_reason, materials_json, provided_materials_json, provides_materials,
//! quantity_requested, quantity_completed, audit_log, created_at, updated_at)` and
//! `action_logs(id, user_id, action_type, target_request_id, timestamp, details_json)`.
//! SQLite typing is loose, so every value is read as optional text (integers as digits).

mod events;
mod materials;
mod report;
mod time;

pub use events::{action_log_event, audit_log_events, event_action, LegacyEvent, SkippedEntry};
pub use materials::{convert_materials, parse_amounts, ConvertedMaterials};
pub use report::{Finding, ImportReport};
pub use time::{epoch_number_to_millis, parse_legacy_time};

use crate::catalog::OTHER_SLOT;
use crate::domain::{RequestStatus, Snowflake, Timestamp};
use crate::flow::board::MAX_NOTE_CHARS;
use crate::flow::request::Plan;
use crate::flow::text::truncate;

/// The longest character, item, profession or gear slot name imported (as long as a
/// catalog name, and a select option's label): longer ones are cut, so Discord never
/// refuses a board post or a menu that shows them.
pub const MAX_IMPORTED_NAME_CHARS: usize = 100;
/// The longest cancellation reason imported (as long as one typed in craftdesk).
pub const MAX_IMPORTED_REASON_CHARS: usize = MAX_NOTE_CHARS;

/// A row of the legacy `characters` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegacyCharacter {
    pub id: i64,
    pub user_id: Option<String>,
    pub name: Option<String>,
    /// `main` or `alt`.
    pub kind: Option<String>,
}

/// A row of the legacy `requests` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegacyRequest {
    pub id: i64,
    pub user_id: Option<String>,
    pub character: Option<String>,
    pub profession: Option<String>,
    pub gear_slot: Option<String>,
    pub request_id: Option<String>,
    pub request_name: Option<String>,
    pub status: Option<String>,
    pub claimed_by: Option<String>,
    pub claimed_by_name: Option<String>,
    pub claimed_at: Option<String>,
    pub deny_reason: Option<String>,
    pub materials_json: Option<String>,
    pub provided_materials_json: Option<String>,
    pub provides_materials: Option<i64>,
    pub quantity_requested: Option<i64>,
    pub quantity_completed: Option<i64>,
    pub audit_log: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// A row of the legacy `action_logs` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegacyActionLog {
    pub id: i64,
    pub user_id: Option<String>,
    pub action_type: Option<String>,
    pub target_request_id: Option<i64>,
    pub timestamp: Option<String>,
    pub details_json: Option<String>,
}

/// Everything read from a legacy database, each table in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegacyData {
    pub characters: Vec<LegacyCharacter>,
    pub requests: Vec<LegacyRequest>,
    pub action_logs: Vec<LegacyActionLog>,
}

/// A legacy request translated into craftdesk's columns (the store adds the guild, the
/// number and the character link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRequest {
    pub user: Snowflake,
    pub character_name: String,
    pub profession: String,
    pub gear_slot: String,
    pub item: String,
    pub quantity: u32,
    pub quantity_completed: u32,
    pub status: RequestStatus,
    pub reason: Option<String>,
    pub claimed_by: Option<Snowflake>,
    pub claimed_at: Option<i64>,
    /// `flow::request::Plan` as JSON.
    pub material_plan: String,
    /// `Vec<flow::request::MaterialLine>` as JSON.
    pub materials_json: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub events: Vec<LegacyEvent>,
    /// Audit log entries left out.
    pub skipped_entries: Vec<SkippedEntry>,
    /// What was imported differently from the legacy row (a generic reason, then detail).
    pub adjustments: Vec<(String, String)>,
}

/// Whether a legacy character type means the member's main.
#[must_use]
pub fn is_main(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| k.trim().eq_ignore_ascii_case("main"))
}

/// craftdesk's status for a legacy one: its `denied` meant cancelled (and `complete` is
/// what it wrote for completed).
#[must_use]
pub fn status_of(legacy: &str) -> Option<RequestStatus> {
    match legacy
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
        .as_str()
    {
        "open" | "pending" => Some(RequestStatus::Open),
        "claimed" => Some(RequestStatus::Claimed),
        "in_progress" | "inprogress" => Some(RequestStatus::InProgress),
        "completed" | "complete" | "done" => Some(RequestStatus::Completed),
        "denied" | "cancelled" | "canceled" => Some(RequestStatus::Cancelled),
        _ => None,
    }
}

fn text(value: Option<&String>) -> Option<String> {
    let collapsed = value?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// `value` cut to `max` characters; a cut is recorded in `adjustments`.
fn bounded(
    what: &str,
    value: String,
    max: usize,
    adjustments: &mut Vec<(String, String)>,
) -> String {
    let count = value.chars().count();
    if count <= max {
        return value;
    }
    adjustments.push((
        format!("{what} longer than {max} characters; cut to {max}"),
        format!("{count} characters"),
    ));
    truncate(&value, max)
}

/// Translates one legacy request; `Err` is why it cannot be imported.
pub fn convert_request(row: &LegacyRequest, now: Timestamp) -> Result<ImportedRequest, String> {
    let user = row
        .user_id
        .as_deref()
        .and_then(|id| id.parse::<Snowflake>().ok())
        .ok_or("its user_id is not a Discord id")?;
    let status_text = row.status.as_deref().unwrap_or("open");
    let mut status =
        status_of(status_text).ok_or_else(|| format!("unknown status {status_text:?}"))?;
    let character_name = text(row.character.as_ref()).ok_or("it names no character")?;
    let profession = text(row.profession.as_ref()).ok_or("it names no profession")?;
    let item = text(row.request_name.as_ref())
        .or_else(|| text(row.request_id.as_ref()))
        .ok_or("it names no item")?;
    let mut adjustments = Vec::new();
    let gear_slot = text(row.gear_slot.as_ref()).unwrap_or_else(|| OTHER_SLOT.to_owned());
    let name = MAX_IMPORTED_NAME_CHARS;
    let character_name = bounded("character name", character_name, name, &mut adjustments);
    let profession = bounded("profession", profession, name, &mut adjustments);
    let item = bounded("item", item, name, &mut adjustments);
    let gear_slot = bounded("gear slot", gear_slot, name, &mut adjustments);
    let quantity = row
        .quantity_requested
        .and_then(|q| u32::try_from(q).ok())
        .filter(|q| *q > 0)
        .unwrap_or(1);
    let mut quantity_completed = row
        .quantity_completed
        .and_then(|q| u32::try_from(q).ok())
        .unwrap_or(0)
        .min(quantity);
    let reason = (status == RequestStatus::Cancelled).then(|| {
        let reason = text(row.deny_reason.as_ref())
            .unwrap_or_else(|| "Cancelled in the Profession-Request bot".to_owned());
        bounded(
            "reason",
            reason,
            MAX_IMPORTED_REASON_CHARS,
            &mut adjustments,
        )
    });
    let claimed_by = claimer(row, &mut status, &mut adjustments);
    if status == RequestStatus::Completed && quantity_completed == 0 {
        adjustments.push((
            "completed with quantity_completed 0; imported as fully completed".to_owned(),
            format!("quantity {quantity}"),
        ));
        quantity_completed = quantity;
    }
    let claimed_at = claimed_by.and(row.claimed_at.as_deref().and_then(parse_legacy_time));
    let created = row.created_at.as_deref().and_then(parse_legacy_time);
    let updated = row.updated_at.as_deref().and_then(parse_legacy_time);
    let created_at = created.or(updated).unwrap_or_else(|| {
        adjustments.push((
            "no readable created_at; dated now".to_owned(),
            format!("{:?}", row.created_at),
        ));
        now.as_millis()
    });
    let updated_at = updated.unwrap_or(created_at).max(created_at);
    let materials = convert_materials(
        row.materials_json.as_deref(),
        row.provided_materials_json.as_deref(),
        row.provides_materials,
        quantity,
    )
    .unwrap_or_else(|problem| {
        adjustments.push((
            "materials unreadable; imported without materials".to_owned(),
            problem,
        ));
        ConvertedMaterials {
            plan: Plan::MemberNone,
            lines: Vec::new(),
        }
    });
    let to_json = |value: Result<String, serde_json::Error>| {
        value.map_err(|e| format!("cannot encode its materials: {e}"))
    };
    let (events, skipped_entries) = audit_log_events(row.audit_log.as_deref());
    Ok(ImportedRequest {
        user,
        character_name,
        profession,
        gear_slot,
        item,
        quantity,
        quantity_completed,
        status,
        reason,
        claimed_by,
        claimed_at,
        material_plan: to_json(serde_json::to_string(&materials.plan))?,
        materials_json: to_json(serde_json::to_string(&materials.lines))?,
        created_at,
        updated_at,
        events,
        skipped_entries,
        adjustments,
    })
}

/// The crafter holding a request. A claimed or in-progress request without a readable
/// claimer goes back to open: only its claimer (or an officer) could move it on.
fn claimer(
    row: &LegacyRequest,
    status: &mut RequestStatus,
    adjustments: &mut Vec<(String, String)>,
) -> Option<Snowflake> {
    if *status == RequestStatus::Open {
        return None;
    }
    let raw = text(row.claimed_by.as_ref());
    let claimed_by = raw.as_deref().and_then(|id| id.parse::<Snowflake>().ok());
    if let (Some(raw), None) = (&raw, claimed_by) {
        adjustments.push(("claimed_by is not a Discord id".to_owned(), raw.clone()));
    }
    if claimed_by.is_none() && matches!(status, RequestStatus::Claimed | RequestStatus::InProgress)
    {
        adjustments.push((
            "claimed by no known crafter; imported as open".to_owned(),
            status.as_str().to_owned(),
        ));
        *status = RequestStatus::Open;
    }
    claimed_by
}

#[cfg(test)]
mod tests;
