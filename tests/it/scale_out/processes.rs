//! Two craftdesk processes over one PostgreSQL database, as operators run them: shards 0–1
//! and 2–3 of 4. Three guilds on three shards: A (channel mode) on the first process, B
//! (channel mode) and C (DM mode, whose clicks arrive on shard 0, the first process) on the
//! second. Members walk flows and crafters claim in every guild, so C's requests are made on
//! one process and claimed on the other.
//!
//! Mid-load, the process holding the cleanup lease is killed (SIGKILL): the other takes the
//! cleanup over within an interval, and expires a flow abandoned in its guild while the
//! first is still down. The killed one restarts; then the other is killed and restarted.
//! After each restart: no member has two request channels and none is unknown to the store.
//! At the end: every request a member saw submitted is stored once, under them, every
//! stored one was seen by its member, each is on its guild's board once, and every claim a
//! crafter saw succeed is stored once, as theirs.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use discord_emulator::{ScriptedUser, Snowflake};
use serde_json::json;
use tokio::sync::watch;
use tokio::time::Instant;

use crate::crash::checks::{check_channels, stored_requests, Db};
use crate::crash::scene::{
    crafter_works, member_works, number_after, BotState, BotWatch, MemberLog, Place, Rng, Scene,
};
use crate::support::child::BotProcess;
use crate::support::{world, Options, TestApp, TOKEN};

const TOTAL_SHARDS: u64 = 4;
const MEMBERS_PER_GUILD: usize = 8;
const CRAFTERS: u32 = 2;
const CLAIMS_EACH: usize = 3;
/// The cleanup runs this often; its lease lasts half of it.
const CLEANUP_INTERVAL: Duration = Duration::from_secs(1);
const EXPIRED: &str = "Session expired. Please start over.";

/// A guild as an admin sets it up, and where craftdesk serves it.
struct Guild {
    id: Snowflake,
    mode: &'static str,
    category: Snowflake,
    board: Snowflake,
    log: Snowflake,
    panel: Snowflake,
    officer: Snowflake,
    crafter: Snowflake,
}

impl Guild {
    async fn set_up(app: &TestApp, id: Snowflake, mode: &'static str) -> Self {
        let emu = &app.emu;
        Self {
            id,
            mode,
            officer: emu.create_role(id, "Officer").await,
            crafter: emu.create_role(id, "Enchanter").await,
            category: emu.create_category(id, "Requests").await,
            board: emu.create_text_channel(id, "request-board", None).await,
            log: emu.create_text_channel(id, "request-log", None).await,
            panel: emu.create_text_channel(id, "requests", None).await,
        }
    }

    fn shard(&self) -> u64 {
        (self.id >> 22) % TOTAL_SHARDS
    }
}

/// One process's configuration: its shard range, the shared database, every guild.
fn config_toml(app: &TestApp, shards: &str, guilds: &[Guild]) -> String {
    let mut text = format!(
        r#"
[discord]
token = "{TOKEN}"
shards = "{shards}"
total_shards = {TOTAL_SHARDS}
requests_per_second = 1000
request_burst = 100
channel_ops_per_second = 100
channel_op_burst = 50
{endpoint}
[database]
url = "{url}"

[sessions]
ttl = "3s"
max_open_per_user = 3
click_burst = 100000
clicks_per_second = 100000

[cleanup]
interval = "{interval}ms"

[telemetry]
level = "warn"
"#,
        endpoint = craftdesk::sandbox::emulator_endpoint_toml(&app.emu, app.db_dir.path())
            .expect("CA written"),
        url = app.pg.as_ref().expect("PostgreSQL").url,
        interval = CLEANUP_INTERVAL.as_millis(),
    );
    for g in guilds {
        let _ = write!(
            text,
            r#"
[[guild]]
id = "{id}"
mode = "{mode}"
request_category_id = "{category}"
board_channel_id = "{board}"
log_channel_id = "{log}"
panel_channel_id = "{panel}"
officer_role_ids = ["{officer}"]

[guild.crafter_roles]
enchanting = "{crafter}"

[guild.limits]
# Members make a request every few hundred milliseconds for half a minute.
max_open_requests = 10000
submit_burst = 1000
submits_per_minute = 60000
"#,
            id = g.id,
            mode = g.mode,
            category = g.category,
            board = g.board,
            log = g.log,
            panel = g.panel,
            officer = g.officer,
            crafter = g.crafter,
        );
    }
    text
}

/// One of the two processes.
struct Process {
    shards: Vec<u64>,
    config: PathBuf,
    log: PathBuf,
    running: Option<BotProcess>,
    state: BotWatch,
}

impl Process {
    fn new(dir: &Path, index: usize, shards: Vec<u64>, toml: &str) -> Self {
        let config = dir.join(format!("craftdesk-{index}.toml"));
        std::fs::write(&config, toml).expect("config written");
        Self {
            shards,
            config,
            log: dir.join(format!("bot-{index}.log")),
            running: None,
            state: Arc::new(watch::Sender::new(BotState { run: 0, up: false })),
        }
    }

    async fn start(&mut self, app: &TestApp) {
        self.running =
            Some(BotProcess::start_shards(app, &self.config, &self.log, &self.shards).await);
        self.state.send_modify(|s| {
            s.run += 1;
            s.up = true;
        });
    }

    /// Dead first, then known dead: whatever it answered before is a real answer.
    async fn kill(&mut self) {
        self.running.take().expect("running").kill().await;
        self.state.send_modify(|s| s.up = false);
    }

    fn holds(&self, holder: Option<&str>) -> bool {
        let pid = self.running.as_ref().map(BotProcess::pid);
        holder.is_some_and(|h| pid.is_some_and(|pid| h.starts_with(&format!("pid{pid}-"))))
    }
}

/// Who holds the cleanup lease now.
async fn cleanup_holder(url: &str) -> Option<String> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("database");
    let driver = tokio::spawn(connection);
    let holder = client
        .query_opt(
            "SELECT holder FROM leases WHERE name = 'cleanup' AND expires_at > $1",
            &[&craftdesk::domain::Timestamp::now().as_millis()],
        )
        .await
        .expect("query")
        .map(|r| r.get::<_, String>(0));
    drop(client);
    let _ = driver.await;
    holder
}

/// Polls `check` until it holds (`eventually`); how long that took, or a failure at
/// `limit`.
async fn within<F: std::future::Future<Output = bool>>(
    what: &str,
    limit: Duration,
    mut check: impl FnMut() -> F,
) -> Duration {
    let started = Instant::now();
    crate::support::eventually(limit, async || {
        if check().await {
            Ok(())
        } else {
            Err(what.to_owned())
        }
    })
    .await;
    started.elapsed()
}

/// Makes guilds until three sit on shards 1, 2 and 3 (ids are one millisecond apart, so
/// consecutive guilds take consecutive shards); shard 0 is left to DMs.
async fn three_guilds(app: &TestApp) -> Vec<Guild> {
    let mut on_shard: BTreeMap<u64, Snowflake> = BTreeMap::new();
    for n in 0..32 {
        let id = app.emu.create_guild(&format!("Guild {n}")).await;
        on_shard.entry((id >> 22) % TOTAL_SHARDS).or_insert(id);
        if (1..TOTAL_SHARDS).all(|s| on_shard.contains_key(&s)) {
            break;
        }
    }
    let a = Guild::set_up(app, on_shard[&1], "channel").await;
    let b = Guild::set_up(app, on_shard[&2], "channel").await;
    let c = Guild::set_up(app, on_shard[&3], "dm").await;
    vec![a, b, c]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // set up, two kills, then every invariant
async fn two_processes_over_postgres_each_killed_mid_load_lose_and_duplicate_nothing() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let _heavy = crate::support::HEAVY.lock().await;
    let seed = u64::from(std::process::id());
    println!("scale-out test seed: {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let app = Arc::new(
        world(Options {
            postgres: true,
            ..Options::default()
        })
        .await,
    );
    let guilds = three_guilds(&app).await;
    assert_eq!(
        guilds.iter().map(Guild::shard).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let db = Db::Postgres(app.pg.as_ref().expect("PostgreSQL").url.clone());
    let dir = tempfile::tempdir().expect("temp dir");
    let mut processes = [
        Process::new(
            dir.path(),
            0,
            vec![0, 1],
            &config_toml(&app, "0..2", &guilds),
        ),
        Process::new(
            dir.path(),
            1,
            vec![2, 3],
            &config_toml(&app, "2..4", &guilds),
        ),
    ];
    // At once: serenity waits 5 s between a process's shards (it ignores max_concurrency).
    let [one, two] = &mut processes;
    tokio::join!(one.start(&app), two.start(&app));
    // Which process serves what: a guild's commands and board, its shard's; DM clicks,
    // shard 0's.
    let serving = |guild: &Guild| usize::from(guild.shard() >= 2);
    let dm_bot = processes[0].state.clone();

    let mut scenes = Vec::new();
    let mut member_tasks = Vec::new();
    let mut crafter_tasks = Vec::new();
    let mut idlers = Vec::new();
    for guild in &guilds {
        let scene = Arc::new(Scene {
            app: app.clone(),
            place: Place {
                guild: guild.id,
                board: guild.board,
                dm: guild.mode == "dm",
            },
            bot: processes[serving(guild)].state.clone(),
            dm_bot: dm_bot.clone(),
            crafters: CRAFTERS,
            claims_each: CLAIMS_EACH,
            stopping: AtomicBool::new(false),
            violations: Mutex::new(Vec::new()),
        });
        for n in 0..MEMBERS_PER_GUILD {
            let member = app
                .emu
                .add_member(guild.id, &format!("member{n}"), &[])
                .await
                .with_timeout(Duration::from_secs(15));
            let id = member.id();
            member_tasks.push((
                guild.id,
                id,
                tokio::spawn(member_works(scene.clone(), member, n)),
            ));
        }
        for lane in 0..CRAFTERS {
            let crafter = app
                .emu
                .add_member(guild.id, &format!("crafter{lane}"), &[guild.officer])
                .await
                .with_timeout(Duration::from_secs(15));
            let id = crafter.id();
            crafter_tasks.push((
                guild.id,
                id,
                tokio::spawn(crafter_works(scene.clone(), crafter, lane)),
            ));
        }
        if guild.mode == "channel" {
            idlers.push((
                serving(guild),
                guild.id,
                app.emu.add_member(guild.id, "idler", &[]).await,
            ));
        }
        scenes.push(scene);
    }
    // First kill: the process holding the cleanup lease.
    let url = app.pg.as_ref().expect("PostgreSQL").url.as_str();
    within(
        "a process takes the cleanup lease",
        Duration::from_secs(10),
        || async move { cleanup_holder(url).await.is_some() },
    )
    .await;
    tokio::time::sleep(Duration::from_millis(rng.between(500, 1_500))).await;
    let holder = cleanup_holder(url).await;
    let first = usize::from(!processes[0].holds(holder.as_deref()));
    assert!(processes[first].holds(holder.as_deref()), "{holder:?}");
    let other = 1 - first;
    processes[first].kill().await;
    let survivor = &processes[other];
    let failover = within(
        "the other process takes the cleanup over",
        CLEANUP_INTERVAL * 3,
        || async move { survivor.holds(cleanup_holder(url).await.as_deref()) },
    )
    .await;
    // And it cleans up: a flow abandoned in its guild now expires while the first is down.
    let (_, idle_guild, idler) = idlers
        .iter()
        .find(|(process, _, _)| *process == other)
        .expect("an idler on the live process");
    let abandoned = open_and_walk_away(&app, *idle_guild, idler).await;
    within(
        "the abandoned flow expires",
        Duration::from_secs(15),
        || {
            let expired = app
                .emu
                .message(abandoned)
                .is_some_and(|m| m.text().contains(EXPIRED));
            async move { expired }
        },
    )
    .await;
    assert!(
        !processes[first].state.borrow().up,
        "expired while the first was down"
    );
    processes[first].start(&app).await;
    for guild in guilds.iter().filter(|g| g.mode == "channel") {
        check_channels(&app.emu, &db, guild.id, "after the first restart").await;
    }
    // Second kill: the other one.
    tokio::time::sleep(Duration::from_millis(rng.between(500, 1_500))).await;
    processes[other].kill().await;
    processes[other].start(&app).await;
    for guild in guilds.iter().filter(|g| g.mode == "channel") {
        check_channels(&app.emu, &db, guild.id, "after the second restart").await;
    }
    // The crafters finish their claims; then the members their flows.
    let mut claims: Vec<(Snowflake, Snowflake, Vec<u32>)> = Vec::new();
    for (guild, crafter, task) in crafter_tasks {
        let claimed = tokio::time::timeout(Duration::from_secs(120), task)
            .await
            .expect("crafters finish")
            .expect("crafter task");
        claims.push((guild, crafter, claimed));
    }
    for scene in &scenes {
        scene.stopping.store(true, Ordering::Release);
    }
    let mut logs: Vec<(Snowflake, Snowflake, MemberLog)> = Vec::new();
    for (guild, member, task) in member_tasks {
        let log = tokio::time::timeout(Duration::from_secs(60), task)
            .await
            .expect("members finish their flows")
            .expect("member task");
        logs.push((guild, member, log));
    }
    for scene in &scenes {
        let violations = scene.violations.lock().expect("lock").clone();
        assert!(
            violations.is_empty(),
            "guild {}: {} violations: {violations:#?}",
            scene.place.guild,
            violations.len()
        );
    }
    let mut requests = 0;
    for guild in &guilds {
        let stored = stored_requests(&db, guild.id).await;
        requests += stored.len();
        // Every stored request was seen submitted by its member, and only that one.
        let told: HashMap<u32, Snowflake> = logs
            .iter()
            .filter(|(g, _, _)| *g == guild.id)
            .flat_map(|(_, member, log)| log.submitted.iter().map(move |n| (*n, *member)))
            .collect();
        assert_eq!(
            told.len(),
            logs.iter()
                .filter(|(g, _, _)| *g == guild.id)
                .map(|(_, _, l)| l.submitted.len())
                .sum::<usize>(),
            "guild {}: no number seen twice",
            guild.id
        );
        for (number, member) in &told {
            let stored_for = stored.get(number).map(|(user, _, _)| *user);
            assert_eq!(
                stored_for,
                Some(*member),
                "guild {}: #{number} was seen submitted but is not stored as theirs",
                guild.id
            );
        }
        for (number, (user, _, _)) in &stored {
            assert_eq!(
                told.get(number),
                Some(user),
                "guild {}: #{number} was stored but its member was never told",
                guild.id
            );
        }
        // On the guild's board, once each (posts may trail the receipts).
        let on_board = |number: u32| {
            app.emu
                .channel_messages(guild.board)
                .iter()
                .filter(|m| {
                    m.embeds
                        .first()
                        .and_then(|e| e["title"].as_str())
                        .and_then(|t| number_after(t, "Request #"))
                        == Some(number)
                })
                .count()
        };
        within(
            "every request on its board",
            Duration::from_secs(20),
            || {
                let all = stored.keys().all(|n| on_board(*n) >= 1);
                async move { all }
            },
        )
        .await;
        for number in stored.keys() {
            assert_eq!(
                on_board(*number),
                1,
                "guild {}: #{number} on the board",
                guild.id
            );
        }
        // Claims: each one a crafter saw succeed is stored as theirs, claimed once.
        for (_, crafter, numbers) in claims.iter().filter(|(g, _, _)| *g == guild.id) {
            assert_eq!(numbers.len(), CLAIMS_EACH, "crafter {crafter}: {numbers:?}");
            for number in numbers {
                let (_, claimed_by, events) = stored[number];
                assert_eq!(claimed_by, Some(*crafter), "guild {}: #{number}", guild.id);
                assert_eq!(events, 1, "guild {}: #{number} claimed once", guild.id);
            }
        }
        if guild.mode == "channel" {
            check_channels(&app.emu, &db, guild.id, "at the end").await;
        }
    }
    for scene in &scenes {
        for (guild, member, _) in &logs {
            if *guild == scene.place.guild {
                assert!(scene.request_channels(*member).len() <= 1);
            }
        }
    }
    let flows: usize = logs.iter().map(|(_, _, l)| l.flows).sum();
    for process in &mut processes {
        process.kill().await;
    }
    println!(
        "scale-out test: 2 processes, 2 kills, {flows} flows, {requests} requests stored, \
         {} claims, cleanup failover in {} ms, {:.1} s",
        claims.iter().map(|(_, _, c)| c.len()).sum::<usize>(),
        failover.as_millis(),
        started.elapsed().as_secs_f64()
    );
}

/// `/request`, then nothing: the flow's message.
async fn open_and_walk_away(app: &TestApp, guild: Snowflake, idler: &ScriptedUser) -> Snowflake {
    crate::support::opened_answer(idler.slash("request", json!([])).await.expect("answered")).await;
    let channel = app
        .emu
        .channel_by_name(guild, &format!("requests-{}", idler.id()))
        .expect("the idler's channel");
    let mut found = None;
    within(
        "the abandoned flow's message",
        Duration::from_secs(10),
        || {
            found = app
                .emu
                .channel_messages(channel.id)
                .into_iter()
                .find(|m| m.text().contains("step 1 of 7"))
                .map(|m| m.id);
            let done = found.is_some();
            async move { done }
        },
    )
    .await;
    found.expect("found")
}
