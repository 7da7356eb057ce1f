//! Two craftdesk apps, each running half of the gateway shards, over one database: each
//! guild is served by the app running its shard, DMs by the one running shard 0, a flow
//! started on one app continues on the other, each panel is posted once, and when one app
//! stops the other keeps the cleanup going (the cleanup lease changes hands).

use std::fmt::Write as _;
use std::time::Duration;

use craftdesk::app::App;
use craftdesk::config::Config;
use craftdesk::domain::Timestamp;
use discord_emulator::{Emulator, EmulatorOptions, ReplyKind};
use serde_json::json;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

const TOKEN: &str = "shards-token";
const WAIT: Duration = Duration::from_secs(10);

struct Guild {
    id: u64,
    panel: u64,
}

fn config(emu: &Emulator, db: &std::path::Path, shards: &str, guilds: &[Guild]) -> Config {
    let mut text = format!(
        r#"
[discord]
token = "{TOKEN}"
api_base = "{api}"
shards = "{shards}"
total_shards = 2

[database]
path = "{db}"

[sessions]
ttl = "2s"

[cleanup]
interval = "400ms"

[telemetry]
level = "warn"
"#,
        api = emu.api_base(),
        db = db.display(),
    );
    for guild in guilds {
        let _ = write!(
            text,
            "\n[[guild]]\nid = \"{}\"\nmode = \"dm\"\npanel_channel_id = \"{}\"\n",
            guild.id, guild.panel
        );
    }
    Config::from_sources("shards test", &text, Vec::new()).expect("valid config")
}

struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<anyhow::Result<()>>,
    bot: std::sync::Arc<craftdesk::discord::Bot>,
}

async fn start(config: &Config) -> Running {
    let app = App::build(config).await.expect("app builds");
    let bot = app.bot.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(app.serve(async {
        let _ = stopped.await;
    }));
    Running { stop, task, bot }
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // two apps, their guilds, DMs, then one app gone
async fn two_apps_split_the_shards_and_share_the_work() {
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..Default::default()
    })
    .await
    .expect("emulator");
    // Guild ids are a millisecond apart: consecutive guilds land on shards 0 and 1 of 2.
    let mut guilds = Vec::new();
    for name in ["Low", "High"] {
        let id = emu.create_guild(name).await;
        let panel = emu.create_text_channel(id, "requests", None).await;
        guilds.push(Guild { id, panel });
    }
    guilds.sort_by_key(|g| (g.id >> 22) % 2);
    assert_eq!(
        guilds.iter().map(|g| (g.id >> 22) % 2).collect::<Vec<_>>(),
        [0, 1],
        "one guild per shard"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.sqlite");
    let low = start(&config(&emu, &db, "0..1", &guilds)).await;
    let high = start(&config(&emu, &db, "1..2", &guilds)).await;
    until("both shards connect", || {
        emu.connected_shards() == [(0, 2), (1, 2)]
    })
    .await;
    until("each app registers its guild's commands", || {
        guilds.iter().all(|g| !emu.commands(Some(g.id)).is_empty())
    })
    .await;
    // Each guild's panel is posted by the app running its shard, and only once.
    until("both panels are posted", || {
        guilds
            .iter()
            .all(|g| emu.channel_messages(g.panel).len() == 1)
    })
    .await;

    let ann = emu.add_member(guilds[0].id, "ann", &[]).await;
    let bob = emu.add_member(guilds[1].id, "bob", &[]).await;
    for member in [&ann, &bob] {
        let reply = member
            .slash("request", json!([]))
            .await
            .expect("answered by the guild's app")
            .settled()
            .await
            .expect("settled");
        assert!(reply.text().contains("DM"), "{}", reply.text());
    }
    // Bob's guild runs on the high app, but his DM clicks arrive on shard 0 (the low app):
    // the flow goes on there, from the shared database.
    let dm = emu.dm_channel_of(bob.id()).expect("bob's DM");
    let flow = emu
        .wait_for_message(dm, |m| m.text().contains("step 1 of 7"), WAIT)
        .await
        .expect("flow message");
    let modal = bob.click_in(&flow, "Type a name").await.expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    let next = modal
        .submit_modal(&[("name", "Bobbin")])
        .await
        .expect("answered on shard 0");
    assert!(next.text().contains("step 2 of 7"), "{}", next.text());
    assert_eq!(
        low.bot.store.count_sessions().await.expect("count"),
        2,
        "one flow each, in the one database"
    );

    // The low app stops; its shard goes quiet, the high app keeps cleaning up: the flows
    // expire (TTL 2 s) although the app that may have held the cleanup lease is gone.
    let _ = low.stop.send(());
    let _ = low.task.await;
    until("only shard 1 is left", || {
        emu.connected_shards() == [(1, 2)]
    })
    .await;
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let left = high.bot.store.count_sessions().await.expect("count");
        if left == 0 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{left} sessions never expired after the other app stopped"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The high guild still answers (its shard is alive).
    let reply = bob
        .slash("status", json!([]))
        .await
        .expect("the high app still serves its guild");
    assert!(reply.ephemeral);
    let _ = high.stop.send(());
    let _ = high.task.await;
    assert!(emu.log().schema_violations().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_has_one_holder_until_it_expires_or_is_released() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::from_sources(
        "lease test",
        &format!(
            "[discord]\ntoken = \"{TOKEN}\"\n[database]\npath = \"{}\"\n",
            dir.path().join("lease.sqlite").display()
        ),
        Vec::new(),
    )
    .expect("config");
    let store =
        craftdesk::store::Store::open(&config.database, (&config.sessions).into()).expect("store");
    let ttl = Duration::from_secs(10);
    let t0 = Timestamp::from_millis(1_000_000);
    let later = |s: u64| t0.saturating_add(Duration::from_secs(s));
    // Racing takers: exactly one wins.
    let (a, b) = tokio::join!(
        store.try_lease("work", "a".to_owned(), t0, ttl),
        store.try_lease("work", "b".to_owned(), t0, ttl)
    );
    let (winner, loser) = match (a.expect("a"), b.expect("b")) {
        (true, false) => ("a", "b"),
        (false, true) => ("b", "a"),
        other => panic!("exactly one holder expected, got {other:?}"),
    };
    assert!(store
        .try_lease("work", winner.to_owned(), later(5), ttl)
        .await
        .expect("renew"));
    assert!(!store
        .try_lease("work", loser.to_owned(), later(14), ttl)
        .await
        .expect("still held"));
    assert!(
        store
            .try_lease("work", loser.to_owned(), later(15), ttl)
            .await
            .expect("expired"),
        "taken over once the renewal ran out"
    );
    store
        .release_lease("work", winner.to_owned())
        .await
        .expect("not theirs: no-op");
    assert!(!store
        .try_lease("work", winner.to_owned(), later(16), ttl)
        .await
        .expect("held"));
    store
        .release_lease("work", loser.to_owned())
        .await
        .expect("released");
    assert!(store
        .try_lease("work", winner.to_owned(), later(16), ttl)
        .await
        .expect("free"));
    // Other leases are independent.
    assert!(store
        .try_lease("other", loser.to_owned(), later(16), ttl)
        .await
        .expect("other"));
}
