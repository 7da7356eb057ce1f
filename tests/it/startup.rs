//! Serving first (issue 20): reconciliation from each guild's GUILD_CREATE in the
//! background, members answered before it finishes, panels checked lazily.

use std::time::Duration;

use discord_emulator::Fault;

use crate::support::{eventually_true, spawn_app, spawn_app_with, Options};

const WAIT: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_is_answered_before_the_reconciliation_finishes() {
    let mut app = spawn_app().await;
    // While the bot is down an orphan request channel appears; its removal will hang.
    let orphan = app
        .emu
        .create_text_channel(app.guild, "requests-123456789", Some(app.category))
        .await;
    app.emu.faults().add(
        Fault::latency(Duration::from_secs(4))
            .on("DELETE /channels/{channel_id}")
            .times(1),
    );
    app.restart().await;
    let bot = app.bot();
    eventually_true(WAIT, "the guild's GUILD_CREATE never came", || {
        bot.startup.progress().0 == 1
    })
    .await;
    let ada = app.member("ada").await;
    let reply = ada
        .slash("status", serde_json::json!([]))
        .await
        .expect("answered");
    assert!(reply.ephemeral, "{}", reply.text());
    let (queued, reconciled) = bot.startup.progress();
    assert!(
        queued == 1 && reconciled == 0,
        "answered while the guild is still being reconciled ({reconciled} of {queued})"
    );
    assert!(app.emu.channel(orphan).is_some(), "not removed yet");
    eventually_true(WAIT, "the guild was never reconciled", || {
        bot.startup.progress() == (1, 1)
    })
    .await;
    assert!(app.emu.channel(orphan).is_none(), "the orphan was removed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_sweep_the_panel_is_posted_on_the_guilds_first_use() {
    let app = spawn_app_with(Options {
        extra_discord_toml: "panel_sweep = false\n".into(),
        ..Options::default()
    })
    .await;
    let bot = app.bot();
    eventually_true(WAIT, "the guild was never reconciled", || {
        bot.startup.progress() == (1, 1)
    })
    .await;
    assert!(
        app.emu.channel_messages(app.panel).is_empty(),
        "no panel before the guild is used"
    );
    let eve = app.member("eve").await;
    let reply = eve
        .slash("status", serde_json::json!([]))
        .await
        .expect("answered");
    assert!(reply.ephemeral);
    app.emu
        .wait_for_message(app.panel, |m| m.pinned, WAIT)
        .await
        .expect("panel posted and pinned on first use");
    eve.slash("status", serde_json::json!([]))
        .await
        .expect("answered");
    assert_eq!(
        app.emu.channel_messages(app.panel).len(),
        1,
        "checked once, not on every use"
    );
}
