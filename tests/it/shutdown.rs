//! Graceful shutdown of the real binary: SIGTERM while members' clicks are being handled.
//! The clicks in flight are answered, new ones are told the bot is restarting, the process
//! exits 0 well within 10 s with the WAL folded in, and after a restart every flow goes on
//! from the step it reached.

use std::time::Duration;

use craftdesk::flow::refusal::Refusal;
use discord_emulator::{Fault, ReplyKind};
use tokio::time::Instant;

use crate::request_flow::open_flow;
use crate::support::child::{write_config, BotProcess};
use crate::support::{eventually_true, world, Options};

const CALLBACK: &str = "POST /interactions/{interaction_id}/{interaction_token}/callback";
const MEMBERS: usize = 8;

/// How many request flows the store holds at `version` or later.
fn sessions_at(db: &std::path::Path, version: i64) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("database");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    conn.query_row(
        "SELECT COUNT(*) FROM temp_sessions WHERE version >= ?1",
        [version],
        |r| r.get(0),
    )
    .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // set up, stop mid-click, check, restart, check
async fn sigterm_while_clicks_are_in_flight_answers_them_and_exits_0_within_10_s() {
    let app = world(Options::default()).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = write_config(&app, dir.path());
    let log = dir.path().join("bot.log");
    let bot = BotProcess::start(&app, &config, &log).await;

    // Members at step 2 (the profession menu).
    let mut flows = Vec::new();
    for n in 0..MEMBERS {
        let member = app.member(&format!("leaver{n}")).await;
        let (_, first) = open_flow(&app, &member).await;
        let modal = member.click_in(&first, "Type a name").await.expect("modal");
        let step2 = modal
            .submit_modal(&[("name", &format!("Leaver{n}"))])
            .await
            .expect("named");
        assert!(step2.text().contains("step 2 of 7"), "{}", step2.text());
        flows.push((member, first.id));
    }
    let db = app.db_path();
    assert_eq!(sessions_at(&db, 1), i64::try_from(MEMBERS).expect("small"));

    // Their next clicks are stored at once, but Discord takes 2 s to take the answers.
    app.emu.faults().add(
        Fault::latency(Duration::from_secs(2))
            .on(CALLBACK)
            .times(u32::try_from(MEMBERS).expect("small")),
    );
    let mut clicks = Vec::new();
    for (member, message) in &flows {
        let member = member.with_timeout(Duration::from_secs(10));
        let message = app.emu.message(*message).expect("flow message");
        clicks.push(tokio::spawn(async move {
            member
                .select_in(&message, "Choose a profession", &["enchanting"])
                .await
        }));
    }
    eventually_true(
        Duration::from_secs(10),
        "the clicks never got stored",
        || sessions_at(&db, 2) >= i64::try_from(MEMBERS).expect("small"),
    )
    .await;

    // Every handler is now waiting on its answer: stop the bot.
    let stopping = tokio::spawn(bot.terminate(Duration::from_secs(10)));
    // New interactions meanwhile are turned away politely (until the gateway closes).
    let (prober, probe_on) = &flows[0];
    let probe_on = app.emu.message(*probe_on).expect("message");
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let reply = prober
            .forge_click(&probe_on, "not-a-craftdesk-button")
            .await
            .expect("answered while draining");
        if reply.text() == Refusal::Restarting.reply() {
            assert!(reply.ephemeral);
            break;
        }
        assert!(reply.text().contains("don't recognise"), "{}", reply.text());
        assert!(
            Instant::now() < deadline,
            "never told the bot is restarting"
        );
    }
    let (status, took) = stopping
        .await
        .expect("joined")
        .expect("the bot exits within 10 s of SIGTERM");
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(status.code(), Some(0));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    // The clicks in flight were answered: the members saw step 3.
    for click in clicks {
        let reply = click.await.expect("joined").expect("answered before exit");
        assert_eq!(reply.kind, ReplyKind::Update);
        assert!(reply.text().contains("step 3 of 7"), "{}", reply.text());
    }
    // The WAL was folded into the database on the way out.
    let wal = std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "WAL left behind");

    // Nothing lost: after a restart every flow goes on from step 3.
    let bot = BotProcess::start(&app, &config, &log).await;
    for (member, message) in &flows {
        let message = app.emu.message(*message).expect("flow message");
        assert!(message.text().contains("step 3 of 7"), "{}", message.text());
        let slot = message.select_values("Choose a gear slot")[0].clone();
        let next = member
            .select_in(&message, "Choose a gear slot", &[&slot])
            .await
            .expect("answered after the restart");
        assert!(next.text().contains("step 4 of 7"), "{}", next.text());
    }
    let (status, _) = bot
        .terminate(Duration::from_secs(10))
        .await
        .expect("stops again");
    assert!(status.success());
}
