//! `/request` end to end: channel and DM mode, many members, parallel flows, isolation,
//! expiry, deleted channels, double clicks, forged ids, hostile input, restarts.

use std::time::Duration;

use discord_emulator::{Reply, ReplyKind, ScriptedUser};
use serde_json::json;

use crate::support::{
    eventually, opened_answer, select_values, spawn_app, spawn_app_with, Options, TestApp,
};

const WAIT: Duration = Duration::from_secs(5);

/// Runs `/request` and returns the flow's first message (in the member's space).
pub async fn open_flow(app: &TestApp, member: &ScriptedUser) -> (Reply, discord_emulator::Message) {
    let known: Vec<u64> = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", member.id()))
        .map(|c| c.id)
        .or_else(|| app.emu.dm_channel_of(member.id()))
        .map(|c| app.emu.channel_messages(c).iter().map(|m| m.id).collect())
        .unwrap_or_default();
    let reply =
        crate::support::opened_answer(member.slash("request", json!([])).await.expect("answered"))
            .await;
    assert!(reply.ephemeral, "the command's reply is private");
    // The answer may come before the space is ready (a channel deleted by hand is noticed
    // and re-created after answering; the answer is then edited): wait, with a deadline.
    let channel = eventually(WAIT, async || {
        let current = reply
            .message
            .as_ref()
            .and_then(|m| app.emu.message(m.id))
            .map_or_else(|| reply.text(), |m| m.text());
        let found = if app.options.mode == "dm" {
            app.emu
                .dm_channel_of(member.id())
                .filter(|_| current.contains("DM"))
        } else {
            let name = format!("requests-{}", member.id());
            app.emu
                .channel_by_name(app.guild, &name)
                .map(|c| c.id)
                .filter(|id| current.contains(&format!("<#{id}>")))
        };
        found.ok_or_else(|| format!("no request space announced: {current}"))
    })
    .await;
    let message = app
        .emu
        .wait_for_message(
            channel,
            |m| !known.contains(&m.id) && m.text().contains("step 1 of 7"),
            WAIT,
        )
        .await
        .expect("flow message posted");
    // The flow is stored with its message's id once Discord has answered the post, a moment
    // after the message exists: wait for that too, so a test acting on the store right
    // away (cleanup, expiry) finds the flow whole.
    // (A bot run as a child process has its own store: nothing to wait for here.)
    let id = |n| craftdesk::domain::Snowflake::new(n).expect("a snowflake");
    let Some(bot) = app.bot_in_process() else {
        return (reply, message);
    };
    eventually(WAIT, async || {
        let open = bot
            .store
            .open_sessions_for_user(
                id(app.guild),
                id(member.id()),
                // Expired flows count too (a test may run with a TTL of 1 ms).
                craftdesk::domain::Timestamp::from_millis(0),
            )
            .await
            .map_err(|err| err.to_string())?;
        open.iter()
            .any(|s| s.message_id == Some(id(message.id)))
            .then_some(())
            .ok_or_else(|| "the flow's message is not stored yet".to_owned())
    })
    .await;
    (reply, message)
}

/// From step 2 to step 5: enchanting, then the first gear slot and the first item offered.
pub async fn pick_first_enchant(r: Reply) -> Reply {
    let r = r
        .select("Choose a profession", &["enchanting"])
        .await
        .expect("profession");
    assert!(r.text().contains("step 3 of 7"), "{}", r.text());
    let slot = select_values(&r.components, "Choose a gear slot")[0].clone();
    let r = r
        .select("Choose a gear slot", &[&slot])
        .await
        .expect("slot");
    let item = select_values(&r.components, "Choose an item")[0].clone();
    let r = r.select("Choose an item", &[&item]).await.expect("item");
    assert!(r.text().contains("step 5 of 7"), "{}", r.text());
    r
}

/// From the first step to the confirmation screen, picking the first option everywhere.
pub async fn walk_to_confirm(
    member: &ScriptedUser,
    first: &discord_emulator::Message,
    name: &str,
    quantity: &str,
) -> Reply {
    let modal = member.click_in(first, "Type a name").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    let r = modal
        .submit_modal(&[("name", name)])
        .await
        .expect("name accepted");
    assert!(r.text().contains("step 2 of 7"), "{}", r.text());
    let r = pick_first_enchant(r).await;
    let modal = r
        .click_label("Enter quantity & notes")
        .await
        .expect("quantity modal");
    let r = modal
        .submit_modal(&[("quantity", quantity), ("notes", "For the raid")])
        .await
        .expect("quantity");
    assert!(r.text().contains("step 6 of 7"), "{}", r.text());
    let r = r.click_label("📦 I provide all").await.expect("materials");
    assert!(r.text().contains("step 7 of 7"), "{}", r.text());
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_flow_in_channel_mode_submits_a_request_to_the_board() {
    let app = spawn_app().await;
    let alice = app.member("alice").await;
    let (_, first) = open_flow(&app, &alice).await;

    let channel = app.emu.channel(first.channel_id).expect("channel");
    assert_eq!(channel.parent_id, Some(app.category));
    let confirm = walk_to_confirm(&alice, &first, "Thrallina", "2").await;
    assert!(
        confirm.text().contains("Thrallina") && confirm.text().contains("For the raid"),
        "{}",
        confirm.text()
    );
    assert!(
        confirm.text().contains("× 2 ="),
        "materials per unit × quantity: {}",
        confirm.text()
    );

    let done = confirm.click_label("Confirm").await.expect("confirmed");
    assert_eq!(
        done.kind,
        ReplyKind::Update,
        "the flow message is updated in place"
    );
    assert!(
        done.text().contains("Request #1 submitted"),
        "{}",
        done.text()
    );
    assert!(done.text().contains("You're providing"), "{}", done.text());
    assert!(
        done.button_labels().is_empty(),
        "the finished flow has no buttons left"
    );

    let posted = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Request #1"), WAIT)
        .await
        .expect("on the board");
    assert!(posted.text().contains("Thrallina"));
    assert_eq!(
        posted.button_labels()[..4],
        ["Claim", "Deny", "Cancel", "Assign…"]
    );
    // Every step updated the one flow message: the channel holds exactly one message.
    assert_eq!(app.emu.channel_messages(first.channel_id).len(), 1);
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_flow_in_dm_mode_and_a_member_who_blocks_dms_is_told_what_to_do() {
    let app = spawn_app_with(Options {
        mode: "dm",
        ..Options::default()
    })
    .await;
    let bob = app.member("bob").await;
    let (_, first) = open_flow(&app, &bob).await;
    let confirm = walk_to_confirm(&bob, &first, "Bobbin", "1").await;
    let done = confirm
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .settled()
        .await
        .expect("settled");
    assert_eq!(
        done.message.as_ref().map(|m| m.id),
        Some(first.id),
        "the receipt replaces the flow message"
    );
    assert!(
        done.text().contains("Request #1 submitted"),
        "{}",
        done.text()
    );
    assert!(
        app.emu
            .channel_by_name(app.guild, &format!("requests-{}", bob.id()))
            .is_none(),
        "no channel in DM mode"
    );

    let carol = app.member("carol").await;
    app.emu.set_dms_blocked(carol.id(), true);
    let reply = opened_answer(carol.slash("request", json!([])).await.expect("answered")).await;
    assert!(reply.ephemeral);
    assert!(
        reply.text().contains("Allow direct messages"),
        "{}",
        reply.text()
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_members_at_once_each_get_their_own_channel_and_request() {
    let app = spawn_app().await;
    let mut members = Vec::new();
    for n in 0..20 {
        members.push(app.member(&format!("member{n}")).await);
    }
    let runs = members.iter().enumerate().map(|(n, member)| {
        let app = &app;
        async move {
            let (_, first) = open_flow(app, member).await;
            let confirm = walk_to_confirm(member, &first, &format!("Char{n}"), "1").await;
            let done = confirm.click_label("Confirm").await.expect("confirmed");
            assert!(done.text().contains("submitted"), "{}", done.text());
            assert!(
                done.text().contains(&format!("Char{n}")),
                "no one sees another's data: {}",
                done.text()
            );
        }
    });
    futures_join_all(runs).await;
    for member in &members {
        let name = format!("requests-{}", member.id());
        let channels: Vec<_> = app
            .emu
            .channels(app.guild)
            .into_iter()
            .filter(|c| c.name == name)
            .collect();
        assert_eq!(channels.len(), 1, "{name}");
    }
    let board = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Request #20"), WAIT)
        .await;
    assert!(board.is_ok(), "twenty requests are on the board");
    assert_eq!(app.emu.channel_messages(app.board).len(), 20);
    app.assert_schema_clean();
}

async fn futures_join_all<F: std::future::Future<Output = ()>>(
    futures: impl IntoIterator<Item = F>,
) {
    let mut set = Vec::new();
    for f in futures {
        set.push(f);
    }
    let pinned: Vec<_> = set.into_iter().map(Box::pin).collect();
    for f in pinned {
        f.await;
    }
}

/// Requests #1 to #3 on the board, and nothing else. Board posts go out in the background:
/// #3 may be there before #1 and #2.
async fn three_requests_on_the_board(app: &TestApp) {
    crate::support::eventually_true(WAIT, "three requests on the board", || {
        let posts = app.emu.channel_messages(app.board);
        (1..=3).all(|n| {
            posts
                .iter()
                .any(|m| m.text().contains(&format!("Request #{n}")))
        })
    })
    .await;
    assert_eq!(app.emu.channel_messages(app.board).len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_member_runs_three_flows_in_parallel_and_a_fourth_is_refused() {
    let app = spawn_app().await;
    let dana = app.member("dana").await;
    let mut firsts = Vec::new();
    for _ in 0..3 {
        firsts.push(open_flow(&app, &dana).await.1);
    }
    let channel = firsts[0].channel_id;
    assert!(
        firsts.iter().all(|m| m.channel_id == channel),
        "parallel flows share the member's one channel"
    );
    let fourth = dana.slash("request", json!([])).await.expect("answered");
    assert!(fourth.ephemeral);
    assert!(fourth.text().contains("limit is 3"), "{}", fourth.text());

    // Each flow keeps its own state: name them differently and finish them in reverse order.
    let mut confirms = Vec::new();
    for (n, first) in firsts.iter().enumerate() {
        confirms
            .push(walk_to_confirm(&dana, first, &format!("Alt{n}"), &format!("{}", n + 1)).await);
    }
    for (n, confirm) in confirms.iter().enumerate().rev() {
        let done = confirm.click_label("Confirm").await.expect("confirmed");
        assert!(done.text().contains(&format!("Alt{n}")), "{}", done.text());
    }
    three_requests_on_the_board(&app).await;
    assert_eq!(
        app.emu
            .channels(app.guild)
            .iter()
            .filter(|c| c.name.starts_with("requests-"))
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_parallel_flows_confirmed_in_a_row_make_three_requests_then_the_pace_holds() {
    let app = spawn_app_with(Options {
        default_submit_pace: true,
        ..Options::default()
    })
    .await;
    let gus = app.member("gus").await;
    let mut confirms = Vec::new();
    for n in 0..3 {
        let (_, first) = open_flow(&app, &gus).await;
        confirms.push(walk_to_confirm(&gus, &first, &format!("Gus{n}"), "1").await);
    }
    for (n, confirm) in confirms.iter().enumerate() {
        let done = confirm.click_label("Confirm").await.expect("confirmed");
        assert!(
            done.text()
                .contains(&format!("Request #{} submitted", n + 1)),
            "{}",
            done.text()
        );
    }
    // The allowance is spent: a fourth, right away, is asked to wait (and keeps its flow).
    let (_, first) = open_flow(&app, &gus).await;
    let fourth = walk_to_confirm(&gus, &first, "Gus3", "1").await;
    let wait = fourth.click_label("Confirm").await.expect("answered");
    assert!(
        wait.ephemeral && wait.text().contains("press Confirm again"),
        "{}",
        wait.text()
    );
    three_requests_on_the_board(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_members_menu_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let erin = app.member("erin").await;
    // Only someone who can see Erin's private channel (an admin) could press her buttons.
    let admin = app
        .emu
        .create_role_with_permissions(
            app.guild,
            "Admin",
            discord_emulator::permissions::ADMINISTRATOR,
        )
        .await;
    let mallory = app.member_with("mallory", &[admin]).await;
    let (_, first) = open_flow(&app, &erin).await;
    let refused = mallory
        .click_in(&first, "Type a name")
        .await
        .expect("answered");
    assert!(refused.ephemeral);
    assert!(
        refused.text().contains("belongs to someone else"),
        "{}",
        refused.text()
    );
    // Erin's flow is untouched and still works.
    let modal = erin.click_in(&first, "Type a name").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_says_so_and_loses_its_buttons() {
    let app = spawn_app_with(Options {
        ttl: "1ms",
        ..Options::default()
    })
    .await;
    let fay = app.member("fay").await;
    let (_, first) = open_flow(&app, &fay).await;
    let reply = fay.click_in(&first, "Type a name").await.expect("answered");
    assert_eq!(reply.kind, ReplyKind::Update);
    assert!(
        reply.text().contains("Session expired. Please start over."),
        "{}",
        reply.text()
    );
    assert!(reply.button_labels().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_deleted_mid_flow_ends_its_flows_and_the_next_request_makes_a_new_one() {
    let app = spawn_app().await;
    let gus = app.member("gus").await;
    let (_, first) = open_flow(&app, &gus).await;
    assert!(app.emu.delete_channel_by_hand(first.channel_id).await);
    let (_, again) = open_flow(&app, &gus).await;
    assert_ne!(again.channel_id, first.channel_id, "a new channel was made");
    let channels = app
        .emu
        .channels(app.guild)
        .into_iter()
        .filter(|c| c.name == format!("requests-{}", gus.id()))
        .count();
    assert_eq!(channels, 1);
    let confirm = walk_to_confirm(&gus, &again, "Gus", "1").await;
    assert!(confirm
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .text()
        .contains("submitted"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_confirm_submits_once() {
    let app = spawn_app().await;
    let hal = app.member("hal").await;
    let (_, first) = open_flow(&app, &hal).await;
    let confirm = walk_to_confirm(&hal, &first, "Hal", "1").await;
    let (a, b) = tokio::join!(
        confirm.click_label("Confirm"),
        confirm.click_label("Confirm")
    );
    let (a, b) = (a.expect("answered"), b.expect("answered"));
    let (won, lost) = if a.ephemeral { (b, a) } else { (a, b) };
    assert!(
        won.text().contains("Request #1 submitted"),
        "{}",
        won.text()
    );
    // The other click is told privately that it was already handled or, when it lands
    // after the commit, that request #1 went through: never a second request.
    assert!(
        lost.ephemeral,
        "the losing click is told privately: {}",
        lost.text()
    );
    assert!(
        lost.text().contains("already handled")
            || lost.text().contains("Request #1 was already submitted"),
        "{}",
        lost.text()
    );
    assert!(!lost.text().contains("Request #2"), "{}", lost.text());
    // The receipt stays on the flow message.
    let flow_message = app.emu.message(first.id).expect("flow message");
    assert!(
        flow_message.text().contains("Request #1 submitted"),
        "{}",
        flow_message.text()
    );
    app.emu
        .wait_for_message(app.board, |m| m.text().contains("Request #1"), WAIT)
        .await
        .expect("posted");
    assert_eq!(app.emu.channel_messages(app.board).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_and_emoji_input_gets_a_clear_message_and_loses_nothing() {
    let app = spawn_app().await;
    let ivy = app.member("ivy").await;
    let (_, first) = open_flow(&app, &ivy).await;
    let modal = ivy.click_in(&first, "Type a name").await.expect("modal");
    let refused = modal
        .submit_modal(&[("name", "Bad::Name")])
        .await
        .expect("answered");
    assert!(refused.ephemeral);
    assert!(
        refused.text().contains("cannot contain"),
        "{}",
        refused.text()
    );
    let modal = ivy
        .click_in(&first, "Type a name")
        .await
        .expect("modal again");
    let r = modal
        .submit_modal(&[("name", "  Ivy 🐉 @everyone  ")])
        .await
        .expect("accepted");
    assert!(r.text().contains("step 2 of 7"));
    assert!(
        !r.text().contains("@everyone"),
        "mentions are defused: {}",
        r.text()
    );
    let r = pick_first_enchant(r).await;
    let modal = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal");
    let refused = modal
        .submit_modal(&[("quantity", "5000"), ("notes", &"🐉".repeat(1_000))])
        .await
        .expect("answered");
    assert!(
        refused.text().contains("from 1 to 1000"),
        "{}",
        refused.text()
    );
    let modal = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal again");
    let r = modal
        .submit_modal(&[("quantity", "2"), ("notes", "🐉 **bold** <@1>")])
        .await
        .expect("accepted");
    assert!(r.text().contains("step 6 of 7"), "{}", r.text());
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_mid_flow_continues_from_the_stored_state() {
    let mut app = spawn_app().await;
    let jo = app.member("jo").await;
    let (_, first) = open_flow(&app, &jo).await;
    let modal = jo.click_in(&first, "Type a name").await.expect("modal");
    let r = modal.submit_modal(&[("name", "Jo")]).await.expect("named");
    let r = r
        .select("Choose a profession", &["enchanting"])
        .await
        .expect("profession");
    assert!(r.text().contains("step 3 of 7"));

    app.restart().await;

    let slot = select_values(&r.components, "Choose a gear slot")[0].clone();
    let r = r
        .select("Choose a gear slot", &[&slot])
        .await
        .expect("the flow goes on after the restart");
    assert!(
        r.text().contains("step 4 of 7") && r.text().contains("Jo"),
        "{}",
        r.text()
    );
    let item = select_values(&r.components, "Choose an item")[0].clone();
    let r = r.select("Choose an item", &[&item]).await.expect("item");
    let modal = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal");
    let r = modal
        .submit_modal(&[("quantity", "1"), ("notes", "")])
        .await
        .expect("quantity");
    let r = r.click_label("📦 I provide all").await.expect("materials");
    assert!(r
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .text()
        .contains("Request #1 submitted"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_truncated_and_foreign_ids_get_a_clear_private_answer() {
    let app = spawn_app().await;
    let kim = app.member("kim").await;
    let (_, first) = open_flow(&app, &kim).await;
    let button = first
        .all_components()
        .into_iter()
        .find_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .expect("a component");
    let key = button.split(':').nth(1).expect("session key").to_owned();
    let other_users_key = format!("req_1234567890_{}", key.rsplit('_').next().expect("millis"));
    for forged in [
        "not-ours".to_owned(),
        button[..button.len() - 2].to_owned(),
        format!("cd1:{key}:launch-missiles"),
        format!("cd1:{key}:pg:99999"),
        format!("cd1:{other_users_key}:ok"),
        format!("cd1:req_{}_1:ok", kim.id()),
    ] {
        let reply = kim.forge_click(&first, &forged).await.expect("answered");
        assert!(reply.ephemeral, "{forged}: {}", reply.text());
        let text = reply.text();
        assert!(
            text.contains("don't recognise")
                || text.contains("belongs to someone else")
                || text.contains("Session expired")
                || text.contains("out of date"),
            "{forged}: {text}"
        );
    }
    // The flow is untouched.
    let current = app.emu.message(first.id).expect("still there");
    assert!(current.text().contains("step 1 of 7"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_thousand_characters_from_a_modified_client_are_refused_and_lose_nothing() {
    let app = spawn_app().await;
    let lee = app.member("lee").await;
    let (_, first) = open_flow(&app, &lee).await;
    let key = first
        .all_components()
        .into_iter()
        .find_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .expect("id");
    let key = key.split(':').nth(1).expect("key").to_owned();
    let huge = "🐉".repeat(4_000);
    let refused = lee
        .forge_modal(&first, &format!("cd1:{key}:fn"), &[("name", &huge)])
        .await
        .expect("answered");
    assert!(refused.ephemeral);
    assert!(
        refused.text().contains("2 to 32 characters"),
        "{}",
        refused.text()
    );
    // Still at step 1, and it goes on normally.
    let modal = lee.click_in(&first, "Type a name").await.expect("modal");
    let r = modal.submit_modal(&[("name", "Lee")]).await.expect("named");
    let r = pick_first_enchant(r).await;
    let message = r.message.clone().expect("flow message");
    let refused = lee
        .forge_modal(
            &message,
            &format!("cd1:{key}:fq"),
            &[("quantity", "1"), ("notes", &"x".repeat(4_000))],
        )
        .await
        .expect("answered");
    assert!(
        refused.text().contains("at most 1000 characters"),
        "{}",
        refused.text()
    );
    assert!(
        app.emu
            .message(first.id)
            .expect("flow")
            .text()
            .contains("step 5 of 7"),
        "nothing was lost"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_category_overflows_and_when_all_are_full_the_member_is_told() {
    let app = spawn_app().await;
    for n in 0..50 {
        app.emu
            .create_text_channel(app.guild, &format!("filler-{n}"), Some(app.category))
            .await;
    }
    let quinn = app.member("quinn").await;
    let (_, first) = open_flow(&app, &quinn).await;
    assert_eq!(
        app.emu
            .channel(first.channel_id)
            .expect("channel")
            .parent_id,
        Some(app.overflow)
    );
    // The full category is not tried again for a while (it would be refused again).
    let creations = || {
        app.emu
            .log()
            .calls_to("POST /guilds/{guild_id}/channels")
            .len()
    };
    let before = creations();
    let uma = app.member("uma").await;
    let (_, hers) = open_flow(&app, &uma).await;
    assert_eq!(
        app.emu.channel(hers.channel_id).expect("channel").parent_id,
        Some(app.overflow)
    );
    assert_eq!(creations() - before, 1, "straight to the overflow category");

    for n in 0..48 {
        app.emu
            .create_text_channel(
                app.guild,
                &format!("overflow-filler-{n}"),
                Some(app.overflow),
            )
            .await;
    }
    let rae = app.member("rae").await;
    let reply = opened_answer(rae.slash("request", json!([])).await.expect("answered")).await;
    assert!(reply.ephemeral);
    assert!(
        reply.text().contains("All request channels are in use"),
        "{}",
        reply.text()
    );
    assert!(app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", rae.id()))
        .is_none());
    // Both known full: told at once, without asking Discord again.
    let before = creations();
    let again = opened_answer(rae.slash("request", json!([])).await.expect("answered")).await;
    assert!(again.text().contains("All request channels are in use"));
    assert_eq!(creations(), before, "no refused call");
}

/// Issue 15: in a burst, creations queued for a category that fills meanwhile go to the
/// next one when their turn comes, instead of each being refused once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_into_a_filling_category_is_refused_about_once_not_once_per_member() {
    let app = spawn_app_with(Options {
        // One creation at a time, 4 a second: the burst queues behind the pace.
        extra_discord_toml: "channel_ops_per_second = 4\nchannel_op_burst = 1\n".into(),
        ..Options::default()
    })
    .await;
    // Room for one more channel in the request category.
    for n in 0..49 {
        app.emu
            .create_text_channel(app.guild, &format!("filler-{n}"), Some(app.category))
            .await;
    }
    let mut members = Vec::new();
    for n in 0..6 {
        members.push(app.member(&format!("burst-{n}")).await);
    }
    let flows =
        futures::future::join_all(members.iter().map(|member| open_flow(&app, member))).await;
    let parents: Vec<_> = flows
        .iter()
        .map(|(_, flow)| app.emu.channel(flow.channel_id).expect("channel").parent_id)
        .collect();
    assert_eq!(
        parents.iter().filter(|p| **p == Some(app.category)).count(),
        1,
        "{parents:?}"
    );
    assert_eq!(
        parents.iter().filter(|p| **p == Some(app.overflow)).count(),
        5,
        "{parents:?}"
    );
    let creations = app
        .emu
        .log()
        .calls_to("POST /guilds/{guild_id}/channels")
        .len();
    // 6 channels, and the refusal that found the category full (two if a slow machine
    // had two calls in flight at once); choosing at queue time made 11.
    assert!((7..=8).contains(&creations), "{creations} creations");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_mode_keeps_one_home_message_with_the_panel_buttons() {
    let mut app = spawn_app_with(Options {
        mode: "dm",
        ..Options::default()
    })
    .await;
    let sam = app.member("sam").await;
    let (_, first) = open_flow(&app, &sam).await;
    let dm = first.channel_id;
    let homes = |app: &TestApp| {
        app.emu
            .channel_messages(dm)
            .into_iter()
            .filter(|m| m.button_labels().contains(&"My requests".to_owned()))
            .collect::<Vec<_>>()
    };
    let home = homes(&app);
    assert_eq!(home.len(), 1);
    assert!(home[0].id < first.id, "the home message comes first");

    let home_reads = |app: &TestApp| {
        app.emu
            .log()
            .calls_to("GET /channels/{channel_id}/messages/{message_id}")
            .len()
    };
    open_flow(&app, &sam).await;
    assert_eq!(homes(&app).len(), 1, "not duplicated");
    assert_eq!(
        home_reads(&app),
        0,
        "the home message just posted is trusted: no GET on the next flow"
    );

    // A click in a DM says nothing of membership: the bot asks Discord first ("thinking…").
    let mine = sam
        .click_in(&home[0], "My requests")
        .await
        .expect("answered");
    assert_eq!(mine.kind, ReplyKind::Deferred);
    let mine = mine.settled().await.expect("settled");
    assert!(
        mine.ephemeral && mine.text().contains("My requests"),
        "{}",
        mine.text()
    );

    // Gone (only the bot could delete it on Discord): a restarted bot checks it once, on
    // the member's next flow, and posts it again.
    assert!(app.emu.delete_message_by_hand(home[0].id));
    app.restart().await;
    open_flow(&app, &sam).await;
    assert_eq!(home_reads(&app), 1, "checked once after the restart");
    let again = homes(&app);
    assert_eq!(again.len(), 1, "re-created once");
    assert_ne!(again[0].id, home[0].id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_server_errors_and_a_gateway_drop_mid_flow_do_not_stop_a_flow() {
    use discord_emulator::Fault;
    let app = spawn_app().await;
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(50))
            .on("POST /guilds/{guild_id}/channels")
            .times(2),
    );
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(50))
            .on("POST /channels/{channel_id}/messages")
            .times(2),
    );
    app.emu.faults().add(
        Fault::server_error(502)
            .on("POST /channels/{channel_id}/messages")
            .times(1),
    );
    let una = app
        .member("una")
        .await
        .with_timeout(Duration::from_secs(15));
    let (_, first) = open_flow(&app, &una).await;
    let modal = una.click_in(&first, "Type a name").await.expect("modal");
    let r = modal.submit_modal(&[("name", "Una")]).await.expect("named");
    // The gateway drops mid-flow: serenity resumes and the next click is answered.
    app.emu.faults().gateway_drop();
    let r = pick_first_enchant(r).await;
    let r = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal")
        .submit_modal(&[("quantity", "1"), ("notes", "")])
        .await
        .expect("qty");
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(50))
            .on("POST /channels/{channel_id}/messages")
            .times(1),
    );
    let r = r.click_label("📦 I provide all").await.expect("materials");
    assert!(r
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .text()
        .contains("Request #1 submitted"));
    app.emu
        .wait_for_message(app.board, |m| m.text().contains("Request #1"), WAIT)
        .await
        .expect("on the board despite a 429");
    let rate_limited = app.emu.log().count_status(429);
    assert_eq!(rate_limited, 5, "every injected 429 was met and retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_requests_in_the_same_instant_make_one_channel() {
    let app = spawn_app().await;
    let zoe = app.member("zoe").await;
    let (a, b) = tokio::join!(
        zoe.slash("request", json!([])),
        zoe.slash("request", json!([]))
    );
    let (a, b) = (
        opened_answer(a.expect("answered")).await,
        opened_answer(b.expect("answered")).await,
    );
    let name = format!("requests-{}", zoe.id());
    let channels: Vec<_> = app
        .emu
        .channels(app.guild)
        .into_iter()
        .filter(|c| c.name == name)
        .collect();
    assert_eq!(channels.len(), 1, "one channel for both");
    let link = format!("<#{}>", channels[0].id);
    assert!(
        a.text().contains(&link) && b.text().contains(&link),
        "{} / {}",
        a.text(),
        b.text()
    );
    app.emu
        .wait_for_message(
            channels[0].id,
            |_| app.emu.channel_messages(channels[0].id).len() == 2,
            WAIT,
        )
        .await
        .expect("two flow messages in the one channel");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_answers_at_once_even_when_discord_is_slow_to_make_the_channel() {
    let app = spawn_app().await;
    // Discord takes 2 s to make the channel: the answer does not wait for it. It says the
    // channel is being opened, and is edited with the link once it exists.
    app.emu.faults().add(
        discord_emulator::Fault::latency(Duration::from_secs(2))
            .on("POST /guilds/{guild_id}/channels")
            .times(1),
    );
    let slow = app.member("sloane").await;
    let asked = std::time::Instant::now();
    let reply = slow.slash("request", json!([])).await.expect("answered");
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "answered in {:?}, before the channel exists",
        asked.elapsed()
    );
    assert_eq!(reply.kind, ReplyKind::Message, "{}", reply.text());
    assert!(reply.ephemeral);
    assert!(
        reply.text().contains("Opening your request channel"),
        "{}",
        reply.text()
    );
    let edited = reply.next_update().await.expect("edited");
    assert!(edited.text().contains("waiting in <#"), "{}", edited.text());
    assert!(
        app.emu
            .channel_by_name(app.guild, &format!("requests-{}", slow.id()))
            .is_some(),
        "the link names a channel that exists"
    );

    // Known space: the link in the one answer, no edit.
    let edits = || {
        app.emu
            .log()
            .calls()
            .iter()
            .filter(|c| c.route.contains("@original"))
            .count()
    };
    let again = slow.slash("request", json!([])).await.expect("answered");
    assert_eq!(again.kind, ReplyKind::Message);
    assert!(again.text().contains("waiting in <#"), "{}", again.text());
    let channel = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", slow.id()))
        .expect("channel")
        .id;
    app.emu
        .wait_for_message(
            channel,
            |_| app.emu.channel_messages(channel).len() == 2,
            WAIT,
        )
        .await
        .expect("the second flow message follows");
    assert_eq!(
        edits(),
        1,
        "one edit (the new channel's link); none for a known space"
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_click_that_needs_the_members_roles_is_answered_before_they_are_read() {
    let app = spawn_app_with(Options {
        mode: "dm",
        ..Options::default()
    })
    .await;
    let cora = app.member_with("cora", &[app.core_role]).await;
    let (_, first) = open_flow(&app, &cora).await;
    let modal = cora.click_in(&first, "Type a name").await.expect("modal");
    let r = modal
        .submit_modal(&[("name", "Cora")])
        .await
        .expect("named");
    let r = pick_first_enchant(r).await;
    let r = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal")
        .submit_modal(&[("quantity", "1"), ("notes", "")])
        .await
        .expect("quantity");
    assert!(r.text().contains("step 6 of 7"), "{}", r.text());
    // Choosing guild craft in a DM: the roles it needs are read from Discord (a paced
    // call), after the click is answered with a deferred update.
    let mark = app.emu.log().mark();
    let chose = r.click_label("🛡️ Guild craft").await.expect("answered");
    assert_eq!(chose.kind, ReplyKind::DeferredUpdate, "{}", chose.text());
    let settled = chose.settled().await.expect("settled");
    assert!(settled.text().contains("step 7 of 7"), "{}", settled.text());
    let routes: Vec<String> = app
        .emu
        .log()
        .calls_since(mark)
        .into_iter()
        .map(|c| c.route)
        .collect();
    let answered = routes
        .iter()
        .position(|r| r.ends_with("/callback"))
        .expect("a callback");
    let member_read = routes
        .iter()
        .position(|r| r == "GET /guilds/{guild_id}/members/{user_id}")
        .expect("the roles were read");
    assert!(answered < member_read, "{routes:?}");
}
