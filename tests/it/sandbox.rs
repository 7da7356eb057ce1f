//! `craftdesk sandbox`: the scripted scene (the guild's setup by its admin, the crowd and
//! the story of a request's whole life) completes on the real bot and reports it.

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
    // 6 members, two of them (0 and 5) with a second flow, plus the member whose channel
    // was deleted; then the story's six requests (Ada's three, Bram's three).
    assert_eq!(report.flows_completed, 9 + 6);
    assert_eq!(report.requests_on_board, 9 + 6);
    assert!(report.expired_flow_answered);
    assert!(report.deleted_channel_recovered);
    assert_eq!(report.schema_violations, 0);
    // The setup's twelve (Mia's /request; Ava's three /setup, two pages turned to the roles
    // and two picks there, Create them for me, two pages to the crafters and two picks),
    // then ten answers per flow (command, name button and modal, three menus, quantity
    // button and modal, materials, confirm), plus the abandoned flow's two and the lost
    // channel's one; then the story's hundred (its flows, /register, /status, /requests,
    // the board).
    assert_eq!(report.interactions, 12 + 9 * 10 + 3 + 100);

    assert_the_setup(&report);
    assert_the_story(&report);
    assert!(report.latency_p99_ms > 0.0);
    assert_eq!(report.database, db);
    assert!(db.exists());
    let text = sandbox::render_report(&report);
    assert!(text.contains("flows completed:         15"), "{text}");
    assert!(text.contains("crafters:"), "{text}");
    assert!(text.contains("1 reassigned"), "{text}");
    assert!(text.contains("15 of them submissions"), "{text}");
    assert!(
        text.contains("1 member told an admin has to run /setup"),
        "{text}"
    );
    assert!(
        text.contains("setup:                   3 views, 4 saves, 8 changes recorded, 4 channels created, 3 roles picked, 2 log lines"),
        "{text}"
    );

    // The page of what members saw: the board, the flows' channels, the expired flow, and
    // the private answers to /request, each marked with who saw it.
    let page_path = report.html.expect("an html page");
    assert!(text.contains(&page_path.display().to_string()), "{text}");
    let page = std::fs::read_to_string(&page_path).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    for expected in [
        "Sandbox Guild",
        // The opening: a member sent to an admin, then the admin's three setup views, each
        // marked private, and the setup's lines in the log channel.
        "<b>mia</b> used <span class=\"command\">/request</span>",
        "This server isn't set up for craftdesk yet",
        "<b>ava</b> used <span class=\"command\">/setup</span>",
        "Only <b>ava</b> can see this",
        "craftdesk setup · Log and roles (2/4)",
        "craftdesk setup · Channels (1/4)",
        "craftdesk setup · Crafters (3/4)",
        "Create them for me",
        "changed the settings:",
        "Crafter role for enchanting: none →",
        "request-board",
        "Request #15",
        // The abandoner's client reads German: the expired flow says so in German.
        "Sitzung abgelaufen. Bitte fang von vorne an.",
        "Only <b>member0</b> can see this",
        "<b>member0</b> used <span class=\"command\">/request</span>",
        // The story: the officer's views and the crafters' lists, each marked private.
        "<b>olga</b> used <span class=\"command\">/requests</span>",
        "Only <b>olga</b> can see this",
        "Overview",
        "Audit log (newest first)",
        "History",
        "<b>dax</b> used <span class=\"command\">/requests</span>",
        "claimed ✅",
        "released ✅",
        // The requesters' views: /status, and the warning before removing a character.
        "<b>ada</b> used <span class=\"command\">/status</span>",
        "<b>ada</b> used <span class=\"command\">/register</span>",
        "open request(s)",
        // The reassignment, the officer's reason, the partial completion's note.
        "is now with",
        "Duplicate of an older request",
        "First one done, two to go",
        // The log channel: submissions and changes.
        "was submitted by",
        "was reassigned by",
        "was reopened by",
        "recorded materials handed over",
        // What requesters were told (Bram's in his request channel).
        "Your request was updated",
    ] {
        assert!(page.contains(expected), "{expected:?} is not on the page");
    }
    assert_members_read_their_language(&page);
    assert_eq!(
        page.matches("<b>ava</b> used <span class=\"command\">/setup</span>")
            .count(),
        3,
        "each of the admin's setup views is on the page"
    );
    // One section per request channel (six members, the abandoner, the unlucky member's
    // second channel, Ada and Bram) besides #general and the panel, board and log the setup
    // made, and one per DM the bot opened (Ada's, Cora's, Dax's at least; Bram's stays
    // empty).
    let sections = page.matches("<section class=\"channel\"").count();
    assert!(
        (4 + 10 + 3..=4 + 10 + 3 + 8).contains(&sections),
        "{sections} sections"
    );
}

/// The crowd's members read their clients' languages in turn (English, German, French,
/// Spanish, Russian, Brazilian Portuguese): each one's request channel on the page shows
/// their own flow in their language, while what the guild shares (the channel's topic)
/// stays in the guild's, English.
fn assert_members_read_their_language(page: &str) {
    let german = request_channel_of(page, "member1");
    for expected in [
        "Anfrage #",
        " eingereicht.",
        "Charakter",
        "Verfolge sie mit",
        "Use /request to start a request.",
    ] {
        assert!(german.contains(expected), "{expected:?}: {german}");
    }
    assert!(!german.contains("submitted."), "{german}");
    // The German member's answer to /request, private to them.
    let answer = page
        .split("<b>member1</b> used <span class=\"command\">/request</span>")
        .nth(1)
        .expect("member1's answer");
    let answer = &answer[..answer.find("can see this").expect("a private answer")];
    assert!(answer.contains("Deine Anfrage wartet in"), "{answer}");
    for (member, receipt) in [
        ("member0", " submitted."),
        ("member2", " envoyée."),
        ("member3", "Está en el tablón"),
        ("member4", " отправлена."),
        ("member5", "Ele está no quadro"),
    ] {
        let channel = request_channel_of(page, member);
        assert!(channel.contains(receipt), "{member}: {channel}");
    }
}

/// The page's section of `member`'s request channel (its topic names them).
fn request_channel_of<'a>(page: &'a str, member: &str) -> &'a str {
    let topic = format!("Private request channel of <span class=\"mention\">@{member}</span>");
    page.split("<section class=\"channel\"")
        .find(|section| section.contains(&topic))
        .unwrap_or_else(|| panic!("no request channel of {member} on the page"))
}

/// The admin's setup, in the report's counts: a member asked first and was told to wait
/// for an admin; three views; the officer and core roles picked (before any log channel),
/// the four channels made (five changes, one log line) and the crafter role (one more).
fn assert_the_setup(report: &sandbox::Report) {
    let setup = &report.setup;
    assert_eq!(setup.members_sent_to_admin, 1, "{setup:?}");
    assert_eq!((setup.views, setup.saves), (3, 4), "{setup:?}");
    assert_eq!(
        (setup.changes_told, setup.changes_recorded),
        (8, 8),
        "{setup:?}"
    );
    assert_eq!(
        (setup.channels_created, setup.roles_picked, setup.log_lines),
        (4, 3, 2),
        "{setup:?}"
    );
}

/// The story, as its people did it, in the report's counts.
fn assert_the_story(report: &sandbox::Report) {
    let story = &report.story;
    assert_eq!(
        (story.requests_submitted, story.characters_registered),
        (6, 2)
    );
    // Cora claims two on the board, Dax three at once in /requests (or two, should only
    // Bram's two be open then).
    assert!((4..=5).contains(&story.claims), "{story:?}");
    assert_eq!(
        (
            story.started,
            story.partial_completions,
            story.completions,
            story.releases,
            story.materials_recorded
        ),
        (2, 1, 2, 1, 1),
        "{story:?}"
    );
    assert_eq!(
        (
            story.reassignments,
            story.officer_cancellations,
            story.reopenings,
            story.officer_views
        ),
        (1, 1, 1, 3),
        "{story:?}"
    );
    assert_eq!(
        (story.member_cancellations, story.characters_removed),
        (2, 1),
        "{story:?}"
    );
    // Ada's four notices and the two crafters' reassignment notices at least; Bram's four
    // at least in his request channel (his DMs are closed).
    assert!(story.dms_sent >= 6, "{story:?}");
    assert!(story.fallback_notices >= 4, "{story:?}");
    // Every submitted request has its line in the log, and every change one more.
    assert_eq!(story.submissions_logged, report.flows_completed);
    assert!(
        story.log_lines >= story.submissions_logged + 16,
        "{story:?}"
    );
}
