//! The session store's contract: CAS, same-millisecond keys, conditional touch, chunked
//! expiry, bulk delete, reopening, and clear failures.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use craftdesk::config::DatabaseConfig;
use craftdesk::domain::{SessionKey, Snowflake, Timestamp};
use craftdesk::store::{NewSession, SessionPolicy, Store, StoreError};

const T0: Timestamp = Timestamp::from_millis(1_764_000_000_000);

fn policy() -> SessionPolicy {
    SessionPolicy {
        ttl: Duration::from_secs(24 * 3600),
        touch_threshold: Duration::from_secs(30),
    }
}

fn database(path: &Path) -> DatabaseConfig {
    DatabaseConfig {
        path: path.to_owned(),
        pool_size: 4,
        busy_timeout: Duration::from_secs(5),
    }
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&database(&dir.path().join("craftdesk.sqlite")), policy()).expect("store opens")
}

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).expect("non-zero")
}

fn new_session(user: u64) -> NewSession {
    NewSession {
        user_id: id(user),
        guild_id: id(900),
        kind: "request".to_owned(),
        state_json: r#"{"step":"character"}"#.to_owned(),
        channel_id: Some(id(5_000 + user)),
    }
}

#[tokio::test]
async fn a_created_session_reads_back_and_saves_with_cas() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let created = store.create_session(new_session(1), T0).await.unwrap();
    assert_eq!(created.key.to_string(), format!("req_1_{}", T0.as_millis()));
    assert_eq!(created.expires_at, T0.saturating_add(policy().ttl));

    let loaded = store.session(&created.key).await.unwrap().expect("stored");
    assert_eq!(loaded, created);

    let later = T0.saturating_add(Duration::from_secs(5));
    let v1 = store
        .save_session(
            &created.key,
            0,
            r#"{"step":"profession"}"#.to_owned(),
            later,
        )
        .await
        .unwrap();
    assert_eq!(v1, 1);
    let stale = store
        .save_session(&created.key, 0, r#"{"step":"stale"}"#.to_owned(), later)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { expected: 0 })),
        "{stale:?}"
    );
    let loaded = store.session(&created.key).await.unwrap().unwrap();
    assert_eq!(loaded.state_json, r#"{"step":"profession"}"#);
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.last_seen_at, later);

    let missing = SessionKey::new(id(2), T0);
    assert!(store.session(&missing).await.unwrap().is_none());
    let result = store
        .save_session(&missing, 0, "{}".to_owned(), later)
        .await;
    assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_50_concurrent_writers_exactly_one_wins_each_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let key = store.create_session(new_session(7), T0).await.unwrap().key;
    let barrier = Arc::new(tokio::sync::Barrier::new(50));
    for round in 0..5_i64 {
        let mut tasks = Vec::new();
        for writer in 0..50 {
            let (store, key, barrier) = (store.clone(), key.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                store
                    .save_session(&key, round, format!(r#"{{"writer":{writer}}}"#), T0)
                    .await
            }));
        }
        let mut winners = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(version) => {
                    assert_eq!(version, round + 1);
                    winners += 1;
                }
                Err(StoreError::Conflict { expected }) => assert_eq!(expected, round),
                Err(other) => panic!("unexpected error {other}"),
            }
        }
        assert_eq!(winners, 1, "round {round}: exactly one writer wins");
        assert_eq!(
            store.session(&key).await.unwrap().unwrap().version,
            round + 1
        );
    }
}

#[tokio::test]
async fn two_flows_of_one_member_in_the_same_millisecond_get_distinct_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store.create_session(new_session(3), T0).await
        }));
    }
    let mut keys = HashSet::new();
    for task in tasks {
        let session = task.await.unwrap().unwrap();
        assert!(session.key.to_string().starts_with("req_3_"));
        assert!(keys.insert(session.key.to_string()), "duplicate key");
    }
    assert_eq!(keys.len(), 10);
    let open = store.open_sessions_for_user(id(900), id(3)).await.unwrap();
    assert_eq!(open.len(), 10);
    assert!(store
        .open_sessions_for_user(id(900), id(4))
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn touch_writes_only_when_older_than_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let key = store.create_session(new_session(1), T0).await.unwrap().key;
    let at = |secs| T0.saturating_add(Duration::from_secs(secs));

    assert!(!store.touch_session(&key, at(10)).await.unwrap());
    assert_eq!(store.session(&key).await.unwrap().unwrap().last_seen_at, T0);

    assert!(store.touch_session(&key, at(31)).await.unwrap());
    let touched = store.session(&key).await.unwrap().unwrap();
    assert_eq!(touched.last_seen_at, at(31));
    assert_eq!(touched.expires_at, at(31).saturating_add(policy().ttl));
    assert_eq!(touched.version, 0, "a touch is not a state change");

    assert!(!store.touch_session(&key, at(40)).await.unwrap());
    assert!(!store
        .touch_session(&SessionKey::new(id(9), T0), at(100))
        .await
        .unwrap());
}

#[tokio::test]
async fn delete_sessions_removes_many_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let mut keys = Vec::new();
    for user in 1..=5 {
        keys.push(
            store
                .create_session(new_session(user), T0)
                .await
                .unwrap()
                .key,
        );
    }
    let removed = store
        .delete_sessions(&[
            keys[0].clone(),
            keys[2].clone(),
            SessionKey::new(id(77), T0),
        ])
        .await
        .unwrap();
    assert_eq!(removed, 2);
    assert_eq!(store.count_sessions().await.unwrap(), 3);
    assert!(store.session(&keys[0]).await.unwrap().is_none());
    assert!(store.session(&keys[1]).await.unwrap().is_some());
    assert_eq!(store.delete_sessions(&[]).await.unwrap(), 0);
}

/// Seeds `expired` sessions past their TTL and `live` ones that are not, in one transaction.
fn seed(path: &Path, expired: u64, live: u64, now: Timestamp) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO temp_sessions (session_key, user_id, guild_id, kind, state_json, \
                 created_at, last_seen_at, expires_at) VALUES (?1, ?2, 900, 'request', '{}', ?3, ?3, ?4)",
            )
            .unwrap();
        for n in 0..expired + live {
            let user = n + 1;
            let is_expired = n < expired;
            let expires_at = if is_expired {
                now.as_millis() - 1 - i64::try_from(n).unwrap()
            } else {
                now.as_millis() + 60_000
            };
            insert
                .execute(rusqlite::params![
                    format!("req_{user}_{}", now.as_millis()),
                    i64::try_from(user).unwrap(),
                    now.as_millis() - 100_000,
                    expires_at
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

#[tokio::test]
async fn expiry_of_100000_rows_works_in_chunks_and_spares_live_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("craftdesk.sqlite");
    let store = open(&dir);
    seed(&path, 100_000, 1_000, T0);

    let first = store.expire_sessions_chunk(T0, 500).await.unwrap();
    assert_eq!(first.len(), 500, "one chunk removes at most its size");
    assert!(first.iter().all(|s| s.guild_id == id(900)));

    let rest = store.expire_sessions(T0, 500).await.unwrap();
    assert_eq!(first.len() + rest.len(), 100_000);
    let unique: HashSet<_> = first
        .iter()
        .chain(&rest)
        .map(|s| s.key.to_string())
        .collect();
    assert_eq!(unique.len(), 100_000);
    assert_eq!(store.count_sessions().await.unwrap(), 1_000);
    assert!(store.expire_sessions(T0, 500).await.unwrap().is_empty());
    store.checkpoint(true).await.unwrap();
}

#[tokio::test]
async fn reopening_the_file_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let key = {
        let store = open(&dir);
        let session = store.create_session(new_session(1), T0).await.unwrap();
        store
            .save_session(&session.key, 0, r#"{"kept":true}"#.to_owned(), T0)
            .await
            .unwrap();
        session.key
    };
    let store = open(&dir);
    let loaded = store.session(&key).await.unwrap().expect("still there");
    assert_eq!(loaded.state_json, r#"{"kept":true}"#);
    assert_eq!(loaded.version, 1);
    assert_eq!(
        store.version().await.unwrap(),
        craftdesk::store::latest_version()
    );
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("craftdesk.sqlite");
    drop(open(&dir));
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    let err = Store::open(&database(&path), policy()).expect_err("refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer craftdesk"), "{err}");
}

#[tokio::test]
async fn an_unwritable_path_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let err = Store::open(&database(&blocker.join("db.sqlite")), policy()).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("cannot open the database"), "{message}");
    assert!(message.contains("may write there"), "{message}");
}

#[tokio::test]
async fn what_a_crash_leaves_half_done_can_be_found_again() {
    use craftdesk::store::{NewRequest, SubmitLimits};
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let posted = store.create_session(new_session(1), T0).await.unwrap();
    store
        .set_session_message(&posted.key, id(5_001), id(7_001))
        .await
        .unwrap();
    let unposted = store.create_session(new_session(2), T0).await.unwrap();
    let later = T0.saturating_add(Duration::from_secs(1));
    // A flow whose message was never recorded.
    assert_eq!(
        store.sessions_without_message(later).await.unwrap(),
        vec![(unposted.key.clone(), id(5_002))]
    );
    assert!(
        store.sessions_without_message(T0).await.unwrap().is_empty(),
        "only flows started before the restart"
    );

    // A flow that submitted: its request is found by its key, and is missing from the board.
    let request = NewRequest {
        guild_id: id(900),
        user_id: id(1),
        character_id: None,
        character_name: "Ada".to_owned(),
        profession: "enchanting".to_owned(),
        gear_slot: "Boots".to_owned(),
        item: "Enchant Boots".to_owned(),
        quantity: 1,
        notes: String::new(),
        material_plan: "\"MemberAll\"".to_owned(),
        materials_json: "[]".to_owned(),
    };
    let limits = SubmitLimits {
        max_open_requests: 10,
        cooldown: Duration::ZERO,
    };
    assert!(store
        .request_for_session(&posted.key)
        .await
        .unwrap()
        .is_none());
    let stored = store
        .submit_request(&posted.key, posted.version, request.clone(), limits, later)
        .await
        .unwrap();
    let found = store
        .request_for_session(&posted.key)
        .await
        .unwrap()
        .expect("found by its flow");
    assert_eq!(found.number, stored.number);
    // The same flow cannot submit twice.
    assert!(matches!(
        store
            .submit_request(&posted.key, posted.version, request, limits, later)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let missing = store
        .requests_missing_from_board(id(900), T0, 10)
        .await
        .unwrap();
    assert_eq!(
        missing.iter().map(|r| r.number).collect::<Vec<_>>(),
        [stored.number]
    );
    assert!(
        store
            .requests_missing_from_board(id(900), later.saturating_add(Duration::from_secs(1)), 10)
            .await
            .unwrap()
            .is_empty(),
        "only recent ones"
    );
    store
        .set_board_message(stored.id, id(800), id(8_001))
        .await
        .unwrap();
    assert!(store
        .requests_missing_from_board(id(900), T0, 10)
        .await
        .unwrap()
        .is_empty());
}
