//! Officers and crafters beyond the basic board actions: reassigning a request, recording
//! handed-over materials, My work's release / complete-all-for-a-character / recently
//! cancelled, and paging through 200 open requests and the guild's audit log.

use std::time::Duration;

use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::flow::request::{MaterialLine, Plan};
use craftdesk::store::{NewRequest, NewSession, SubmitLimits};
use discord_emulator::{Message, Reply, ReplyKind, ScriptedUser};
use serde_json::json;

use crate::crafting::{board_message, board_request, submit_for, wait_for_dm};
use crate::support::{eventually, select_options, select_values, spawn_app, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// A handover form's fields: `first` for the first material, 0 for the others.
fn first_of<'a>(inputs: &'a [(String, String)], first: &'a str) -> Vec<(&'a str, &'a str)> {
    inputs
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), if i == 0 { first } else { "0" }))
        .collect()
}

/// The user menu on a reply, if it has one.
fn user_menu(reply: &Reply) -> Option<serde_json::Value> {
    reply
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["type"] == 5)
}

/// `crafter` claims the request of `message` and completes `quantity`: the answer.
async fn claim_and_complete(crafter: &ScriptedUser, message: &Message, quantity: &str) -> Reply {
    crafter.click_in(message, "Claim").await.expect("claimed");
    let modal = crafter.click_in(message, "Complete").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    modal
        .submit_modal(&[("quantity", quantity), ("note", "")])
        .await
        .expect("answered")
}

/// Issue 14, item 9e: a reopened completed request kept its count of what was done, so it
/// could never be completed again ("Enter a quantity from 1 to 0").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_request_reopened_by_an_officer_is_completed_again() {
    let app = spawn_app().await;
    let uma = app.member("uma").await;
    let gil = app.member_with("gil", &[app.officer_role]).await;
    let cal = app.member_with("cal", &[app.crafter_role]).await;
    let message = board_request(&app, &uma, 1, "2").await;

    let done = claim_and_complete(&cal, &message, "2").await;
    assert!(
        done.text().contains("Completed") && done.button_labels() == ["Reopen"],
        "{}",
        done.text()
    );
    let reopened = gil.click_in(&message, "Reopen").await.expect("reopened");
    assert!(
        reopened.text().contains("Open") && !reopened.text().contains("2 of 2"),
        "{}",
        reopened.text()
    );
    app.emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("reopened") && m.content.contains("all 2 to craft again"),
            WAIT,
        )
        .await
        .expect("the log says the count starts again");

    let again = claim_and_complete(&cal, &board_message(&app, 1), "2").await;
    assert!(
        again.text().contains("Completed") && again.button_labels() == ["Reopen"],
        "{}",
        again.text()
    );

    // The history keeps the note as a message: each officer reads it in their language.
    let audit_of = |officer: ScriptedUser, tab: &'static str| async move {
        officer
            .slash("requests", json!([]))
            .await
            .expect("requests")
            .click_label(tab)
            .await
            .expect("audit")
            .text()
    };
    let english = audit_of(gil.clone(), "Audit log").await;
    assert!(english.contains("all 2 to craft again"), "{english}");
    let greta = app.member_with("greta", &[app.officer_role]).await;
    app.emu.set_user_locale(greta.id(), "de");
    let german = audit_of(greta, "Protokoll").await;
    assert!(
        german.contains("alle 2 neu herzustellen \\(2 waren schon fertig\\)"),
        "{german}"
    );
    assert!(!german.contains("craft again"), "{german}");
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one reassignment, its refusals and everyone it tells
async fn an_officer_reassigns_a_claimed_request_and_everyone_concerned_is_told() {
    let app = spawn_app().await;
    let uma = app.member("uma").await;
    let ann = app.member_with("ann", &[app.crafter_role]).await;
    let ben = app.member_with("ben", &[app.crafter_role]).await;
    let olga = app.member_with("olga", &[app.officer_role]).await;
    let pat = app.member("pat").await;
    let message = board_request(&app, &uma, 1, "2").await;
    ann.click_in(&message, "Claim").await.expect("claimed");

    let refused = ben.click_in(&message, "Reassign…").await.expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("Only officers"),
        "{}",
        refused.text()
    );

    let picker = olga.click_in(&message, "Reassign…").await.expect("picker");
    assert!(picker.ephemeral, "only the officer sees the picker");
    assert!(
        user_menu(&picker).is_some(),
        "a user menu: {:?}",
        picker.components
    );
    // A member without the crafter role cannot be given the request; nothing changes.
    let not_crafter = picker
        .select("Pick a crafter…", &[&pat.id().to_string()])
        .await
        .expect("answered");
    assert!(
        not_crafter.ephemeral && not_crafter.text().contains("not a crafter"),
        "{}",
        not_crafter.text()
    );
    assert!(board_message(&app, 1)
        .text()
        .contains(&format!("<@{}>", ann.id())));

    let done = picker
        .select("Pick a crafter…", &[&ben.id().to_string()])
        .await
        .expect("reassigned");
    assert_eq!(done.kind, ReplyKind::Update, "{}", done.text());
    assert!(
        done.text()
            .contains(&format!("Request #1 is now with <@{}>", ben.id())),
        "{}",
        done.text()
    );
    assert!(user_menu(&done).is_none(), "the picker is gone once used");
    eventually(WAIT, async || {
        let board = board_message(&app, 1).text();
        if board.contains(&format!("<@{}>", ben.id())) {
            Ok(())
        } else {
            Err(format!("board not updated: {board}"))
        }
    })
    .await;

    for (who, text) in [
        (&uma, "was reassigned"),
        (&ben, "You were given a request"),
        (&ann, "given to someone else"),
    ] {
        let dm = wait_for_dm(&app, who).await;
        app.emu
            .wait_for_message(
                dm,
                |m| m.text().contains(text) && m.text().contains(&format!("to <@{}>", ben.id())),
                WAIT,
            )
            .await
            .unwrap_or_else(|_| {
                let seen: Vec<String> = app
                    .emu
                    .channel_messages(dm)
                    .iter()
                    .map(Message::text)
                    .collect();
                panic!("{} was told {text:?}; saw {seen:#?}", who.name())
            });
    }
    app.emu
        .wait_for_message(app.log, |m| m.text().contains("reassigned"), WAIT)
        .await
        .expect("logged");

    // The new crafter holds it now; the old one has no rights left on it.
    let message = board_message(&app, 1);
    let refused = ann.click_in(&message, "Release").await.expect("answered");
    assert!(
        refused.text().contains("only they or an officer"),
        "{}",
        refused.text()
    );
    let started = ben.click_in(&message, "Start").await.expect("started");
    assert!(started.text().contains("In progress"), "{}", started.text());
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // a crafter's whole working session
async fn crafters_record_handed_over_materials_and_finish_work_from_my_work() {
    let app = spawn_app().await;
    let uma = app.member("uma").await;
    let cal = app.member_with("cal", &[app.crafter_role]).await;
    let dee = app.member_with("dee", &[app.crafter_role]).await;
    let olga = app.member_with("olga", &[app.officer_role]).await;
    let first = submit_for(&app, &uma, 1, "Ann", "2").await;
    submit_for(&app, &uma, 2, "Ann", "2").await;
    submit_for(&app, &uma, 3, "Bob", "2").await;
    for number in 1..=3 {
        cal.click_in(&board_message(&app, number), "Claim")
            .await
            .expect("claimed");
    }

    // Materials: only the claimer (or an officer) records them, within what the member brings.
    let refused = dee
        .click_in(&first, "Materials received…")
        .await
        .expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains("claimed by"),
        "{}",
        refused.text()
    );
    let form = cal
        .click_in(&first, "Materials received…")
        .await
        .expect("form");
    assert_eq!(form.kind, ReplyKind::Modal);
    let inputs: Vec<(String, String)> = form
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            (
                c["custom_id"].as_str().unwrap_or_default().to_owned(),
                c["label"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(!inputs.is_empty() && inputs.iter().all(|(id, _)| id.starts_with('m')));
    let label = &inputs[0].1;
    let brings: u32 = label
        .rsplit("(of ")
        .next()
        .and_then(|s| s.trim_end_matches(')').parse().ok())
        .expect("the label says how much the member brings");
    let too_much = brings + 1;
    let typed = too_much.to_string();
    let refused = form
        .submit_modal(&first_of(&inputs, &typed))
        .await
        .expect("answered");
    assert!(
        refused.ephemeral && refused.text().contains(&format!("0 to {brings}")),
        "{}",
        refused.text()
    );
    let form = cal
        .click_in(&first, "Materials received…")
        .await
        .expect("form");
    let typed = brings.to_string();
    let recorded = form
        .submit_modal(&first_of(&inputs, &typed))
        .await
        .expect("recorded");
    assert!(
        recorded.text().contains(&format!("{brings}/{brings}")),
        "{}",
        recorded.text()
    );
    app.emu
        .wait_for_message(
            app.board,
            |m| {
                m.text().contains("Request #1")
                    && m.text().contains(&format!("handed over {brings}"))
            },
            WAIT,
        )
        .await
        .expect("the board shows it");
    app.emu
        .wait_for_message(app.log, |m| m.text().contains("handed over"), WAIT)
        .await
        .expect("logged");

    // My work: still to collect (requests 2 and 3), release one, complete all for Ann.
    let work = cal
        .slash("requests", json!([]))
        .await
        .expect("requests")
        .click_label("My work")
        .await
        .expect("work");
    assert!(
        work.text().contains("Still to collect") && work.text().contains("3 claimed"),
        "{}",
        work.text()
    );
    let characters = select_options(&work.components, "Complete all for a character…");
    let labels: Vec<&str> = characters.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Ann", "Bob"]);
    let ann = characters[0].1.clone();
    let released = work
        .select("Release requests…", &["3"])
        .await
        .expect("released");
    assert!(
        released.text().contains("#3: released ✅") && released.text().contains("2 claimed"),
        "{}",
        released.text()
    );
    let finished = released
        .select("Complete all for a character…", &[ann.as_str()])
        .await
        .expect("completed");
    assert_eq!(
        finished.text().matches("completed ✅").count(),
        2,
        "{}",
        finished.text()
    );
    assert!(finished.text().contains("0 claimed"), "{}", finished.text());

    // Recently cancelled: an officer cancels a request the crafter had.
    let third = board_message(&app, 3);
    cal.click_in(&third, "Claim").await.expect("claimed again");
    let modal = olga.click_in(&third, "Cancel").await.expect("modal");
    modal
        .submit_modal(&[("note", "Duplicate of #1")])
        .await
        .expect("cancelled");
    let work = finished
        .click_label("Open")
        .await
        .expect("open")
        .click_label("My work")
        .await
        .expect("work");
    assert!(
        work.text().contains("Recently cancelled")
            && work.text().contains("#3")
            && work.text().contains("Duplicate of"),
        "{}",
        work.text()
    );
    app.assert_schema_clean();
}

/// Stores `count` open requests straight through the store (as `/request` would), for
/// `members` members in turn; every tenth is for the character "Zora".
async fn seed_open_requests(app: &TestApp, count: u32) {
    let store = app.bot().store.clone();
    let lines = vec![MaterialLine {
        name: "Dream Dust".to_owned(),
        per_unit: 2,
        needed: 2,
        provided_by_member: 2,
        provided_by_guild: 0,
        handed_over: 0,
    }];
    let limits = SubmitLimits::unpaced(1_000);
    let member = Snowflake::new(4_242).expect("id");
    for n in 1..=count {
        let now = Timestamp::from_millis(1_800_000_000_000 + i64::from(n));
        let session = store
            .create_session(
                NewSession {
                    user_id: member,
                    guild_id: Snowflake::new(app.guild).expect("guild"),
                    kind: "request".to_owned(),
                    state_json: "{}".to_owned(),
                    channel_id: None,
                },
                now,
            )
            .await
            .expect("session");
        let character = if n % 10 == 0 { "Zora" } else { "Kit" };
        store
            .submit_request(
                &session.key,
                session.version,
                NewRequest {
                    guild_id: session.guild_id,
                    user_id: member,
                    character_id: None,
                    character_name: character.to_owned(),
                    profession: "enchanting".to_owned(),
                    gear_slot: "Boots".to_owned(),
                    item: format!("Enchant Boots {n}"),
                    quantity: 1,
                    notes: String::new(),
                    material_plan: serde_json::to_string(&Plan::MemberAll).expect("plan"),
                    materials_json: serde_json::to_string(&lines).expect("lines"),
                },
                limits,
                now,
            )
            .await
            .expect("submitted");
    }
}

fn disabled(reply: &Reply, label: &str) -> bool {
    reply
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["label"] == label)
        .is_some_and(|c| c["disabled"] == true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // every page, both lists
async fn two_hundred_open_requests_page_by_ten_and_so_does_the_audit_log() {
    let app = spawn_app().await;
    seed_open_requests(&app, 200).await;
    let ivo = app.member_with("ivo", &[app.crafter_role]).await;
    let mut page = ivo.slash("requests", json!([])).await.expect("requests");
    assert!(
        page.text().contains("200 listed") && page.text().contains("page 1 of 20"),
        "{}",
        page.text()
    );
    assert!(disabled(&page, "◀ Previous") && !disabled(&page, "Next ▶"));
    for n in 1..=20u32 {
        let shown: Vec<u32> = ((n - 1) * 10 + 1..=n * 10).collect();
        assert!(
            page.text().contains(&format!("page {n} of 20")),
            "{}",
            page.text()
        );
        for number in &shown {
            assert!(
                page.text().contains(&format!("**#{number}**")),
                "page {n} lacks #{number}: {}",
                page.text()
            );
        }
        let claimable = select_values(&page.components, "Claim requests…");
        let expected: Vec<String> = shown.iter().map(u32::to_string).collect();
        assert_eq!(claimable, expected, "page {n} offers its own ten to claim");
        if n < 20 {
            page = page.click_label("Next ▶").await.expect("next page");
        }
    }
    assert!(
        disabled(&page, "Next ▶") && !disabled(&page, "◀ Previous"),
        "the last page has no next"
    );
    // A crafter has no officers' views.
    assert!(!page.button_labels().contains(&"Audit log".to_owned()));

    let olga = app.member_with("olga", &[app.officer_role]).await;
    let audit = olga
        .slash("requests", json!([]))
        .await
        .expect("requests")
        .click_label("Audit log")
        .await
        .expect("audit");
    assert!(
        audit.text().contains("200 events") && audit.text().contains("page 1 of 20"),
        "{}",
        audit.text()
    );
    let newest = audit.text().find("**#200**").expect("newest first");
    let older = audit.text().find("**#199**").expect("then older");
    assert!(newest < older, "{}", audit.text());
    let second = audit.click_label("Next ▶").await.expect("page 2");
    assert!(
        second.text().contains("**#190**") && !second.text().contains("**#191**"),
        "{}",
        second.text()
    );
    let search = second
        .click_label("Search character…")
        .await
        .expect("modal");
    assert_eq!(search.kind, ReplyKind::Modal);
    let zora = search
        .submit_modal(&[("character", "zor")])
        .await
        .expect("searched");
    assert!(
        zora.text().contains("20 events") && zora.text().contains("page 1 of 2"),
        "{}",
        zora.text()
    );
    assert_eq!(zora.text().matches("(Zora)").count(), 10, "{}", zora.text());
    assert!(!zora.text().contains("(Kit)"), "{}", zora.text());
    let everyone = zora
        .click_label("Change search…")
        .await
        .expect("modal")
        .submit_modal(&[("character", "")])
        .await
        .expect("cleared");
    assert!(
        everyone.text().contains("200 events"),
        "{}",
        everyone.text()
    );
    app.assert_schema_clean();
}
