//! `craftdesk sandbox`: the scripted scene completes on the real bot and reports it.

use craftdesk::sandbox::{self, SandboxOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_scene_completes_every_flow_and_reports_it() {
    if let Ok(level) = std::env::var("TEST_LOG") {
        craftdesk::telemetry::init(&craftdesk::config::TelemetryConfig {
            level,
            ..Default::default()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.sqlite");
    let report = sandbox::run(SandboxOptions {
        users: 6,
        db: Some(db.clone()),
        quiet: true,
        html: Some(dir.path().join("guild.html")),
    })
    .await
    .expect("sandbox runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    // 6 members, two of them (0 and 5) with a second flow, plus the member whose channel was deleted.
    assert_eq!(report.flows_completed, 9);
    assert_eq!(report.requests_on_board, 9);
    assert!(report.expired_flow_answered);
    assert!(report.deleted_channel_recovered);
    assert_eq!(report.schema_violations, 0);
    // Ten answers per flow (command, name button and modal, three menus, quantity button and
    // modal, materials, confirm), plus the abandoned flow's two and the lost channel's one.
    assert_eq!(report.interactions, 9 * 10 + 3);
    assert!(report.latency_p99_ms > 0.0);
    assert_eq!(report.database, db);
    assert!(db.exists());
    let text = sandbox::render_report(&report);
    assert!(text.contains("flows completed:         9"), "{text}");

    // The page of what members saw: the board, the flows' channels, the expired flow, and
    // the private answers to /request, each marked with who saw it.
    let page_path = report.html.expect("an html page");
    assert!(text.contains(&page_path.display().to_string()), "{text}");
    let page = std::fs::read_to_string(&page_path).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    for expected in [
        "Sandbox Guild",
        "request-board",
        "Request #9",
        "Session expired. Please start over.",
        "Only <b>member0</b> can see this",
        "<b>member0</b> used <span class=\"command\">/request</span>",
    ] {
        assert!(page.contains(expected), "{expected:?} is not on the page");
    }
    // One section per request channel (six members, the abandoner, and the unlucky
    // member's second channel) besides the panel, board and log.
    assert_eq!(page.matches("<section class=\"channel\"").count(), 3 + 8);
}
