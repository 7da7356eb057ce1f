//! The cleanup load test, `craftdesk loadtest --sweep SESSIONS:CHANNELS`: the cleanup task
//! at scale, measured, while members click. The real bot (this binary's `run`, as a child process) starts on a
//! database seeded with SESSIONS flows past their TTL and CHANNELS request channels idle
//! past `temp_channel_ttl`; meanwhile scripted members do request flows, resting 2 s
//! between two.
//!
//! What is seeded, as it looks after a quiet day: each idle channel holds one expired flow
//! (cleanup deletes the channel, and the flow with it); the other expired flows ran in
//! members' DMs (a DM-mode guild), whose messages cleanup marks "Session expired". Discord
//! allows 500 channels per guild, so the idle channels are spread over guilds of 240.
//! Nothing is sped up: the bot paces itself as it would against Discord (40 calls/s plus a
//! burst of 5; channel deletions 5/s per guild), and the report compares the sweep's time
//! with that pacing budget, and gives the members' answer latency while it ran.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::flow::refusal::Refusal;
use anyhow::{bail, Context as _};
use discord_emulator::{Emulator, EmulatorOptions, Snowflake};
use indicatif::ProgressBar;
use serde::Serialize;

use crate::config::{DatabaseConfig, DiscordConfig};
use crate::domain::Timestamp;
use crate::sandbox::{percentile_ms, ratio, wait_for_bot, Scene};
use crate::store::{NewSession, SessionPolicy, Store};

const TOKEN: &str = "sandbox-token";
/// Idle channels per guild (Discord allows 500 channels, categories included).
const CHANNELS_PER_GUILD: usize = 240;
/// Expired flows per member in the DM guild.
const FLOWS_PER_DM_MEMBER: usize = 100;
/// How long each member rests between two flows.
const MEMBER_PAUSE: Duration = Duration::from_secs(2);
const EDIT_MESSAGE: &str = "PATCH /channels/{channel_id}/messages/{message_id}";
const DELETE_CHANNEL: &str = "DELETE /channels/{channel_id}";

#[derive(Debug, Clone)]
pub struct SweepOptions {
    pub sessions: usize,
    pub channels: usize,
    /// Members doing flows while the sweep runs.
    pub hot_members: usize,
    pub time_limit: Duration,
    pub quiet: bool,
    /// The craftdesk binary to run as the bot (default: this executable).
    pub bot_exe: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct SweepReport {
    pub sessions: usize,
    pub channels: usize,
    pub guilds: usize,
    /// Flows whose messages were marked expired / idle channels deleted, seen at the emulator.
    pub messages_marked: usize,
    pub channels_deleted: usize,
    /// From the sweep's first call to its last, and what the pacing allows at best.
    pub sweep_s: f64,
    pub pacing_budget_s: f64,
    /// Paced calls the members made while the sweep ran, and the budget counting them.
    pub members_paced_calls: usize,
    pub pacing_budget_with_members_s: f64,
    /// The most REST calls (interaction answers aside) in any one second, and of channel
    /// deletions.
    pub busiest_second_calls: usize,
    pub busiest_second_deletions: usize,
    pub hot_members: usize,
    pub hot_flows_completed: usize,
    /// Members' interaction answers during the sweep (dispatch to callback, at the emulator).
    pub hot_answers: usize,
    pub answer_p50_ms: f64,
    pub answer_p99_ms: f64,
    pub answer_max_ms: f64,
    /// `/request` to its flow message in the member's channel (paced calls: the channel,
    /// the message) during the sweep.
    pub open_p99_ms: f64,
    pub flows_left_open: u64,
    pub idle_channels_left: usize,
    pub unmarked_messages_left: usize,
    pub rate_limited_responses: usize,
    pub bot_exit_code: Option<i32>,
    pub errors: Vec<String>,
    pub elapsed_s: f64,
}

/// What was seeded, to check it afterwards.
struct Seeded {
    guilds: Vec<Snowflake>,
    idle_channels: Vec<Snowflake>,
    dm_messages: Vec<Snowflake>,
    config_text: String,
}

#[allow(clippy::too_many_lines)] // seed, start, run the members, watch the sweep, measure
pub async fn run(options: SweepOptions) -> anyhow::Result<SweepReport> {
    let started = Instant::now();
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        answer_timeout: Duration::from_secs(30),
        log_capacity: 1_000_000,
        ..Default::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let database = dir.path().join("sweep.sqlite");
    let seeded = seed(&emu, &database, &options).await?;
    let config_path = dir.path().join("sweep.toml");
    std::fs::write(&config_path, &seeded.config_text)?;
    let log_path = dir.path().join("bot.log");
    let exe = match &options.bot_exe {
        Some(exe) => exe.clone(),
        None => std::env::current_exe()?,
    };
    let mut bot = crate::loadtest::bot_command(&exe)
        .args(["run", "--config"])
        .arg(&config_path)
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path)?)
        .kill_on_drop(true)
        .spawn()
        .context("starting the bot")?;
    let pid = bot.id().context("the bot exited at once")?;
    let hot_guild = seeded.guilds[0];
    wait_for_bot(&emu, hot_guild)
        .await
        .with_context(|| format!("the bot did not connect; see {}", log_path.display()))?;
    let mark = emu.log().mark();

    // Members click while the sweep runs.
    // The members join the hot guild themselves: the scene's round-robin is not used.
    let scene = Arc::new(Scene {
        emu,
        guilds: Vec::new(),
        latencies: tokio::sync::Mutex::new(Vec::new()),
        request_answers: tokio::sync::Mutex::default(),
        settled_waits: tokio::sync::Mutex::default(),
        flow_message_waits: tokio::sync::Mutex::default(),
        completed: AtomicUsize::new(0),
        progress: ProgressBar::hidden(),
        think: Duration::ZERO,
        jitter: std::sync::atomic::AtomicU64::new(1),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let opens = Arc::new(Mutex::new(Vec::<(Instant, Duration)>::new()));
    let mut members = Vec::new();
    for n in 0..options.hot_members {
        let (scene, stop, opens) = (scene.clone(), stop.clone(), opens.clone());
        members.push(tokio::spawn(async move {
            let member = scene
                .emu
                .add_member(hot_guild, &format!("hot{n}"), &[])
                .await;
            while !stop.load(Ordering::Acquire) {
                let asked = Instant::now();
                let first = scene.open(&member).await?;
                opens
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((asked, asked.elapsed()));
                scene.complete(&member, &first, n, false).await?;
                // People pause between requests; without it a few scripted members take
                // every call the pace allows, and cleanup (which yields to them) stalls.
                tokio::time::sleep(MEMBER_PAUSE).await;
            }
            anyhow::Ok(())
        }));
    }

    // Watch the sweep until everything seeded is gone or marked.
    let config = crate::config::Config::from_sources("sweep", &seeded.config_text, Vec::new())?;
    let budget = pacing_budget(&config.discord, &seeded, options.channels);
    let deadline = Instant::now()
        + options
            .time_limit
            .max(budget.mul_f64(2.0) + Duration::from_secs(60));
    let progress = if options.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new((seeded.idle_channels.len() + seeded.dm_messages.len()) as u64)
    };
    let mut answers_from = None;
    let mut errors = Vec::new();
    // Only what is left is looked at again, once a second: the emulator's state lock is
    // shared with the calls being measured.
    let mut channels_left = seeded.idle_channels.clone();
    let mut unmarked_left = seeded.dm_messages.clone();
    let total = channels_left.len() + unmarked_left.len();
    loop {
        channels_left.retain(|c| scene.emu.channel(*c).is_some());
        unmarked_left.retain(|m| {
            scene
                .emu
                .message(*m)
                .is_none_or(|m| !m.text().contains(&Refusal::Expired.reply()))
        });
        let left = channels_left.len() + unmarked_left.len();
        progress.set_position((total - left) as u64);
        if answers_from.is_none() && left < total {
            answers_from = Some(scene.latencies.lock().await.len());
        }
        if left == 0 {
            break;
        }
        if Instant::now() > deadline {
            errors.push(format!(
                "stopped at the time limit with {} idle channels and {} unmarked messages left",
                channels_left.len(),
                unmarked_left.len()
            ));
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    progress.finish_and_clear();
    let answers_to = scene.latencies.lock().await.len();
    stop.store(true, Ordering::Release);
    for member in members {
        match member.await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => errors.push(format!("hot member: {err:#}")),
            Err(err) => errors.push(format!("hot member task: {err}")),
        }
    }

    // Measure at the emulator: the sweep's own calls, and the busiest seconds.
    let calls = scene.emu.log().calls_since(mark);
    let is_mark = |c: &discord_emulator::LoggedCall| {
        c.route == EDIT_MESSAGE
            && c.body.as_ref().and_then(|b| b["content"].as_str())
                == Some(Refusal::Expired.reply().as_str())
    };
    let mut sweep: Vec<Instant> = calls
        .iter()
        .filter(|c| is_mark(c) || c.route == DELETE_CHANNEL)
        .map(|c| c.at)
        .collect();
    sweep.sort_unstable();
    let sweep_window = match (sweep.first(), sweep.last()) {
        (Some(first), Some(last)) => (*first, *last),
        _ => (Instant::now(), Instant::now()),
    };
    let is_paced = |c: &discord_emulator::LoggedCall| {
        !c.route.contains("/interactions/") && !c.route.contains("/webhooks/")
    };
    let paced: Vec<Instant> = calls.iter().filter(|c| is_paced(c)).map(|c| c.at).collect();
    // The members' paced calls (flow and board posts, channels) while the sweep ran: the
    // pace is shared, and members go first.
    let members_paced = calls
        .iter()
        .filter(|c| is_paced(c) && !is_mark(c) && c.route != DELETE_CHANNEL)
        .filter(|c| c.at >= sweep_window.0 && c.at <= sweep_window.1)
        .count();
    let deletions: Vec<Instant> = calls
        .iter()
        .filter(|c| c.route == DELETE_CHANNEL)
        .map(|c| c.at)
        .collect();
    let mut answers: Vec<Duration> = {
        let all = scene.latencies.lock().await;
        all[answers_from.unwrap_or(answers_to).min(answers_to)..answers_to].to_vec()
    };
    answers.sort_unstable();
    let mut open_times: Vec<Duration> = opens
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .filter(|(at, _)| *at >= sweep_window.0 && *at <= sweep_window.1)
        .map(|(_, took)| *took)
        .collect();
    open_times.sort_unstable();

    let _ = tokio::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .await;
    let bot_exit_code =
        if let Ok(Ok(status)) = tokio::time::timeout(Duration::from_secs(10), bot.wait()).await {
            status.code()
        } else {
            errors.push("the bot did not stop within 10 s of SIGTERM".to_owned());
            let _ = bot.kill().await;
            None
        };
    let store = open_store(&database).await?;
    let flows_left_open = store.count_sessions().await?;
    drop(store);
    Ok(SweepReport {
        sessions: options.sessions,
        channels: options.channels,
        guilds: seeded.guilds.len(),
        messages_marked: calls
            .iter()
            .filter(|c| is_mark(c) && c.status < 300)
            .count(),
        channels_deleted: calls
            .iter()
            .filter(|c| c.route == DELETE_CHANNEL && c.status < 300)
            .count(),
        sweep_s: sweep_window.1.duration_since(sweep_window.0).as_secs_f64(),
        pacing_budget_s: budget.as_secs_f64(),
        members_paced_calls: members_paced,
        pacing_budget_with_members_s: budget.as_secs_f64()
            + ratio(members_paced, 1) / f64::from(config.discord.requests_per_second),
        busiest_second_calls: busiest(&paced),
        busiest_second_deletions: busiest(&deletions),
        hot_members: options.hot_members,
        hot_flows_completed: scene.completed.load(Ordering::Relaxed),
        hot_answers: answers.len(),
        answer_p50_ms: percentile_ms(&answers, 0.50),
        answer_p99_ms: percentile_ms(&answers, 0.99),
        answer_max_ms: answers.last().map_or(0.0, |d| d.as_secs_f64() * 1_000.0),
        open_p99_ms: percentile_ms(&open_times, 0.99),
        flows_left_open,
        idle_channels_left: channels_left.len(),
        unmarked_messages_left: unmarked_left.len(),
        rate_limited_responses: calls.iter().filter(|c| c.status == 429).count(),
        bot_exit_code,
        errors,
        elapsed_s: started.elapsed().as_secs_f64(),
    })
}

/// The most instants within any one second.
fn busiest(instants: &[Instant]) -> usize {
    // The log is in order of answers; arrivals may differ.
    let mut sorted = instants.to_vec();
    sorted.sort_unstable();
    let mut most = 0;
    let mut start = 0;
    for end in 0..sorted.len() {
        while sorted[end].duration_since(sorted[start]) >= Duration::from_secs(1) {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

/// The least time the sweep can take at the bot's pace: every call through the global
/// bucket, and each guild's deletions through its channel bucket.
#[allow(clippy::cast_precision_loss)] // counts far below 2⁵²
fn pacing_budget(discord: &DiscordConfig, seeded: &Seeded, channels: usize) -> Duration {
    let calls = seeded.dm_messages.len() + channels;
    let global = calls.saturating_sub(discord.request_burst as usize) as f64
        / f64::from(discord.requests_per_second);
    let per_guild = channels.min(CHANNELS_PER_GUILD);
    let channel = per_guild.saturating_sub(discord.channel_op_burst as usize) as f64
        / f64::from(discord.channel_ops_per_second);
    Duration::from_secs_f64(global.max(channel))
}

async fn open_store(database: &std::path::Path) -> anyhow::Result<Store> {
    let config = DatabaseConfig {
        path: database.to_owned(),
        ..DatabaseConfig::default()
    };
    let policy = SessionPolicy {
        ttl: Duration::from_secs(24 * 3_600),
        touch_threshold: Duration::from_secs(30),
    };
    Ok(tokio::task::spawn_blocking(move || Store::open(&config, policy)).await??)
}

/// Builds the guilds, their idle channels and the members' DMs in the emulator, and the
/// matching rows in a new database; returns what it made and the bot's configuration.
#[allow(clippy::too_many_lines)] // one guild table after another, then the rows
async fn seed(
    emu: &Emulator,
    database: &std::path::Path,
    options: &SweepOptions,
) -> anyhow::Result<Seeded> {
    if options.sessions < options.channels {
        bail!("--sweep needs at least one expired flow per idle channel (SESSIONS ≥ CHANNELS)");
    }
    let store = open_store(database).await?;
    let now = Timestamp::now();
    let expired_at = now.saturating_sub(Duration::from_secs(25 * 3_600));
    let idle_since = now.saturating_sub(Duration::from_secs(2 * 3_600));
    let id = |n: Snowflake| crate::domain::Snowflake::new(n).context("an emulator id");
    let button = |label: &str| serde_json::json!({"type": 1, "components": [{"type": 2, "style": 1, "label": label, "custom_id": format!("seeded:{label}")}]});
    let mut guild_tables = String::new();
    let mut guilds = Vec::new();
    let mut idle_channels = Vec::new();
    let mut flows: Vec<(Snowflake, Snowflake, Snowflake)> = Vec::new(); // (guild, user, channel)
    let channel_guilds = options.channels.div_ceil(CHANNELS_PER_GUILD).max(1);
    for g in 0..channel_guilds {
        let guild = emu.create_guild(&format!("Sweep Guild {g}")).await;
        let spare = emu.create_category(guild, "Requests").await;
        let here = (options.channels - idle_channels.len()).min(CHANNELS_PER_GUILD);
        let mut overflow = Vec::new();
        for c in 0..here {
            if c % 50 == 0 {
                overflow.push(
                    emu.create_category(guild, &format!("Requests {}", c / 50))
                        .await,
                );
            }
            let user = 10_000_000 + (g * CHANNELS_PER_GUILD + c) as u64;
            let parent = *overflow.last().context("a category")?;
            let channel = emu
                .create_text_channel(guild, &format!("requests-{user}"), Some(parent))
                .await;
            store
                .set_member_channel(id(guild)?, id(user)?, id(channel)?, idle_since)
                .await?;
            idle_channels.push(channel);
            flows.push((guild, user, channel));
        }
        let extra = if g == 0 {
            let board = emu.create_text_channel(guild, "request-board", None).await;
            let panel = emu.create_text_channel(guild, "requests", None).await;
            format!("board_channel_id = \"{board}\"\npanel_channel_id = \"{panel}\"\n")
        } else {
            String::new()
        };
        let overflow: Vec<String> = overflow.iter().map(|c| format!("\"{c}\"")).collect();
        let _ = write!(
            guild_tables,
            "[[guild]]\nid = \"{guild}\"\nmode = \"channel\"\nrequest_category_id = \"{spare}\"\noverflow_category_ids = [{}]\n{extra}[guild.limits]\nmax_open_requests = 1000\nsubmit_burst = 1000\nsubmits_per_minute = 60000\n\n",
            overflow.join(", ")
        );
        guilds.push(guild);
    }
    // The other expired flows ran in DMs.
    let in_dms = options.sessions - options.channels;
    let mut dm_messages = Vec::new();
    if in_dms > 0 {
        let guild = emu.create_guild("Sweep DM Guild").await;
        let _ = write!(
            guild_tables,
            "[[guild]]\nid = \"{guild}\"\nmode = \"dm\"\n\n"
        );
        for m in 0..in_dms.div_ceil(FLOWS_PER_DM_MEMBER) {
            let member = emu.add_member(guild, &format!("away{m}"), &[]).await;
            let dm = member.in_dm();
            let channel = emu.dm_channel_of(member.id()).context("a DM channel")?;
            drop(dm);
            let count = FLOWS_PER_DM_MEMBER.min(in_dms - m * FLOWS_PER_DM_MEMBER);
            for _ in 0..count {
                flows.push((guild, member.id(), channel));
            }
        }
        guilds.push(guild);
    }
    // The flows and their messages, written in parallel batches (the writer groups them).
    let dm_guild = if in_dms > 0 {
        guilds.last().copied()
    } else {
        None
    };
    for batch in flows.chunks(500) {
        let mut writes = Vec::new();
        for (guild, user, channel) in batch {
            let message = emu
                .post_as_bot(
                    *channel,
                    "**Crafting request** · step 3 of 7",
                    &[button("Back")],
                )
                .context("a seeded channel")?;
            if Some(*guild) == dm_guild {
                dm_messages.push(message);
            }
            let store = store.clone();
            let new = NewSession {
                user_id: id(*user)?,
                guild_id: id(*guild)?,
                kind: "request".to_owned(),
                state_json: "{}".to_owned(),
                channel_id: Some(id(*channel)?),
            };
            let (channel, message) = (id(*channel)?, id(message)?);
            writes.push(async move {
                let session = store.create_session(new, expired_at).await?;
                store
                    .set_session_message(&session.key, channel, message)
                    .await
            });
        }
        for written in futures::future::join_all(writes).await {
            written?;
        }
    }
    drop(store);
    let config_text = format!(
        "[discord]\ntoken = \"{TOKEN}\"\n{endpoint}\n[database]\npath = \"{db}\"\n\n\
         [sessions]\nttl = \"24h\"\nmax_open_per_user = 3\nclick_burst = 100000\nclicks_per_second = 100000\n\n\
         [cleanup]\ninterval = \"2s\"\ntemp_channel_ttl = \"30m\"\n\n\
         [telemetry]\nlevel = \"warn\"\n\n{guild_tables}",
        endpoint = crate::sandbox::emulator_endpoint_toml(
            emu,
            database
                .parent()
                .unwrap_or_else(|| std::path::Path::new(".")),
        )?,
        db = database.display(),
    );
    Ok(Seeded {
        guilds,
        idle_channels,
        dm_messages,
        config_text,
    })
}

/// The report as people read it.
#[must_use]
pub fn render_report(r: &SweepReport) -> String {
    let mut lines = vec![
        "craftdesk loadtest --sweep".to_owned(),
        format!(
            "  seeded:                 {} expired flows, {} idle request channels ({} guilds)",
            r.sessions, r.channels, r.guilds
        ),
        format!(
            "  swept:                  {} messages marked expired, {} channels deleted",
            r.messages_marked, r.channels_deleted
        ),
        format!(
            "  sweep took:             {:.1} s (pacing budget {:.1} s)",
            r.sweep_s, r.pacing_budget_s
        ),
        format!(
            "  with the members' calls: {} paced calls meanwhile, budget {:.1} s counting them",
            r.members_paced_calls, r.pacing_budget_with_members_s
        ),
        format!(
            "  busiest second:         {} REST calls, {} channel deletions",
            r.busiest_second_calls, r.busiest_second_deletions
        ),
        format!(
            "  members meanwhile:      {} members, {} flows completed",
            r.hot_members, r.hot_flows_completed
        ),
        format!(
            "  their answers:          {} (p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms)",
            r.hot_answers, r.answer_p50_ms, r.answer_p99_ms, r.answer_max_ms
        ),
        format!("  /request to its message: p99 {:.1} ms", r.open_p99_ms),
        format!(
            "  left behind:            {} flows, {} idle channels, {} unmarked messages",
            r.flows_left_open, r.idle_channels_left, r.unmarked_messages_left
        ),
        format!("  429 responses:          {}", r.rate_limited_responses),
        format!(
            "  bot exit code:          {}",
            r.bot_exit_code
                .map_or_else(|| "none".to_owned(), |c| c.to_string())
        ),
        format!("  errors:                 {}", r.errors.len()),
    ];
    for error in r.errors.iter().take(10) {
        lines.push(format!("    {error}"));
    }
    lines.push(format!("  took:                   {:.1} s", r.elapsed_s));
    lines.join("\n")
}
