//! `craftdesk loadtest` at a small size: zero errors, every flow completed, REST calls bounded.

use std::time::Duration;

use craftdesk::config::GuildMode;
use craftdesk::loadtest::{self, LoadtestOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_complete_every_flow_with_no_errors() {
    let _heavy = crate::support::HEAVY.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let options = LoadtestOptions {
        members: 50,
        claims: 10,
        faults: false,
        think: Duration::ZERO,
        stored_sessions: 500,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
        html: Some(dir.path().join("load.html")),
        database_url: None,
        processes: 1,
        guilds: 1,
        mode: GuildMode::Dm,
        default_pace: false,
        rest_latency: Duration::ZERO,
        channel_latency: Duration::ZERO,
    };
    let report = loadtest::run(options).await.expect("loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    // 50 members, every fifth with a second flow.
    assert_eq!(report.flows_completed, 60);
    assert_eq!(report.claims_completed, 10);
    // Ten interactions per flow, each answered by one callback (updating the flow's message
    // in place), plus the flow message and the board post: steps + 2. A member's first flow
    // also opens their DM and posts its home message (50 members, 60 flows); the member
    // fetches (a DM click's roles) and home-message checks stay well under one per flow.
    // Confirm in a DM re-checks membership: one member read (paced) and the receipt as an
    // edit of the deferred answer (a webhook call Discord does not count), two per flow.
    // A member's first /request answers at once ("opening…") and is edited with the
    // link when their space exists: one webhook edit (not counted by Discord) per member.
    // Each submitted request's first line in the log channel: one more per flow.
    let bound = 12.0 + 3.0 * 50.0 / 60.0 + 0.6 + 2.0 + 1.0;
    assert!(
        report.rest_calls_per_flow <= bound,
        "{} > {bound}: {:#?}",
        report.rest_calls_per_flow,
        report.rest_calls_per_flow_by_route
    );
    let callbacks = report.rest_calls_per_flow_by_route
        ["POST /interactions/{interaction_id}/{interaction_token}/callback"];
    assert!(
        (10.0..10.5).contains(&callbacks),
        "one answer per interaction: {callbacks}"
    );
    assert!(report.peak_rss_kib > 0);
    assert!(
        report.bot_cpu_ms_per_flow > 0.0 && report.harness_cpu_ms_per_flow > 0.0,
        "CPU measured: {report:?}"
    );
    // The busiest second of calls against the global limit, as the emulator saw them.
    assert!(report.busiest_second_global_calls > 0, "{report:?}");
    let text = loadtest::render_report(&report);
    assert!(text.contains("flows completed:        60"), "{text}");
    assert!(text.contains("busiest second:"), "{text}");
    // DM mode: each member's flows are in their DM, labelled with their name.
    let page = std::fs::read_to_string(report.html.expect("an html page")).expect("page");
    assert!(page.contains("Direct messages"));
    assert_eq!(
        page.matches("<section class=\"channel\"").count(),
        3 + 50,
        "the panel, board and log channels and one DM per member"
    );
    assert!(page.contains("<h2>member49</h2>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_on_postgres_with_two_bot_processes_complete_every_flow_and_leave_no_database_behind(
) {
    if crate::support::runs_without("postgres") {
        return;
    }
    let _heavy = crate::support::HEAVY.lock().await;
    let server = crate::support::pg::server_url();
    let report = two_processes_on_postgres(&server, 50, 1, GuildMode::Dm).await;
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!((report.database, report.processes), ("postgres", 2));
    assert_eq!((report.flows_completed, report.claims_completed), (60, 10));
    assert!(report.database_bytes > 0);
    // Both processes' calls count together in the busiest second.
    assert!(report.busiest_second_global_calls > 0, "{report:?}");
    // DM mode: every click in a DM goes to shard 0's process, whichever shard the guild is
    // on; the other process gets at most the guild's /request commands and the crafters.
    let [first, second] = report.interactions_per_process[..] else {
        panic!("two processes: {:?}", report.interactions_per_process);
    };
    assert!(first > 4 * second, "{first} / {second}");
    // As in DM mode on SQLite, with Confirm's membership read and receipt edit.
    // A member's first /request answers at once ("opening…") and is edited with the
    // link when their space exists: one webhook edit (not counted by Discord) per member.
    // Each submitted request's first line in the log channel: one more per flow.
    let bound = 12.0 + 3.0 * 50.0 / 60.0 + 0.6 + 2.0 + 1.0;
    assert!(
        report.rest_calls_per_flow <= bound,
        "{} > {bound}",
        report.rest_calls_per_flow
    );
    // The scratch database was dropped.
    let (client, connection) = tokio_postgres::connect(&server, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let left: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM pg_database WHERE datname = $1",
            &[&format!("craftdesk_loadtest_{}", std::process::id())],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_members_in_channel_mode_over_two_guilds_keep_both_bot_processes_busy() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let _heavy = crate::support::HEAVY.lock().await;
    let server = crate::support::pg::server_url();
    let report = two_processes_on_postgres(&server, 40, 2, GuildMode::Channel).await;
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(
        (report.processes, report.guilds, report.mode),
        (2, 2, GuildMode::Channel)
    );
    // 40 members, every fifth with a second flow.
    assert_eq!((report.flows_completed, report.claims_completed), (48, 10));
    // One request channel per member, made once: 40 for 48 flows.
    let created = report.rest_calls_per_flow_by_route["POST /guilds/{guild_id}/channels"];
    assert!(
        (created * 48.0 - 40.0).abs() < 1e-6,
        "{created} channel creations per flow"
    );
    // The guilds are on different shards, and a member's clicks in their request channel
    // go to their guild's shard: each process answers about half.
    let [first, second] = report.interactions_per_process[..] else {
        panic!("two processes: {:?}", report.interactions_per_process);
    };
    let total = first + second;
    assert!(
        3 * first >= total && 3 * second >= total,
        "{first} / {second}"
    );
    let text = loadtest::render_report(&report);
    assert!(text.contains("2 in channel mode"), "{text}");
}

/// A quiet loadtest of two bot processes over a scratch database on `server`, 10 claims.
async fn two_processes_on_postgres(
    server: &str,
    members: usize,
    guilds: usize,
    mode: GuildMode,
) -> loadtest::LoadReport {
    let options = LoadtestOptions {
        members,
        claims: 10,
        faults: false,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
        html: None,
        think: Duration::ZERO,
        stored_sessions: 0,
        database_url: Some(craftdesk::config::DatabaseUrl::parse(server).unwrap()),
        processes: 2,
        guilds,
        mode,
        default_pace: false,
        rest_latency: Duration::ZERO,
        channel_latency: Duration::ZERO,
    };
    loadtest::run(options).await.expect("loadtest runs")
}

/// `members` in one guild in `mode`, at the bot's default pace, each REST call held
/// `rest_latency` (and channel creations `channel_latency` more), no claims.
fn at_discords_pace(
    members: usize,
    mode: GuildMode,
    rest_latency: Duration,
    channel_latency: Duration,
) -> LoadtestOptions {
    LoadtestOptions {
        members,
        claims: 0,
        faults: false,
        think: Duration::ZERO,
        stored_sessions: 0,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
        html: None,
        database_url: None,
        processes: 1,
        guilds: 1,
        mode,
        default_pace: true,
        rest_latency,
        channel_latency,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_discords_latency_and_pace_the_first_answer_does_not_wait_for_the_channel() {
    let _heavy = crate::support::HEAVY.lock().await;
    let options = at_discords_pace(
        20,
        GuildMode::Channel,
        Duration::from_millis(100),
        Duration::from_millis(600),
    );
    let report = loadtest::run(options).await.expect("loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.flows_completed, 24);
    assert_eq!(report.answers_past_3s, 0);
    // Every channel takes 700 ms to make: the answers came before any of them existed.
    assert!(
        report.request_answer_max_ms < 700.0,
        "first answers waited on Discord: {report:?}"
    );
    assert!(
        report.flow_message_p50_ms >= 700.0,
        "the latency was emulated: {report:?}"
    );
    let text = loadtest::render_report(&report);
    assert!(text.contains("/request first answer"), "{text}");
}

/// In DM mode Confirm re-reads the member from Discord before the receipt (they may have
/// left the guild): the click is answered at once (a deferred update, the member sees it
/// loading) and the receipt follows at least one round trip later. The report tells the two
/// apart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_dm_mode_answers_do_not_wait_for_the_member_read_their_results_do() {
    let _heavy = crate::support::HEAVY.lock().await;
    // Long enough that an answer waiting on one would show on a slow machine too.
    let latency = Duration::from_millis(800);
    let options = at_discords_pace(10, GuildMode::Dm, latency, Duration::ZERO);
    let report = loadtest::run(options).await.expect("loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.flows_completed, 12);
    let round_trip_ms = latency.as_secs_f64() * 1_000.0;
    assert!(
        report.latency_max_ms < round_trip_ms,
        "an answer waited on a Discord round trip: {report:?}"
    );
    assert!(
        report.deferred_answers >= report.flows_completed,
        "each Confirm is deferred: {report:?}"
    );
    assert!(
        report.deferred_result_p50_ms >= round_trip_ms,
        "the results waited for the member read: {report:?}"
    );
    let text = loadtest::render_report(&report);
    assert!(text.contains("deferred → result:"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_on_200_guilds_reports_ready_first_answer_reconciliation_and_memory() {
    let _heavy = crate::support::HEAVY.lock().await;
    let report = loadtest::startup::run(loadtest::startup::StartupOptions {
        guilds: 200,
        max_concurrency: 1,
        time_limit: Duration::from_secs(60),
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
    })
    .await
    .expect("startup loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!((report.guilds, report.shards), (200, 1));
    for run in [&report.first, &report.restart] {
        assert!(
            run.ready_ms > 0 && run.ready_ms <= run.first_answer_ms,
            "{run:?}"
        );
        assert!(run.first_answer_ms <= run.reconciled_ms + 10_000, "{run:?}");
        // Nothing to repair: the startup costs a handful of calls in all (the gateway,
        // global commands, the member's /request), none per guild.
        assert!(run.rest_calls_per_guild < 0.1, "{run:?}");
        assert_eq!(
            run.rest_calls.get("GET /guilds/{guild_id}/channels"),
            None,
            "{run:?}"
        );
        assert!(run.rss_kib > 0);
    }
    assert_eq!(
        report
            .first
            .rest_calls
            .get("PUT /applications/{application_id}/commands"),
        Some(&1),
        "above 25 guilds the commands are registered globally, once: {:?}",
        report.first.rest_calls
    );
    assert!(report.baseline_rss_kib > 0);
    let text = loadtest::startup::render(&report);
    assert!(text.contains("every guild reconciled"), "{text}");
}
