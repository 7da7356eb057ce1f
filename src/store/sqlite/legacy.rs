//! `import-legacy`: writes the rows read from the Profession-Request bot's database
//! (`legacy_file`) into craftdesk's tables, in one transaction on the writer.
//! `legacy_imports` remembers which legacy row became which craftdesk row, so a second run
//! imports nothing twice. The translation itself is pure and lives in `crate::legacy`.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use super::requests::{next_request_number, record_event};
use super::Sqlite;
use crate::domain::{Snowflake, Timestamp};
use crate::flow::input::CharacterName;
use crate::legacy::{action_log_event, convert_request, is_main, ImportReport, LegacyData};
use crate::store::StoreError;

impl Sqlite {
    /// Imports a legacy database's rows into `guild`, all in one transaction, skipping
    /// rows an earlier run imported. Returns what was imported and what was skipped, why.
    pub(in crate::store) async fn import_legacy(
        &self,
        guild: Snowflake,
        data: LegacyData,
        now: Timestamp,
    ) -> Result<ImportReport, StoreError> {
        self.write("import_legacy", move |conn| import(conn, guild, &data, now))
            .await
    }
}

type Mapping = HashMap<(String, i64), i64>;

fn import(
    conn: &Connection,
    guild: Snowflake,
    data: &LegacyData,
    now: Timestamp,
) -> Result<ImportReport, StoreError> {
    let mut mapped: Mapping = conn
        .prepare_cached("SELECT kind, legacy_id, new_id FROM legacy_imports WHERE guild_id = ?1")?
        .query_map([guild.as_i64()], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut report = ImportReport::default();
    import_characters(conn, guild, data, now, &mut mapped, &mut report)?;
    import_requests(conn, guild, data, now, &mut mapped, &mut report)?;
    import_action_logs(conn, guild, data, now, &mapped, &mut report)?;
    Ok(report)
}

fn remember(
    conn: &Connection,
    guild: Snowflake,
    kind: &str,
    legacy_id: i64,
    new_id: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO legacy_imports (guild_id, kind, legacy_id, new_id, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![guild.as_i64(), kind, legacy_id, new_id, now.as_millis()])?;
    Ok(())
}

fn import_characters(
    conn: &Connection,
    guild: Snowflake,
    data: &LegacyData,
    now: Timestamp,
    mapped: &mut Mapping,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    for legacy in &data.characters {
        if mapped.contains_key(&("character".to_owned(), legacy.id)) {
            report.already_characters += 1;
            continue;
        }
        let item = format!(
            "#{} (user {}, {:?})",
            legacy.id,
            legacy.user_id.as_deref().unwrap_or("none"),
            legacy.name.as_deref().unwrap_or_default()
        );
        let Some(user) = legacy
            .user_id
            .as_deref()
            .and_then(|u| u.parse::<Snowflake>().ok())
        else {
            report.skip("character", "its user_id is not a Discord id", item);
            continue;
        };
        let name = match CharacterName::parse(legacy.name.as_deref().unwrap_or_default()) {
            Ok(name) => name,
            Err(problem) => {
                report.skip(
                    "character",
                    format!("its name is not valid in craftdesk: {problem}"),
                    item,
                );
                continue;
            }
        };
        let taken: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM characters WHERE guild_id = ?1 AND user_id = ?2 AND name_folded = ?3)")?
            .query_row(params![guild.as_i64(), user.as_i64(), name.folded()], |r| r.get(0))?;
        if taken {
            report.skip("character", "the member already has a character of that name (names are unique per member, ignoring case)", item);
            continue;
        }
        let wants_main = is_main(legacy.kind.as_deref());
        let has_main: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM characters WHERE guild_id = ?1 AND user_id = ?2 AND is_main = 1)")?
            .query_row(params![guild.as_i64(), user.as_i64()], |r| r.get(0))?;
        let main = wants_main && !has_main;
        if wants_main && !main {
            report.adjust(
                "character",
                "imported as an alt: the member already has a main",
                item,
            );
        }
        conn.prepare_cached(
            "INSERT INTO characters (guild_id, user_id, name, name_folded, is_main, professions, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, '[]', ?6)",
        )?
        .execute(params![guild.as_i64(), user.as_i64(), name.as_str(), name.folded(), main, now.as_millis()])?;
        let id = conn.last_insert_rowid();
        remember(conn, guild, "character", legacy.id, id, now)?;
        mapped.insert(("character".to_owned(), legacy.id), id);
        report.characters += 1;
    }
    Ok(())
}

fn import_requests(
    conn: &Connection,
    guild: Snowflake,
    data: &LegacyData,
    now: Timestamp,
    mapped: &mut Mapping,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    for legacy in &data.requests {
        if mapped.contains_key(&("request".to_owned(), legacy.id)) {
            report.already_requests += 1;
            continue;
        }
        let item = format!(
            "#{} ({:?} for {:?})",
            legacy.id,
            legacy
                .request_name
                .as_deref()
                .or(legacy.request_id.as_deref())
                .unwrap_or_default(),
            legacy.character.as_deref().unwrap_or_default()
        );
        let request = match convert_request(legacy, now) {
            Ok(request) => request,
            Err(reason) => {
                report.skip("request", reason, item);
                continue;
            }
        };
        for (reason, detail) in &request.adjustments {
            report.adjust("request", reason.clone(), format!("{item}: {detail}"));
        }
        let character_id: Option<i64> = conn
            .prepare_cached("SELECT id FROM characters WHERE guild_id = ?1 AND user_id = ?2 AND name_folded = ?3")?
            .query_row(params![guild.as_i64(), request.user.as_i64(), request.character_name.to_lowercase()], |r| r.get(0))
            .optional()?;
        let number = next_request_number(conn, guild)?;
        conn.prepare_cached(
            "INSERT INTO requests (guild_id, number, user_id, character_id, character_name, profession, gear_slot, item, \
             quantity, quantity_completed, material_plan, materials_json, status, claimed_by, claimed_at, reason, \
             created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?
        .execute(params![
            guild.as_i64(), number, request.user.as_i64(), character_id, request.character_name, request.profession,
            request.gear_slot, request.item, request.quantity, request.quantity_completed, request.material_plan,
            request.materials_json, request.status.as_str(), request.claimed_by.map(Snowflake::as_i64),
            request.claimed_at, request.reason, request.created_at, request.updated_at
        ])?;
        let id = conn.last_insert_rowid();
        for event in &request.events {
            record_event(
                conn,
                id,
                event.actor,
                &event.action,
                event.note.as_deref(),
                Timestamp::from_millis(event.at),
            )?;
            report.events += 1;
        }
        for (entry, reason) in &request.skipped_entries {
            report.skip(
                "audit log entry",
                reason.clone(),
                format!("request #{} {entry}", legacy.id),
            );
        }
        remember(conn, guild, "request", legacy.id, id, now)?;
        mapped.insert(("request".to_owned(), legacy.id), id);
        report.requests += 1;
    }
    Ok(())
}

fn import_action_logs(
    conn: &Connection,
    guild: Snowflake,
    data: &LegacyData,
    now: Timestamp,
    mapped: &Mapping,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let in_file: HashSet<i64> = data.requests.iter().map(|r| r.id).collect();
    for legacy in &data.action_logs {
        if mapped.contains_key(&("action_log".to_owned(), legacy.id)) {
            report.already_action_logs += 1;
            continue;
        }
        let item = format!(
            "#{} ({})",
            legacy.id,
            legacy.action_type.as_deref().unwrap_or("no action_type")
        );
        let Some(target) = legacy.target_request_id else {
            report.skip(
                "action log",
                "not about a request (no target_request_id)",
                item,
            );
            continue;
        };
        let Some(&request_id) = mapped.get(&("request".to_owned(), target)) else {
            let reason = if in_file.contains(&target) {
                "its request was skipped"
            } else {
                "its request is not in the legacy database"
            };
            report.skip("action log", reason, format!("{item}: request #{target}"));
            continue;
        };
        let event = match action_log_event(
            legacy.user_id.as_deref(),
            legacy.action_type.as_deref(),
            legacy.timestamp.as_deref(),
            legacy.details_json.as_deref(),
        ) {
            Ok(event) => event,
            Err(reason) => {
                report.skip("action log", reason, item);
                continue;
            }
        };
        let duplicate: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM request_events WHERE request_id = ?1 AND action = ?2 AND actor_id = ?3 \
                 AND at BETWEEN ?4 - 5000 AND ?4 + 5000)",
            )?
            .query_row(params![request_id, event.action, event.actor.as_i64(), event.at], |r| r.get(0))?;
        if duplicate {
            report.skip("action log", "already in its request's audit log", item);
            continue;
        }
        record_event(
            conn,
            request_id,
            event.actor,
            &event.action,
            event.note.as_deref(),
            Timestamp::from_millis(event.at),
        )?;
        let event_id = conn.last_insert_rowid();
        remember(conn, guild, "action_log", legacy.id, event_id, now)?;
        report.events += 1;
    }
    Ok(())
}
