//! The security review's holes, each as the story that found it: a store that cannot be
//! read at startup, members who left, closed DMs, and members clicking in a loop.

use std::time::Duration;

use discord_emulator::{ReplyKind, ScriptedUser};
use serde_json::json;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{eventually_true, spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(10);

/// The settled answer (after a deferral, the edit or followup that follows it).
async fn settled(
    answer: Result<discord_emulator::Reply, discord_emulator::Error>,
) -> discord_emulator::Reply {
    answer.expect("answered").settled().await.expect("settled")
}

/// The member's live sessions in the test guild, as the store has them now.
async fn live_sessions(app: &TestApp, member: &ScriptedUser) -> usize {
    let id = |n| craftdesk::domain::Snowflake::new(n).unwrap();
    app.bot()
        .store
        .open_sessions_for_user(
            id(app.guild),
            id(member.id()),
            craftdesk::domain::Timestamp::now(),
        )
        .await
        .unwrap()
        .len()
}

fn channel_exists(app: &TestApp, id: discord_emulator::Snowflake) -> bool {
    app.emu.channels(app.guild).iter().any(|c| c.id == id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_unreadable_at_startup_removes_no_channel_and_a_later_pass_does_the_work() {
    let mut app = spawn_app_with(Options {
        extra_toml: "[cleanup]\ninterval = \"200ms\"\n".to_owned(),
        ..Options::default()
    })
    .await;
    let (ann, bob) = (app.member("ann").await, app.member("bob").await);
    let (_, ann_flow) = open_flow(&app, &ann).await;
    let (_, bob_flow) = open_flow(&app, &bob).await;
    let orphan = app
        .emu
        .create_text_channel(app.guild, "requests-4242", Some(app.category))
        .await;

    app.restart_prepared(|bot| bot.store.fail_next("all_member_channels", 1))
        .await;

    // The later pass removes the orphan, and only the orphan.
    eventually_true(WAIT, "the orphan is removed", || {
        !channel_exists(&app, orphan)
    })
    .await;
    assert!(
        channel_exists(&app, ann_flow.channel_id),
        "ann's channel stays"
    );
    assert!(
        channel_exists(&app, bob_flow.channel_id),
        "bob's channel stays"
    );
    // Ann's flow goes on where it was.
    let modal = ann.click_in(&ann_flow, "Type a name").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    app.assert_schema_clean();
}

fn dm_options() -> Options {
    Options {
        mode: "dm",
        ..Options::default()
    }
}

/// The member's DM home message (the panel's buttons in their DM).
fn dm_home(app: &TestApp, member: &ScriptedUser) -> discord_emulator::Message {
    let dm = app.emu.dm_channel_of(member.id()).expect("a DM");
    app.emu
        .channel_messages(dm)
        .into_iter()
        .find(|m| m.button_labels().contains(&"Create request".to_owned()))
        .expect("the DM home message")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_left_can_neither_start_nor_confirm_from_their_dms() {
    let app = spawn_app_with(dm_options()).await;
    let bob = app.member("bob").await;
    let (_, first) = open_flow(&app, &bob).await;
    let confirm = walk_to_confirm(&bob, &first, "Bobbin", "1").await;
    let home = dm_home(&app, &bob);
    let dm = first.channel_id;

    app.emu.remove_member(app.guild, bob.id()).await;
    let messages_before = app.emu.channel_messages(dm).len();

    let refused = settled(confirm.click_label("Confirm").await).await;
    assert!(refused.ephemeral, "a private answer");
    assert!(
        refused.text().contains("no longer a member"),
        "{}",
        refused.text()
    );
    for button in [
        "Create request",
        "My requests",
        "My characters",
        "Manage requests",
    ] {
        let reply = settled(bob.click_in(&home, button).await).await;
        assert!(
            reply.ephemeral && reply.text().contains("no longer a member"),
            "{button}: {}",
            reply.text()
        );
    }
    // Nothing was stored or posted for them.
    let bot = app.bot();
    let guild = craftdesk::domain::Snowflake::new(app.guild).unwrap();
    let member = craftdesk::domain::Snowflake::new(bob.id()).unwrap();
    assert!(bot
        .store
        .member_requests(guild, member)
        .await
        .unwrap()
        .is_empty());
    assert!(
        app.emu.channel_messages(app.board).is_empty(),
        "no board post"
    );
    assert_eq!(
        app.emu.channel_messages(dm).len(),
        messages_before,
        "no new flow"
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirm_rechecks_the_member_role() {
    // The guild asks for a member role to make requests.
    let mut app = crate::support::world(Options::default()).await;
    let member_role_id = app.emu.create_role(app.guild, "Member").await;
    app.options.extra_guild_toml = format!("register_role_id = \"{member_role_id}\"");
    app.start_bot().await;
    let cat = app.member_with("cat", &[member_role_id]).await;
    let (_, first) = open_flow(&app, &cat).await;
    let confirm = walk_to_confirm(&cat, &first, "Catrin", "1").await;
    app.emu.set_member_roles(app.guild, cat.id(), &[]).await;
    let refused = settled(confirm.click_label("Confirm").await).await;
    assert!(
        refused.ephemeral && refused.text().contains("member role"),
        "{}",
        refused.text()
    );
    assert!(
        app.emu.channel_messages(app.board).is_empty(),
        "no board post"
    );
    // With the role back, the same flow confirms.
    app.emu
        .set_member_roles(app.guild, cat.id(), &[member_role_id])
        .await;
    let done = settled(confirm.click_label("Confirm").await).await;
    assert!(done.text().contains("submitted"), "{}", done.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_presses_with_closed_dms_each_explain_and_cost_one_refusal_in_all() {
    let app = spawn_app_with(dm_options()).await;
    let carol = app.member("carol").await;
    app.emu.set_dms_blocked(carol.id(), true);
    for press in 1..=10 {
        let reply = crate::support::opened_answer(
            carol.slash("request", json!([])).await.expect("answered"),
        )
        .await;
        assert!(
            reply.ephemeral && reply.text().contains("Allow direct messages"),
            "press {press}: {}",
            reply.text()
        );
    }
    let refused = app.emu.log().count_status(403);
    assert!(refused <= 1, "{refused} refused calls for ten presses");
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_to_closed_dms_knock_once_then_go_to_the_request_channel() {
    let app = spawn_app_with(Options::default()).await;
    let dora = app.member("dora").await;
    app.emu.set_dms_blocked(dora.id(), true);
    let crafter = app.member_with("crafty", &[app.crafter_role]).await;
    let board = crate::crafting::board_request(&app, &dora, 1, "3").await;
    let channel = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", dora.id()))
        .expect("dora's channel")
        .id;
    let claimed = crafter.click_in(&board, "Claim").await.expect("claimed");
    assert!(claimed.kind == ReplyKind::Update, "{:?}", claimed.kind);
    eventually_true(WAIT, "the claim notice reaches her channel", || {
        app.emu
            .channel_messages(channel)
            .iter()
            .any(|m| m.text().contains("🔔"))
    })
    .await;
    let board = crate::crafting::board_message(&app, 1);
    crafter.click_in(&board, "Release").await.expect("released");
    eventually_true(WAIT, "the second notice reaches her channel", || {
        app.emu
            .channel_messages(channel)
            .iter()
            .filter(|m| m.text().contains("🔔"))
            .count()
            >= 2
    })
    .await;
    let refused = app.emu.log().count_status(403);
    assert_eq!(refused, 1, "one refused DM, then her channel directly");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clicking_in_a_loop_is_told_to_slow_down_and_views_never_pile_up() {
    let defaults = craftdesk::config::SessionsConfig::default();
    let app = spawn_app_with(Options {
        click_burst: defaults.click_burst,
        clicks_per_second: defaults.clicks_per_second,
        ..Options::default()
    })
    .await;
    let eve = app.member("eve").await;
    let mut slowed = 0;
    for _ in 0..30 {
        let reply = eve.slash("status", json!([])).await.expect("answered");
        assert!(reply.ephemeral);
        if reply.text().contains("clicking faster") {
            slowed += 1;
        } else {
            assert!(reply.text().contains("My requests"), "{}", reply.text());
        }
    }
    assert!(slowed >= 5, "past the burst she is slowed ({slowed} of 30)");
    assert_eq!(
        live_sessions(&app, &eve).await,
        1,
        "one status session, reused"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_never_pass_the_open_flow_limit() {
    let app = spawn_app_with(Options::default()).await;
    let fay = app.member("fay").await;
    // Her channel exists first, so every command races for a session, not a channel.
    open_flow(&app, &fay).await;
    let presses =
        (0..6).map(|_| async { settled(fay.slash("request", json!([])).await).await.text() });
    let answers = futures::future::join_all(presses).await;
    for answer in &answers {
        assert!(
            answer.contains("waiting in") || answer.contains("limit is 3"),
            "{answer}"
        );
    }
    let channel = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", fay.id()))
        .expect("her channel")
        .id;
    let flows = || {
        app.emu
            .channel_messages(channel)
            .iter()
            .filter(|m| m.text().contains("step 1 of 7"))
            .count()
    };
    eventually_true(WAIT, "three flow messages", || flows() == 3).await;
    assert_eq!(live_sessions(&app, &fay).await, 3);
}
