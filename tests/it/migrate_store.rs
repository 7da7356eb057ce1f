//! `craftdesk migrate-store`: a SQLite database with something in every table is copied to
//! a fresh PostgreSQL database, twice (the second run copies nothing), and the bot's store
//! then reads the same data from PostgreSQL and goes on numbering where SQLite stopped.

use std::time::Duration;

use craftdesk::config::{DatabaseConfig, DatabaseUrl};
use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::store::{
    CharacterInput, NewRequest, NewSession, SessionPolicy, Store, SubmitLimits,
};

use crate::cli::craftdesk;
use crate::support::pg::PgTestDb;

const T0: Timestamp = Timestamp::from_millis(1_764_000_000_000);

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).unwrap()
}

fn policy() -> SessionPolicy {
    SessionPolicy {
        ttl: Duration::from_secs(86_400),
        touch_threshold: Duration::from_secs(30),
    }
}

fn request(user: u64, character_id: Option<i64>) -> NewRequest {
    NewRequest {
        guild_id: id(900),
        user_id: id(user),
        character_id,
        character_name: "Zed".to_owned(),
        profession: "enchanting".to_owned(),
        gear_slot: "Boots".to_owned(),
        item: "Enchant Boots - Agility".to_owned(),
        quantity: 3,
        notes: "ünïcode ✓".to_owned(),
        material_plan: r#"{"kind":"all"}"#.to_owned(),
        materials_json: "[]".to_owned(),
    }
}

/// A SQLite store with rows in every table; returns it and an open session's key.
async fn filled_sqlite(path: &std::path::Path) -> (Store, craftdesk::domain::SessionKey) {
    let config = DatabaseConfig {
        path: path.to_owned(),
        ..DatabaseConfig::default()
    };
    let store = Store::connect(&config, policy()).await.unwrap();
    let limits = SubmitLimits::unpaced(50);
    let zed = store
        .add_character(
            id(900),
            id(1),
            CharacterInput {
                name: "Zed".to_owned(),
                main: true,
                professions: vec!["enchanting".to_owned()],
            },
            T0,
        )
        .await
        .unwrap();
    for n in 0..12_u64 {
        let new = NewSession {
            user_id: id(1),
            guild_id: id(900),
            kind: "request".to_owned(),
            state_json: "{}".to_owned(),
            channel_id: Some(id(5_001)),
        };
        let now = T0.saturating_add(Duration::from_secs(n));
        let session = store.create_session(new, now).await.unwrap();
        store
            .submit_request(&session.key, 0, request(1, Some(zed.id)), limits, now)
            .await
            .unwrap();
    }
    store
        .cancel_member_requests(id(900), id(1), vec![2], T0)
        .await
        .unwrap();
    store
        .set_member_channel(id(900), id(1), id(5_001), T0)
        .await
        .unwrap();
    store
        .set_dm_home(id(900), id(2), id(10), id(11))
        .await
        .unwrap();
    store
        .set_panel_message(id(900), id(20), id(21))
        .await
        .unwrap();
    store
        .record_ended_flow_message(id(10), id(12), T0)
        .await
        .unwrap();
    let open = NewSession {
        user_id: id(3),
        guild_id: id(900),
        kind: "register".to_owned(),
        state_json: r#"{"step":"name"}"#.to_owned(),
        channel_id: None,
    };
    let open = store.create_session(open, T0).await.unwrap();
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch("INSERT INTO legacy_imports VALUES (900, 'character', 7, 1, 0)")
        .unwrap();
    (store, open.key)
}

/// The store on PostgreSQL reads what SQLite had, and goes on from there.
async fn reads_back_and_goes_on(
    sqlite: &Store,
    postgres: &Store,
    open_key: &craftdesk::domain::SessionKey,
) {
    for number in [1, 2, 12] {
        assert_eq!(
            postgres.request_by_number(id(900), number).await.unwrap(),
            sqlite.request_by_number(id(900), number).await.unwrap()
        );
        assert_eq!(
            postgres.request_events_for(id(900), number).await.unwrap(),
            sqlite.request_events_for(id(900), number).await.unwrap()
        );
    }
    assert_eq!(
        postgres.session(open_key).await.unwrap(),
        sqlite.session(open_key).await.unwrap()
    );
    assert_eq!(
        postgres.characters(id(900), id(1)).await.unwrap(),
        sqlite.characters(id(900), id(1)).await.unwrap()
    );
    assert_eq!(
        postgres.member_channel(id(900), id(1)).await.unwrap(),
        Some(id(5_001))
    );
    assert_eq!(
        postgres.dm_home(id(900), id(2)).await.unwrap(),
        Some((id(10), id(11)))
    );
    assert_eq!(
        postgres.panel_message(id(900)).await.unwrap(),
        Some((id(20), id(21)))
    );
    let new = NewSession {
        user_id: id(4),
        guild_id: id(900),
        kind: "request".to_owned(),
        state_json: "{}".to_owned(),
        channel_id: None,
    };
    let session = postgres.create_session(new, T0).await.unwrap();
    let limits = SubmitLimits::unpaced(5);
    let next = postgres
        .submit_request(&session.key, 0, request(4, None), limits, T0)
        .await
        .unwrap();
    assert_eq!(next.number, 13, "numbering goes on");
    assert!(next.id > 12, "ids go on past the copied ones");
    let alt = postgres
        .add_character(
            id(900),
            id(4),
            CharacterInput {
                name: "Alt".to_owned(),
                main: false,
                professions: vec![],
            },
            T0,
        )
        .await
        .unwrap();
    assert!(alt.id > 1);
}

fn migrate_store(sqlite: &std::path::Path, url: &str) -> (bool, String, String) {
    let out = craftdesk()
        .arg("migrate-store")
        .arg("--from")
        .arg(format!("sqlite:{}", sqlite.display()))
        .env("CRAFTDESK__DATABASE__URL", url)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    (out.status.success(), stdout, stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_store_copies_every_table_once_and_the_bot_goes_on_from_there() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sqlite_path = dir.path().join("craftdesk.sqlite");
    let (sqlite, open_key) = filled_sqlite(&sqlite_path).await;
    let pg = PgTestDb::create().await;
    let password = DatabaseUrl::parse(&pg.url).unwrap();
    // The password as the URL writes it (`:PASSWORD@`): it may be a word printed anyway.
    let password = password
        .expose()
        .split(':')
        .nth(2)
        .and_then(|p| p.split('@').next())
        .map(|p| format!(":{p}@"))
        .unwrap();

    let (ok, stdout, stderr) = migrate_store(&sqlite_path, &pg.url);
    assert!(ok, "{stdout}\n{stderr}");
    for (table, rows) in [
        ("characters", 1),
        ("guild_state", 1),
        ("requests", 12),
        ("request_events", 13),
        ("member_channels", 1),
        ("temp_sessions", 1),
        ("dm_homes", 1),
        ("legacy_imports", 1),
        ("ended_flow_messages", 1),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{table} ")))
            .unwrap_or_else(|| panic!("{table} in {stdout}"));
        let numbers: Vec<&str> = line.split_whitespace().skip(1).collect();
        assert_eq!(
            numbers,
            [rows.to_string(), rows.to_string(), rows.to_string()],
            "{line}"
        );
    }
    assert!(
        stdout.contains("32 rows copied, 0 already there"),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&password) && !stderr.contains(&password),
        "the password is never printed"
    );

    // Again: nothing is copied twice, and the counts still match.
    let (ok, stdout, stderr) = migrate_store(&sqlite_path, &pg.url);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("0 rows copied, 32 already there"),
        "{stdout}"
    );

    let config = DatabaseConfig {
        url: Some(DatabaseUrl::parse(&pg.url).unwrap()),
        ..DatabaseConfig::default()
    };
    let postgres = Store::connect(&config, policy()).await.unwrap();
    reads_back_and_goes_on(&sqlite, &postgres, &open_key).await;

    // The destination has moved on: a third copy refuses, and commits nothing.
    let (ok, stdout, stderr) = migrate_store(&sqlite_path, &pg.url);
    assert!(!ok, "{stdout}");
    assert!(
        stderr.contains("nothing was committed")
            && stderr.contains("requests (12 in SQLite, 13 in PostgreSQL)"),
        "{stderr}"
    );
    assert!(!stderr.contains(&password));
}

#[test]
fn migrate_store_explains_a_bad_source_or_destination() {
    let dir = tempfile::tempdir().unwrap();
    let out = craftdesk()
        .args([
            "migrate-store",
            "--from",
            "craftdesk.sqlite",
            "--to",
            "postgres://u:p@127.0.0.1/x",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sqlite:PATH"));
    let missing = dir.path().join("missing.sqlite");
    let out = craftdesk()
        .arg("migrate-store")
        .arg("--from")
        .arg(format!("sqlite:{}", missing.display()))
        .args(["--to", "postgres://u:hunter2@127.0.0.1:1/x"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no such file"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}
