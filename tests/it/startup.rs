//! Serving first (issue 20): reconciliation from each guild's `GUILD_CREATE` in the
//! background, members answered before it finishes, panels checked lazily, and shards
//! identifying together when `max_concurrency` allows (times from the emulator's log).

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

/// An app on its own emulator running `shards` shards in one process, the emulator allowing
/// `max_concurrency` IDENTIFYs together; returns the seconds between the first and the last
/// IDENTIFY once all are connected, after stopping the app cleanly.
async fn shard_starts(shards: u32, max_concurrency: u32) -> f64 {
    use craftdesk::app::App;
    use discord_emulator::{Emulator, EmulatorOptions};

    const TOKEN: &str = "startup-shards-token";
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        max_concurrency,
        ..Default::default()
    })
    .await
    .expect("emulator");
    let guild = emu.create_guild("Guild").await;
    let ca_dir = tempfile::tempdir().expect("temp dir");
    let db = ca_dir.path().join("db.sqlite");
    let text = format!(
        r#"
[discord]
token = "{TOKEN}"
shards = "0..{shards}"
total_shards = {shards}
{endpoint}
[database]
path = "{db}"
[telemetry]
level = "warn"
[[guild]]
id = "{guild}"
mode = "dm"
"#,
        endpoint =
            craftdesk::sandbox::emulator_endpoint_toml(&emu, ca_dir.path()).expect("CA written"),
        db = db.display(),
    );
    let config = craftdesk::config::Config::from_sources("startup test", &text, Vec::new())
        .expect("valid config");
    let app = App::build(&config).await.expect("app builds");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(app.serve(async {
        let _ = stopped.await;
    }));
    let all: Vec<(u64, u64)> = (0..u64::from(shards))
        .map(|s| (s, u64::from(shards)))
        .collect();
    eventually_true(Duration::from_secs(30), "every shard connects", || {
        emu.connected_shards() == all
    })
    .await;
    let identifies = emu.identifies();
    assert_eq!(identifies.len(), all.len(), "one IDENTIFY per shard");
    let first = identifies.iter().map(|(_, at)| *at).min().expect("some");
    let last = identifies.iter().map(|(_, at)| *at).max().expect("some");
    let _ = stop.send(());
    let stopped = tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .expect("stops in time")
        .expect("no panic");
    assert!(stopped.is_ok(), "{stopped:?}");
    assert_eq!(emu.gateway_connections(), 0, "every shard closed");
    (last - first).as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_shards_identify_together_when_max_concurrency_allows() {
    let spread = shard_starts(4, 16).await;
    // serenity's own queue would put 5 s between each: 15 s.
    assert!(spread < 2.0, "4 shards identified {spread:.1} s apart");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_max_concurrency_1_shards_identify_5_s_apart() {
    let spread = shard_starts(2, 1).await;
    assert!(spread >= 4.9, "2 shards identified {spread:.1} s apart");
}
