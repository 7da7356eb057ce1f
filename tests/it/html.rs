//! The page of what members saw, in a real browser: a member runs a request flow to the end
//! and starts another, the emulator renders the page, headless Chromium takes a screenshot of
//! the member's request channel, and the screenshot is checked as a person would look at it:
//! the right size, not blank, Discord's colours, and the key texts readable (OCR). The
//! sandbox's log channel is read the same way.

use std::time::Instant;

use discord_emulator::HtmlLimits;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::browser::{
    read_text, require, screenshot, words, Screenshot, CHROMIUM, TESSERACT,
};
use crate::support::spawn_app;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 1600;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_s_channel_shows_in_the_browser_as_the_member_saw_it() {
    if crate::support::runs_without("browser") {
        return;
    }
    // Fail first, and clearly, when the tools are missing.
    require(CHROMIUM);
    require(TESSERACT);
    let app = spawn_app().await;
    let alice = app.member("alice").await;
    let (_, first) = open_flow(&app, &alice).await;
    let done = walk_to_confirm(&alice, &first, "Thrallina", "2")
        .await
        .click_label("Confirm")
        .await
        .expect("confirmed");
    assert!(
        done.text().contains("Request #1 submitted"),
        "{}",
        done.text()
    );
    let item = done.message.as_ref().expect("the receipt").embeds[0]["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f["name"] == "Item"))
        .and_then(|f| f["value"].as_str())
        .expect("the receipt names the item")
        .split(" × ")
        .next()
        .unwrap_or_default()
        .to_owned();
    // A second flow, started with /request in her own channel (a private answer there) and
    // left at the profession menu.
    let in_channel = alice.in_channel(first.channel_id);
    let (_, second) = open_flow(&app, &in_channel).await;
    let step2 = alice
        .click_in(&second, "Type a name")
        .await
        .expect("name modal")
        .submit_modal(&[("name", "Thrallina")])
        .await
        .expect("step 2");
    assert!(step2.text().contains("step 2 of 7"), "{}", step2.text());

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("guild.html");
    std::fs::write(&page, app.emu.render_html(HtmlLimits::default())).unwrap();
    let png = dir.path().join("channel.png");
    let started = Instant::now();
    screenshot(
        &format!("file://{}#c-{}", page.display(), first.channel_id),
        &png,
        WIDTH,
        HEIGHT,
    )
    .await;
    let browser_time = started.elapsed();
    if let Some(keep) = std::env::var_os("HTML_SCREENSHOT") {
        // To look at them: HTML_SCREENSHOT=/tmp/channel.png cargo test --test it html::
        // keeps the screenshot there and the page beside it (/tmp/channel.html).
        let keep = std::path::PathBuf::from(keep);
        std::fs::copy(&png, &keep).unwrap();
        std::fs::copy(&page, keep.with_extension("html")).unwrap();
    }

    let shot = Screenshot::decode(&png);
    assert_eq!(
        (shot.width, shot.height),
        (WIDTH, HEIGHT),
        "the window's size"
    );
    assert!(
        shot.share_not_background() > 0.2,
        "the screenshot is (nearly) blank: {:.3} of it differs from its background",
        shot.share_not_background()
    );
    // Discord's dark theme: chat, sidebar and rail backgrounds, and the bot's buttons in
    // their style colours (blurple primary, red danger).
    for (colour, what, at_least) in [
        (0x31_3338, "chat background", 0.3),
        (0x2b_2d31, "sidebar and embed background", 0.05),
        (0x1e_1f22, "server rail", 0.03),
        (0xda_373c, "a danger button", 0.0005),
    ] {
        let share = shot.share_of(colour);
        assert!(
            share >= at_least,
            "{what} (#{colour:06x}) covers {share:.4}, expected ≥ {at_least}"
        );
    }

    let started = Instant::now();
    let seen = words(&read_text(&png).await);
    let ocr_time = started.elapsed();
    for expected in [
        "request 1 submitted",
        "thrallina",
        &words(&item),
        "alice used request",
        "only alice can see this",
        "choose a profession",
        "step 2 of 7",
    ] {
        assert!(
            seen.contains(expected),
            "{expected:?} is not legible on the screenshot; OCR read: {seen}"
        );
    }
    eprintln!("screenshot {browser_time:?}, OCR {ocr_time:?}");
    app.assert_schema_clean();
}

#[test]
#[should_panic(expected = "is missing: run `bash .ci/setup`")]
fn a_missing_browser_fails_the_test_and_says_how_to_install_it() {
    require("/nonexistent/chromium");
}

/// Issue 19: the sandbox's page shows a request's whole life. Its log channel, in the
/// browser, reads as that life: the admin's setup first (issue 17), then submissions,
/// claims, materials, a reassignment, a cancellation with its reason and a reopening, one
/// line each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_s_log_channel_shows_each_request_s_life_in_the_browser() {
    require(CHROMIUM);
    require(TESSERACT);
    let dir = tempfile::tempdir().unwrap();
    let report = craftdesk::sandbox::run(craftdesk::sandbox::SandboxOptions {
        users: 1,
        db: Some(dir.path().join("sandbox.sqlite")),
        quiet: true,
        html: Some(dir.path().join("guild.html")),
    })
    .await
    .expect("sandbox runs");
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let page = report.html.expect("a page");
    let html = std::fs::read_to_string(&page).unwrap();
    // The sidebar's link to a channel: `href="#c-<id>" title="request-log"`.
    let link = |name: &str| {
        html.split("href=\"#c-")
            .find_map(|rest| {
                let (id, after) = rest.split_once('"')?;
                after
                    .starts_with(&format!(" title=\"{name}\""))
                    .then(|| id.to_owned())
            })
            .unwrap_or_else(|| panic!("#{name} is not in the sidebar"))
    };
    let log = link("request-log");
    let png = dir.path().join("log.png");
    screenshot(
        &format!("file://{}#c-{log}", page.display()),
        &png,
        WIDTH,
        HEIGHT,
    )
    .await;
    if let Some(keep) = std::env::var_os("HTML_SCREENSHOT_LOG") {
        std::fs::copy(&png, keep).unwrap();
    }
    let seen = words(&read_text(&png).await);
    for expected in [
        "ava changed the settings",
        "crafter role for enchanting",
        "was submitted by",
        "was claimed by",
        "recorded materials handed over",
        "was partly completed by",
        "was reassigned by",
        "duplicate of an older request",
        "was reopened by",
    ] {
        assert!(
            seen.contains(expected),
            "{expected:?} is not legible in the log channel; OCR read: {seen}"
        );
    }

    // Issue 17: #general, where it began: a member sent to an admin, and the admin's setup
    // views (private to her): the roles page, then the channels page.
    let png = dir.path().join("general.png");
    screenshot(
        &format!("file://{}#c-{}", page.display(), link("general")),
        &png,
        WIDTH,
        HEIGHT,
    )
    .await;
    let seen = words(&read_text(&png).await);
    for expected in [
        "this server isn t set up for craftdesk yet",
        "only mia can see this",
        "ava used setup",
        "only ava can see this",
        "craftdesk setup log and roles",
        "craftdesk setup channels",
    ] {
        assert!(
            seen.contains(expected),
            "{expected:?} is not legible in #general; OCR read: {seen}"
        );
    }
}
