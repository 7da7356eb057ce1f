//! The whole bot on PostgreSQL: members' flows, a double click, a restart mid-flow, and two
//! crafters racing to claim, all through the real serenity client and the emulator, with
//! the store in a fresh PostgreSQL database of the test's own.

use std::time::Duration;

use discord_emulator::ReplyKind;
use tokio_postgres::NoTls;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{select_values, spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// Half a flow, a restart, and the rest: the state came back from PostgreSQL.
async fn half_a_flow_a_restart_and_the_rest(app: &mut TestApp) {
    let bob = app.member("bob").await;
    let (_, first) = open_flow(app, &bob).await;
    let modal = bob.click_in(&first, "Type a name").await.expect("modal");
    let r = modal
        .submit_modal(&[("name", "Bobby")])
        .await
        .expect("named");
    let r = r
        .select("Choose a profession", &["enchanting"])
        .await
        .expect("profession");
    app.restart().await;
    let slot = select_values(&r.components, "Choose a gear slot")[0].clone();
    let r = r
        .select("Choose a gear slot", &[&slot])
        .await
        .expect("goes on after the restart");
    assert!(
        r.text().contains("step 4 of 7") && r.text().contains("Bobby"),
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
    let done = r.click_label("Confirm").await.expect("confirmed");
    assert!(
        done.text().contains("Request #2 submitted"),
        "{}",
        done.text()
    );
}

/// Two crafters press Claim on request #2 at once: exactly one wins.
async fn two_crafters_claim_request_2_at_once(app: &TestApp) {
    let message = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Request #2"), WAIT)
        .await
        .expect("on the board");
    let claim = message
        .all_components()
        .into_iter()
        .find(|c| c["label"] == "Claim")
        .and_then(|c| c["custom_id"].as_str().map(str::to_owned))
        .expect("a Claim button");
    let ann = app.member_with("ann", &[app.crafter_role]).await;
    let ben = app.member_with("ben", &[app.crafter_role]).await;
    let (a, b) = tokio::join!(
        ann.forge_click(&message, &claim),
        ben.forge_click(&message, &claim)
    );
    let kinds = [a.expect("answered").kind, b.expect("answered").kind];
    assert_eq!(
        kinds.iter().filter(|k| **k == ReplyKind::Update).count(),
        1,
        "{kinds:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flows_a_restart_and_a_claim_race_on_postgres() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let mut app = spawn_app_with(Options {
        postgres: true,
        ..Options::default()
    })
    .await;
    assert!(app.bot().store.is_postgres());

    // A full flow, confirmed twice at once: one request.
    let alice = app.member("alice").await;
    let (_, first) = open_flow(&app, &alice).await;
    let confirm = walk_to_confirm(&alice, &first, "Thrallina", "2").await;
    let (a, b) = tokio::join!(
        confirm.click_label("Confirm"),
        confirm.click_label("Confirm")
    );
    // One click submits; the other is told it was already handled or, if it arrives after
    // the commit, that request #1 went in: never a second request.
    let texts = [a.expect("answered").text(), b.expect("answered").text()];
    assert!(
        texts.iter().any(|t| t.contains("Request #1 submitted")),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| !t.contains("Request #2")), "{texts:?}");
    let posted = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Request #1"), WAIT)
        .await
        .expect("on the board");
    assert_eq!(
        posted.button_labels()[..4],
        ["Claim", "Deny", "Cancel", "Assign…"]
    );

    half_a_flow_a_restart_and_the_rest(&mut app).await;
    two_crafters_claim_request_2_at_once(&app).await;

    // What PostgreSQL holds: two requests, one claimed, each with its history, no flow left.
    let url = app.pg.as_ref().expect("postgres").url.clone();
    let (client, connection) = tokio_postgres::connect(&url, NoTls)
        .await
        .expect("connects");
    tokio::spawn(connection);
    let rows = client
        .query("SELECT number, status FROM requests ORDER BY number", &[])
        .await
        .expect("query");
    let requests: Vec<(i64, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        requests,
        [(1, "open".to_owned()), (2, "claimed".to_owned())]
    );
    let events: i64 = client
        .query_one("SELECT COUNT(*) FROM request_events", &[])
        .await
        .expect("query")
        .get(0);
    assert_eq!(events, 3, "created twice, claimed once");
    assert_eq!(app.bot().store.count_sessions().await.expect("count"), 0);
    app.assert_schema_clean();
}
