//! What crafters and officers read and record beside status changes (the audit log,
//! handed-over materials, recently closed claims), and leases.

use std::time::Duration;

use craftdesk::domain::{RequestStatus, Timestamp};
use craftdesk::store::{StatusChange, Store, StoreError};

use super::requests::submit;
use super::{id, Harness, T0};

fn at(secs: u64) -> Timestamp {
    T0.saturating_add(Duration::from_secs(secs))
}

fn change(
    from: RequestStatus,
    to: RequestStatus,
    by: Option<u64>,
    event: &'static str,
) -> StatusChange {
    StatusChange {
        expected_status: from,
        expected_claimed_by: if from == RequestStatus::Open {
            None
        } else {
            by.map(id)
        },
        expected_completed: 0,
        status: to,
        claimed_by: by.map(id),
        quantity_completed: 0,
        reason: (to == RequestStatus::Cancelled).then(|| "duplicate".to_owned()),
        event,
        note: None,
    }
}

/// Applies `change` to request `number` of guild 900 as `actor`, at `when`.
async fn apply(store: &Store, number: u32, change: StatusChange, actor: u64, when: Timestamp) {
    store
        .change_request(id(900), number, change, id(actor), when)
        .await
        .unwrap();
}

pub async fn the_audit_log_pages_newest_first_and_searches_by_character(h: Harness) {
    let store = &h.store;
    for user in 1..=12 {
        submit(store, 900, user, at(user)).await.unwrap();
    }
    // Another guild's events never show.
    submit(store, 901, 1, at(20)).await.unwrap();
    apply(
        store,
        3,
        change(
            RequestStatus::Open,
            RequestStatus::Claimed,
            Some(77),
            "claimed",
        ),
        77,
        at(30),
    )
    .await;
    let first = store.audit_log(id(900), None, 0, 5).await.unwrap();
    assert_eq!(first.total, 13);
    assert_eq!(first.entries.len(), 5);
    assert_eq!(
        (first.entries[0].number, first.entries[0].action.as_str()),
        (3, "claimed")
    );
    assert_eq!(first.entries[0].actor_id, id(77));
    assert_eq!(first.entries[1].number, 12, "then the newest creation");
    let last = store.audit_log(id(900), None, 10, 5).await.unwrap();
    assert_eq!(
        last.entries.iter().map(|e| e.number).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    // Characters are Char<user>: "char1" matches Char1, Char10, Char11, Char12 (any case).
    let search = store
        .audit_log(id(900), Some("char1".to_owned()), 0, 50)
        .await
        .unwrap();
    assert_eq!(search.total, 4);
    assert!(search
        .entries
        .iter()
        .all(|e| e.character_name.starts_with("Char1")));
    // LIKE's wildcards are taken literally.
    let literal = store
        .audit_log(id(900), Some("%".to_owned()), 0, 50)
        .await
        .unwrap();
    assert_eq!(literal.total, 0);
}

pub async fn handed_over_materials_are_recorded_once_per_version(h: Harness) {
    let store = &h.store;
    let request = submit(store, 900, 1, at(0)).await.unwrap();
    let before = request.materials_json.clone();
    let after = r#"[{"name":"Dust","per_unit":1,"needed":2,"provided_by_member":2,"provided_by_guild":0,"handed_over":2}]"#;
    let (a, b) = tokio::join!(
        store.record_handover(
            id(900),
            1,
            before.clone(),
            after.to_owned(),
            id(5),
            "Dust 2/2".to_owned(),
            at(1)
        ),
        store.record_handover(
            id(900),
            1,
            before.clone(),
            after.to_owned(),
            id(6),
            "Dust 2/2".to_owned(),
            at(1)
        ),
    );
    let outcomes = [a, b];
    assert_eq!(
        outcomes.iter().filter(|r| r.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(outcomes
        .iter()
        .any(|r| matches!(r, Err(StoreError::Conflict { .. }))));
    let stored = store.request_by_number(id(900), 1).await.unwrap().unwrap();
    assert_eq!(stored.materials_json, after);
    let events = store.request_events_for(id(900), 1).await.unwrap();
    assert_eq!(
        events
            .last()
            .map(|e| (e.action.as_str(), e.note.as_deref())),
        Some(("materials_received", Some("Dust 2/2")))
    );
    // A closed request takes no more materials.
    apply(
        store,
        1,
        change(
            RequestStatus::Open,
            RequestStatus::Cancelled,
            None,
            "cancelled",
        ),
        9,
        at(2),
    )
    .await;
    let closed = store
        .record_handover(
            id(900),
            1,
            after.to_owned(),
            before,
            id(5),
            "x".to_owned(),
            at(3),
        )
        .await;
    assert!(
        matches!(closed, Err(StoreError::Conflict { .. })),
        "{closed:?}"
    );
}

pub async fn recently_closed_claims_list_what_a_crafter_had(h: Harness) {
    let store = &h.store;
    for user in 1..=3 {
        submit(store, 900, user, at(user)).await.unwrap();
    }
    for number in 1..=2 {
        apply(
            store,
            number,
            change(
                RequestStatus::Open,
                RequestStatus::Claimed,
                Some(7),
                "claimed",
            ),
            7,
            at(10),
        )
        .await;
    }
    // #1 cancelled long ago, #2 recently; #3 was never theirs.
    apply(
        store,
        1,
        change(
            RequestStatus::Claimed,
            RequestStatus::Cancelled,
            Some(7),
            "cancelled",
        ),
        9,
        at(20),
    )
    .await;
    apply(
        store,
        2,
        change(
            RequestStatus::Claimed,
            RequestStatus::Cancelled,
            Some(7),
            "cancelled",
        ),
        9,
        at(100),
    )
    .await;
    apply(
        store,
        3,
        change(
            RequestStatus::Open,
            RequestStatus::Cancelled,
            None,
            "cancelled",
        ),
        9,
        at(100),
    )
    .await;
    let recent = store
        .recently_closed_claims(id(900), id(7), at(50))
        .await
        .unwrap();
    assert_eq!(recent.iter().map(|r| r.number).collect::<Vec<_>>(), [2]);
    assert_eq!(recent[0].reason.as_deref(), Some("duplicate"));
    let all = store
        .recently_closed_claims(id(900), id(7), at(0))
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 1],
        "newest first"
    );
}

pub async fn a_lease_has_one_holder_until_it_expires_or_is_released(h: Harness) {
    let store = &h.store;
    let ttl = Duration::from_secs(10);
    // Racing takers: exactly one wins.
    let (a, b) = tokio::join!(
        store.try_lease("work", "a".to_owned(), at(0), ttl),
        store.try_lease("work", "b".to_owned(), at(0), ttl)
    );
    let (winner, loser) = match (a.unwrap(), b.unwrap()) {
        (true, false) => ("a", "b"),
        (false, true) => ("b", "a"),
        other => panic!("exactly one holder expected, got {other:?}"),
    };
    assert!(
        store
            .try_lease("work", winner.to_owned(), at(5), ttl)
            .await
            .unwrap(),
        "renewed"
    );
    assert!(
        !store
            .try_lease("work", loser.to_owned(), at(14), ttl)
            .await
            .unwrap(),
        "still held"
    );
    assert!(
        store
            .try_lease("work", loser.to_owned(), at(15), ttl)
            .await
            .unwrap(),
        "taken over once the renewal ran out"
    );
    store
        .release_lease("work", winner.to_owned())
        .await
        .unwrap();
    assert!(
        !store
            .try_lease("work", winner.to_owned(), at(16), ttl)
            .await
            .unwrap(),
        "not theirs to release"
    );
    store.release_lease("work", loser.to_owned()).await.unwrap();
    assert!(
        store
            .try_lease("work", winner.to_owned(), at(16), ttl)
            .await
            .unwrap(),
        "free again"
    );
    assert!(
        store
            .try_lease("other", loser.to_owned(), at(16), ttl)
            .await
            .unwrap(),
        "leases are independent"
    );
    assert_eq!(
        store.lease_holder("other").await.unwrap(),
        Some((loser.to_owned(), at(16).saturating_add(ttl)))
    );
    store
        .release_lease("other", loser.to_owned())
        .await
        .unwrap();
    assert_eq!(store.lease_holder("other").await.unwrap(), None);
}

pub async fn a_held_lease_waits_for_its_holder_and_is_given_up_when_dropped(h: Harness) {
    let store = &h.store;
    let ttl = Duration::from_secs(10);
    let wait = Duration::from_secs(10);
    let first = store
        .wait_for_lease("job".to_owned(), "a".to_owned(), ttl, wait)
        .await
        .unwrap()
        .expect("free: taken at once");
    assert!(
        store
            .wait_for_lease("job".to_owned(), "b".to_owned(), ttl, Duration::ZERO)
            .await
            .unwrap()
            .is_none(),
        "held by a: not for b"
    );
    // b waits; a gives it up (by dropping it): b gets it.
    let second = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .wait_for_lease("job".to_owned(), "b".to_owned(), ttl, wait)
                .await
        }
    });
    drop(first);
    let second = second.await.unwrap().unwrap().expect("b's turn");
    assert_eq!(
        store.lease_holder("job").await.unwrap().map(|(h, _)| h),
        Some("b".to_owned())
    );
    second.release().await.unwrap();
    assert_eq!(store.lease_holder("job").await.unwrap(), None);

    // A holder that died: its lease ran out a while ago. Whose it was can be read (its work
    // may be half done), and it is taken at once.
    let long_ago = Timestamp::now().saturating_sub(Duration::from_secs(60));
    assert!(store
        .try_lease("job", "a".to_owned(), long_ago, ttl)
        .await
        .unwrap());
    assert_eq!(
        store.lease_holder("job").await.unwrap().map(|(h, _)| h),
        Some("a".to_owned())
    );
    let taken_over = store
        .wait_for_lease("job".to_owned(), "b".to_owned(), ttl, Duration::ZERO)
        .await
        .unwrap()
        .expect("ran out: b's at once");
    assert_eq!(
        store.lease_holder("job").await.unwrap().map(|(h, _)| h),
        Some("b".to_owned())
    );
    taken_over.release().await.unwrap();

    // What killed holders left is pruned once it ran out before the given time.
    assert!(store
        .try_lease("left", "a".to_owned(), long_ago, ttl)
        .await
        .unwrap());
    assert!(store
        .try_lease("live", "b".to_owned(), Timestamp::now(), ttl)
        .await
        .unwrap());
    assert_eq!(
        store
            .prune_leases(long_ago.saturating_add(ttl))
            .await
            .unwrap(),
        0,
        "not yet run out then"
    );
    assert_eq!(store.prune_leases(Timestamp::now()).await.unwrap(), 1);
    assert_eq!(store.lease_holder("left").await.unwrap(), None);
    assert!(store.lease_holder("live").await.unwrap().is_some());
}
