//! `craftdesk loadtest --sweep` at a small size: the real bot (child process) at its real
//! pace sweeps expired flows and idle request channels while members click. Correctness
//! only (everything swept, every member's answer arrived, the pace kept), not timing.

use std::time::Duration;

use craftdesk::cleanup_load::{self, SweepOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_expired_flows_and_thirty_idle_channels_are_swept_while_members_click() {
    let _heavy = crate::support::HEAVY.lock().await;
    let report = cleanup_load::run(SweepOptions {
        sessions: 300,
        channels: 30,
        hot_members: 5,
        time_limit: Duration::from_secs(120),
        quiet: true,
        bot_exe: Some(env!("CARGO_BIN_EXE_craftdesk").into()),
    })
    .await
    .expect("the sweep runs");
    let text = cleanup_load::render_report(&report);
    println!("{text}");
    assert!(report.errors.is_empty(), "{text}");
    // Everything seeded is gone or marked: the 30 channels (each with its expired flow)
    // deleted, the 270 flows in DMs marked, nothing left open.
    assert_eq!(
        (report.idle_channels_left, report.unmarked_messages_left),
        (0, 0),
        "{text}"
    );
    assert_eq!(report.channels_deleted, 30, "{text}");
    assert_eq!(report.messages_marked, 270, "each marked once: {text}");
    assert_eq!(report.flows_left_open, 0, "{text}");
    // Members kept working, and their answers arrived.
    assert!(report.hot_flows_completed >= 5, "{text}");
    assert!(report.hot_answers > 0, "{text}");
    // At the bot's pace: 50 calls in any second at most, deletions 5/s after a burst of 5.
    assert!(report.busiest_second_calls <= 50, "{text}");
    assert!(report.busiest_second_deletions <= 10 + 1, "{text}");
    assert_eq!(report.bot_exit_code, Some(0), "{text}");
}
