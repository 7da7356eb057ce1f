//! Requests: guild-local numbers, one submission per flow (session CAS), the member's
//! limits, CAS status changes with their events, and cancelling.

use std::sync::Arc;
use std::time::Duration;

use craftdesk::domain::{RequestStatus, Snowflake, Timestamp};
use craftdesk::store::{NewRequest, StatusChange, Store, StoreError, SubmitLimits};

use super::sessions::new_session;
use super::{id, Harness, T0};

const LIMITS: SubmitLimits = SubmitLimits::unpaced(10);

pub fn new_request(guild: u64, user: u64) -> NewRequest {
    NewRequest {
        guild_id: id(guild),
        user_id: id(user),
        character_id: None,
        character_name: format!("Char{user}"),
        profession: "enchanting".to_owned(),
        gear_slot: "Boots".to_owned(),
        item: "Enchant Boots - Agility".to_owned(),
        quantity: 2,
        notes: "asap".to_owned(),
        material_plan: r#"{"kind":"none"}"#.to_owned(),
        materials_json: "[]".to_owned(),
    }
}

fn at(secs: u64) -> Timestamp {
    T0.saturating_add(Duration::from_secs(secs))
}

/// Starts a flow in `guild` for `user` and submits it.
pub async fn submit(
    store: &Store,
    guild: u64,
    user: u64,
    now: Timestamp,
) -> Result<craftdesk::store::StoredRequest, StoreError> {
    let mut new = new_session(user);
    new.guild_id = id(guild);
    let session = store.create_session(new, now).await?;
    store
        .submit_request(&session.key, 0, new_request(guild, user), LIMITS, now)
        .await
}

pub async fn requests_are_numbered_per_guild_and_a_flow_submits_once(h: Harness) {
    let store = &h.store;
    let first = submit(store, 900, 1, at(0)).await.unwrap();
    let second = submit(store, 900, 2, at(1)).await.unwrap();
    let other_guild = submit(store, 901, 1, at(2)).await.unwrap();
    assert_eq!((first.number, second.number, other_guild.number), (1, 2, 1));
    assert_eq!(first.status, RequestStatus::Open);

    // The flow ended with its submission: a second Confirm on it (a double click) loses.
    let session = store.create_session(new_session(3), at(3)).await.unwrap();
    let ok = store
        .submit_request(&session.key, 0, new_request(900, 3), LIMITS, at(3))
        .await
        .unwrap();
    let again = store
        .submit_request(&session.key, 0, new_request(900, 3), LIMITS, at(4))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { expected: 0 })),
        "{again:?}"
    );
    assert!(store.session(&session.key).await.unwrap().is_none());

    let stored = store
        .request_by_number(id(900), ok.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, ok);
    assert!(store
        .request_by_number(id(900), 99)
        .await
        .unwrap()
        .is_none());
    let history = store.request_events_for(id(900), ok.number).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].action.as_str(), history[0].actor_id),
        ("created", id(3))
    );
    let counts = store.count_requests(id(900)).await.unwrap();
    assert_eq!(counts, vec![(RequestStatus::Open, 3)]);
    let mine = store.member_requests(id(900), id(1)).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].number, mine[0].quantity), (1, 2));
}

pub async fn the_open_request_limit_and_the_submit_pace_hold(h: Harness) {
    let store = &h.store;
    // Two at once, then one every 10 s; at most three open.
    let limits = SubmitLimits {
        max_open_requests: 3,
        burst: 2,
        per_minute: 6,
    };
    // Each flow started a moment apart (`nth` ms after `secs`), so each has its own key.
    let submit = |secs, nth: u64| async move {
        let started = at(secs).saturating_add(Duration::from_millis(nth));
        let session = store.create_session(new_session(1), started).await.unwrap();
        let result = store
            .submit_request(&session.key, 0, new_request(900, 1), limits, at(secs))
            .await;
        (session, result)
    };
    // Parallel flows confirmed back to back each become a request.
    let first = submit(0, 1).await.1.unwrap();
    let second = submit(0, 2).await.1.unwrap();
    let (session, too_soon) = submit(0, 3).await;
    assert!(
        matches!(
            &too_soon,
            Err(StoreError::Limit(craftdesk::domain::Limit::TooSoon {
                seconds: 10
            }))
        ),
        "{too_soon:?}"
    );
    // The refused submission changed nothing: the flow is still there.
    assert!(store.session(&session.key).await.unwrap().is_some());
    let third = store
        .submit_request(&session.key, 0, new_request(900, 1), limits, at(10))
        .await
        .unwrap();
    assert_eq!((first.number, second.number, third.number), (1, 2, 3));

    let (session, over) = submit(40, 1).await;
    assert!(
        matches!(
            &over,
            Err(StoreError::Limit(craftdesk::domain::Limit::OpenRequests {
                max: 3,
                ..
            }))
        ),
        "{over:?}"
    );
    assert_eq!(
        store.count_requests(id(900)).await.unwrap(),
        vec![(RequestStatus::Open, 3)]
    );

    let cancelled = store
        .cancel_member_requests(id(900), id(1), vec![first.number], at(41))
        .await
        .unwrap();
    assert_eq!(cancelled, vec![first.number]);
    let fourth = store
        .submit_request(&session.key, 0, new_request(900, 1), limits, at(42))
        .await
        .unwrap();
    assert_eq!(
        fourth.number, 4,
        "a refused submission used no number, and none is reused"
    );
}

/// The claimer completes one, then denies the rest; a stale change and a missing request
/// lose.
async fn progress_then_deny(store: &Store, number: u32, winner: Snowflake) {
    // Complete part of it, then all of it, each conditional on what was read.
    let progress = StatusChange {
        expected_status: RequestStatus::Claimed,
        expected_claimed_by: Some(winner),
        expected_completed: 0,
        status: RequestStatus::InProgress,
        claimed_by: Some(winner),
        quantity_completed: 1,
        reason: None,
        event: "progress",
        note: Some("one done".to_owned()),
    };
    store
        .change_request(id(900), number, progress.clone(), winner, at(6))
        .await
        .unwrap();
    let stale = store
        .change_request(id(900), number, progress, winner, at(7))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let deny = StatusChange {
        expected_status: RequestStatus::InProgress,
        expected_claimed_by: Some(winner),
        expected_completed: 1,
        status: RequestStatus::Denied,
        claimed_by: None,
        quantity_completed: 1,
        reason: Some("out of mats".to_owned()),
        event: "denied",
        note: None,
    };
    store
        .change_request(id(900), number, deny, winner, at(8))
        .await
        .unwrap();
    let stored = store
        .request_by_number(id(900), number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, RequestStatus::Denied);
    assert_eq!((stored.claimed_by, stored.quantity_completed), (None, 1));
    assert_eq!(stored.reason.as_deref(), Some("out of mats"));
    let missing = store
        .change_request(id(900), 99, claim(winner), winner, at(9))
        .await;
    assert!(
        matches!(missing, Err(StoreError::Conflict { .. })),
        "{missing:?}"
    );
}

fn claim(crafter: Snowflake) -> StatusChange {
    StatusChange {
        expected_status: RequestStatus::Open,
        expected_claimed_by: None,
        expected_completed: 0,
        status: RequestStatus::Claimed,
        claimed_by: Some(crafter),
        quantity_completed: 0,
        reason: None,
        event: "claimed",
        note: None,
    }
}

pub async fn of_concurrent_claims_exactly_one_wins_and_each_change_is_recorded(h: Harness) {
    let store = h.store.clone();
    let request = submit(&store, 900, 1, at(0)).await.unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(20));
    let mut tasks = Vec::new();
    for crafter in 100..120 {
        let (store, barrier) = (store.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let result = store
                .change_request(
                    id(900),
                    request.number,
                    claim(id(crafter)),
                    id(crafter),
                    at(5),
                )
                .await;
            (crafter, result)
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            (crafter, Ok(())) => winners.push(crafter),
            (_, Err(StoreError::Conflict { .. })) => {}
            (_, Err(other)) => panic!("unexpected error {other}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one claim wins: {winners:?}");
    let winner = id(winners[0]);
    let stored = store
        .request_by_number(id(900), request.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.status, stored.claimed_by),
        (RequestStatus::Claimed, Some(winner))
    );

    progress_then_deny(&store, request.number, winner).await;
    let history = store
        .request_events_for(id(900), request.number)
        .await
        .unwrap();
    let actions: Vec<_> = history
        .iter()
        .map(|e| (e.action.as_str(), e.note.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("created", None),
            ("claimed", None),
            ("progress", Some("one done")),
            ("denied", Some("out of mats"))
        ]
    );
    assert_eq!(history[1].actor_id, winner);
    let by_status = store.count_requests_by_status().await.unwrap();
    assert_eq!(by_status, vec![(RequestStatus::Denied, 1)]);
}

pub async fn members_cancel_only_their_own_open_requests(h: Harness) {
    let store = &h.store;
    let mine = submit(store, 900, 1, at(0)).await.unwrap();
    let claimed = submit(store, 900, 1, at(1)).await.unwrap();
    let theirs = submit(store, 900, 2, at(2)).await.unwrap();
    store
        .change_request(id(900), claimed.number, claim(id(50)), id(50), at(3))
        .await
        .unwrap();
    let cancelled = store
        .cancel_member_requests(
            id(900),
            id(1),
            vec![mine.number, claimed.number, theirs.number],
            at(4),
        )
        .await
        .unwrap();
    assert_eq!(cancelled, vec![mine.number], "only my open ones");
    let stored = store
        .request_by_number(id(900), mine.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, RequestStatus::Cancelled);
    assert_eq!(stored.reason.as_deref(), Some("Cancelled by the requester"));
    let history = store
        .request_events_for(id(900), mine.number)
        .await
        .unwrap();
    assert_eq!(history.last().map(|e| e.action.as_str()), Some("cancelled"));
    let pending = store
        .pending_requests(
            id(900),
            vec!["enchanting".to_owned(), "tailoring".to_owned()],
        )
        .await
        .unwrap();
    let numbers: Vec<u32> = pending.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![claimed.number, theirs.number]);
    assert!(store
        .pending_requests(id(900), vec!["alchemy".to_owned()])
        .await
        .unwrap()
        .is_empty());
    let board = store
        .request_by_number(id(900), theirs.number)
        .await
        .unwrap()
        .unwrap();
    store
        .set_board_message(board.id, id(77), id(78))
        .await
        .unwrap();
    let board = store
        .request_by_number(id(900), theirs.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(board.board_message_id, Some(id(78)));
}
