//! Crafters and officers on the board: claims (raced), release, completion, denial,
//! cancellation, reopening, notifications and their fallback, roles re-read on every click.

use std::time::Duration;

use discord_emulator::{Message, ReplyKind, ScriptedUser};
use serde_json::json;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{eventually, spawn_app, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// Submits a request (quantity `quantity`) and returns its board message.
pub(crate) async fn board_request(
    app: &TestApp,
    member: &ScriptedUser,
    number: u32,
    quantity: &str,
) -> Message {
    submit_for(app, member, number, "Requester", quantity).await
}

/// Submits request `number` for `character` and returns its board message.
pub(crate) async fn submit_for(
    app: &TestApp,
    member: &ScriptedUser,
    number: u32,
    character: &str,
    quantity: &str,
) -> Message {
    let (_, first) = open_flow(app, member).await;
    let confirm = walk_to_confirm(member, &first, character, quantity).await;
    assert!(confirm
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .text()
        .contains("submitted"));
    app.emu
        .wait_for_message(
            app.board,
            |m| m.text().contains(&format!("Request #{number}")),
            WAIT,
        )
        .await
        .expect("on the board")
}

/// The member's DM channel, once the bot has opened it (notifications are sent in the background).
pub(crate) async fn wait_for_dm(
    app: &TestApp,
    member: &ScriptedUser,
) -> discord_emulator::Snowflake {
    eventually(WAIT, async || {
        app.emu
            .dm_channel_of(member.id())
            .ok_or_else(|| format!("no DM was opened for {}", member.name()))
    })
    .await
}

pub(crate) fn board_message(app: &TestApp, number: u32) -> Message {
    app.emu
        .channel_messages(app.board)
        .into_iter()
        .find(|m| {
            m.text().contains(&format!("Request #{number}\n"))
                || m.text().ends_with(&format!("Request #{number}"))
        })
        .expect("board message")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_crafters_racing_to_claim_exactly_one_wins_fifty_times() {
    let app = spawn_app().await;
    let member = app.member("tess").await;
    let ann = app.member_with("ann", &[app.crafter_role]).await;
    let ben = app.member_with("ben", &[app.crafter_role]).await;
    for number in 1..=50 {
        let message = board_request(&app, &member, number, "1").await;
        // Both see the message with its Claim button; whichever lands second must lose cleanly.
        // (forge_click: the emulator would otherwise refuse a click on a button that has just
        // disappeared, which a real client that still shows it does not.)
        let claim = message
            .all_components()
            .into_iter()
            .find(|c| c["label"] == "Claim")
            .and_then(|c| c["custom_id"].as_str().map(str::to_owned))
            .expect("a Claim button");
        let (a, b) = tokio::join!(
            ann.forge_click(&message, &claim),
            ben.forge_click(&message, &claim)
        );
        let (a, b) = (a.expect("answered"), b.expect("answered"));
        let (winner, loser, winner_id) = if a.kind == ReplyKind::Update {
            (a, b, ann.id())
        } else {
            (b, a, ben.id())
        };
        assert_eq!(
            winner.kind,
            ReplyKind::Update,
            "round {number}: {} / {}",
            winner.text(),
            loser.text()
        );
        assert!(
            winner.text().contains(&format!("<@{winner_id}>")),
            "{}",
            winner.text()
        );
        assert!(loser.ephemeral, "round {number}: {}", loser.text());
        assert!(
            loser.text().contains(&format!("claimed by <@{winner_id}>")),
            "round {number}: {}",
            loser.text()
        );
    }
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_reclaim_and_complete_in_parts_with_a_dm_to_the_requester() {
    let app = spawn_app().await;
    let uma = app.member("uma").await;
    let cal = app.member_with("cal", &[app.crafter_role]).await;
    let dee = app.member_with("dee", &[app.crafter_role]).await;
    let message = board_request(&app, &uma, 1, "3").await;

    let claimed = cal.click_in(&message, "Claim").await.expect("claimed");
    assert!(claimed.text().contains("Claimed"), "{}", claimed.text());
    let refused = dee.click_in(&message, "Release").await.expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("only they or an officer"),
        "{}",
        refused.text()
    );
    let released = cal.click_in(&message, "Release").await.expect("released");
    assert!(released.text().contains("Open"), "{}", released.text());
    let reclaimed = dee.click_in(&message, "Claim").await.expect("reclaimed");
    assert!(
        reclaimed.text().contains(&format!("<@{}>", dee.id())),
        "{}",
        reclaimed.text()
    );
    let started = dee.click_in(&message, "Start").await.expect("started");
    assert!(started.text().contains("In progress"), "{}", started.text());

    let modal = dee.click_in(&message, "Complete").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    let part = modal
        .submit_modal(&[("quantity", "1"), ("note", "First one done")])
        .await
        .expect("partial");
    assert!(
        part.text().contains("1 of 3") && part.text().contains("In progress"),
        "{}",
        part.text()
    );
    let modal = dee.click_in(&message, "Complete").await.expect("modal");
    let done = modal
        .submit_modal(&[("quantity", "2"), ("note", "")])
        .await
        .expect("completed");
    assert!(
        done.text().contains("Completed") && done.button_labels() == ["Reopen"],
        "{}",
        done.text()
    );

    // Notifications go out in the background, after the answer.
    let dm = wait_for_dm(&app, &uma).await;
    app.emu
        .wait_for_message(dm, |m| m.text().contains("was completed by"), WAIT)
        .await
        .expect("completion DM");
    app.emu
        .wait_for_message(dm, |m| m.text().contains("First one done"), WAIT)
        .await
        .expect("note in the DM");
    app.emu
        .wait_for_message(
            app.log,
            |m| m.text().contains("Request #1") && m.text().contains("completed"),
            WAIT,
        )
        .await
        .expect("logged");
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_dms_closed_the_notification_goes_to_the_request_channel() {
    let app = spawn_app().await;
    let vic = app.member("vic").await;
    let eve = app.member_with("eve", &[app.crafter_role]).await;
    let message = board_request(&app, &vic, 1, "1").await;
    app.emu.set_dms_blocked(vic.id(), true);
    eve.click_in(&message, "Claim").await.expect("claimed");
    let channel = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", vic.id()))
        .expect("request channel");
    app.emu
        .wait_for_message(channel.id, |m| m.text().contains("was claimed by"), WAIT)
        .await
        .expect("fallback notice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demoted_crafter_loses_rights_at_once_and_members_can_do_nothing() {
    let app = spawn_app().await;
    let wes = app.member("wes").await;
    let fox = app.member_with("fox", &[app.crafter_role]).await;
    let message = board_request(&app, &wes, 1, "1").await;
    for label in ["Claim", "Deny", "Cancel"] {
        let refused = wes.click_in(&message, label).await.expect("answered");
        assert!(
            refused.ephemeral && refused.text().contains("Only"),
            "{label}: {}",
            refused.text()
        );
    }
    // Every board action, pressed or submitted by hand-made ids, is refused the same way.
    let id = |action: &str| format!("cd1:board:{}:1:{action}", app.guild);
    for action in [
        "claim", "start", "release", "complete", "deny", "cancel", "reopen", "reassign", "mats",
    ] {
        let refused = wes
            .forge_click(&message, &id(action))
            .await
            .expect("answered");
        assert!(
            refused.ephemeral && refused.text().contains("Only"),
            "{action}: {}",
            refused.text()
        );
    }
    for (action, fields) in [
        ("complete", vec![("quantity", "1"), ("note", "")]),
        ("deny", vec![("note", "no")]),
        ("cancel", vec![("note", "no")]),
        ("mats", vec![("m0", "1")]),
    ] {
        let refused = wes
            .forge_modal(&message, &id(action), &fields)
            .await
            .expect("answered");
        assert!(
            refused.ephemeral && refused.text().contains("Only"),
            "{action}: {}",
            refused.text()
        );
    }
    let wes_id = wes.id().to_string();
    let refused = wes
        .forge_select(&message, &id("reassign"), 5, &[&wes_id])
        .await
        .expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("Only officers"),
        "{}",
        refused.text()
    );
    let events = app
        .bot()
        .store
        .request_events_for(
            craftdesk::domain::Snowflake::new(app.guild).expect("guild"),
            1,
        )
        .await
        .expect("events");
    assert_eq!(events.len(), 1, "only its creation: {events:?}");

    app.emu.set_member_roles(app.guild, fox.id(), &[]).await;
    let refused = fox.click_in(&message, "Claim").await.expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("Only crafters"),
        "{}",
        refused.text()
    );
    let board = board_message(&app, 1);
    assert!(
        board.text().contains("Open"),
        "nothing changed: {}",
        board.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_cancel_with_a_reason_and_reopen() {
    let app = spawn_app().await;
    let xia = app.member("xia").await;
    let gil = app.member_with("gil", &[app.officer_role]).await;
    let crafter = app.member_with("hue", &[app.crafter_role]).await;
    let message = board_request(&app, &xia, 1, "1").await;
    let refused = crafter
        .click_in(&message, "Cancel")
        .await
        .expect("answered");
    assert!(
        refused.text().contains("Only officers"),
        "{}",
        refused.text()
    );
    let modal = gil.click_in(&message, "Cancel").await.expect("modal");
    let cancelled = modal
        .submit_modal(&[("note", "Duplicate request")])
        .await
        .expect("cancelled");
    assert!(
        cancelled.text().contains("Cancelled") && cancelled.text().contains("Duplicate request"),
        "{}",
        cancelled.text()
    );
    let dm = wait_for_dm(&app, &xia).await;
    app.emu
        .wait_for_message(dm, |m| m.text().contains("Duplicate request"), WAIT)
        .await
        .expect("told why");
    let reopened = gil.click_in(&message, "Reopen").await.expect("reopened");
    assert!(
        reopened.text().contains("Open") && reopened.button_labels().contains(&"Claim".to_owned()),
        "{}",
        reopened.text()
    );
    let status = xia.slash("status", json!([])).await.expect("status");
    assert!(status.text().contains("1 pending"), "{}", status.text());
}

/// Issue 14, item 9a: a line break in a reason forged a line of the log channel, one that
/// read as another request's change by someone else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reason_holding_a_line_break_forges_no_line_in_the_log_or_the_dm() {
    let app = spawn_app().await;
    let ana = app.member("ana").await;
    let gil = app.member_with("gil", &[app.officer_role]).await;
    let message = board_request(&app, &ana, 1, "1").await;
    let forged = format!(
        "ok.\nRequest #7 (Sword ×1) was cancelled by <@{}>.",
        gil.id()
    );
    let modal = gil.click_in(&message, "Deny").await.expect("modal");
    let denied = modal
        .submit_modal(&[("note", forged.as_str())])
        .await
        .expect("denied");
    assert!(denied.text().contains("Denied"), "{}", denied.text());

    let logged = app
        .emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("Request #1") && m.content.contains("denied"),
            WAIT,
        )
        .await
        .expect("logged");
    // The note is there, on the log line of request #1 (markdown escaped: `\#`, `\(`).
    assert!(
        logged.content.starts_with("Request #1") && logged.content.contains(": ok. Request \\#7"),
        "{:?}",
        logged.content
    );
    for message in app.emu.channel_messages(app.log) {
        assert!(
            !message.content.contains('\n'),
            "a forged log line: {:?}",
            message.content
        );
    }
    let dm = wait_for_dm(&app, &ana).await;
    let told = app
        .emu
        .wait_for_message(dm, |m| m.content.contains("was denied by"), WAIT)
        .await
        .expect("denial DM");
    assert!(!told.content.contains('\n'), "{:?}", told.content);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_board_message_deleted_by_hand_is_posted_again_on_the_next_change() {
    let app = spawn_app().await;
    let yan = app.member("yan").await;
    let message = board_request(&app, &yan, 1, "1").await;
    assert!(app.emu.delete_message_by_hand(message.id));
    let status = yan.slash("status", json!([])).await.expect("status");
    status
        .select("Cancel open requests…", &["1"])
        .await
        .expect("cancelled");
    let again = app
        .emu
        .wait_for_message(
            app.board,
            |m| m.text().contains("Request #1") && m.text().contains("Cancelled"),
            WAIT,
        )
        .await
        .expect("re-posted");
    assert_ne!(again.id, message.id);
    assert_eq!(app.emu.channel_messages(app.board).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one crafter's session, step by step
async fn requests_lists_pages_claims_several_at_once_and_shows_my_work() {
    let app = spawn_app().await;
    let zed = app.member("zed").await;
    for number in 1..=12 {
        board_request(&app, &zed, number, "2").await;
    }
    let refused = zed.slash("requests", json!([])).await.expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("Only crafters and officers"),
        "{}",
        refused.text()
    );

    let ivo = app.member_with("ivo", &[app.crafter_role]).await;
    let view = ivo.slash("requests", json!([])).await.expect("requests");
    assert!(view.ephemeral);
    assert!(
        view.text().contains("12 listed") && view.text().contains("page 1 of 2"),
        "{}",
        view.text()
    );
    let professions = crate::support::select_values(&view.components, "Profession…");
    assert!(
        professions.contains(&"enchanting".to_owned()),
        "{professions:?}"
    );
    let page2 = view.click_label("Next ▶").await.expect("page 2");
    assert!(
        page2.text().contains("page 2 of 2") && page2.text().contains("#12"),
        "{}",
        page2.text()
    );

    let page1 = page2.click_label("◀ Previous").await.expect("page 1");
    let claimed = page1
        .select("Claim requests…", &["1", "2", "3"])
        .await
        .expect("claimed");
    assert!(
        claimed.text().matches("claimed ✅").count() == 3,
        "{}",
        claimed.text()
    );
    assert!(claimed.text().contains("9 listed"), "{}", claimed.text());
    let mine = claimed.click_label("Claimed by me").await.expect("mine");
    assert!(mine.text().contains("3 listed"), "{}", mine.text());
    let work = mine.click_label("My work").await.expect("work");
    assert!(
        work.text().contains("Shopping list") && work.text().contains("#3"),
        "{}",
        work.text()
    );
    // The member provides everything in these requests, so nothing is left to gather.
    assert!(work.text().contains("Nothing to gather"), "{}", work.text());

    // Look a request up by number: its details and its history.
    let modal = work
        .click_label("Open")
        .await
        .expect("back to the list")
        .click_label("Find request #…")
        .await
        .expect("modal");
    let found = modal
        .submit_modal(&[("number", "#2")])
        .await
        .expect("found");
    assert!(
        found.text().contains("Request #2") && found.text().contains("History"),
        "{}",
        found.text()
    );
    assert!(
        found
            .text()
            .contains(&format!("claimed by <@{}>", ivo.id()))
            && found.text().contains("created by"),
        "{}",
        found.text()
    );
    // The looked-up request carries the board's buttons: act on it from here.
    let started = found.click_label("Start").await.expect("started");
    assert!(
        started.ephemeral && started.text().contains("Request #2 is now in progress"),
        "{}",
        started.text()
    );
    let modal = found
        .click_label("Back to the list")
        .await
        .expect("list")
        .click_label("Find request #…")
        .await
        .expect("modal");
    let missing = modal
        .submit_modal(&[("number", "999")])
        .await
        .expect("answered");
    assert!(
        missing.ephemeral && missing.text().contains("no request #999"),
        "{}",
        missing.text()
    );

    let board = board_message(&app, 2);
    assert!(
        board.text().contains(&format!("<@{}>", ivo.id())),
        "board updated: {}",
        board.text()
    );
    let dm = wait_for_dm(&app, &zed).await;
    app.emu
        .wait_for_message(
            dm,
            |m| m.text().contains("#3") && m.text().contains("claimed"),
            WAIT,
        )
        .await
        .expect("DM per claim");
    app.assert_schema_clean();
}

/// The review's L7: board and panel `custom_id`s carry a guild id, and the roles that come
/// with a click are its own guild's. A second guild whose config (by an admin's mistake)
/// names the first guild's crafter role: a crafter of the first guild forging a Claim,
/// a Deny modal or a panel button naming the second guild is refused and nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_id_naming_another_guild_is_refused_and_changes_nothing() {
    use craftdesk::domain::{RequestStatus, Snowflake};
    use craftdesk::flow::custom_id::{BoardAction, CustomId, PanelButton};

    let mut app = crate::support::world(crate::support::Options::default()).await;
    let other = app.emu.create_guild("Other Guild").await;
    let other_board = app.emu.create_text_channel(other, "board", None).await;
    app.options.extra_toml = format!(
        "[[guild]]\nid = \"{other}\"\nmode = \"dm\"\nboard_channel_id = \"{other_board}\"\n\n\
         [guild.crafter_roles]\nenchanting = \"{}\"\n",
        app.crafter_role
    );
    app.start_bot().await;
    let ivo = app.member_with("ivo", &[app.crafter_role]).await;
    let store = app.bot().store.clone();
    let other_id = Snowflake::new(other).expect("id");
    store_open_request(&store, other_id).await;
    let panel = app
        .emu
        .wait_for_message(app.panel, |m| !m.all_components().is_empty(), WAIT)
        .await
        .expect("this guild's panel");
    let board_id = |action| {
        CustomId::Board {
            guild_id: other_id,
            number: 1,
            action,
        }
        .to_string()
    };
    let refused = |reply: &discord_emulator::Reply| {
        assert!(
            reply.ephemeral && reply.text().contains("belongs to another server"),
            "{}",
            reply.text()
        );
    };

    refused(
        &ivo.forge_click(&panel, &board_id(BoardAction::Claim))
            .await
            .expect("answered"),
    );
    refused(
        &ivo.forge_modal(
            &panel,
            &board_id(BoardAction::Deny),
            &[("note", "mine now")],
        )
        .await
        .expect("answered"),
    );
    let manage = CustomId::Panel {
        guild_id: other_id,
        button: PanelButton::ManageRequests,
    }
    .to_string();
    refused(&ivo.forge_click(&panel, &manage).await.expect("answered"));

    let request = store
        .request_by_number(other_id, 1)
        .await
        .expect("read")
        .expect("request");
    assert_eq!(
        (request.status, request.claimed_by),
        (RequestStatus::Open, None),
        "nothing changed"
    );
    assert!(app.emu.channel_messages(other_board).is_empty());
    app.assert_schema_clean();
}

/// Stores request #1 of `guild`, open, straight through the store (as `/request` would).
async fn store_open_request(store: &craftdesk::store::Store, guild: craftdesk::domain::Snowflake) {
    use craftdesk::domain::{Snowflake, Timestamp};
    use craftdesk::store::{NewRequest, NewSession, SubmitLimits};

    let member = Snowflake::new(4_242).expect("id");
    let now = Timestamp::now();
    let session = store
        .create_session(
            NewSession {
                user_id: member,
                guild_id: guild,
                kind: "request".to_owned(),
                state_json: "{}".to_owned(),
                channel_id: None,
            },
            now,
        )
        .await
        .expect("session");
    store
        .submit_request(
            &session.key,
            session.version,
            NewRequest {
                guild_id: guild,
                user_id: member,
                character_id: None,
                character_name: "Kit".to_owned(),
                profession: "enchanting".to_owned(),
                gear_slot: "Boots".to_owned(),
                item: "Enchant Boots".to_owned(),
                quantity: 1,
                notes: String::new(),
                material_plan: "\"MemberNone\"".to_owned(),
                materials_json: "[]".to_owned(),
            },
            SubmitLimits::unpaced(10),
            now,
        )
        .await
        .expect("submitted");
}
