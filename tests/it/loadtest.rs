//! `craftdesk loadtest` at a small size: zero errors, every flow completed, REST calls bounded.

use std::time::Duration;

use craftdesk::loadtest::{self, LoadtestOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_complete_every_flow_with_no_errors() {
    let options = LoadtestOptions {
        members: 50,
        claims: 10,
        faults: false,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
        database_url: None,
    };
    let report = loadtest::run(options).await.expect("loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    // 50 members, every fifth with a second flow.
    assert_eq!(report.flows_completed, 60);
    assert_eq!(report.claims_completed, 10);
    // Ten interactions per flow (each answered by updating the flow's message in place),
    // plus the flow message, the board post, and per member a DM (opened once, with its
    // home message). Measured 15.8 at 200 members; the target of steps + 2 is not
    // reached yet (see README, Performance).
    assert!(
        report.rest_calls_per_flow <= 16.5,
        "{}",
        report.rest_calls_per_flow
    );
    let callbacks = report.rest_calls_per_flow_by_route
        ["POST /interactions/{interaction_id}/{interaction_token}/callback"];
    assert!(
        (10.0..10.5).contains(&callbacks),
        "one answer per interaction: {callbacks}"
    );
    assert!(report.peak_rss_kib > 0);
    let text = loadtest::render_report(&report);
    assert!(text.contains("flows completed:        60"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_on_postgres_complete_every_flow_and_leave_no_database_behind() {
    let server = crate::support::pg::server_url();
    let options = LoadtestOptions {
        members: 50,
        claims: 10,
        faults: false,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
        database_url: Some(craftdesk::config::DatabaseUrl::parse(&server).unwrap()),
    };
    let report = loadtest::run(options).await.expect("loadtest runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert_eq!(report.database, "postgres");
    assert_eq!((report.flows_completed, report.claims_completed), (60, 10));
    assert!(report.database_bytes > 0);
    assert!(
        report.rest_calls_per_flow <= 16.5,
        "{}",
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
