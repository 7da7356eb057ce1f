//! Crash safety: the real bot runs as a child process against the emulator while 50
//! members walk request flows (channel mode) and four crafters claim 20 requests; it is
//! killed with SIGKILL at random points (seeded; the seed is printed, `CRASH_SEED=n`
//! replays it) and restarted on the same database, 20 times.
//!
//! After each restart, before anyone clicks again: no member has two request channels
//! and no request channel is unknown to the database (reconciliation removed it). Every
//! answer a member gets after a restart must be the flow going on, "Session expired.
//! Please start over.", or a clear refusal. At the end: every request the emulator saw
//! answered as submitted is stored exactly once and shown once on the board, every request
//! stored was seen as submitted by the member who made it (so nobody is led to submit it
//! twice), and every claim a crafter saw succeed is the one stored.

pub mod checks;
pub mod scene;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use discord_emulator::ReplyKind;
use tokio::sync::watch;
use tokio::time::Instant;

use checks::{answered_submitted, check_channels, open_sessions, stored_requests, Db};
use scene::{crafter_works, member_works, number_after, BotState, Place, Rng, Scene};

use crate::support::child::{write_config, BotProcess};
use crate::support::{eventually, world, Options, TestApp};

const MEMBERS: usize = 50;
const CRAFTERS: u32 = 4;
const CLAIMS_EACH: usize = 5;
const KILLS: usize = 20;
const EXPIRED: &str = "Session expired. Please start over.";
const CALLBACK: &str = "POST /interactions/{interaction_id}/{interaction_token}/callback";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // set up, twenty kills, then every invariant
async fn twenty_kills_while_members_and_crafters_work_lose_and_duplicate_nothing() {
    let _heavy = crate::support::HEAVY.lock().await;
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            u64::try_from(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("clock")
                    .as_nanos()
                    % 1_000_000_007,
            )
            .expect("small")
        });
    println!("crash test seed: {seed} (CRASH_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let started = Instant::now();

    let app = Arc::new(
        world(Options {
            // The pace has its own tests; here it would only slow the first 50 channels down.
            extra_discord_toml: "requests_per_second = 1000\nrequest_burst = 100\n\
                             channel_ops_per_second = 100\nchannel_op_burst = 50"
                .to_owned(),
            ..Options::default()
        })
        .await,
    );
    let db = Db::Sqlite(app.db_path());
    let dir = tempfile::tempdir().expect("temp dir");
    let config = write_config(&app, dir.path());
    // Members submit until the crafters have claimed their share: a fast member on a slow
    // machine may pass the guild's 50 open requests, which is not what this scene is about.
    let toml = std::fs::read_to_string(&config).expect("config read");
    std::fs::write(
        &config,
        toml.replace("max_open_requests = 50", "max_open_requests = 10000"),
    )
    .expect("config written");
    let log = dir.path().join("bot.log");

    let mut members = Vec::new();
    for n in 0..MEMBERS {
        members.push(
            app.member(&format!("member{n}"))
                .await
                .with_timeout(Duration::from_secs(15)),
        );
    }
    let mut crafters = Vec::new();
    for n in 0..CRAFTERS {
        crafters.push(
            app.member_with(&format!("crafter{n}"), &[app.officer_role])
                .await
                .with_timeout(Duration::from_secs(15)),
        );
    }
    let mut child = BotProcess::start(&app, &config, &log).await;
    let bot = Arc::new(watch::Sender::new(BotState { run: 1, up: true }));
    let scene = Arc::new(Scene {
        app: app.clone(),
        place: Place {
            guild: app.guild,
            board: app.board,
            dm: false,
        },
        bot: bot.clone(),
        dm_bot: bot,
        crafters: CRAFTERS,
        claims_each: CLAIMS_EACH,
        stopping: AtomicBool::new(false),
        violations: Mutex::new(Vec::new()),
    });
    let member_tasks: Vec<_> = members
        .iter()
        .cloned()
        .enumerate()
        .map(|(n, m)| tokio::spawn(member_works(scene.clone(), m, n)))
        .collect();
    let crafter_tasks: Vec<_> = crafters
        .iter()
        .cloned()
        .zip(0..)
        .map(|(c, lane)| tokio::spawn(crafter_works(scene.clone(), c, lane)))
        .collect();

    for kill in 1..=KILLS {
        tokio::time::sleep(Duration::from_millis(rng.between(200, 1_200))).await;
        // Dead first, then known dead: whatever it answered before is a real answer.
        child.kill().await;
        // Its calls that reached Discord are served to the end (a flow message may land a
        // moment after the kill): members look at what it did once all of it is there.
        // That is once its connections are read to their end: a call sent just before the
        // kill may still be unread when every call already read has been served (with
        // HTTP/2, often: all its calls wait on one connection), and landing after the
        // restart, it would be a flow message the member has given up on (and opened
        // another flow), which recovery then adopts.
        tokio::time::timeout(Duration::from_secs(10), app.emu.connections_closed())
            .await
            .expect("the emulator serves the killed bot's last calls");
        scene.bot.send_modify(|s| s.up = false);
        child = BotProcess::start(&app, &config, &log).await;
        check_channels(&app.emu, &db, app.guild, &format!("after restart {kill}")).await;
        scene.bot.send_modify(|s| {
            s.run += 1;
            s.up = true;
        });
    }
    scene.stopping.store(true, Ordering::Release);

    let mut logs = Vec::new();
    for task in member_tasks {
        logs.push(
            tokio::time::timeout(Duration::from_secs(60), task)
                .await
                .expect("members finish their flows")
                .expect("member task"),
        );
    }
    let mut claims: Vec<(u64, Vec<u32>)> = Vec::new();
    for (task, crafter) in crafter_tasks.into_iter().zip(&crafters) {
        let claimed = tokio::time::timeout(Duration::from_secs(120), task)
            .await
            .expect("crafters finish")
            .expect("crafter task");
        claims.push((crafter.id(), claimed));
    }
    let violations = scene.violations.lock().expect("lock").clone();
    assert!(
        violations.is_empty(),
        "{} violations: {violations:#?}",
        violations.len()
    );

    // Every stored request is on the board exactly once (posts may trail the receipts).
    let stored = stored_requests(&db, app.guild).await;
    let board_counts = eventually(Duration::from_secs(20), async || {
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for m in app.emu.channel_messages(app.board) {
            if let Some(number) = m
                .embeds
                .first()
                .and_then(|e| e["title"].as_str())
                .and_then(|t| number_after(t, "Request #"))
            {
                *counts.entry(number).or_default() += 1;
            }
        }
        let missing: Vec<_> = stored.keys().filter(|n| !counts.contains_key(n)).collect();
        if missing.is_empty() {
            Ok(counts)
        } else {
            Err(format!("requests {missing:?} not on the board"))
        }
    })
    .await;
    for number in stored.keys() {
        assert_eq!(
            board_counts.get(number).copied().unwrap_or(0),
            1,
            "request #{number} on the board"
        );
    }
    // Nothing answered as submitted is lost.
    for number in answered_submitted(&app.emu) {
        assert!(
            stored.contains_key(&number),
            "#{number} was answered as submitted but is not stored"
        );
    }
    // Every stored request was seen by its member (so none is submitted twice).
    let told: HashMap<u32, u64> = logs
        .iter()
        .zip(&members)
        .flat_map(|(log, member)| log.submitted.iter().map(move |n| (*n, member.id())))
        .collect();
    for (number, (user, _, _)) in &stored {
        assert_eq!(
            told.get(number),
            Some(user),
            "request #{number} was stored but its member was never told"
        );
    }
    assert_eq!(
        told.len(),
        logs.iter().map(|l| l.submitted.len()).sum::<usize>(),
        "no number seen twice"
    );
    // Claims: each one a crafter saw succeed is stored as theirs, claimed once.
    for (crafter, numbers) in &claims {
        assert_eq!(
            numbers.len(),
            CLAIMS_EACH,
            "crafter {crafter} claimed {numbers:?}"
        );
        for number in numbers {
            let (_, claimed_by, events) = stored[number];
            assert_eq!(claimed_by, Some(*crafter), "#{number}");
            assert_eq!(events, 1, "#{number} claimed once");
        }
    }
    check_channels(&app.emu, &db, app.guild, "at the end").await;
    // Every flow ended; one left over is one a crash left behind, counting against its
    // member's open flows ("You already have 3 requests in progress").
    assert_eq!(
        open_sessions(&db).await,
        0,
        "flows left open after every member finished"
    );
    for member in &members {
        assert!(scene.request_channels(member.id()).len() <= 1);
    }

    child.kill().await;
    let flows: usize = logs.iter().map(|l| l.flows).sum();
    println!(
        "crash test: {KILLS} kills, {flows} flows, {} requests stored, {} claims, {:.1} s",
        stored.len(),
        claims.iter().map(|(_, c)| c.len()).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
}

/// The answer to the next interaction is lost (Discord answers our callback with a 500),
/// as when the bot dies between storing a step and answering it.
fn lose_next_answer(app: &TestApp) {
    app.emu.faults().add(
        discord_emulator::Fault::server_error(500)
            .on(CALLBACK)
            .times(1),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_whose_answer_was_lost_shows_its_current_step_on_the_next_click() {
    let app = crate::support::spawn_app().await;
    let kai = app.member("kai").await;
    let (_, first) = crate::request_flow::open_flow(&app, &kai).await;
    let modal = kai.click_in(&first, "Type a name").await.expect("modal");
    lose_next_answer(&app);
    assert!(
        modal
            .user()
            .with_timeout(Duration::from_millis(500))
            .forge_modal(
                &first,
                modal.custom_id.as_deref().expect("id"),
                &[("name", "Kai")]
            )
            .await
            .is_err(),
        "the answer was lost"
    );
    // Stored at step 2; the message still shows step 1.
    let stale = app.emu.message(first.id).expect("message");
    assert!(stale.text().contains("step 1 of 7"), "{}", stale.text());
    let modal = kai.click_in(&stale, "Type a name").await.expect("answered");
    assert_eq!(modal.kind, ReplyKind::Update, "{}", modal.text());
    assert!(modal.text().contains("step 2 of 7"), "{}", modal.text());
    // And it goes on from there.
    let next = crate::request_flow::pick_first_enchant(modal).await;
    assert!(next.text().contains("step 5 of 7"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submitted_flow_whose_receipt_was_lost_says_so_instead_of_expired() {
    let app = crate::support::spawn_app().await;
    let lou = app.member("lou").await;
    let (_, first) = crate::request_flow::open_flow(&app, &lou).await;
    let confirm = crate::request_flow::walk_to_confirm(&lou, &first, "Lou", "1").await;
    lose_next_answer(&app);
    let summary = app.emu.message(first.id).expect("message");
    assert!(lou
        .with_timeout(Duration::from_millis(500))
        .click_in(&summary, "Confirm")
        .await
        .is_err());
    let again = lou.click_in(&summary, "Confirm").await.expect("answered");
    let text = again.text();
    assert!(again.ephemeral);
    assert!(text.contains("Request #1 was already submitted"), "{text}");
    assert!(!text.contains(EXPIRED), "{text}");
    let bot = app.bot();
    let guild = craftdesk::domain::Snowflake::new(app.guild).expect("id");
    let counts = bot.store.count_requests(guild).await.expect("count");
    assert_eq!(
        counts.iter().map(|(_, n)| n).sum::<u64>(),
        1,
        "stored once: {counts:?}"
    );
    drop(confirm);
}
