//! `craftdesk import-legacy`: the Profession-Request bot's database, built here with its
//! exact schema, imported once (counts and every mapped field, read back through the
//! store), imported again (nothing twice), and run end to end through the binary; and
//! imported requests with names too long for Discord, worked on through the bot.

use std::path::{Path, PathBuf};
use std::time::Duration;

use craftdesk::config::DatabaseConfig;
use craftdesk::domain::{RequestStatus, Snowflake, Timestamp};
use craftdesk::flow::request::{MaterialLine, Plan};
use craftdesk::legacy::{ImportReport, MAX_IMPORTED_NAME_CHARS};
use craftdesk::store::{read_legacy_database, SessionPolicy, Store};
use serde_json::json;

use super::cli::{craftdesk, write_config};
use crate::support::{eventually, select_options, world, Options, TestApp};

const WAIT: Duration = Duration::from_secs(5);

const GUILD: u64 = 900;
const NOW: Timestamp = Timestamp::from_millis(1_764_000_000_000);
/// 2024-05-01T12:00:00Z.
const NOON: i64 = 1_714_564_800_000;
const HOUR: i64 = 3_600_000;

/// The Profession-Request bot's schema, as its `utils/database.js` creates it.
const LEGACY_SCHEMA: &str = "
CREATE TABLE characters (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, name TEXT, type TEXT);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, character TEXT, profession TEXT, gear_slot TEXT,
  request_id TEXT, request_name TEXT, status TEXT DEFAULT 'open', claimed_by TEXT, claimed_by_name TEXT,
  claimed_at TEXT, deny_reason TEXT, materials_json TEXT, provided_materials_json TEXT,
  provides_materials INTEGER, quantity_requested INTEGER DEFAULT 1, quantity_completed INTEGER DEFAULT 0,
  audit_log TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP, updated_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE action_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, action_type TEXT,
  target_request_id INTEGER, timestamp TEXT DEFAULT CURRENT_TIMESTAMP, details_json TEXT);
CREATE TABLE temp_sessions (session_key TEXT PRIMARY KEY, user_id TEXT, data_json TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE active_dms (user_id TEXT PRIMARY KEY, dm_channel_id TEXT,
  last_activity TEXT DEFAULT CURRENT_TIMESTAMP);
";

/// A small legacy database: member 111 (main Thrall, alt Garrosh, a duplicate "thrall", a
/// second main Saurfang), member 222 (main Jaina), a row with a broken user id; requests in
/// every status (with `denied` carrying a reason), both text timestamp formats and
/// integers, member-all / partial / guild-craft materials; action logs including orphans.
pub fn legacy_fixture(dir: &Path) -> PathBuf {
    let path = dir.join("guild-requests.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(LEGACY_SCHEMA).unwrap();
    conn.execute_batch(
        r#"
INSERT INTO characters (id, user_id, name, type) VALUES
  (1, '111', 'Thrall', 'main'),
  (2, '111', 'Garrosh', 'alt'),
  (3, '111', 'thrall', 'alt'),
  (4, '111', 'Saurfang', 'main'),
  (5, '222', 'Jaina', 'Main'),
  (6, 'not-an-id', 'Ghost', 'alt');

INSERT INTO requests (id, user_id, character, profession, gear_slot, request_id, request_name, status,
  claimed_by, claimed_by_name, claimed_at, deny_reason, materials_json, provided_materials_json,
  provides_materials, quantity_requested, quantity_completed, audit_log, created_at, updated_at) VALUES
  (1, '111', 'Thrall', 'enchanting', 'Boots', 'Enchant Boots - Minor Speed', 'Enchant Boots - Minor Speed', 'open',
   NULL, NULL, NULL, NULL, '{"Small Radiant Shard": 1, "Aquamarine": 1}', '{}', 1, 1, 0,
   '[{"action":"created","by":"111","at":"2024-05-01T12:00:00.000Z"}]',
   '2024-05-01 12:00:00', '2024-05-01 12:00:00'),
  (2, '111', 'Garrosh', 'tailoring', 'Head', 'Mooncloth Circlet', 'Mooncloth Circlet', 'claimed',
   '333', 'Crafty', '2024-05-01T13:00:00.000Z', NULL, '["Mooncloth x4", "Runecloth x4"]', '{"Mooncloth": 2}', 1, 2, 0,
   '[{"action":"created","by":"111","at":"2024-05-01T12:00:00.000Z"},{"action":"claimed","by":"333","at":"2024-05-01T13:00:00.000Z","userName":"Crafty"}]',
   '2024-05-01T12:00:00.000Z', '2024-05-01T13:00:00.000Z'),
  (3, '222', 'Jaina', 'enchanting', 'Chest', 'Enchant Chest - Major Health', 'Enchant Chest - Major Health', 'in_progress',
   '333', 'Crafty', '2024-05-01 13:00:00', NULL, '{"Illusion Dust": 6}', '{}', 0, 3, 1,
   '[{"action":"created","by":"222","at":"2024-05-01 12:00:00"},{"action":"claimed","by":"333","at":"2024-05-01 13:00:00"},{"action":"partial_completed","by":"333","at":"2024-05-01 14:00:00","added":1,"totalCompleted":1}]',
   '2024-05-01 12:00:00', '2024-05-01 14:00:00'),
  (4, '222', 'Jaina', 'enchanting', 'Boots', 'Enchant Boots - Minor Speed', 'Enchant Boots - Minor Speed', 'completed',
   '333', 'Crafty', 1714568400, NULL, '{"Small Radiant Shard": 1, "Aquamarine": 1}', '{"Small Radiant Shard": 1, "Aquamarine": 1}', 1, 1, 1,
   NULL, 1714564800, 1714572000000),
  (5, '111', 'Thrall', 'enchanting', 'Cloak', 'Enchant Cloak - Greater Defense', 'Enchant Cloak - Greater Defense', 'denied',
   NULL, NULL, NULL, 'No longer needed', '{"Vision Dust": 3}', '{}', 1, 1, 0,
   '[{"action":"created","by":"111","at":"2024-05-01T12:00:00.000Z"},{"action":"Cancelled by requester","by":"111","at":"2024-05-01T15:00:00.000Z"}]',
   '2024-05-01T12:00:00.000Z', '2024-05-01T15:00:00.000Z'),
  (6, '222', 'Kael', 'enchanting', 'Boots', 'Enchant Boots - Minor Speed', 'Enchant Boots - Minor Speed', 'lost',
   NULL, NULL, NULL, NULL, '{}', '{}', 1, 1, 0, NULL, '2024-05-01 12:00:00', '2024-05-01 12:00:00'),
  (7, 'abc', 'Nobody', 'enchanting', 'Boots', 'Enchant Boots - Minor Speed', 'Enchant Boots - Minor Speed', 'open',
   NULL, NULL, NULL, NULL, '{}', '{}', 1, 1, 0, NULL, '2024-05-01 12:00:00', '2024-05-01 12:00:00');

INSERT INTO action_logs (id, user_id, action_type, target_request_id, timestamp, details_json) VALUES
  (1, '111', 'createRequest', NULL, '2024-05-01 12:00:00', '{"character":"Thrall","item":"Enchant Boots - Minor Speed"}'),
  (2, '333', 'claimed', 2, '2024-05-01 13:00:01', '{}'),
  (3, '444', 'Request reassigned', 3, '2024-05-02 09:00:00', '{"from":"333","to":"555"}'),
  (4, '111', 'viewed', 99, '2024-05-02 09:00:00', NULL),
  (5, '222', 'note', 6, '2024-05-02T09:00:00.000Z', NULL);
"#,
    )
    .unwrap();
    path
}

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).unwrap()
}

fn open_store(path: &Path) -> Store {
    let database = DatabaseConfig {
        path: path.to_owned(),
        url: None,
        pool_size: 2,
        busy_timeout: Duration::from_secs(5),
    };
    let policy = SessionPolicy {
        ttl: Duration::from_secs(24 * 3600),
        touch_threshold: Duration::from_secs(30),
    };
    Store::open(&database, policy).expect("store opens")
}

async fn import(store: &Store, legacy: &Path) -> ImportReport {
    let data = read_legacy_database(legacy).expect("the fixture reads");
    store
        .import_legacy(id(GUILD), data, NOW)
        .await
        .expect("import")
}

fn skipped(report: &ImportReport) -> Vec<(&str, &str)> {
    report
        .skipped
        .iter()
        .map(|f| (f.kind, f.item.as_str()))
        .collect()
}

/// A fresh craftdesk database with the fixture imported once into [`GUILD`].
async fn imported() -> (tempfile::TempDir, Store, ImportReport) {
    let dir = tempfile::tempdir().unwrap();
    let legacy = legacy_fixture(dir.path());
    let store = open_store(&dir.path().join("craftdesk.sqlite"));
    let report = import(&store, &legacy).await;
    (dir, store, report)
}

#[tokio::test]
async fn an_import_counts_what_it_imported_and_says_why_it_skipped_the_rest() {
    let (_dir, _store, report) = imported().await;

    assert_eq!(
        (report.characters, report.requests, report.events),
        (4, 5, 9),
        "{report:#?}"
    );
    assert_eq!(
        skipped(&report),
        vec![
            ("character", "#3 (user 111, \"thrall\")"),
            ("character", "#6 (user not-an-id, \"Ghost\")"),
            (
                "request",
                "#6 (\"Enchant Boots - Minor Speed\" for \"Kael\")"
            ),
            (
                "request",
                "#7 (\"Enchant Boots - Minor Speed\" for \"Nobody\")"
            ),
            ("action log", "#1 (createRequest)"),
            ("action log", "#2 (claimed)"),
            ("action log", "#4 (viewed): request #99"),
            ("action log", "#5 (note): request #6"),
        ]
    );
    let reasons: Vec<&str> = report.skipped.iter().map(|f| f.reason.as_str()).collect();
    assert!(
        reasons[0].contains("already has a character of that name"),
        "{reasons:?}"
    );
    assert!(reasons[1].contains("not a Discord id"), "{reasons:?}");
    assert!(
        reasons[2].contains("unknown status \"lost\""),
        "{reasons:?}"
    );
    assert!(reasons[4].contains("not about a request"), "{reasons:?}");
    assert!(
        reasons[5].contains("already in its request's audit log"),
        "{reasons:?}"
    );
    assert!(
        reasons[6].contains("not in the legacy database"),
        "{reasons:?}"
    );
    assert!(reasons[7].contains("was skipped"), "{reasons:?}");
    assert_eq!(report.adjusted.len(), 1, "{:#?}", report.adjusted);
    assert!(report.adjusted[0].reason.contains("imported as an alt"));
}

#[tokio::test]
async fn characters_keep_one_main_per_member_and_requests_link_to_them() {
    let (_dir, store, _) = imported().await;
    let thrall_side = store.characters(id(GUILD), id(111)).await.unwrap();
    let names: Vec<(&str, bool)> = thrall_side
        .iter()
        .map(|c| (c.name.as_str(), c.main))
        .collect();
    assert_eq!(
        names,
        vec![("Thrall", true), ("Garrosh", false), ("Saurfang", false)]
    );
    let jaina_side = store.characters(id(GUILD), id(222)).await.unwrap();
    assert_eq!(jaina_side.len(), 1);
    assert!(jaina_side[0].main);

    let pending = store
        .pending_per_character(id(GUILD), id(111))
        .await
        .unwrap();
    let by_name = |name: &str| thrall_side.iter().find(|c| c.name == name).unwrap().id;
    assert_eq!(pending.get(&by_name("Thrall")), Some(&1));
    assert_eq!(pending.get(&by_name("Garrosh")), Some(&1));
    assert_eq!(pending.get(&by_name("Saurfang")), None);
    let pending = store
        .pending_per_character(id(GUILD), id(222))
        .await
        .unwrap();
    assert_eq!(pending.get(&jaina_side[0].id), Some(&1));
}

#[tokio::test]
async fn requests_keep_status_numbers_times_and_quantities() {
    let (_dir, store, _) = imported().await;
    let mine = store.member_requests(id(GUILD), id(111)).await.unwrap();
    let rows: Vec<(u32, &str, RequestStatus)> = mine
        .iter()
        .map(|r| (r.number, r.character.as_str(), r.status))
        .collect();
    assert_eq!(
        rows,
        vec![
            (5, "Thrall", RequestStatus::Cancelled),
            (2, "Garrosh", RequestStatus::Claimed),
            (1, "Thrall", RequestStatus::Open),
        ]
    );
    assert_eq!(mine[0].reason.as_deref(), Some("No longer needed"));
    assert_eq!(mine[0].updated_at.as_millis(), NOON + 3 * HOUR);

    let open = store
        .request_by_number(id(GUILD), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (open.profession.as_str(), open.gear_slot.as_str()),
        ("enchanting", "Boots")
    );
    assert_eq!(open.item, "Enchant Boots - Minor Speed");
    assert_eq!(open.created_at.as_millis(), NOON, "SQLite's text format");
    assert_eq!(
        serde_json::from_str::<Plan>(&open.material_plan).unwrap(),
        Plan::MemberAll
    );
    let lines: Vec<MaterialLine> = serde_json::from_str(&open.materials_json).unwrap();
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Small Radiant Shard", "Aquamarine"],
        "order kept"
    );
    assert!(lines
        .iter()
        .all(|l| l.provided_by_member == l.needed && l.still_needed() == 0));

    let done = store
        .request_by_number(id(GUILD), 4)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status, RequestStatus::Completed);
    assert_eq!(done.created_at.as_millis(), NOON, "integer seconds");
    assert_eq!(done.quantity_completed, 1);
    assert!(store
        .request_by_number(id(GUILD), 6)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn materials_become_the_plans_and_lines_the_request_flow_writes() {
    let (_dir, store, _) = imported().await;
    let claimed = store
        .request_by_number(id(GUILD), 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.claimed_by, Some(id(333)));
    assert_eq!(claimed.created_at.as_millis(), NOON, "ISO 8601 format");
    assert_eq!(claimed.quantity, 2);
    assert_eq!(
        serde_json::from_str::<Plan>(&claimed.material_plan).unwrap(),
        Plan::MemberSome {
            provided: vec![Some(2), Some(0)]
        }
    );
    let lines: Vec<MaterialLine> = serde_json::from_str(&claimed.materials_json).unwrap();
    assert_eq!(
        lines,
        vec![
            MaterialLine {
                name: "Mooncloth".into(),
                per_unit: 4,
                needed: 8,
                provided_by_member: 2,
                provided_by_guild: 0,
                handed_over: 0,
            },
            MaterialLine {
                name: "Runecloth".into(),
                per_unit: 4,
                needed: 8,
                provided_by_member: 0,
                provided_by_guild: 0,
                handed_over: 0,
            },
        ]
    );

    let guild_craft = store
        .request_by_number(id(GUILD), 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(guild_craft.status, RequestStatus::InProgress);
    assert_eq!(
        (guild_craft.quantity, guild_craft.quantity_completed),
        (3, 1)
    );
    assert_eq!(
        serde_json::from_str::<Plan>(&guild_craft.material_plan).unwrap(),
        Plan::GuildCraft
    );
    let lines: Vec<MaterialLine> = serde_json::from_str(&guild_craft.materials_json).unwrap();
    assert_eq!((lines[0].needed, lines[0].provided_by_guild), (18, 18));
}

#[tokio::test]
async fn audit_logs_and_action_logs_become_request_events() {
    let (_dir, store, _) = imported().await;
    let events = store.request_events_for(id(GUILD), 3).await.unwrap();
    let summary: Vec<(u64, &str, i64)> = events
        .iter()
        .map(|e| (e.actor_id.get(), e.action.as_str(), e.at.as_millis()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (222, "created", NOON),
            (333, "claimed", NOON + HOUR),
            (333, "partially_completed", NOON + 2 * HOUR),
            (444, "reassigned", NOON + 21 * HOUR),
        ]
    );
    assert_eq!(
        events[2].note.as_deref(),
        Some("added: 1; totalCompleted: 1")
    );
    assert_eq!(
        events[3].note.as_deref(),
        Some("Request reassigned; from: 333; to: 555")
    );
    let cancelled = store.request_events_for(id(GUILD), 5).await.unwrap();
    assert_eq!(cancelled[1].action, "cancelled");
    assert_eq!(cancelled[1].note.as_deref(), Some("Cancelled by requester"));
    assert!(store
        .request_events_for(id(GUILD), 4)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_second_import_imports_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = legacy_fixture(dir.path());
    let store = open_store(&dir.path().join("craftdesk.sqlite"));
    let first = import(&store, &legacy).await;
    let second = import(&store, &legacy).await;

    assert_eq!(
        (second.characters, second.requests, second.events),
        (0, 0, 0),
        "{second:#?}"
    );
    assert_eq!(
        (
            second.already_characters,
            second.already_requests,
            second.already_action_logs
        ),
        (4, 5, 1)
    );
    assert_eq!(
        skipped(&second),
        skipped(&first),
        "the same rows, for the same reasons"
    );
    assert!(!second.imported_anything());
    assert_eq!(
        store
            .member_requests(id(GUILD), id(111))
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(store.characters(id(GUILD), id(111)).await.unwrap().len(), 3);
    assert_eq!(
        store.request_events_for(id(GUILD), 3).await.unwrap().len(),
        4
    );

    // Another guild is another import, numbered on its own.
    let other = store
        .import_legacy(id(901), read_legacy_database(&legacy).unwrap(), NOW)
        .await
        .unwrap();
    assert_eq!((other.characters, other.requests, other.events), (4, 5, 9));
    assert_eq!(
        store
            .request_by_number(id(901), 1)
            .await
            .unwrap()
            .unwrap()
            .item,
        "Enchant Boots - Minor Speed"
    );
}

#[test]
fn the_cli_imports_prints_a_summary_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = legacy_fixture(dir.path());
    let config = write_config(&dir, "");
    let run = || {
        craftdesk()
            .arg("import-legacy")
            .arg("--config")
            .arg(&config)
            .arg("--from")
            .arg(&legacy)
            .args(["--guild", "1"])
            .output()
            .unwrap()
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("into guild 1:"), "{stdout}");
    assert!(
        stdout.contains("characters: 4 imported, 0 already imported"),
        "{stdout}"
    );
    assert!(
        stdout.contains("requests:   5 imported, 0 already imported"),
        "{stdout}"
    );
    assert!(stdout.contains("events:     9 imported"), "{stdout}");
    assert!(stdout.contains("Skipped: 8"), "{stdout}");
    assert!(
        stdout.contains("1 × request: unknown status \"lost\""),
        "{stdout}"
    );
    assert!(stdout.contains("#3 (user 111, \"thrall\")"), "{stdout}");
    assert!(stdout.contains("Imported with changes: 1"), "{stdout}");

    let again = run();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success());
    assert!(
        stdout.contains("characters: 0 imported, 4 already imported"),
        "{stdout}"
    );
    assert!(
        stdout.contains("requests:   0 imported, 5 already imported"),
        "{stdout}"
    );
    assert!(stdout.contains("Nothing new to import"), "{stdout}");
}

#[test]
fn a_missing_or_foreign_legacy_file_exits_1_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(&dir, "");
    let run = |from: &Path, guild: &str| {
        craftdesk()
            .arg("import-legacy")
            .arg("--config")
            .arg(&config)
            .arg("--from")
            .arg(from)
            .args(["--guild", guild])
            .output()
            .unwrap()
    };

    let out = run(&dir.path().join("nope.sqlite"), "1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nope.sqlite does not exist"), "{stderr}");
    assert!(stderr.contains("--from"), "{stderr}");
    assert!(
        !dir.path().join("data/craftdesk.sqlite").exists(),
        "nothing opened or created"
    );

    let partial = dir.path().join("partial.sqlite");
    rusqlite::Connection::open(&partial)
        .unwrap()
        .execute_batch(
            "CREATE TABLE characters (id INTEGER PRIMARY KEY, user_id TEXT, name TEXT, type TEXT);",
        )
        .unwrap();
    let out = run(&partial, "1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("has no `requests` table"), "{stderr}");

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    let out = run(&text, "1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the legacy database"),
        "{stderr}"
    );

    let legacy = legacy_fixture(dir.path());
    let out = run(&legacy, "42");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("guild 42 is not in"), "{stderr}");
}

#[tokio::test]
async fn a_database_from_before_the_bots_later_columns_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        r#"
CREATE TABLE characters (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, name TEXT, type TEXT);
CREATE TABLE requests (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, character TEXT, profession TEXT,
  gear_slot TEXT, request_id TEXT, request_name TEXT, status TEXT DEFAULT 'open', claimed_by TEXT,
  claimed_by_name TEXT, deny_reason TEXT, materials_json TEXT, provides_materials INTEGER,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP, updated_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE action_logs (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, action_type TEXT,
  target_request_id INTEGER, timestamp TEXT DEFAULT CURRENT_TIMESTAMP, details_json TEXT);
INSERT INTO characters (user_id, name, type) VALUES ('111', 'Thrall', 'main');
INSERT INTO requests (user_id, character, profession, gear_slot, request_id, request_name, status,
  claimed_by, materials_json, provides_materials, created_at, updated_at)
VALUES ('111', 'Thrall', 'enchanting', 'Boots', 'Enchant Boots - Minor Speed', 'Enchant Boots - Minor Speed',
  'complete', '333', '["Small Radiant Shard x1", "Aquamarine"]', 0, '2024-05-01 12:00:00', '2024-05-01 12:00:00');
"#,
    )
    .unwrap();
    drop(conn);
    let store = open_store(&dir.path().join("craftdesk.sqlite"));
    let report = import(&store, &path).await;
    assert_eq!(
        (report.characters, report.requests, report.events),
        (1, 1, 0)
    );
    assert!(report.skipped.is_empty(), "{:#?}", report.skipped);
    let request = store
        .request_by_number(id(GUILD), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(request.status, RequestStatus::Completed);
    assert_eq!((request.quantity, request.quantity_completed), (1, 1));
    assert_eq!(
        serde_json::from_str::<Plan>(&request.material_plan).unwrap(),
        Plan::GuildCraft
    );
    assert_eq!(request.created_at.as_millis(), NOON);
}

/// A legacy request for `character` and `item` by `member`, open, in a legacy database of
/// its own.
fn legacy_with_one_request(dir: &Path, member: u64, character: &str, item: &str) -> PathBuf {
    let path = dir.join("huge-names.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(LEGACY_SCHEMA).unwrap();
    conn.execute(
        "INSERT INTO requests (user_id, character, profession, gear_slot, request_id, request_name, \
         status, materials_json, provided_materials_json, provides_materials, quantity_requested) \
         VALUES (?1, ?2, 'enchanting', 'Boots', ?3, ?3, 'open', '{}', '{}', 1, 2)",
        rusqlite::params![member.to_string(), character, item],
    )
    .unwrap();
    path
}

/// The running bot on a database holding one imported request (#1, open, by a member)
/// for `character` and `item`, and a crafter.
async fn bot_with_an_imported_request(
    character: &str,
    item: &str,
) -> (TestApp, discord_emulator::ScriptedUser) {
    let mut app = world(Options::default()).await;
    let zed = app.member("zed").await;
    let ivo = app.member_with("ivo", &[app.crafter_role]).await;
    let dir = tempfile::tempdir().unwrap();
    let legacy = legacy_with_one_request(dir.path(), zed.id(), character, item);
    let report = {
        let store = open_store(&app.db_path());
        let data = read_legacy_database(&legacy).expect("reads");
        store
            .import_legacy(id(app.guild), data, Timestamp::now())
            .await
            .expect("import")
    };
    assert_eq!(report.requests, 1);
    app.start_bot().await;
    (app, ivo)
}

/// The board posts in the board channel (not the ephemeral answers shown there).
fn board_posts(app: &TestApp) -> Vec<discord_emulator::Message> {
    app.emu
        .channel_messages(app.board)
        .into_iter()
        .filter(|m| !m.is_ephemeral())
        .collect()
}

/// `/requests` → Find request #1, as a crafter looks up an imported request.
async fn find_request_one(crafter: &discord_emulator::ScriptedUser) -> discord_emulator::Reply {
    crafter
        .slash("requests", json!([]))
        .await
        .expect("requests")
        .click_label("Find request #…")
        .await
        .expect("modal")
        .submit_modal(&[("number", "1")])
        .await
        .expect("found")
}

/// The story behind the review's L2: the old bot let members type names of any length.
/// Imported, a 2,000-character character name and item are cut; the request is claimed
/// from Find request, its board post is accepted (the emulator checks Discord's limits
/// and schema), and My work's "Complete all for a character" completes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_request_with_huge_names_reaches_the_board_and_completes_from_my_work() {
    let (character, item) = ("C".repeat(2_000), "I".repeat(2_000));
    let (app, ivo) = bot_with_an_imported_request(&character, &item).await;
    let ivo = ivo.in_channel(app.panel);

    let found = find_request_one(&ivo).await;
    let cut = format!("{}…", "C".repeat(MAX_IMPORTED_NAME_CHARS - 1));
    assert!(found.text().contains(&cut), "{}", found.text());
    let claimed = found.click_label("Claim").await.expect("claimed");
    assert!(
        claimed.text().contains("Request #1 is now claimed"),
        "{}",
        claimed.text()
    );
    let post = app
        .emu
        .wait_for_message(
            app.board,
            |m| !m.is_ephemeral() && m.text().contains("Request #1"),
            WAIT,
        )
        .await
        .expect("the board post is accepted");
    assert!(post.text().contains(&cut), "{}", post.text());

    let work = ivo
        .slash("requests", json!([]))
        .await
        .expect("requests")
        .click_label("My work")
        .await
        .expect("work");
    let characters = select_options(&work.components, "Complete all for a character…");
    let [(label, value)] = characters.as_slice() else {
        panic!("one character: {characters:?}");
    };
    assert_eq!(label, &cut);
    assert_eq!(value, "1");
    let finished = work
        .select("Complete all for a character…", &[value.as_str()])
        .await
        .expect("completed");
    assert!(
        finished.text().contains("#1: completed ✅") && finished.text().contains("0 claimed"),
        "{}",
        finished.text()
    );
    app.emu
        .wait_for_message(
            app.board,
            |m| m.id == post.id && m.text().contains("Completed"),
            WAIT,
        )
        .await
        .expect("the board post shows it completed");
    assert_eq!(board_posts(&app).len(), 1, "one post");
    app.assert_schema_clean();
}

/// The review's L3: a request with no board post yet (imported), looked up with
/// `/requests` inside the board channel and claimed there. The click comes from an
/// ephemeral message in the board channel; it must not be taken for the board post: a
/// real post is made, remembered, and edited on the next change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_from_an_ephemeral_lookup_in_the_board_channel_posts_a_real_board_message() {
    let (app, ivo) = bot_with_an_imported_request("Thrall", "Enchant Boots").await;
    let ivo = ivo.in_channel(app.board);
    let found = find_request_one(&ivo).await;
    assert!(found.ephemeral, "the lookup is private");
    let claimed = found.click_label("Claim").await.expect("claimed");
    assert!(
        claimed.ephemeral && claimed.text().contains("Request #1 is now claimed"),
        "{}",
        claimed.text()
    );
    let post = app
        .emu
        .wait_for_message(
            app.board,
            |m| !m.is_ephemeral() && m.text().contains("Request #1"),
            WAIT,
        )
        .await
        .expect("a real board post");
    let bot = app.bot();
    let stored = eventually(WAIT, async || {
        bot.store
            .request_by_number(id(app.guild), 1)
            .await
            .unwrap()
            .unwrap()
            .board_message_id
            .ok_or_else(|| "no board post stored".to_owned())
    })
    .await;
    assert_eq!(stored.get(), post.id, "the real post is stored");
    // The next change edits that post, from the post itself.
    ivo.click_in(&post, "Start").await.expect("started");
    app.emu
        .wait_for_message(
            app.board,
            |m| m.id == post.id && m.text().contains("In progress"),
            WAIT,
        )
        .await
        .expect("the post is edited");
    assert_eq!(board_posts(&app).len(), 1, "one post");
    app.assert_schema_clean();
}
