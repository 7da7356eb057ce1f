//! `craftdesk loadtest`: the real bot (this binary's `run`, as a child process) against the
//! emulator with N scripted members doing full flows at once, some in parallel, then
//! crafters claiming and completing part of the work. Bounded in count and time, loopback
//! only. Reports flows/s, interaction answer latency measured at the emulator (dispatch to
//! callback), REST calls per completed flow by route, 429s and errors, the bot's peak RSS
//! and the database size.
//!
//! Members join `--guilds` guilds in turn, all in DM mode (the default) or in channel mode,
//! where each member gets a request channel; Discord allows 500 channels per guild, so
//! channel mode needs a guild per 450 members (see `guilds.rs`, which also spreads the
//! guilds over the bot processes' shards).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use discord_emulator::{Emulator, EmulatorOptions, Fault};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use tokio::sync::Mutex;

use crate::config::{DatabaseUrl, GuildMode};
use crate::sandbox::{percentile_ms, ratio, wait_for_bot, world_config, write_html, Scene};

mod guilds;
mod postgres;
pub mod startup;

/// The bot's connections when it runs on PostgreSQL.
const PG_POOL_SIZE: u32 = 16;

#[derive(Debug, Clone)]
pub struct LoadtestOptions {
    pub members: usize,
    /// How many of the submitted requests crafters claim and complete.
    pub claims: usize,
    pub faults: bool,
    /// Each member's pause between clicks (jittered ±50 %), as people take; 0 clicks at
    /// once (a closed loop, which measures throughput, not answer times).
    pub think: Duration,
    /// Sessions stored in the database before the bot starts (idle members' flows).
    pub stored_sessions: usize,
    pub time_limit: Duration,
    pub quiet: bool,
    /// The craftdesk binary to run as the bot (default: this executable).
    pub bot_exe: Option<PathBuf>,
    /// Where to write the page of what members saw (capped: see `HtmlLimits::default`).
    pub html: Option<PathBuf>,
    /// A PostgreSQL server to run on instead of SQLite: the run creates a database of its
    /// own there and drops it afterwards.
    pub database_url: Option<DatabaseUrl>,
    /// Bot processes sharing the bot, each running one shard (more than one needs
    /// `database_url`).
    pub processes: usize,
    /// Guilds the members join in turn, spread over the processes' shards.
    pub guilds: usize,
    /// Where the guilds run flows: members' DMs (all on shard 0, as on Discord) or a request
    /// channel per member (on their guild's shard).
    pub mode: GuildMode,
    /// Keep the bot's default pace (40 calls/s, 5 channel creations/s a guild) instead of
    /// lifting it, so the run shows what members feel on Discord.
    pub default_pace: bool,
    /// Discord's round trip, emulated on every REST call (e.g. 100 ms).
    pub rest_latency: Duration,
    /// On top of it, how long a channel creation takes (e.g. 600 ms, for 700 ms in all).
    pub channel_latency: Duration,
}

#[derive(Debug, Serialize)]
pub struct LoadReport {
    /// `sqlite` or `postgres`.
    pub database: &'static str,
    /// Bot processes (one shard each).
    pub processes: usize,
    pub guilds: usize,
    pub mode: GuildMode,
    /// Interactions sent to each bot process (shard), in shard order: DM flows all go to
    /// the first.
    pub interactions_per_process: Vec<u64>,
    pub members: usize,
    pub flows_completed: usize,
    pub flows_per_second: f64,
    /// Every click's answer: dispatch to the interaction's callback (a deferred answer
    /// counts when the member sees it loading; its result is below).
    pub interactions: usize,
    pub latency_p50_ms: f64,
    pub latency_p95_ms: f64,
    pub latency_p99_ms: f64,
    pub latency_max_ms: f64,
    /// Answers that took longer than Discord's 3 s (the member saw "This interaction failed").
    pub answers_past_3s: usize,
    /// `/request`'s first answer (dispatch to callback), per flow.
    pub request_answer_p50_ms: f64,
    pub request_answer_p99_ms: f64,
    pub request_answer_max_ms: f64,
    /// Connections the bot processes opened to the emulator while members ran their flows
    /// (one per answer in flight over HTTP/1.1; HTTP/2 shares one).
    pub connections_opened: usize,
    /// Answers that were deferred (the result needed a Discord read first, e.g. Confirm in a
    /// DM re-reads the member), and from dispatch to their result shown.
    pub deferred_answers: usize,
    pub deferred_result_p50_ms: f64,
    pub deferred_result_p99_ms: f64,
    pub deferred_result_max_ms: f64,
    /// From sending `/request` to the flow message in the member's space, per flow.
    pub flow_message_p50_ms: f64,
    pub flow_message_p99_ms: f64,
    pub flow_message_max_ms: f64,
    /// Whether the bot kept its default pace (else lifted, to measure the bot alone).
    pub default_pace: bool,
    /// The emulated round trip per REST call, and on top of it per channel creation.
    pub rest_latency_ms: u64,
    pub channel_latency_ms: u64,
    pub rest_calls_per_flow: f64,
    pub rest_calls_per_flow_by_route: BTreeMap<String, f64>,
    pub rate_limited_responses: usize,
    /// The most calls that count against Discord's global limit (interaction answers
    /// aside) that reached the emulator within one second, from every bot process together.
    pub busiest_second_global_calls: usize,
    pub claims_completed: usize,
    pub errors: Vec<String>,
    pub peak_rss_kib: u64,
    /// CPU time (user + system) per completed flow: the bot's, and this process's (the
    /// emulator and the scripted members). Unlike answer times, these hardly change when
    /// other work shares the machine.
    pub bot_cpu_ms_per_flow: f64,
    pub harness_cpu_ms_per_flow: f64,
    pub think_ms: u64,
    pub stored_sessions: usize,
    pub database_bytes: u64,
    pub faults: bool,
    /// The page of what members saw, when one was asked for.
    pub html: Option<PathBuf>,
    /// The run's directory (the bots' logs and configuration, the SQLite database), kept
    /// when the run had errors; otherwise removed.
    pub kept_dir: Option<PathBuf>,
    pub elapsed_s: f64,
}

/// The environment that lifts the bot's own pace (none with `default_pace`): this measures
/// the bot itself, where its pacing (Discord's 50 calls/s) would be all the flow rate
/// shows; likewise its channel pace (5 creations/s per guild): in channel mode, a thousand
/// members' channels would take minutes.
fn lifted_pace(default_pace: bool) -> Vec<(&'static str, &'static str)> {
    if default_pace {
        return Vec::new();
    }
    vec![
        ("CRAFTDESK__DISCORD__REQUESTS_PER_SECOND", "100000"),
        ("CRAFTDESK__DISCORD__REQUEST_BURST", "10000"),
        ("CRAFTDESK__DISCORD__CHANNEL_OPS_PER_SECOND", "1000"),
        ("CRAFTDESK__DISCORD__CHANNEL_OP_BURST", "1000"),
    ]
}

#[allow(clippy::too_many_lines)] // start, load, crafters, measure, stop: one scenario in order
pub async fn run(options: LoadtestOptions) -> anyhow::Result<LoadReport> {
    anyhow::ensure!(
        options.processes <= 1 || options.database_url.is_some(),
        "--processes above 1 needs --database-url: the processes share one PostgreSQL database"
    );
    guilds::check_room(options.members, options.guilds, options.mode)?;
    let started = Instant::now();
    let emu = Emulator::start(EmulatorOptions {
        token: "sandbox-token".into(),
        answer_timeout: Duration::from_secs(30),
        rest_latency: options.rest_latency,
        channel_create_latency: options.channel_latency,
        ..Default::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let database = dir.path().join("loadtest.sqlite");
    let scratch = match &options.database_url {
        Some(server) => Some(postgres::Scratch::create(server).await?),
        None => None,
    };
    // PostgreSQL's URL reaches the bot through its environment, not the config file.
    let database_toml = match &scratch {
        Some(_) => format!("pool_size = {PG_POOL_SIZE}"),
        None => format!("path = \"{}\"", database.display()),
    };
    // One bot process, or several: process i runs shard i of `processes`.
    let processes = options.processes.max(1);
    let worlds = guilds::build_guilds(
        &emu,
        options.guilds,
        processes,
        options.members.div_ceil(options.guilds),
        options.mode,
    )
    .await?;
    let endpoint = crate::sandbox::emulator_endpoint_toml(&emu, dir.path())?;
    let config_text = world_config(
        &endpoint,
        &database_toml,
        Duration::from_secs(3_600),
        options.mode,
        &worlds,
    );
    let config_path = dir.path().join("loadtest.toml");
    std::fs::write(&config_path, &config_text)?;
    if options.stored_sessions > 0 {
        store_idle_sessions(&config_path, worlds[0].guild, options.stored_sessions).await?;
    }
    let log_path = dir.path().join("bot-0.log");
    let exe = match &options.bot_exe {
        Some(exe) => exe.clone(),
        None => std::env::current_exe()?,
    };
    let mut bots = Vec::with_capacity(processes);
    for index in 0..processes {
        let mut bot = bot_command(&exe);
        if let Some(scratch) = &scratch {
            bot.env("CRAFTDESK__DATABASE__URL", scratch.url.expose());
        }
        if processes > 1 {
            bot.env(
                "CRAFTDESK__DISCORD__SHARDS",
                format!("{index}..{}", index + 1),
            )
            .env("CRAFTDESK__DISCORD__TOTAL_SHARDS", processes.to_string());
        }
        let log = std::fs::File::create(dir.path().join(format!("bot-{index}.log")))?;
        let bot = bot
            .args(["run", "--config"])
            .arg(&config_path)
            .env_remove("DISCORD_TOKEN")
            // `LOADTEST_BOT_LOG=info` (any filter) to see every interaction in the kept logs.
            .env(
                "RUST_LOG",
                std::env::var("LOADTEST_BOT_LOG").unwrap_or_else(|_| "warn".into()),
            )
            // This measures the bot itself: its own pacing (Discord's 50 calls/s) would be
            // all the flow rate shows. The sweep keeps the default pace, which it measures.
            .envs(lifted_pace(options.default_pace))
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .context("starting the bot")?;
        let pid = bot.id().context("the bot exited at once")?;
        bots.push((bot, pid));
    }
    for world in &worlds {
        wait_for_bot(&emu, world.guild)
            .await
            .with_context(|| format!("the bot did not connect; see {}", log_path.display()))?;
    }
    // Every shard (DMs arrive on shard 0) has its process connected.
    let deadline = Instant::now() + Duration::from_secs(30);
    while emu.gateway_connections() < processes {
        anyhow::ensure!(
            Instant::now() < deadline,
            "not every bot process connected; see {}",
            dir.path().display()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The emulator's own first-call work (building schema validators) would otherwise show
    // in the first answers' times.
    emu.schemas_ready().await;
    if options.faults {
        emu.faults().add(
            Fault::rate_limit(Duration::from_millis(100))
                .on("POST /channels/{channel_id}/messages")
                .with_probability(0.02),
        );
        emu.faults().add(
            Fault::server_error(502)
                .on("POST /guilds/{guild_id}/channels")
                .with_probability(0.02),
        );
        emu.faults()
            .add(Fault::latency(Duration::from_millis(5)).with_probability(0.1));
    }

    let parallel = options.members.div_ceil(5);
    let total = options.members + parallel;
    let progress = if options.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total as u64)
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} flows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message("members at work");
    let scene = Arc::new(Scene {
        emu,
        guilds: worlds,
        latencies: Mutex::new(Vec::new()),
        request_answers: Mutex::default(),
        settled_waits: Mutex::default(),
        flow_message_waits: Mutex::default(),
        completed: AtomicUsize::new(0),
        progress,
        think: options.think,
        jitter: std::sync::atomic::AtomicU64::new(0x9e37_79b9_7f4a_7c15),
    });
    let harness_cpu_before = cpu_ms(std::process::id());
    let mark = scene.emu.log().mark();
    let connections_before = scene.emu.connections_accepted();
    let flows_started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..options.members {
        let scene = scene.clone();
        // With think time, arrivals spread over about one flow's length.
        let start_after = scene.think.mul_f64(10.0 * ratio(n, options.members.max(1)));
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(start_after).await;
            Box::pin(scene.member_completes(n)).await
        }));
    }
    let mut errors = Vec::new();
    let all = async {
        for task in tasks {
            match task.await {
                Ok(Ok(())) => {}
                Ok(Err(err)) => errors.push(format!("{err:#}")),
                Err(err) => errors.push(format!("member task: {err}")),
            }
        }
    };
    if tokio::time::timeout(options.time_limit, all).await.is_err() {
        errors.push(format!(
            "stopped at the time limit of {:?}",
            options.time_limit
        ));
    }
    let flow_time = flows_started.elapsed();
    let connections_opened = scene.emu.connections_accepted() - connections_before;
    let completed = scene.completed.load(std::sync::atomic::Ordering::Relaxed);
    scene.progress.finish_with_message("flows done");
    let calls = scene.emu.log().counts_since(mark);

    // Crafters claim and complete part of the work.
    let claims_completed = crafters_work(&scene, options.claims.min(completed), &mut errors).await;

    let html = match &options.html {
        Some(path) => Some(write_html(&scene.emu, path)?),
        None => None,
    };
    let rate_limited = scene.emu.log().count_status(429);
    let busiest_second = scene.emu.log().busiest_global(Duration::from_secs(1));
    // The largest of the processes' peaks, and their CPU time in all.
    let peak_rss_kib = bots
        .iter()
        .map(|(_, pid)| peak_rss(*pid))
        .max()
        .unwrap_or(0);
    let bot_cpu: f64 = bots.iter().map(|(_, pid)| cpu_ms(*pid)).sum();
    let harness_cpu = cpu_ms(std::process::id()) - harness_cpu_before;
    let by_shard = scene.emu.interactions_by_shard();
    let shards = u64::try_from(processes).unwrap_or(u64::MAX);
    let interactions_per_process = (0..shards)
        .map(|shard| by_shard.get(&(shard, shards)).copied().unwrap_or(0))
        .collect();
    for (mut bot, pid) in bots {
        let _ = tokio::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(10), bot.wait())
            .await
            .is_err()
        {
            errors.push(format!(
                "bot process {pid} did not stop within 10 s of SIGTERM"
            ));
            let _ = bot.kill().await;
        }
    }
    let database_bytes = match scratch {
        Some(scratch) => {
            let bytes = scratch.size_bytes().await.unwrap_or(0);
            if let Err(err) = scratch.drop_database().await {
                errors.push(format!("dropping the scratch database: {err:#}"));
            }
            bytes
        }
        None => ["", "-wal"]
            .iter()
            .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", database.display())).ok())
            .map(|m| m.len())
            .sum(),
    };
    // `LOADTEST_KEEP=1` keeps it whatever happened (with `LOADTEST_BOT_LOG`, to read the
    // bots' logs of a run that went well).
    let kept_dir = if errors.is_empty() && std::env::var_os("LOADTEST_KEEP").is_none() {
        None
    } else {
        Some(dir.keep())
    };
    let mut latencies = scene.latencies.lock().await.clone();
    latencies.sort_unstable();
    let mut request_answers = scene.request_answers.lock().await.clone();
    request_answers.sort_unstable();
    let mut flow_messages = scene.flow_message_waits.lock().await.clone();
    flow_messages.sort_unstable();
    let mut deferred_results = scene.settled_waits.lock().await.clone();
    deferred_results.sort_unstable();
    let max_ms = |sorted: &[Duration]| sorted.last().map_or(0.0, |d| d.as_secs_f64() * 1_000.0);
    let total_calls: usize = calls.values().sum();
    Ok(LoadReport {
        database: if options.database_url.is_some() {
            "postgres"
        } else {
            "sqlite"
        },
        processes,
        guilds: options.guilds,
        mode: options.mode,
        interactions_per_process,
        members: options.members,
        flows_completed: completed,
        flows_per_second: if flow_time.is_zero() {
            0.0
        } else {
            ratio(completed, 1) / flow_time.as_secs_f64()
        },
        interactions: latencies.len(),
        latency_p50_ms: percentile_ms(&latencies, 0.50),
        latency_p95_ms: percentile_ms(&latencies, 0.95),
        latency_p99_ms: percentile_ms(&latencies, 0.99),
        latency_max_ms: max_ms(&latencies),
        answers_past_3s: latencies
            .iter()
            .filter(|d| **d > Duration::from_secs(3))
            .count(),
        request_answer_p50_ms: percentile_ms(&request_answers, 0.50),
        request_answer_p99_ms: percentile_ms(&request_answers, 0.99),
        request_answer_max_ms: max_ms(&request_answers),
        connections_opened,
        deferred_answers: deferred_results.len(),
        deferred_result_p50_ms: percentile_ms(&deferred_results, 0.50),
        deferred_result_p99_ms: percentile_ms(&deferred_results, 0.99),
        deferred_result_max_ms: max_ms(&deferred_results),
        flow_message_p50_ms: percentile_ms(&flow_messages, 0.50),
        flow_message_p99_ms: percentile_ms(&flow_messages, 0.99),
        flow_message_max_ms: max_ms(&flow_messages),
        default_pace: options.default_pace,
        rest_latency_ms: u64::try_from(options.rest_latency.as_millis()).unwrap_or(u64::MAX),
        channel_latency_ms: u64::try_from(options.channel_latency.as_millis()).unwrap_or(u64::MAX),
        rest_calls_per_flow: if completed == 0 {
            0.0
        } else {
            ratio(total_calls, completed)
        },
        rest_calls_per_flow_by_route: calls
            .into_iter()
            .map(|(route, n)| {
                (
                    route,
                    if completed == 0 {
                        0.0
                    } else {
                        ratio(n, completed)
                    },
                )
            })
            .collect(),
        rate_limited_responses: rate_limited,
        busiest_second_global_calls: busiest_second,
        claims_completed,
        errors,
        peak_rss_kib,
        bot_cpu_ms_per_flow: per_flow(bot_cpu, completed),
        harness_cpu_ms_per_flow: per_flow(harness_cpu, completed),
        think_ms: u64::try_from(options.think.as_millis()).unwrap_or(u64::MAX),
        stored_sessions: options.stored_sessions,
        database_bytes,
        faults: options.faults,
        html,
        kept_dir,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

/// Five officers of each guild (who may craft every profession) claim and complete
/// `count` board requests, concurrently, taking the guilds' boards in turn.
async fn crafters_work(scene: &Arc<Scene>, count: usize, errors: &mut Vec<String>) -> usize {
    // Board posts go out in the background, after each member's receipt: wait for them.
    let claimable = || {
        scene
            .guilds
            .iter()
            .flat_map(|world| scene.emu.channel_messages(world.board))
            .filter(|m| m.button_labels().contains(&"Claim".to_owned()))
            .count()
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while claimable() < count && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if claimable() < count {
        errors.push(format!(
            "only {} of {count} requests reached the boards within 30 s",
            claimable()
        ));
    }
    let mut boards = Vec::new();
    for world in &scene.guilds {
        let claimable: Vec<_> = scene
            .emu
            .channel_messages(world.board)
            .into_iter()
            .filter(|m| m.button_labels().contains(&"Claim".to_owned()))
            .take(count)
            .collect();
        let mut crafters = Vec::new();
        for n in 0..5 {
            crafters.push(
                scene
                    .emu
                    .add_member(world.guild, &format!("crafter{n}"), &[world.officer_role])
                    .await,
            );
        }
        boards.push((claimable.into_iter(), crafters));
    }
    // The i-th claimable message of each board in turn, by that guild's crafters in turn.
    let mut work = Vec::with_capacity(count);
    for i in 0.. {
        let before = work.len();
        for (messages, crafters) in &mut boards {
            if work.len() == count {
                break;
            }
            if let Some(message) = messages.next() {
                work.push((message, crafters[i % crafters.len()].clone()));
            }
        }
        if work.len() == count || work.len() == before {
            break;
        }
    }
    let mut tasks = Vec::new();
    for (message, crafter) in work {
        let scene = scene.clone();
        tasks.push(tokio::spawn(async move {
            let claimed = scene
                .record(crafter.click_in(&message, "Claim").await?)
                .await;
            if !claimed.text().contains("Claimed") {
                bail!("claim answered {:?}", claimed.text());
            }
            let done = complete(&scene, &crafter, &message, "1000").await?;
            if done.text().contains("Enter a quantity") {
                // Quantity larger than needed: complete exactly what is left.
                let left = done
                    .text()
                    .split("to ")
                    .nth(1)
                    .and_then(|t| t.split(' ').next())
                    .unwrap_or("1")
                    .to_owned();
                let done = complete(&scene, &crafter, &message, &left).await?;
                if !done.text().contains("Completed") {
                    bail!("complete answered {:?}", done.text());
                }
            }
            Ok(())
        }));
    }
    let mut completed = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(())) => completed += 1,
            Ok(Err(err)) => errors.push(format!("crafter: {err:#}")),
            Err(err) => errors.push(format!("crafter task: {err}")),
        }
    }
    completed
}

/// Presses Complete on a board message and submits its form with `quantity`: the answer.
async fn complete(
    scene: &Scene,
    crafter: &discord_emulator::ScriptedUser,
    message: &discord_emulator::Message,
    quantity: &str,
) -> anyhow::Result<discord_emulator::Reply> {
    let modal = scene
        .record(crafter.click_in(message, "Complete").await?)
        .await;
    let form = modal
        .submit_modal(&[("quantity", quantity), ("note", "")])
        .await?;
    Ok(scene.record(form).await)
}

/// CPU time (user + system) a process has used so far, in ms; 0 where `/proc` is not
/// available.
#[allow(clippy::cast_precision_loss)] // clock ticks far below 2^52
fn cpu_ms(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the parenthesised command name: state is the 3rd, utime the 14th.
    let Some(rest) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let total = ticks(11) + ticks(12);
    // Linux reports in USER_HZ, 100 per second on every common configuration.
    total as f64 * 10.0
}

fn per_flow(cpu_ms: f64, flows: usize) -> f64 {
    if flows == 0 {
        0.0
    } else {
        cpu_ms / ratio(flows, 1)
    }
}

/// Stores `count` idle request sessions (as members who walked away would leave them),
/// through the store, before the bot starts: the bot must not need memory per stored
/// session.
async fn store_idle_sessions(
    config_path: &std::path::Path,
    guild: discord_emulator::Snowflake,
    count: usize,
) -> anyhow::Result<()> {
    use crate::domain::{Snowflake, Timestamp};
    let config = crate::config::Config::load(config_path)?;
    let store = crate::store::Store::connect(&config.database, (&config.sessions).into()).await?;
    let guild = Snowflake::new(guild).context("guild id")?;
    let now = Timestamp::now();
    let state = serde_json::to_string(&crate::flow::request::RequestFlow::start(None))?;
    let workers = 64;
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let store = store.clone();
        let state = state.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = worker;
            while n < count {
                let user = Snowflake::new(9_000_000_000 + n as u64).context("user id")?;
                store
                    .create_session(
                        crate::store::NewSession {
                            user_id: user,
                            guild_id: guild,
                            kind: "request".to_owned(),
                            state_json: state.clone(),
                            channel_id: None,
                        },
                        now,
                    )
                    .await?;
                n += workers;
            }
            anyhow::Ok(())
        }));
    }
    for task in tasks {
        task.await??;
    }
    store.checkpoint(true).await?;
    Ok(())
}

/// The child's peak resident set (`VmHWM`), in KiB; 0 where `/proc` is not available.
fn peak_rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|line| line.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// The bot's process as the Dockerfile runs it: mimalloc returns freed pages at once and
/// commits its arenas as they are used (docs/operations.md).
pub(crate) fn bot_command(exe: &std::path::Path) -> tokio::process::Command {
    let mut bot = tokio::process::Command::new(exe);
    bot.env("MIMALLOC_PURGE_DELAY", "0")
        .env("MIMALLOC_ARENA_EAGER_COMMIT", "0");
    bot
}

/// The report as people read it.
#[must_use]
#[allow(clippy::cast_precision_loss)] // sizes far below 2^52
pub fn render_report(r: &LoadReport) -> String {
    let mut lines = vec![
        format!(
            "craftdesk loadtest{}",
            if r.faults { " (with faults)" } else { "" }
        ),
        format!(
            "  database:               {} ({} bot process(es))",
            r.database, r.processes
        ),
        format!(
            "  guilds:                 {} in {} mode; interactions per bot process: {}",
            r.guilds,
            match r.mode {
                GuildMode::Channel => "channel",
                GuildMode::Dm => "DM",
            },
            r.interactions_per_process
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(" / ")
        ),
        format!(
            "  members:                {} (think time {} ms, {} idle sessions stored)",
            r.members, r.think_ms, r.stored_sessions
        ),
        format!(
            "  flows completed:        {} ({:.0} flows/s)",
            r.flows_completed, r.flows_per_second
        ),
        format!("  claims completed:       {}", r.claims_completed),
        format!(
            "  interaction answers:    {} (p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms)",
            r.interactions, r.latency_p50_ms, r.latency_p95_ms, r.latency_p99_ms, r.latency_max_ms
        ),
        format!(
            "  /request first answer:  p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; answers past 3 s: {}",
            r.request_answer_p50_ms, r.request_answer_p99_ms, r.request_answer_max_ms, r.answers_past_3s
        ),
        format!(
            "  deferred → result:      {} answers; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            r.deferred_answers,
            r.deferred_result_p50_ms,
            r.deferred_result_p99_ms,
            r.deferred_result_max_ms
        ),
        format!(
            "  /request → flow msg:    p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            r.flow_message_p50_ms, r.flow_message_p99_ms, r.flow_message_max_ms
        ),
        format!(
            "  pace, latency:          {} pace; emulated REST round trip {} ms, channel creation +{} ms",
            if r.default_pace { "default" } else { "lifted" },
            r.rest_latency_ms,
            r.channel_latency_ms
        ),
        format!(
            "  REST calls per flow:    {:.2} ({} connections opened)",
            r.rest_calls_per_flow, r.connections_opened
        ),
    ];
    for (route, n) in &r.rest_calls_per_flow_by_route {
        lines.push(format!("      {n:>6.2}  {route}"));
    }
    lines.push(format!(
        "  429 responses:          {}",
        r.rate_limited_responses
    ));
    lines.push(format!(
        "  busiest second:         {} calls against the global limit, all {} process(es) together",
        r.busiest_second_global_calls, r.processes
    ));
    lines.push(format!(
        "  bot peak RSS:           {:.1} MiB",
        r.peak_rss_kib as f64 / 1024.0
    ));
    lines.push(format!(
        "  CPU per flow:           bot {:.2} ms, emulator and members {:.2} ms",
        r.bot_cpu_ms_per_flow, r.harness_cpu_ms_per_flow
    ));
    lines.push(format!(
        "  database size:          {:.1} MiB",
        r.database_bytes as f64 / 1_048_576.0
    ));
    lines.push(format!("  errors:                 {}", r.errors.len()));
    for error in r.errors.iter().take(10) {
        lines.push(format!("    {error}"));
    }
    if let Some(html) = &r.html {
        lines.push(format!("  html page:              {}", html.display()));
    }
    if let Some(dir) = &r.kept_dir {
        lines.push(format!(
            "  bot logs kept in:       {} (the run had errors)",
            dir.display()
        ));
    }
    lines.push(format!("  took:                   {:.1} s", r.elapsed_s));
    lines.join("\n")
}

/// Where `--json` writes, made absolute for the message.
#[must_use]
pub fn json_path(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
