//! Sessions: CAS saves, same-millisecond keys, conditional touch, chunked expiry, bulk
//! delete, reopening, and refusing a newer schema.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use craftdesk::domain::SessionKey;
use craftdesk::store::{NewSession, StoreError};

use super::{id, policy, Harness, T0};

pub fn new_session(user: u64) -> NewSession {
    NewSession {
        user_id: id(user),
        guild_id: id(900),
        kind: "request".to_owned(),
        state_json: r#"{"step":"character"}"#.to_owned(),
        channel_id: Some(id(5_000 + user)),
    }
}

pub async fn a_created_session_reads_back_and_saves_with_cas(h: Harness) {
    let store = h.store.clone();
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

pub async fn under_50_concurrent_writers_exactly_one_wins_each_version(h: Harness) {
    let store = h.store.clone();
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

pub async fn two_flows_of_one_member_in_the_same_millisecond_get_distinct_keys(h: Harness) {
    let store = h.store.clone();
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
    let open = store
        .open_sessions_for_user(id(900), id(3), T0)
        .await
        .unwrap();
    assert_eq!(open.len(), 10);
    let expired = T0.saturating_add(policy().ttl);
    assert!(
        store
            .open_sessions_for_user(id(900), id(3), expired)
            .await
            .unwrap()
            .is_empty(),
        "expired flows are not open"
    );
    assert!(store
        .open_sessions_for_user(id(900), id(4), T0)
        .await
        .unwrap()
        .is_empty());
}

pub async fn touch_writes_only_when_older_than_the_threshold(h: Harness) {
    let store = h.store.clone();
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

pub async fn delete_sessions_removes_many_at_once(h: Harness) {
    let store = h.store.clone();
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

pub async fn expiry_of_100000_rows_works_in_chunks_and_spares_live_sessions(h: Harness) {
    let store = h.store.clone();
    h.seed_sessions(100_000, 1_000, T0).await;

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

pub async fn reopening_keeps_everything(h: Harness) {
    let key = {
        let store = h.reopen().await.unwrap();
        let session = store.create_session(new_session(1), T0).await.unwrap();
        store
            .save_session(&session.key, 0, r#"{"kept":true}"#.to_owned(), T0)
            .await
            .unwrap();
        session.key
    };
    let store = h.reopen().await.unwrap();
    let loaded = store.session(&key).await.unwrap().expect("still there");
    assert_eq!(loaded.state_json, r#"{"kept":true}"#);
    assert_eq!(loaded.version, 1);
    assert_eq!(
        store.version().await.unwrap(),
        craftdesk::store::latest_version()
    );
}

pub async fn a_database_from_a_newer_version_is_refused_with_a_clear_message(h: Harness) {
    h.forge_newer_schema().await;
    let err = h.reopen().await.expect_err("refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer craftdesk"), "{err}");
}

pub async fn concurrent_starts_never_pass_the_open_flow_limit(h: Harness) {
    let store = h.store.clone();
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store.create_session_within(new_session(7), T0, 3).await
        }));
    }
    let (mut started, mut refused) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => started += 1,
            Err(StoreError::TooManyOpen { open }) => {
                assert_eq!(open, 3);
                refused += 1;
            }
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!((started, refused), (3, 9), "exactly the limit starts");
    // Other kinds and other members are counted apart.
    let view = NewSession {
        kind: "status".to_owned(),
        ..new_session(7)
    };
    store.create_session_within(view, T0, 3).await.unwrap();
    store
        .create_session_within(new_session(8), T0, 3)
        .await
        .unwrap();
    // Once they expire, they no longer count.
    let later = T0.saturating_add(policy().ttl);
    store
        .create_session_within(new_session(7), later, 3)
        .await
        .expect("expired flows free their places");
}

pub async fn a_view_opened_again_reuses_its_one_session(h: Harness) {
    let store = h.store.clone();
    let view = |state: &str| NewSession {
        kind: "status".to_owned(),
        state_json: state.to_owned(),
        channel_id: None,
        ..new_session(9)
    };
    let first = store.open_single_session(view("{}"), T0).await.unwrap();
    let mut last = first.clone();
    for n in 1..=50u64 {
        let at = T0.saturating_add(Duration::from_secs(n));
        last = store
            .open_single_session(view(&format!("{{\"n\":{n}}}")), at)
            .await
            .unwrap();
        assert_eq!(last.key, first.key, "the same session each time");
    }
    assert_eq!(last.version, 50, "each opening is a new version");
    assert_eq!(last.state_json, r#"{"n":50}"#);
    assert_eq!(
        last.expires_at,
        T0.saturating_add(Duration::from_secs(50))
            .saturating_add(policy().ttl)
    );
    let open = store
        .open_sessions_for_user(id(900), id(9), T0)
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "one row, not 51");
    // A stale click on the first rendering loses cleanly (CAS on the version).
    let stale = store.save_session(&first.key, 0, "{}".to_owned(), T0).await;
    assert!(matches!(stale, Err(StoreError::Conflict { .. })));
    // Past its expiry, a new session replaces it.
    let later = last.expires_at;
    let fresh = store.open_single_session(view("{}"), later).await.unwrap();
    assert_ne!(fresh.key, first.key);
    assert!(store.session(&first.key).await.unwrap().is_none());
}
