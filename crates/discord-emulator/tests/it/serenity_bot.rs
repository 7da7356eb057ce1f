//! A real serenity 0.12 bot connects, parses every interaction type and answers; scripted users get the answers.

use std::time::Duration;

use discord_emulator::{EmulatorOptions, ReplyKind};
use serde_json::json;

use crate::support::{emulator, next_seen, start_bot, Seen};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serenity_bot_parses_and_answers_every_interaction_type() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let mut seen = start_bot(&emu, Duration::ZERO).await;
    assert_eq!(emu.commands(Some(guild)).len(), 7);
    assert_eq!(emu.commands(None).len(), 1);

    let first = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "green tea"}]),
        )
        .await
        .unwrap();
    assert_eq!(first.kind, ReplyKind::Message);
    assert!(first.ephemeral);
    assert_eq!(first.content, "Request for green tea: pick a profession");
    assert_eq!(first.button_labels(), ["Confirm", "Cancel"]);
    assert!(first.latency < Duration::from_secs(1));

    let picked = first.select("Profession", &["enchanting"]).await.unwrap();
    assert_eq!(picked.kind, ReplyKind::Update);
    assert_eq!(picked.content, "Profession: enchanting");

    let modal = picked.click_label("Set quantity").await.unwrap();
    assert_eq!(modal.kind, ReplyKind::Modal);
    assert_eq!(modal.title.as_deref(), Some("Quantity"));
    let submitted = modal.submit_modal(&[("qty", "2")]).await.unwrap();
    assert_eq!(submitted.kind, ReplyKind::Message);
    assert_eq!(submitted.content, "Quantity 2");

    let choices = alice.autocomplete("request", "item", "gr").await.unwrap();
    let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["green tea", "grey cloak"]);

    let deferred = alice.slash("defer", json!([])).await.unwrap();
    assert_eq!(deferred.kind, ReplyKind::Deferred);
    let settled = deferred.settled().await.unwrap();
    assert_eq!(settled.kind, ReplyKind::Edit);
    assert_eq!(settled.content, "done after defer");

    let cancel = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "y"}]),
        )
        .await
        .unwrap();
    let acknowledged = cancel.click_label("Cancel").await.unwrap();
    assert_eq!(acknowledged.kind, ReplyKind::DeferredUpdate);
    let cancelled = acknowledged.settled().await.unwrap();
    assert_eq!(
        (cancelled.kind, cancelled.content.as_str()),
        (ReplyKind::Edit, "Cancelled")
    );
    assert_eq!(
        cancelled.message.as_ref().map(|m| m.id),
        cancel.message.as_ref().map(|m| m.id)
    );

    let again = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "x"}]),
        )
        .await
        .unwrap();
    let confirmed = again.click_label("Confirm").await.unwrap();
    assert_eq!(confirmed.content, "Submitted");
    assert!(confirmed.components.is_empty());

    let mut kinds = Vec::new();
    while let Ok(s) = seen.try_recv() {
        if let Seen::Interaction(k) = s {
            kinds.push(k);
        }
    }
    for k in ["command", "component", "modal", "autocomplete"] {
        assert!(
            kinds.contains(&k),
            "the handler never got a parsed {k} interaction: {kinds:?}"
        );
    }
    let violations = emu.log().schema_violations();
    assert!(violations.is_empty(), "schema violations: {violations:#?}");
    assert!(
        emu.log().failures().is_empty(),
        "{:#?}",
        emu.log().failures()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_updates_and_channel_deletes_reach_the_handler() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let channel = emu.create_text_channel(guild, "board", None).await;
    let crafter = emu.create_role(guild, "Crafter").await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let mut seen = start_bot(&emu, Duration::ZERO).await;

    emu.set_member_roles(guild, alice.id(), &[crafter]).await;
    let update = next_seen(&mut seen, |s| matches!(s, Seen::MemberUpdate { .. })).await;
    assert_eq!(
        update,
        Seen::MemberUpdate {
            user: alice.id(),
            roles: vec![crafter]
        }
    );

    assert!(emu.delete_channel_by_hand(channel).await);
    assert_eq!(
        next_seen(&mut seen, |s| matches!(s, Seen::ChannelDelete(_))).await,
        Seen::ChannelDelete(channel)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_answer_gets_10062_and_the_scripted_user_says_why() {
    let opts = EmulatorOptions {
        interaction_deadline: Duration::from_millis(50),
        answer_timeout: Duration::from_millis(600),
        ..Default::default()
    };
    let emu = emulator(opts).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let mut seen = start_bot(&emu, Duration::from_millis(150)).await;

    let err = alice
        .slash("slow", json!([]))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("waiting for an answer to /slow"), "{err}");
    assert!(err.contains("10062"), "{err}");
    let answer = next_seen(&mut seen, |s| matches!(s, Seen::AnswerError(_))).await;
    assert!(
        matches!(&answer, Seen::AnswerError(e) if e.contains("Unknown interaction")),
        "{answer:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_answer_gets_40060() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let mut seen = start_bot(&emu, Duration::ZERO).await;

    let reply = alice.slash("twice", json!([])).await.unwrap();
    assert_eq!(reply.content, "once");
    let answer = next_seen(&mut seen, |s| matches!(s, Seen::AnswerError(_))).await;
    assert!(
        matches!(&answer, Seen::AnswerError(e) if e.contains("already been acknowledged")),
        "{answer:?}"
    );
    let codes: Vec<Option<u32>> = emu
        .log()
        .calls_to("POST /interactions/{interaction_id}/{interaction_token}/callback")
        .iter()
        .map(|c| c.error_code)
        .collect();
    assert_eq!(codes, [None, Some(40060)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_resumes_after_a_reconnect_request_and_a_dropped_socket() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let _seen = start_bot(&emu, Duration::ZERO).await;

    emu.faults().gateway_reconnect();
    let r = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "a"}]),
        )
        .await
        .unwrap();
    assert_eq!(r.kind, ReplyKind::Message);

    emu.faults().gateway_drop();
    let r = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "b"}]),
        )
        .await
        .unwrap();
    assert_eq!(r.content, "Request for b: pick a profession");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_options_are_resolved_and_hidden_commands_refused() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let bob = emu.add_member(guild, "bob", &[]).await;
    let _seen = start_bot(&emu, Duration::ZERO).await;

    let reply = alice
        .slash(
            "whois",
            json!([{"name": "who", "type": 6, "value": bob.id().to_string()}]),
        )
        .await
        .unwrap();
    assert_eq!(reply.content, "bob (member: true)");

    let refused = alice
        .slash("admin", json!([]))
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("default_member_permissions"), "{refused}");
    let officer = emu
        .create_role_with_permissions(
            guild,
            "Officer",
            discord_emulator::permissions::ADMINISTRATOR,
        )
        .await;
    emu.set_member_roles(guild, alice.id(), &[officer]).await;
    assert_eq!(alice.slash("admin", json!([])).await.unwrap().content, "ok");

    let hidden = emu
        .create_channel_by_hand(
            guild,
            0,
            "hidden",
            None,
            vec![discord_emulator::Overwrite {
                id: guild,
                kind: 0,
                allow: 0,
                deny: discord_emulator::permissions::VIEW_CHANNEL,
            }],
        )
        .await;
    let unseen = bob
        .in_channel(hidden)
        .slash("ping", json!([]))
        .await
        .unwrap_err()
        .to_string();
    assert!(unseen.contains("cannot see #hidden"), "{unseen}");

    let private = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "z"}]),
        )
        .await
        .unwrap();
    let not_yours = bob
        .click_in(private.message.as_ref().unwrap(), "Confirm")
        .await
        .unwrap_err()
        .to_string();
    assert!(not_yours.contains("ephemeral"), "{not_yours}");

    let missing = alice
        .with_timeout(Duration::from_millis(100))
        .slash("nope", json!([]))
        .await
        .unwrap_err()
        .to_string();
    assert!(missing.contains("/nope is not registered"), "{missing}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn followups_dms_and_channel_creates_work() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let general = emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    // A command issued before the bot is up waits for it to connect and register its commands.
    let early = alice.clone();
    let pending = tokio::spawn(async move { early.slash("ping", json!([])).await });
    let mut seen = start_bot(&emu, Duration::ZERO).await;

    assert_eq!(pending.await.unwrap().unwrap().content, "ok");

    let first = alice.slash("followup", json!([])).await.unwrap();
    assert_eq!(
        (first.kind, first.content.as_str(), first.ephemeral),
        (ReplyKind::Message, "first", false)
    );
    let second = first.next_update().await.unwrap();
    assert_eq!(
        (second.kind, second.content.as_str(), second.ephemeral),
        (ReplyKind::Followup, "second", true)
    );
    let visible: Vec<String> = emu
        .channel_messages(general)
        .iter()
        .map(|m| m.content.clone())
        .collect();
    assert_eq!(visible, ["ok", "first"]);

    let in_dm = alice.in_dm().slash("ping", json!([])).await.unwrap();
    assert_eq!(in_dm.content, "ok");
    assert_eq!(
        in_dm.message.unwrap().channel_id,
        emu.dm_channel_of(alice.id()).unwrap()
    );
    let guild_only = alice
        .in_dm()
        .with_timeout(Duration::from_millis(100))
        .slash("request", json!([]))
        .await
        .unwrap_err()
        .to_string();
    assert!(guild_only.contains("not available in DMs"), "{guild_only}");

    emu.create_text_channel(guild, "Board", None).await;
    assert_eq!(
        next_seen(&mut seen, |s| matches!(s, Seen::ChannelCreate(_))).await,
        Seen::ChannelCreate("board".into())
    );
    assert!(
        emu.log().schema_violations().is_empty(),
        "{:#?}",
        emu.log().schema_violations()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_session_makes_the_bot_identify_again() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu
        .add_member(guild, "alice", &[])
        .await
        .with_timeout(Duration::from_secs(10));
    let mut seen = start_bot(&emu, Duration::ZERO).await;

    // RESUME gets op 9; serenity identifies again (its shard queuer waits 5 s between boots) and the
    // handler's `ready` runs a second time.
    emu.faults().gateway_invalidate_sessions();
    let again = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(s) = seen.recv().await {
            if s == Seen::Ready {
                return true;
            }
        }
        false
    });
    assert!(again.await.unwrap(), "no second READY");
    let r = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "c"}]),
        )
        .await
        .unwrap();
    assert_eq!(r.content, "Request for c: pick a profession");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_describe_themselves_for_assertion_messages() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "general", None).await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let _seen = start_bot(&emu, Duration::ZERO).await;
    let reply = alice
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "tea"}]),
        )
        .await
        .unwrap();
    assert_eq!(reply.select_values("Profession"), ["enchanting", "alchemy"]);
    assert_eq!(
        reply.message.as_ref().unwrap().select_values("prof"),
        ["enchanting", "alchemy"]
    );
    let shown = reply.to_string();
    assert!(
        shown.starts_with(
            "Message (ephemeral): \"Request for tea: pick a profession\"; it has: select"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("button \"Confirm\" (\"confirm\")"),
        "{shown}"
    );
    let err = reply
        .select("Profession", &["mining"])
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("has no option \"mining\""), "{err}");
}
