//! Two craftdesk apps, each running half of the gateway shards, over one database (a SQLite
//! file, and a PostgreSQL database): each guild is served by the app running its shard, DMs
//! by the one running shard 0, a flow started on one app continues on the other, each panel
//! is posted once, when one app stops the other keeps the cleanup going (the cleanup lease
//! changes hands), and the stopped app comes back without posting anything twice.

use std::fmt::Write as _;
use std::time::Duration;

use craftdesk::app::App;
use craftdesk::config::Config;
use discord_emulator::{Emulator, EmulatorOptions, ReplyKind};
use serde_json::json;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::support::{eventually, eventually_true};

const TOKEN: &str = "shards-token";
const WAIT: Duration = Duration::from_secs(10);

struct Guild {
    id: u64,
    panel: u64,
}

/// One app's configuration; the emulator's test CA is written into `ca_dir`.
fn config(
    emu: &Emulator,
    ca_dir: &std::path::Path,
    database: &str,
    shards: &str,
    guilds: &[Guild],
) -> Config {
    let mut text = format!(
        r#"
[discord]
token = "{TOKEN}"
shards = "{shards}"
total_shards = 2
{endpoint}
[database]
{database}

[sessions]
ttl = "2s"

[cleanup]
interval = "400ms"

[telemetry]
level = "warn"
"#,
        endpoint = craftdesk::sandbox::emulator_endpoint_toml(emu, ca_dir).expect("CA written"),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_apps_split_the_shards_over_one_sqlite_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.sqlite");
    two_apps_split_the_shards_and_share_the_work(&format!("path = \"{}\"", db.display())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_apps_split_the_shards_over_one_postgres_database() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let db = crate::support::pg::PgTestDb::create().await;
    two_apps_split_the_shards_and_share_the_work(&format!("url = \"{}\"", db.url)).await;
}

#[allow(clippy::too_many_lines)] // two apps, their guilds, DMs, then one app gone
async fn two_apps_split_the_shards_and_share_the_work(database: &str) {
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..Default::default()
    })
    .await
    .expect("emulator");
    let ca_dir = tempfile::tempdir().expect("temp dir");
    // Each guild id is in a millisecond of its own, so (id >> 22) % 2 puts it on shard 0 or
    // 1: make guilds until there is one on each (usually two suffice).
    let mut guilds: Vec<Guild> = Vec::new();
    for n in 0..20 {
        if guilds.len() == 2 {
            break;
        }
        let id = emu.create_guild(&format!("Guild {n}")).await;
        if guilds.iter().any(|g| (g.id >> 22) % 2 == (id >> 22) % 2) {
            continue;
        }
        let panel = emu.create_text_channel(id, "requests", None).await;
        guilds.push(Guild { id, panel });
    }
    guilds.sort_by_key(|g| (g.id >> 22) % 2);
    assert_eq!(
        guilds.iter().map(|g| (g.id >> 22) % 2).collect::<Vec<_>>(),
        [0, 1],
        "one guild per shard"
    );
    let low = start(&config(&emu, ca_dir.path(), database, "0..1", &guilds)).await;
    let high = start(&config(&emu, ca_dir.path(), database, "1..2", &guilds)).await;
    eventually_true(WAIT, "both shards connect", || {
        emu.connected_shards() == [(0, 2), (1, 2)]
    })
    .await;
    eventually_true(WAIT, "each app registers its guild's commands", || {
        guilds.iter().all(|g| !emu.commands(Some(g.id)).is_empty())
    })
    .await;
    // Each guild's panel is posted by the app running its shard, and only once.
    eventually_true(WAIT, "both panels are posted", || {
        guilds
            .iter()
            .all(|g| emu.channel_messages(g.panel).len() == 1)
    })
    .await;

    let ann = emu.add_member(guilds[0].id, "ann", &[]).await;
    let bob = emu.add_member(guilds[1].id, "bob", &[]).await;
    for member in [&ann, &bob] {
        let reply = crate::support::opened_answer(
            member
                .slash("request", json!([]))
                .await
                .expect("answered by the guild's app"),
        )
        .await;
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
    eventually_true(WAIT, "only shard 1 is left", || {
        emu.connected_shards() == [(1, 2)]
    })
    .await;
    eventually(WAIT, async || {
        match high.bot.store.count_sessions().await.expect("count") {
            0 => Ok(()),
            left => Err(format!(
                "{left} sessions never expired after the other app stopped"
            )),
        }
    })
    .await;
    // The high guild still answers (its shard is alive).
    let reply = bob
        .slash("status", json!([]))
        .await
        .expect("the high app still serves its guild");
    assert!(reply.ephemeral);

    // The low app comes back on the same database: shard 0 reconnects, DMs and its guild
    // are served again, and nothing is posted twice (the panel is found by its stored id).
    let low = start(&config(&emu, ca_dir.path(), database, "0..1", &guilds)).await;
    eventually_true(WAIT, "both shards connect again", || {
        emu.connected_shards() == [(0, 2), (1, 2)]
    })
    .await;
    let reply = ann
        .slash("request", json!([]))
        .await
        .expect("the low app serves its guild again")
        .settled()
        .await
        .expect("settled");
    assert!(reply.text().contains("DM"), "{}", reply.text());
    assert!(
        guilds
            .iter()
            .all(|g| emu.channel_messages(g.panel).len() == 1),
        "still one panel per guild"
    );
    for app in [low, high] {
        let _ = app.stop.send(());
        let _ = app.task.await;
    }
    assert!(emu.log().schema_violations().is_empty());
}
