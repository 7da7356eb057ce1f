//! Characters (unique names, one main, removal cancels their requests) and the places
//! flows live: member channels, DM homes, panels and ended flow messages.

use std::time::Duration;

use craftdesk::domain::{RequestStatus, Timestamp, MAX_CHARACTERS};
use craftdesk::store::{CharacterInput, StoreError, SubmitLimits};

use super::requests::new_request;
use super::sessions::new_session;
use super::{id, Harness, T0};

fn character(name: &str, main: bool) -> CharacterInput {
    CharacterInput {
        name: name.to_owned(),
        main,
        professions: vec!["enchanting".to_owned()],
    }
}

fn at(secs: u64) -> Timestamp {
    T0.saturating_add(Duration::from_secs(secs))
}

pub async fn characters_have_unique_names_and_one_main(h: Harness) {
    let (store, g, u) = (&h.store, id(900), id(1));
    let thrall = store
        .add_character(g, u, character("Thrall", true), at(0))
        .await
        .unwrap();
    let jaina = store
        .add_character(g, u, character("Jaina", false), at(1))
        .await
        .unwrap();
    let taken = store
        .add_character(g, u, character("THRALL", false), at(2))
        .await;
    assert!(
        matches!(&taken, Err(StoreError::Duplicate(name)) if name == "THRALL"),
        "{taken:?}"
    );
    // Another member may use the name.
    store
        .add_character(g, id(2), character("Thrall", true), at(3))
        .await
        .unwrap();

    // A new main demotes the old one.
    let rexxar = store
        .add_character(g, u, character("Rexxar", true), at(4))
        .await
        .unwrap();
    let listed = store.characters(g, u).await.unwrap();
    let summary: Vec<_> = listed.iter().map(|c| (c.name.as_str(), c.main)).collect();
    assert_eq!(
        summary,
        [("Rexxar", true), ("Jaina", false), ("Thrall", false)]
    );
    assert_eq!(listed[0].professions, ["enchanting"]);

    let renamed = store
        .update_character(g, u, jaina.id, character("jaina proudmoore", true))
        .await;
    assert!(renamed.is_ok(), "{renamed:?}");
    let clash = store
        .update_character(g, u, thrall.id, character("Rexxar", false))
        .await;
    assert!(matches!(clash, Err(StoreError::Duplicate(_))), "{clash:?}");
    let not_mine = store
        .update_character(g, id(2), rexxar.id, character("Mine", false))
        .await;
    assert!(
        matches!(not_mine, Err(StoreError::Duplicate(_))),
        "{not_mine:?}"
    );
    let listed = store.characters(g, u).await.unwrap();
    let summary: Vec<_> = listed.iter().map(|c| (c.name.as_str(), c.main)).collect();
    assert_eq!(
        summary,
        [
            ("jaina proudmoore", true),
            ("Rexxar", false),
            ("Thrall", false)
        ]
    );
}

/// Issue 14, item 9f: the cap of 25 characters held only in the register view; the
/// store's insert enforces it now, also when adds race (the 26th of 30 concurrent adds is
/// refused, whichever comes first).
pub async fn a_member_registers_at_most_max_characters_even_when_adds_race(h: Harness) {
    let (store, g, u) = (&h.store, id(901), id(1));
    let adds = (0..30).map(|n| {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .add_character(g, u, character(&format!("Alt {n}"), false), at(n))
                .await
        })
    });
    let results = futures::future::join_all(adds).await;
    let (added, refused): (Vec<_>, Vec<_>) = results
        .into_iter()
        .map(|joined| joined.expect("no panic"))
        .partition(Result::is_ok);
    assert_eq!(added.len(), MAX_CHARACTERS);
    assert_eq!(refused.len(), 30 - MAX_CHARACTERS);
    for refusal in refused {
        assert!(
            matches!(
                &refusal,
                Err(StoreError::Limit(craftdesk::domain::Limit::Characters {
                    max: 25
                }))
            ),
            "{refusal:?}"
        );
    }
    assert_eq!(store.characters(g, u).await.unwrap().len(), MAX_CHARACTERS);
    // The cap is per member and guild.
    store
        .add_character(g, id(2), character("Alt 0", true), at(40))
        .await
        .unwrap();
    store
        .add_character(id(902), u, character("Alt 0", true), at(41))
        .await
        .unwrap();
}

pub async fn removing_a_character_cancels_its_pending_requests(h: Harness) {
    let (store, g, u) = (&h.store, id(900), id(1));
    let alt = store
        .add_character(g, u, character("Alt", false), at(0))
        .await
        .unwrap();
    let limits = SubmitLimits::unpaced(10);
    let mut numbers = Vec::new();
    for n in 0..2 {
        let session = store
            .create_session(new_session(1), at(n + 1))
            .await
            .unwrap();
        let mut request = new_request(900, 1);
        request.character_id = Some(alt.id);
        "Alt".clone_into(&mut request.character_name);
        let stored = store
            .submit_request(&session.key, 0, request, limits, at(n + 1))
            .await
            .unwrap();
        numbers.push(stored.number);
    }
    let pending = store.pending_per_character(g, u).await.unwrap();
    assert_eq!(pending.get(&alt.id), Some(&2));

    let cancelled = store.remove_character(g, u, alt.id, at(10)).await.unwrap();
    let mut cancelled_sorted = cancelled.clone();
    cancelled_sorted.sort_unstable();
    assert_eq!(cancelled_sorted, numbers);
    assert!(store.characters(g, u).await.unwrap().is_empty());
    assert!(store.pending_per_character(g, u).await.unwrap().is_empty());
    let stored = store
        .request_by_number(g, numbers[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, RequestStatus::Cancelled);
    assert_eq!(
        stored.reason.as_deref(),
        Some("Character removed by its member")
    );
    let again = store.remove_character(g, u, alt.id, at(11)).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
}

pub async fn member_channels_idle_ones_and_deleted_ones(h: Harness) {
    let (store, g) = (&h.store, id(900));
    assert_eq!(store.member_channel(g, id(1)).await.unwrap(), None);
    store
        .set_member_channel(g, id(1), id(5_001), at(0))
        .await
        .unwrap();
    store
        .set_member_channel(g, id(2), id(5_002), at(0))
        .await
        .unwrap();
    store
        .set_member_channel(g, id(3), id(5_003), at(0))
        .await
        .unwrap();
    store.touch_member_channel(g, id(3), at(100)).await.unwrap();
    assert_eq!(
        store.member_channel(g, id(1)).await.unwrap(),
        Some(id(5_001))
    );

    // Member 2 has a live flow in their channel: not idle. Member 3 was active lately.
    let session = store.create_session(new_session(2), at(10)).await.unwrap();
    assert_eq!(session.channel_id, Some(id(5_002)));
    let idle = store
        .idle_member_channels(at(50), at(50), 10)
        .await
        .unwrap();
    assert_eq!(idle, vec![(g, id(5_001))]);
    assert!(store
        .channel_still_idle(id(5_001), at(50), at(50))
        .await
        .unwrap());
    assert!(!store
        .channel_still_idle(id(5_002), at(50), at(50))
        .await
        .unwrap());
    // Once member 2's flow has expired (24 h), it no longer keeps the channel.
    let next_day = at(2 * 24 * 3_600);
    let idle = store
        .idle_member_channels(at(50), next_day, 10)
        .await
        .unwrap();
    assert_eq!(idle, vec![(g, id(5_001)), (g, id(5_002))]);
    let mut all = store.all_member_channels(vec![g]).await.unwrap();
    all.sort_unstable();
    assert_eq!(all, vec![id(5_001), id(5_002), id(5_003)]);
    assert!(
        store
            .all_member_channels(vec![id(901)])
            .await
            .unwrap()
            .is_empty(),
        "only the given guilds' channels"
    );
    assert_eq!(
        store.session_channels(vec![g]).await.unwrap(),
        vec![id(5_002)]
    );
    assert!(store
        .session_channels(vec![id(901)])
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .set_session_message(&session.key, id(5_002), id(6_000))
        .await
        .unwrap());
    let summary = store.open_sessions_for_user(g, id(2), T0).await.unwrap();
    assert_eq!(summary[0].message_id, Some(id(6_000)));

    // Deleted by hand: the channel is forgotten and its flows end.
    let ended = store.channel_deleted(id(5_002)).await.unwrap();
    assert_eq!(ended, vec![session.key.clone()]);
    assert!(store.session(&session.key).await.unwrap().is_none());
    assert_eq!(store.member_channel(g, id(2)).await.unwrap(), None);
    // Recording a new channel for a member replaces the old one.
    store
        .set_member_channel(g, id(1), id(5_101), at(200))
        .await
        .unwrap();
    assert_eq!(
        store.member_channel(g, id(1)).await.unwrap(),
        Some(id(5_101))
    );
}

pub async fn dm_homes_panels_and_ended_flow_messages_are_kept(h: Harness) {
    let (store, g) = (&h.store, id(900));
    assert_eq!(store.dm_home(g, id(1)).await.unwrap(), None);
    store.set_dm_home(g, id(1), id(10), id(11)).await.unwrap();
    store.set_dm_home(g, id(1), id(10), id(12)).await.unwrap();
    assert_eq!(
        store.dm_home(g, id(1)).await.unwrap(),
        Some((id(10), id(12)))
    );

    assert_eq!(store.panel_message(g).await.unwrap(), None);
    store.set_panel_message(g, id(20), id(21)).await.unwrap();
    store.set_panel_message(g, id(20), id(22)).await.unwrap();
    assert_eq!(
        store.panel_message(g).await.unwrap(),
        Some((id(20), id(22)))
    );

    store
        .record_ended_flow_message(id(10), id(31), at(0))
        .await
        .unwrap();
    store
        .record_ended_flow_message(id(10), id(32), at(5))
        .await
        .unwrap();
    store
        .record_ended_flow_message(id(10), id(31), at(6))
        .await
        .unwrap();
    assert_eq!(
        store.ended_flow_messages(at(10), 10).await.unwrap(),
        vec![(id(10), id(31)), (id(10), id(32))]
    );
    assert_eq!(
        store.ended_flow_messages(at(3), 10).await.unwrap(),
        vec![(id(10), id(31))]
    );
    store.forget_ended_flow_message(id(31)).await.unwrap();
    assert_eq!(
        store.ended_flow_messages(at(10), 10).await.unwrap(),
        vec![(id(10), id(32))]
    );
}

/// A member's last known language (their DMs read it): saved, changed, kept across a
/// reopening; a code no longer shipped reads as none.
pub async fn member_languages_are_kept_and_changed(h: Harness) {
    use craftdesk::i18n::Locale;
    let store = &h.store;
    assert_eq!(store.member_locale(id(1)).await.unwrap(), None);
    store
        .save_member_locale(id(1), Locale::German)
        .await
        .unwrap();
    store
        .save_member_locale(id(2), Locale::French)
        .await
        .unwrap();
    store
        .save_member_locale(id(1), Locale::BrazilianPortuguese)
        .await
        .unwrap();
    let reopened = h.reopen().await.unwrap();
    assert_eq!(
        reopened.member_locale(id(1)).await.unwrap(),
        Some(Locale::BrazilianPortuguese)
    );
    assert_eq!(
        reopened.member_locale(id(2)).await.unwrap(),
        Some(Locale::French)
    );
    h.execute("UPDATE member_locales SET locale = 'tlh' WHERE user_id = 2")
        .await;
    assert_eq!(reopened.member_locale(id(2)).await.unwrap(), None);
}
