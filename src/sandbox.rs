//! `craftdesk sandbox`: the real bot against the built-in Discord emulator, with scripted
//! members, on a temp (or given) database. No token, no network.
//!
//! The scene (in `scene.rs`, act by act): the guild is not set up when it starts, and its
//! admin sets it up with `/setup` (a member who asks first is sent to the admin); then a
//! crowd of members completes request flows at once, while a few named people follow
//! requests through their whole life (claims, work, an officer's changes, DMs and the log
//! channel). It ends with a short report.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use discord_emulator::{
    permissions, Emulator, EmulatorOptions, HtmlLimits, Message, Reply, ReplyKind, ScriptedUser,
    Snowflake,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use serde_json::json;
use tokio::sync::Mutex;

use crate::app::App;
use crate::config::{Config, GuildMode};
use crate::discord::Bot;
use crate::t;

mod reading;
mod scene;

pub use scene::{SetupReport, StoryReport};

const TOKEN: &str = "sandbox-token";
/// Short, so the abandoned flow visibly expires during the demo.
const SESSION_TTL: Duration = Duration::from_secs(3);
const WAIT: Duration = Duration::from_secs(10);
/// How long a member waits for their space and flow message after `/request`: at the
/// bot's default pace (5 channel creations/s a guild) a burst of members queues for minutes.
const OPEN_WAIT: Duration = Duration::from_secs(180);

#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub users: usize,
    pub db: Option<PathBuf>,
    pub quiet: bool,
    /// Where to write the page of what members saw, if anywhere.
    pub html: Option<PathBuf>,
}

/// What the scene did, measured at the emulator.
#[derive(Debug, Serialize)]
pub struct Report {
    pub members: usize,
    pub flows_completed: usize,
    pub requests_on_board: usize,
    pub interactions: usize,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    pub rest_calls: usize,
    pub rest_calls_per_completed_flow: f64,
    pub expired_flow_answered: bool,
    pub deleted_channel_recovered: bool,
    pub schema_violations: usize,
    /// How the guild's admin set it up in Discord, before anyone else could use craftdesk.
    pub setup: SetupReport,
    /// What the story's requesters, crafters and officer did, and what they were told.
    pub story: StoryReport,
    pub errors: Vec<String>,
    pub database: PathBuf,
    /// The page of what members saw, when one was asked for.
    pub html: Option<PathBuf>,
    pub elapsed_s: f64,
}

/// The demo guilds and what the scene records.
pub(crate) struct Scene {
    pub emu: Emulator,
    /// The guilds members join, in turn: member `n` joins the `n`-th, round-robin.
    pub guilds: Vec<World>,
    /// Each click's answer: dispatch to the interaction's callback (what Discord holds to
    /// 3 s; a deferred answer counts when the member sees it loading).
    pub latencies: Mutex<Vec<Duration>>,
    /// After a deferred answer: dispatch to the result shown (the edit of the answer).
    pub settled_waits: Mutex<Vec<Duration>>,
    /// `/request`'s first answer, per flow (dispatch to callback, at the emulator).
    pub request_answers: Mutex<Vec<Duration>>,
    /// From sending `/request` to the flow message in the member's space, per flow.
    pub flow_message_waits: Mutex<Vec<Duration>>,
    pub completed: AtomicUsize,
    pub progress: ProgressBar,
    /// A member's pause after each answer before the next click (0: none), jittered ±50 %.
    pub think: Duration,
    pub jitter: std::sync::atomic::AtomicU64,
}

/// One demo guild's ids.
#[derive(Debug, Clone)]
pub(crate) struct World {
    pub guild: Snowflake,
    pub core_role: Snowflake,
    pub officer_role: Snowflake,
    pub enchanter_role: Snowflake,
    /// The request category, then the overflow categories, each holding at most 50
    /// request channels (Discord's limit per category): the bot fills them in order.
    pub categories: Vec<Snowflake>,
    pub panel: Snowflake,
    pub board: Snowflake,
    pub log: Snowflake,
}

/// The running bot: a switch to stop it, and its task.
type RunningBot = (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
);

/// Sets up a demo guild the emulator created: its roles, its channels, and `categories`
/// request categories (at least one).
pub(crate) async fn set_up_guild(emu: &Emulator, guild: Snowflake, categories: usize) -> World {
    let core_role = emu.create_role(guild, "Core").await;
    let officer_role = emu.create_role(guild, "Officer").await;
    let enchanter_role = emu.create_role(guild, "Enchanter").await;
    let mut category_ids = Vec::new();
    for n in 0..categories.max(1) {
        let name = if n == 0 {
            "Requests".to_owned()
        } else {
            format!("Requests {}", n + 1)
        };
        category_ids.push(emu.create_category(guild, &name).await);
    }
    let panel = emu.create_text_channel(guild, "requests", None).await;
    let board = emu.create_text_channel(guild, "request-board", None).await;
    let log = emu.create_text_channel(guild, "request-log", None).await;
    World {
        guild,
        core_role,
        officer_role,
        enchanter_role,
        categories: category_ids,
        panel,
        board,
        log,
    }
}

/// `[discord.emulator]` for `emu`, its test CA written into `dir`: craftdesk then reaches
/// the emulator at `https://discord.com` with serenity's rate limiter on, as it runs against
/// Discord. Goes after the `[discord]` table's own keys.
pub fn emulator_endpoint_toml(emu: &Emulator, dir: &std::path::Path) -> std::io::Result<String> {
    let ca = dir.join("emulator-ca.pem");
    std::fs::write(&ca, emu.ca_certificate_pem())?;
    Ok(format!(
        "[discord.emulator]\naddress = \"{}\"\nca_certificate = {}\n",
        emu.addr(),
        toml::Value::String(ca.display().to_string())
    ))
}

/// The configuration that points craftdesk at the emulator and serves `guilds` in `mode`.
/// `database` is the `[database]` table's body (`path = "…"`, or `pool_size = 16` with the
/// URL in the environment); `endpoint` is [`emulator_endpoint_toml`].
pub(crate) fn world_config(
    endpoint: &str,
    database: &str,
    ttl: Duration,
    mode: GuildMode,
    guilds: &[World],
) -> String {
    let mut text = format!(
        r#"
[discord]
token = "{TOKEN}"
{endpoint}
[database]
{database}
[sessions]
ttl = "{ttl}s"
max_open_per_user = 3
# Scripted members click as fast as the bot answers, far faster than people: lifted.
click_burst = 100000
clicks_per_second = 100000
[telemetry]
level = "warn"
"#,
        ttl = ttl.as_secs().max(1),
    );
    let mode = match mode {
        GuildMode::Channel => "channel",
        GuildMode::Dm => "dm",
    };
    let ids = |ids: &[Snowflake]| {
        ids.iter()
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for world in guilds {
        let (category, overflow) = world.categories.split_first().unzip();
        let _ = write!(
            text,
            r#"
[[guild]]
id = "{guild}"
mode = "{mode}"
request_category_id = "{category}"
overflow_category_ids = [{overflow}]
panel_channel_id = "{panel}"
board_channel_id = "{board}"
log_channel_id = "{log}"
officer_role_ids = ["{officer_role}"]
core_role_ids = ["{core_role}"]
[guild.crafter_roles]
enchanting = "{enchanter_role}"
[guild.limits]
max_open_requests = 10
submit_burst = 1000
submits_per_minute = 60000
"#,
            guild = world.guild,
            category = category.copied().unwrap_or_default(),
            overflow = ids(overflow.unwrap_or_default()),
            panel = world.panel,
            board = world.board,
            log = world.log,
            officer_role = world.officer_role,
            core_role = world.core_role,
            enchanter_role = world.enchanter_role,
        );
    }
    text
}

/// Waits until the bot is connected and has registered its commands.
pub(crate) async fn wait_for_bot(emu: &Emulator, guild: Snowflake) -> anyhow::Result<()> {
    emu.wait_for_bot(WAIT).await?;
    let deadline = Instant::now() + WAIT;
    while emu.gateway_connections() == 0 || emu.commands(Some(guild)).is_empty() {
        if Instant::now() > deadline {
            bail!("the bot never registered its commands");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

/// The sandbox's guild as the scene finds it: invited craftdesk, not set up (no `[[guild]]`
/// table: its admin sets it up in Discord). It has a `#general` channel and the roles its
/// admin made in Discord: one with Manage Server, and those craftdesk will be told about.
#[derive(Debug, Clone)]
pub(crate) struct NewGuild {
    pub guild: Snowflake,
    pub general: Snowflake,
    pub admin_role: Snowflake,
    pub core_role: Snowflake,
    pub officer_role: Snowflake,
    pub enchanter_role: Snowflake,
}

/// Builds the demo guild (not set up) and starts craftdesk against it, in this process;
/// returns the guild, the running bot's state (read for the report) and the bot.
async fn start(
    emu: &Emulator,
    database: &std::path::Path,
) -> anyhow::Result<(NewGuild, Arc<Bot>, RunningBot)> {
    let endpoint = emulator_endpoint_toml(
        emu,
        database
            .parent()
            .unwrap_or_else(|| std::path::Path::new(".")),
    )
    .context("writing the emulator's test CA beside the database")?;
    let database = format!("path = \"{}\"", database.display());
    let guild = emu.create_guild("Sandbox Guild").await;
    let new_guild = NewGuild {
        guild,
        general: emu.create_text_channel(guild, "general", None).await,
        admin_role: emu
            .create_role_with_permissions(
                guild,
                "Admin",
                permissions::EVERYONE_DEFAULT | permissions::MANAGE_GUILD,
            )
            .await,
        core_role: emu.create_role(guild, "Core").await,
        officer_role: emu.create_role(guild, "Officer").await,
        enchanter_role: emu.create_role(guild, "Enchanter").await,
    };
    // No `[[guild]]` table: the guild is configured in Discord.
    let config_text = world_config(&endpoint, &database, SESSION_TTL, GuildMode::Channel, &[]);
    let config = Config::from_sources("sandbox", &config_text, Vec::new())?;
    let app = App::build(&config)
        .await
        .context("starting craftdesk against the emulator")?;
    let bot_state = app.bot.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(app.serve(async {
        let _ = stopped.await;
    }));
    wait_for_bot(emu, guild).await?;
    Ok((new_guild, bot_state, (stop, bot)))
}

pub async fn run(options: SandboxOptions) -> anyhow::Result<Report> {
    let started = Instant::now();
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..Default::default()
    })
    .await?;
    let temp_dir = tempfile::tempdir()?;
    let database = options
        .db
        .clone()
        .unwrap_or_else(|| temp_dir.path().join("sandbox.sqlite"));
    let (new_guild, bot_state, (stop, bot)) = start(&emu, &database).await?;
    // The opening act: the guild's admin sets it up; the rest of the scene runs on it.
    let opening = scene::opening(&emu, &new_guild)
        .await
        .context("the admin's setup went wrong, so the scene could not go on")?;
    let world = opening.world.clone();
    let (board, log) = (world.board, world.log);

    let parallel_members = options.users.div_ceil(5);
    let total_flows = options.users + parallel_members + 1 + scene::STORY_FLOWS;
    let progress = progress_bar(options.quiet, total_flows);
    let scene = Arc::new(Scene {
        emu,
        guilds: vec![world.clone()],
        latencies: Mutex::new(opening.latencies),
        request_answers: Mutex::default(),
        settled_waits: Mutex::default(),
        flow_message_waits: Mutex::default(),
        completed: AtomicUsize::new(0),
        progress,
        think: Duration::ZERO,
        jitter: std::sync::atomic::AtomicU64::new(1),
    });
    let mark = scene.emu.log().mark();

    let (errors, deleted_channel_recovered, expired_flow_answered, mut story) =
        scene::play(&scene, options.users).await?;
    scene.progress.finish_with_message("done");

    let completed = scene.completed.load(Ordering::Relaxed);
    // Board posts follow each receipt in the background: wait (bounded) until all are there.
    let deadline = Instant::now() + WAIT;
    while scene.emu.channel_messages(board).len() < completed && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let rest_calls = scene.emu.log().calls_since(mark).len();
    scene::count_what_was_told(&scene.emu, mark, log, &mut story);
    let mut setup = opening.report;
    setup.log_lines = scene::setup_log_lines(&scene.emu, log);
    let mut errors = errors;
    errors.extend(check_setup_saved(&bot_state, &world, &mut setup).await);
    if story.submissions_logged != completed {
        errors.push(format!(
            "{} requests were submitted but the log channel shows {} submissions",
            completed, story.submissions_logged
        ));
    }
    let html = match &options.html {
        Some(path) => Some(write_html(&scene.emu, path)?),
        None => None,
    };
    let mut latencies = scene.latencies.lock().await.clone();
    latencies.sort_unstable();
    let report = Report {
        members: options.users + 2,
        flows_completed: completed,
        requests_on_board: scene.emu.channel_messages(board).len(),
        interactions: latencies.len(),
        latency_p50_ms: percentile_ms(&latencies, 0.50),
        latency_p99_ms: percentile_ms(&latencies, 0.99),
        rest_calls,
        rest_calls_per_completed_flow: if completed == 0 {
            0.0
        } else {
            ratio(rest_calls, completed)
        },
        expired_flow_answered,
        deleted_channel_recovered,
        schema_violations: scene.emu.log().schema_violations().len(),
        setup,
        story,
        errors,
        database: database.clone(),
        html,
        elapsed_s: started.elapsed().as_secs_f64(),
    };
    let _ = stop.send(());
    let _ = bot.await;
    if options.db.is_none() {
        // Keep the temp database for the operator to look at.
        let kept =
            std::env::temp_dir().join(format!("craftdesk-sandbox-{}.sqlite", std::process::id()));
        if std::fs::copy(&database, &kept).is_ok() {
            return Ok(Report {
                database: kept,
                ..report
            });
        }
    }
    Ok(report)
}

/// What the bot saved of the admin's setup, checked against what the admin saw: the
/// settings it serves are the guild's own (not the file's), with the channels the setup
/// made and the roles the admin picked, and every change the admin was told was saved is
/// recorded (who, when, before → after). Fills in `changes_recorded`; returns what is wrong.
async fn check_setup_saved(bot: &Bot, world: &World, setup: &mut SetupReport) -> Vec<String> {
    let mut errors = Vec::new();
    let Ok(guild) = crate::domain::Snowflake::new(world.guild) else {
        return vec!["the guild has no id".to_owned()];
    };
    let id = |id: Snowflake| crate::domain::Snowflake::new(id).ok();
    match bot.guild(guild) {
        None => errors.push("setup: the guild is not served after its setup".to_owned()),
        Some(served) => {
            let c = &served.config;
            let expected = [
                ("mode", c.mode == GuildMode::Channel),
                (
                    "request category",
                    c.request_category_id == world.categories.first().copied().and_then(id),
                ),
                ("panel channel", c.panel_channel_id == id(world.panel)),
                ("board channel", c.board_channel_id == id(world.board)),
                ("log channel", c.log_channel_id == id(world.log)),
                (
                    "officer role",
                    c.officer_role_ids
                        .iter()
                        .copied()
                        .map(Some)
                        .eq([id(world.officer_role)]),
                ),
                (
                    "core role",
                    c.core_role_ids
                        .iter()
                        .copied()
                        .map(Some)
                        .eq([id(world.core_role)]),
                ),
                (
                    "crafter role for enchanting",
                    c.crafter_roles.get("enchanting").copied() == id(world.enchanter_role),
                ),
                ("managed in Discord", !served.is_file_managed()),
            ];
            for (what, right) in expected {
                if !right {
                    errors.push(format!(
                        "setup: the bot does not serve the {what} the admin set"
                    ));
                }
            }
        }
    }
    match bot.store.settings_changes(guild, 1000).await {
        Ok(changes) => {
            setup.changes_recorded = changes.len();
            if changes.len() != setup.changes_told {
                errors.push(format!(
                    "setup: the admin was told of {} changes but {} are recorded",
                    setup.changes_told,
                    changes.len()
                ));
            }
        }
        Err(err) => errors.push(format!("setup: cannot read the recorded changes: {err}")),
    }
    errors
}

/// The bar of flows completed (hidden when `quiet`).
fn progress_bar(quiet: bool, total_flows: usize) -> ProgressBar {
    let progress = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total_flows as u64)
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} flows")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message("members at work");
    progress
}

/// Writes the page of what members saw (see `HtmlLimits::default` for what it leaves out);
/// returns its absolute path.
pub(crate) fn write_html(emu: &Emulator, path: &std::path::Path) -> anyhow::Result<PathBuf> {
    std::fs::write(path, emu.render_html(HtmlLimits::default()))
        .with_context(|| format!("writing the page to {}", path.display()))?;
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^52
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b as f64
}

pub(crate) fn percentile_ms(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((sorted.len() as f64 * q) as usize).min(sorted.len() - 1);
    sorted[index].as_secs_f64() * 1_000.0
}

impl Scene {
    pub(crate) async fn record(&self, reply: Reply) -> Reply {
        self.latencies.lock().await.push(reply.latency);
        self.think().await;
        reply
    }

    /// Records a click's answer and, when it was deferred, waits for the result and records
    /// when it showed; the result.
    pub(crate) async fn settle(&self, reply: Reply) -> anyhow::Result<Reply> {
        let answer = self.record(reply).await;
        let result = answer.settled().await?;
        self.record_result(&answer, &result).await;
        Ok(result)
    }

    async fn record_result(&self, answer: &Reply, result: &Reply) {
        if matches!(answer.kind, ReplyKind::Deferred | ReplyKind::DeferredUpdate) {
            self.settled_waits.lock().await.push(result.latency);
        }
    }

    /// A member's pause before their next click (none when `think` is zero).
    async fn think(&self) {
        if !self.think.is_zero() {
            tokio::time::sleep(self.think.mul_f64(0.5 + self.next_jitter())).await;
        }
    }

    /// A pseudo-random number in [0, 1) (xorshift; the scene needs spread, not quality).
    pub(crate) fn next_jitter(&self) -> f64 {
        let mut x = self.jitter.load(Ordering::Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.jitter.store(x, Ordering::Relaxed);
        #[allow(clippy::cast_precision_loss)] // 53 bits of 64 are plenty here
        let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }

    /// The guild member `n` joins: the scene's guilds in turn.
    pub(crate) fn guild_for(&self, n: usize) -> anyhow::Result<&World> {
        self.guilds
            .get(n % self.guilds.len().max(1))
            .context("the scene has no guild")
    }

    fn flow_done(&self) {
        self.completed.fetch_add(1, Ordering::Relaxed);
        self.progress.inc(1);
    }

    /// `/request` → the new flow message in the member's channel (or DM).
    pub(crate) async fn open(&self, member: &ScriptedUser) -> anyhow::Result<Message> {
        let name = format!("requests-{}", member.id());
        let space = || {
            member
                .guild_id()
                .and_then(|guild| self.emu.channel_by_name(guild, &name))
                .map(|c| c.id)
                .or_else(|| self.emu.dm_channel_of(member.id()))
        };
        let known: Vec<Snowflake> = space()
            .map(|c| self.emu.channel_messages(c).iter().map(|m| m.id).collect())
            .unwrap_or_default();
        let texts = self.texts_of(member);
        let asked = Instant::now();
        let reply = member.slash("request", json!([])).await?;
        self.request_answers.lock().await.push(reply.latency);
        self.latencies.lock().await.push(reply.latency);
        let reply = reply.settled().await?;
        // The answer comes before the space exists (a new channel or DM, or one being
        // re-created); at the default pace it may be a while.
        let deadline = Instant::now() + OPEN_WAIT;
        let channel = loop {
            match space() {
                Some(channel) => break channel,
                None if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                None => bail!("no request channel or DM after /request: {}", reply.text()),
            }
        };
        let message = self
            .emu
            .wait_for_message(
                channel,
                |m| !known.contains(&m.id) && reading::is_first_step(texts, &m.text()),
                OPEN_WAIT,
            )
            .await?;
        self.flow_message_waits.lock().await.push(asked.elapsed());
        self.think().await;
        Ok(message)
    }

    /// Walks one flow from its first message to the receipt.
    pub(crate) async fn complete(
        &self,
        member: &ScriptedUser,
        first: &Message,
        n: usize,
        guild_craft: bool,
    ) -> anyhow::Result<()> {
        let texts = self.texts_of(member);
        let r = self
            .record(
                member
                    .click_in(first, &t!(texts, "request-button-type-name"))
                    .await?,
            )
            .await;
        let r = self
            .record(r.submit_modal(&[("name", &format!("Crafter{n}"))]).await?)
            .await;
        let professions = option_values(&r.components);
        let profession = professions
            .get(n % professions.len().max(1))
            .context("no professions offered")?
            .clone();
        let r = self
            .record(
                r.select(&t!(texts, "request-placeholder-profession"), &[&profession])
                    .await?,
            )
            .await;
        let slots = option_values(&r.components);
        let slot = slots
            .get(n % slots.len().max(1))
            .context("no gear slots offered")?
            .clone();
        let r = self
            .record(
                r.select(&t!(texts, "request-placeholder-slot"), &[&slot])
                    .await?,
            )
            .await;
        let items = option_values(&r.components);
        let item = items
            .get(n % items.len().max(1))
            .context("no items offered")?
            .clone();
        let r = self
            .record(
                r.select(&t!(texts, "request-placeholder-item"), &[&item])
                    .await?,
            )
            .await;
        let r = self
            .record(r.click_label(&t!(texts, "request-button-quantity")).await?)
            .await;
        let quantity = (n % 3 + 1).to_string();
        // In a DM, a step whose screen depends on the member's roles is a deferred update
        // first (the roles are read after answering): wait for the screen.
        let r = self
            .settle(
                r.submit_modal(&[("quantity", &quantity), ("notes", "Sandbox request")])
                    .await?,
            )
            .await?;
        let choice = if guild_craft {
            t!(texts, "request-button-guild-craft")
        } else {
            t!(texts, "request-button-provide-all")
        };
        let summary = self.settle(r.click_label(&choice).await?).await?;
        // Should a member's flows confirm faster than the submit pace allows, the bot asks
        // (ephemerally) to wait and press Confirm again, as a member would. Only the final
        // answer is recorded, so the report counts one per click of the scene.
        // In a DM the bot first checks the member still belongs to the guild (a deferred
        // update), then shows the receipt: wait for the settled answer.
        let confirm = t!(texts, "request-button-confirm");
        let mut answer = summary.click_label(&confirm).await?;
        let mut r = answer.settled().await?;
        for _ in 0..20 {
            if !reading::is_too_soon(texts, &r.text()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            answer = summary.click_label(&confirm).await?;
            r = answer.settled().await?;
        }
        self.record(answer.clone()).await;
        self.record_result(&answer, &r).await;
        if reading::receipt_number(texts, &r.text()).is_none() {
            bail!("confirm answered {:?}", r.text());
        }
        self.flow_done();
        Ok(())
    }

    pub(crate) async fn member_completes(&self, n: usize) -> anyhow::Result<()> {
        let world = self.guild_for(n)?;
        let core = n.is_multiple_of(7);
        let roles = if core {
            vec![world.core_role]
        } else {
            Vec::new()
        };
        let member = self
            .emu
            .add_member(world.guild, &format!("member{n}"), &roles)
            .await;
        self.emu
            .set_user_locale(member.id(), reading::crowd_locale(n));
        let first = self.open(&member).await?;
        if n.is_multiple_of(5) {
            // Two flows at once: open the second before finishing the first.
            let second = self.open(&member).await?;
            let (a, b) = tokio::join!(
                self.complete(&member, &first, n, core),
                self.complete(&member, &second, n + 1, false)
            );
            a.and(b)
        } else {
            self.complete(&member, &first, n, core).await
        }
    }

    async fn member_abandons(&self) -> anyhow::Result<()> {
        let guild = self.guild_for(0)?.guild;
        let member = self.emu.add_member(guild, "abandoner", &[]).await;
        self.emu.set_user_locale(member.id(), "de");
        let texts = self.texts_of(&member);
        let first = self.open(&member).await?;
        tokio::time::sleep(SESSION_TTL + Duration::from_millis(500)).await;
        let r = self
            .record(
                member
                    .click_in(&first, &t!(texts, "request-button-type-name"))
                    .await?,
            )
            .await;
        if !r.text().contains(&t!(texts, "refusal-expired")) {
            bail!("an abandoned flow answered {:?}", r.text());
        }
        Ok(())
    }

    async fn member_loses_channel(&self) -> anyhow::Result<()> {
        let guild = self.guild_for(0)?.guild;
        let member = self.emu.add_member(guild, "unlucky", &[]).await;
        self.emu.set_user_locale(member.id(), "fr");
        let first = self.open(&member).await?;
        self.emu.delete_channel_by_hand(first.channel_id).await;
        let again = self.open(&member).await?;
        if again.channel_id == first.channel_id {
            bail!("the deleted channel was reused");
        }
        self.complete(&member, &again, 999, false).await
    }
}

/// The values of the first select menu in `components`.
fn option_values(components: &[serde_json::Value]) -> Vec<String> {
    components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["type"] == 3)
        .and_then(|c| c["options"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|o| o["value"].as_str().map(str::to_owned))
        .collect()
}

/// The report as people read it.
#[must_use]
pub fn render_report(report: &Report) -> String {
    let mut lines = vec![
        "craftdesk sandbox".to_owned(),
        format!("  members:                 {}", report.members),
        format!("  flows completed:         {}", report.flows_completed),
        format!("  requests on the board:   {}", report.requests_on_board),
        format!(
            "  interactions answered:   {} (p50 {:.1} ms, p99 {:.1} ms)",
            report.interactions, report.latency_p50_ms, report.latency_p99_ms
        ),
        format!(
            "  REST calls per flow:     {:.1} ({} calls)",
            report.rest_calls_per_completed_flow, report.rest_calls
        ),
        format!(
            "  abandoned flow expired:  {}",
            if report.expired_flow_answered {
                "yes"
            } else {
                "NO"
            }
        ),
        format!(
            "  deleted channel:         {}",
            if report.deleted_channel_recovered {
                "recovered"
            } else {
                "NOT recovered"
            }
        ),
        format!("  schema violations:       {}", report.schema_violations),
        story_line(
            "before the setup",
            &[(
                report.setup.members_sent_to_admin,
                "member told an admin has to run /setup",
            )],
        ),
        story_line(
            "setup",
            &[
                (report.setup.views, "views"),
                (report.setup.saves, "saves"),
                (report.setup.changes_recorded, "changes recorded"),
                (report.setup.channels_created, "channels created"),
                (report.setup.roles_picked, "roles picked"),
                (report.setup.log_lines, "log lines"),
            ],
        ),
        story_line(
            "crafters",
            &[
                (report.story.claims, "claims"),
                (report.story.started, "started"),
                (report.story.partial_completions, "partly completed"),
                (report.story.completions, "completed"),
                (report.story.releases, "released"),
                (report.story.materials_recorded, "materials recorded"),
            ],
        ),
        story_line(
            "officers",
            &[
                (report.story.reassignments, "reassigned"),
                (report.story.officer_cancellations, "cancelled"),
                (report.story.reopenings, "reopened"),
                (report.story.officer_views, "views"),
            ],
        ),
        story_line(
            "requesters",
            &[
                (report.story.requests_submitted, "requests"),
                (report.story.member_cancellations, "cancelled"),
                (report.story.characters_registered, "characters registered"),
                (report.story.characters_removed, "removed"),
            ],
        ),
        story_line(
            "told",
            &[
                (report.story.dms_sent, "DMs"),
                (report.story.fallback_notices, "request-channel notices"),
                (report.story.log_lines, "log lines"),
                (report.story.submissions_logged, "of them submissions"),
            ],
        ),
        format!("  database:                {}", report.database.display()),
    ];
    if let Some(html) = &report.html {
        lines.push(format!("  html page:               {}", html.display()));
    }
    lines.extend([format!(
        "  took:                    {:.1} s",
        report.elapsed_s
    )]);
    for error in &report.errors {
        lines.push(format!("  error: {error}"));
    }
    lines.join("\n")
}

/// One line of the story's counts: `  crafters:  3 claims, 1 released`.
fn story_line(who: &str, counts: &[(usize, &str)]) -> String {
    let counts: Vec<String> = counts
        .iter()
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    format!("  {:<25}{}", format!("{who}:"), counts.join(", "))
}
