//! `/status`, `/register`, the panel and the `/request item:` fast path, end to end.

use std::time::Duration;

use discord_emulator::{ReplyKind, ScriptedUser};
use serde_json::json;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{spawn_app, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// Submits one request for `member` with a typed character name.
async fn submit(app: &TestApp, member: &ScriptedUser, name: &str) {
    let (_, first) = open_flow(app, member).await;
    let confirm = walk_to_confirm(member, &first, name, "1").await;
    let done = confirm.click_label("Confirm").await.expect("confirmed");
    assert!(done.text().contains("submitted"), "{}", done.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_lists_pending_requests_and_cancels_several_at_once() {
    let app = spawn_app().await;
    let mia = app.member("mia").await;
    for name in ["Mia", "Mia", "Miala"] {
        submit(&app, &mia, name).await;
    }
    let status = mia.slash("status", json!([])).await.expect("status");
    assert!(status.ephemeral);
    assert!(status.text().contains("3 pending"), "{}", status.text());
    assert!(status.text().contains("🟡 Open 3"), "{}", status.text());

    let after = status
        .select("Cancel open requests…", &["1", "3"])
        .await
        .expect("cancelled");
    assert_eq!(after.kind, ReplyKind::Update);
    assert!(after.text().contains("1 pending"), "{}", after.text());
    let history = after.click_label("History").await.expect("history");
    assert!(
        history.text().contains("#3") && history.text().contains("#1"),
        "{}",
        history.text()
    );
    assert!(
        history.text().contains("Cancelled by the requester"),
        "{}",
        history.text()
    );

    // The board shows the change and no Claim button on cancelled requests.
    let board = app
        .emu
        .wait_for_message(
            app.board,
            |m| m.text().contains("Request #1") && m.text().contains("Cancelled"),
            WAIT,
        )
        .await
        .expect("board updated");
    assert_eq!(
        board.button_labels(),
        ["Reopen"],
        "only officers may act on a cancelled request"
    );

    // The log channel: each request's first line is its submission, then her cancellations.
    for number in 1..=3 {
        app.emu
            .wait_for_message(
                app.log,
                |m| {
                    m.content.starts_with(&format!("Request #{number} ("))
                        && m.content
                            .contains(&format!("was submitted by <@{}> for Mi", mia.id()))
                },
                WAIT,
            )
            .await
            .expect("the submission is logged");
    }
    for number in [1, 3] {
        app.emu
            .wait_for_message(
                app.log,
                |m| {
                    m.content.starts_with(&format!("Request #{number} ("))
                        && m.content
                            .contains(&format!("was cancelled by <@{}>", mia.id()))
                        && m.content.contains("Cancelled by the requester")
                },
                WAIT,
            )
            .await
            .expect("the member's cancellation is logged");
    }
    let lines: Vec<String> = app
        .emu
        .channel_messages(app.log)
        .into_iter()
        .map(|m| m.content)
        .collect();
    let first_of_1 = lines.iter().find(|l| l.starts_with("Request #1 ("));
    assert!(
        first_of_1.is_some_and(|l| l.contains("submitted")),
        "{lines:#?}"
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one member's story, step by step
async fn register_adds_edits_and_removes_characters_with_a_warning_about_open_requests() {
    let app = spawn_app().await;
    let noa = app.member("noa").await;
    let view = noa.slash("register", json!([])).await.expect("register");
    assert!(
        view.ephemeral && view.text().contains("No characters yet"),
        "{}",
        view.text()
    );

    let modal = view.click_label("Add a character").await.expect("modal");
    let view = modal
        .submit_modal(&[
            ("name", "Noaria"),
            ("kind", "main"),
            ("professions", "Enchanting"),
        ])
        .await
        .expect("added");
    assert!(
        view.text().contains("⭐ **Noaria** · enchanting"),
        "{}",
        view.text()
    );
    let modal = view.click_label("Add a character").await.expect("modal");
    let view = modal
        .submit_modal(&[("name", "Noalt"), ("kind", "alt"), ("professions", "")])
        .await
        .expect("added");
    assert!(view.text().contains("2 registered"), "{}", view.text());

    let modal = view.click_label("Add a character").await.expect("modal");
    let refused = modal
        .submit_modal(&[("name", "NOARIA"), ("kind", "alt"), ("professions", "")])
        .await
        .expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("already have"),
        "{}",
        refused.text()
    );
    let modal = view.click_label("Add a character").await.expect("modal");
    let refused = modal
        .submit_modal(&[
            ("name", "Other"),
            ("kind", "alt"),
            ("professions", "basket weaving"),
        ])
        .await
        .expect("answered");
    assert!(
        refused.text().contains("not a profession"),
        "{}",
        refused.text()
    );

    // The request flow now offers both characters; make a request for the alt.
    let (_, first) = open_flow(&app, &noa).await;
    let ids = crate::support::select_values(&first.components, "Choose a character");
    assert_eq!(ids.len(), 2);
    let r = noa
        .select_in(&first, "Choose a character", &[&ids[1]])
        .await
        .expect("alt chosen");
    assert!(r.text().contains("Noalt"), "{}", r.text());

    // Removing the alt warns about its open flow's request once submitted.
    let r = crate::request_flow::pick_first_enchant(r).await;
    let r = r
        .click_label("Enter quantity & notes")
        .await
        .expect("modal")
        .submit_modal(&[("quantity", "1"), ("notes", "")])
        .await
        .expect("qty");
    let r = r.click_label("📦 I provide all").await.expect("materials");
    assert!(r
        .click_label("Confirm")
        .await
        .expect("confirm")
        .text()
        .contains("submitted"));

    let view = noa.slash("register", json!([])).await.expect("register");
    let chars = crate::support::select_values(&view.components, "Edit or remove a character…");
    let alt = chars
        .iter()
        .find(|id| **id == ids[1])
        .expect("alt listed")
        .clone();
    let picked = view
        .select("Edit or remove a character…", &[&alt])
        .await
        .expect("picked");
    let edit = picked.click_label("Edit").await.expect("edit modal");
    let picked = edit
        .submit_modal(&[
            ("name", "Noalt Renamed"),
            ("kind", "alt"),
            ("professions", ""),
        ])
        .await
        .expect("renamed");
    assert!(picked.text().contains("Noalt Renamed"), "{}", picked.text());
    let confirm = picked.click_label("Remove").await.expect("asks first");
    assert!(
        confirm.text().contains("cancels its 1 open request"),
        "{}",
        confirm.text()
    );
    let done = confirm.click_label("Remove").await.expect("removed");
    assert!(
        done.text().contains("1 registered") && !done.text().contains("Noalt"),
        "{}",
        done.text()
    );
    let status = noa.slash("status", json!([])).await.expect("status");
    assert!(
        status.text().contains("no pending requests"),
        "{}",
        status.text()
    );
    app.emu
        .wait_for_message(
            app.log,
            |m| {
                m.content.starts_with("Request #1 (")
                    && m.content.contains("was cancelled by")
                    && m.content.contains("Character removed by its member")
            },
            WAIT,
        )
        .await
        .expect("the cancellation with the character is logged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panel_is_pinned_once_survives_restarts_and_comes_back_when_deleted() {
    let mut app = spawn_app().await;
    let panel = app
        .emu
        .wait_for_message(app.panel, |m| m.pinned, WAIT)
        .await
        .expect("panel pinned");
    assert_eq!(
        panel.button_labels(),
        [
            "Create request",
            "My requests",
            "Manage requests",
            "My characters"
        ]
    );

    app.restart().await;
    assert_eq!(
        app.emu.channel_messages(app.panel).len(),
        1,
        "not duplicated by a restart"
    );

    let oli = app.member("oli").await;
    let reply = crate::support::opened_answer(
        oli.click_in(&panel, "Create request")
            .await
            .expect("answered"),
    )
    .await;
    assert!(
        reply.ephemeral && reply.text().contains("Your request is waiting in"),
        "{}",
        reply.text()
    );
    let chars = oli
        .click_in(&panel, "My characters")
        .await
        .expect("answered");
    assert!(
        chars.ephemeral && chars.text().contains("My characters"),
        "{}",
        chars.text()
    );
    let mine = oli.click_in(&panel, "My requests").await.expect("answered");
    assert!(
        mine.ephemeral && mine.text().contains("My requests"),
        "{}",
        mine.text()
    );

    assert!(app.emu.delete_message_by_hand(panel.id));
    app.restart().await;
    let again = app
        .emu
        .wait_for_message(app.panel, |m| m.pinned, WAIT)
        .await
        .expect("panel re-posted");
    assert_ne!(again.id, panel.id);
    assert_eq!(app.emu.channel_messages(app.panel).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_item_autocompletes_over_the_catalog_and_skips_browsing() {
    let app = spawn_app().await;
    let pat = app.member("pat").await;
    let choices = pat
        .autocomplete("request", "item", "crusader")
        .await
        .expect("choices");
    let crusader = choices
        .iter()
        .find(|c| c.name.contains("Crusader"))
        .expect("Crusader offered");
    assert!(choices.len() <= 25);
    let value = crusader.value.as_str().expect("string value").to_owned();

    let reply = crate::support::opened_answer(
        pat.slash(
            "request",
            json!([{"name": "item", "type": 3, "value": value}]),
        )
        .await
        .expect("answered"),
    )
    .await;
    assert!(reply.text().contains("waiting in"), "{}", reply.text());
    let channel = app
        .emu
        .channel_by_name(app.guild, &format!("requests-{}", pat.id()))
        .expect("channel");
    let first = app
        .emu
        .wait_for_message(channel.id, |m| m.text().contains("step 1 of 7"), WAIT)
        .await
        .expect("flow");
    let r = pat
        .click_in(&first, "Type a name")
        .await
        .expect("modal")
        .submit_modal(&[("name", "Pat")])
        .await
        .expect("named");
    assert!(
        r.text().contains("step 5 of 7") && r.text().contains("Crusader"),
        "{}",
        r.text()
    );

    let unknown = pat
        .slash(
            "request",
            json!([{"name": "item", "type": 3, "value": "9.9.9"}]),
        )
        .await
        .expect("answered");
    assert!(
        unknown.ephemeral && unknown.text().contains("don't know that item"),
        "{}",
        unknown.text()
    );
}
