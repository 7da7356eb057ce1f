//! What a crash leaves half done, found again at the restart: flows whose message was never
//! recorded, the request a flow already made, requests missing from the board.

use std::time::Duration;

use craftdesk::domain::Snowflake;
use craftdesk::store::{NewRequest, StoreError, SubmitLimits};

use super::sessions::new_session;
use super::{id, Harness, T0};

/// Ada's one pair of enchanted boots, all materials hers.
pub fn sample_request(guild: Snowflake) -> NewRequest {
    NewRequest {
        guild_id: guild,
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
    }
}

pub async fn what_a_crash_leaves_half_done_can_be_found_again(h: Harness) {
    let store = &h.store;
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
    let request = sample_request(id(900));
    let limits = SubmitLimits::unpaced(10);
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
