//! `craftdesk loadtest --startup-guilds N` (issue 20): the real bot (a child process, at
//! its default pace) starting on N guilds set up in the database (channel mode, a request
//! category each: as `/setup` leaves them, so no N-table file), against the emulator with
//! Discord's sharding (a shard per 1,000 guilds, at most 2,500 per shard, `max_concurrency`
//! shards identifying together). Measures, from the process start: every shard's READY, a
//! member's `/request` (pressed right after READY) answered, every guild reconciled; the
//! REST calls made until then; the bot's memory per idle guild (its RSS over that of the
//! same bot on one guild); then all of it again after a restart on the same database.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use discord_emulator::{Emulator, EmulatorOptions, ScriptedUser};
use serde::Serialize;
use serde_json::json;

const TOKEN: &str = "startup-token";

#[derive(Debug, Clone)]
pub struct StartupOptions {
    pub guilds: usize,
    /// `GET /gateway/bot`'s `max_concurrency` (Discord: 1, 16 for large bots).
    pub max_concurrency: u32,
    /// Each phase (a start, reconciliation) gives up after this long.
    pub time_limit: Duration,
    /// The craftdesk binary to run as the bot (default: this executable).
    pub bot_exe: Option<PathBuf>,
}

/// One start of the bot.
#[derive(Debug, Serialize, Default)]
pub struct StartupRun {
    /// Process start to every shard identified (READY sent).
    pub ready_ms: u64,
    /// Process start to the member's `/request` answered (pressed at READY).
    pub first_answer_ms: u64,
    /// READY to that answer.
    pub first_answer_after_ready_ms: u64,
    /// Process start to every guild reconciled.
    pub reconciled_ms: u64,
    /// REST calls from the process start until every guild was reconciled, by route.
    pub rest_calls: BTreeMap<String, usize>,
    pub rest_calls_total: usize,
    pub rest_calls_per_guild: f64,
    /// The bot's resident set once every guild is reconciled, KiB.
    pub rss_kib: u64,
}

#[derive(Debug, Serialize)]
pub struct StartupReport {
    pub guilds: usize,
    pub shards: usize,
    pub max_concurrency: u32,
    /// The same bot on one guild: its RSS once reconciled, KiB.
    pub baseline_rss_kib: u64,
    /// (RSS at N guilds − RSS at 1 guild) ÷ (N − 1), bytes.
    pub bytes_per_idle_guild: u64,
    /// On a fresh database.
    pub first: StartupRun,
    /// Stopped (SIGTERM) and started again on the database that knows every guild.
    pub restart: StartupRun,
    pub errors: Vec<String>,
}

/// Runs the scenario: a 1-guild baseline, then N guilds, started twice.
pub async fn run(options: StartupOptions) -> anyhow::Result<StartupReport> {
    let guilds = options.guilds.max(1);
    let exe = match &options.bot_exe {
        Some(exe) => exe.clone(),
        None => std::env::current_exe()?,
    };
    let mut errors = Vec::new();
    let baseline = {
        let mut world = World::build(1, options.max_concurrency).await?;
        let run = world.start(&exe, &options, &mut errors).await?;
        world.stop(&mut errors).await;
        run.rss_kib
    };
    let mut world = World::build(guilds, options.max_concurrency).await?;
    let first = world.start(&exe, &options, &mut errors).await?;
    world.stop(&mut errors).await;
    let restart = world.start(&exe, &options, &mut errors).await?;
    world.stop(&mut errors).await;
    let per_guild = if guilds > 1 {
        first.rss_kib.saturating_sub(baseline) * 1024 / (guilds as u64 - 1)
    } else {
        0
    };
    Ok(StartupReport {
        guilds,
        shards: shards_for(guilds),
        max_concurrency: options.max_concurrency,
        baseline_rss_kib: baseline,
        bytes_per_idle_guild: per_guild,
        first,
        restart,
        errors,
    })
}

/// Discord's recommendation: a shard per 1,000 guilds.
fn shards_for(guilds: usize) -> usize {
    guilds.div_ceil(1_000).max(1)
}

/// The emulator with its guilds, the database that knows them, the running bot.
struct World {
    emu: Emulator,
    dir: tempfile::TempDir,
    config: PathBuf,
    metrics: std::net::SocketAddr,
    guilds: usize,
    member: ScriptedUser,
    bot: Option<(tokio::process::Child, u32)>,
}

impl World {
    async fn build(guilds: usize, max_concurrency: u32) -> anyhow::Result<Self> {
        let emu = Emulator::start(EmulatorOptions {
            token: TOKEN.into(),
            answer_timeout: Duration::from_secs(30),
            max_concurrency,
            ..Default::default()
        })
        .await?;
        let dir = tempfile::tempdir()?;
        let database = dir.path().join("startup.sqlite");
        let metrics = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0")?;
            probe.local_addr()?
        };
        let endpoint = crate::sandbox::emulator_endpoint_toml(&emu, dir.path())?;
        let text = format!(
            r#"
[discord]
token = "{TOKEN}"
{endpoint}
[database]
path = "{database}"
[telemetry]
level = "warn"
metrics_addr = "{metrics}"
"#,
            database = database.display(),
        );
        let config = dir.path().join("startup.toml");
        std::fs::write(&config, &text)?;
        let parsed = crate::config::Config::load(&config)?;
        let store =
            crate::store::Store::connect(&parsed.database, (&parsed.sessions).into()).await?;
        let mut first_guild = None;
        let mut settings = Vec::with_capacity(guilds);
        for n in 0..guilds {
            let guild = emu.create_guild(&format!("Startup Guild {n}")).await;
            let category = emu.create_category(guild, "Requests").await;
            first_guild.get_or_insert(guild);
            settings.push((guild, category));
        }
        save_settings(&store, &settings).await?;
        store.checkpoint(true).await?;
        drop(store);
        let guild = first_guild.context("no guild")?;
        // Where the member types /request.
        emu.create_text_channel(guild, "general", None).await;
        let member = emu.add_member(guild, "first-member", &[]).await;
        emu.schemas_ready().await;
        Ok(Self {
            emu,
            dir,
            config,
            metrics,
            guilds,
            member,
            bot: None,
        })
    }

    /// Starts the bot and measures one start (see [`StartupRun`]).
    async fn start(
        &mut self,
        exe: &Path,
        options: &StartupOptions,
        errors: &mut Vec<String>,
    ) -> anyhow::Result<StartupRun> {
        let shards = shards_for(self.guilds);
        let before = self.emu.identifies().len();
        let mark = self.emu.log().mark();
        let log_name = format!("bot-{}.log", self.dir.path().read_dir()?.count());
        let log = std::fs::File::create(self.dir.path().join(&log_name))?;
        let started = Instant::now();
        let mut child = super::bot_command(exe);
        let child = child
            .args(["run", "--config"])
            .arg(&self.config)
            .env_remove("DISCORD_TOKEN")
            .env(
                "RUST_LOG",
                std::env::var("LOADTEST_BOT_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .context("starting the bot")?;
        let pid = child.id().context("the bot exited at once")?;
        self.bot = Some((child, pid));
        let deadline = started + options.time_limit;
        // READY: every shard identified (the emulator sends READY at IDENTIFY).
        while self.emu.identifies().len() < before + shards
            || self.emu.connected_shards().len() < shards
        {
            if Instant::now() > deadline {
                bail!(
                    "not every shard connected within {:?}; see {}",
                    options.time_limit,
                    self.dir.path().join(&log_name).display()
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let ready = started.elapsed();
        // A member presses /request right after READY.
        let answered = match self.member.slash("request", json!([])).await {
            Ok(_) => started.elapsed(),
            Err(err) => {
                errors.push(format!("the first /request was not answered: {err}"));
                started.elapsed()
            }
        };
        // Every guild reconciled, from the bot's own gauges.
        let reconciled = loop {
            if let Some((seen, done)) = self.reconciliation().await {
                if seen >= self.guilds && done >= seen {
                    break started.elapsed();
                }
            }
            if Instant::now() > deadline {
                errors.push(format!(
                    "not every guild reconciled within {:?}",
                    options.time_limit
                ));
                break started.elapsed();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let rest_calls = self.emu.log().counts_since(mark);
        let total: usize = rest_calls.values().sum();
        Ok(StartupRun {
            ready_ms: millis(ready),
            first_answer_ms: millis(answered),
            first_answer_after_ready_ms: millis(answered.saturating_sub(ready)),
            reconciled_ms: millis(reconciled),
            rest_calls,
            rest_calls_total: total,
            rest_calls_per_guild: crate::sandbox::ratio(total, self.guilds),
            rss_kib: rss(pid),
        })
    }

    /// `(guilds seen, guilds reconciled)` from the bot's `/metrics`.
    async fn reconciliation(&self) -> Option<(usize, usize)> {
        let text = reqwest::get(format!("http://{}/metrics", self.metrics))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        let gauge = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
                .and_then(|v| v.trim().parse::<f64>().ok())
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // counts
        Some((
            gauge(crate::metrics::GUILDS_SEEN)? as usize,
            gauge(crate::metrics::GUILDS_RECONCILED)? as usize,
        ))
    }

    /// Stops the bot as an orchestrator would (SIGTERM).
    async fn stop(&mut self, errors: &mut Vec<String>) {
        let Some((mut child, pid)) = self.bot.take() else {
            return;
        };
        let _ = tokio::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(15), child.wait())
            .await
            .is_err()
        {
            errors.push(format!(
                "bot process {pid} did not stop within 15 s of SIGTERM"
            ));
            let _ = child.kill().await;
        }
        // The old sessions gone before the next start.
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.emu.gateway_connections() > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Each guild set up as `/setup` leaves it: channel mode, its request category.
async fn save_settings(store: &crate::store::Store, guilds: &[(u64, u64)]) -> anyhow::Result<()> {
    use crate::domain::{Snowflake, Timestamp};
    let by = Snowflake::new(1).context("id")?;
    let now = Timestamp::now();
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in guilds.chunks(guilds.len().div_ceil(16).max(1)) {
        let store = store.clone();
        let chunk = chunk.to_vec();
        tasks.spawn(async move {
            for (guild, category) in chunk {
                let settings = json!({
                    "id": guild.to_string(),
                    "mode": "channel",
                    "request_category_id": category.to_string(),
                });
                store
                    .save_guild_settings(
                        Snowflake::new(guild).context("guild id")?,
                        0,
                        settings.to_string(),
                        Vec::new(),
                        by,
                        now,
                    )
                    .await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(())
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The child's resident set now (`VmRSS`), KiB; 0 where `/proc` is not available.
fn rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The report as people read it.
#[must_use]
pub fn render(r: &StartupReport) -> String {
    let run = |name: &str, run: &StartupRun| {
        format!(
            "{name}: READY {} ms, first answer {} ms ({} ms after READY), every guild reconciled {} ms; \
             {} REST calls until then ({:.3} per guild); RSS {} KiB",
            run.ready_ms,
            run.first_answer_ms,
            run.first_answer_after_ready_ms,
            run.reconciled_ms,
            run.rest_calls_total,
            run.rest_calls_per_guild,
            run.rss_kib,
        )
    };
    let mut lines = vec![
        format!(
            "craftdesk startup: {} guilds, {} shards, max_concurrency {}",
            r.guilds, r.shards, r.max_concurrency
        ),
        run("first start", &r.first),
        run("restart", &r.restart),
        format!(
            "memory: {} KiB on one guild, {} bytes per idle guild",
            r.baseline_rss_kib, r.bytes_per_idle_guild
        ),
    ];
    for (route, count) in &r.first.rest_calls {
        lines.push(format!("  first start: {count:>6}  {route}"));
    }
    for (route, count) in &r.restart.rest_calls {
        lines.push(format!("  restart:     {count:>6}  {route}"));
    }
    for err in &r.errors {
        lines.push(format!("error: {err}"));
    }
    lines.join("\n") + "\n"
}
