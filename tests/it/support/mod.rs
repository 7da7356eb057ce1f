//! Test support: the emulator with a demo guild, and craftdesk pointed at it.
//!
//! `spawn_app()` starts the emulator, a guild with roles, a request category, board, log
//! and panel channels, and the real craftdesk app (temp database); `TestApp::restart`
//! stops the bot and starts a new one on the same database, as a crash and restart would.

pub mod browser;
pub mod child;
mod eventually;
pub mod pg;

pub use eventually::{eventually, eventually_true};

use std::path::PathBuf;
use std::time::Duration;

use craftdesk::app::App;
use craftdesk::config::Config;
use discord_emulator::{Emulator, EmulatorOptions, ScriptedUser, Snowflake};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const TOKEN: &str = "Bot-test-token.craftdesk.secret";

/// How the test guild is configured.
#[derive(Clone)]
#[allow(clippy::struct_excessive_bools)] // one switch per way a test runs the bot
pub struct Options {
    pub mode: &'static str,
    pub max_open_per_user: u32,
    /// `[sessions] click_burst` and `clicks_per_second`: lifted by default (scripted
    /// members click as fast as the bot answers); the throttle's own test sets them.
    pub click_burst: u32,
    pub clicks_per_second: u32,
    /// Keep `[guild.limits]`'s own submit pace (3 at once, then 6 a minute) instead of
    /// lifting it as the other tests do.
    pub default_submit_pace: bool,
    pub ttl: &'static str,
    pub extra_guild_toml: String,
    /// `telemetry.metrics_addr`, e.g. `127.0.0.1:0` (a free port: see `TestApp::metrics_addr`).
    pub metrics_addr: Option<&'static str>,
    /// Store everything in a fresh PostgreSQL database (`support::pg`) instead of SQLite.
    pub postgres: bool,
    /// More keys for the `[discord]` table (e.g. pacing).
    pub extra_discord_toml: String,
    /// More tables, appended at the end (e.g. `[cleanup]`).
    pub extra_toml: String,
    /// Reach the emulator the older way, `api_base = "http://127.0.0.1:PORT"`, with
    /// serenity's rate limiter off. By default the bot runs the production path: serenity's
    /// limiter on, `https://discord.com` resolved to the emulator (`[discord.emulator]`).
    pub limiter_off: bool,
    /// No `[[guild]]` table at all, commands registered globally: the guild is set up in
    /// Discord with `/setup` (see `setup.rs`).
    pub no_guild_table: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            mode: "channel",
            max_open_per_user: 3,
            click_burst: 100_000,
            clicks_per_second: 100_000,
            default_submit_pace: false,
            ttl: "24h",
            extra_guild_toml: String::new(),
            metrics_addr: None,
            postgres: false,
            extra_discord_toml: String::new(),
            extra_toml: String::new(),
            limiter_off: false,
            no_guild_table: false,
        }
    }
}

pub struct TestApp {
    pub emu: Emulator,
    pub guild: Snowflake,
    pub category: Snowflake,
    pub overflow: Snowflake,
    pub board: Snowflake,
    pub log: Snowflake,
    pub panel: Snowflake,
    pub core_role: Snowflake,
    pub crafter_role: Snowflake,
    pub officer_role: Snowflake,
    pub options: Options,
    pub db_dir: tempfile::TempDir,
    /// The PostgreSQL database, when `options.postgres`.
    pub pg: Option<pg::PgTestDb>,
    bot: Option<RunningBot>,
    _watchdog: Watchdog,
}

/// Turns a test that hangs into a failure: if its `TestApp` still lives after
/// `HANG_LIMIT`, the test binary says which test it was and aborts (no test here takes a
/// minute; a wait without a deadline would otherwise hold CI until its own limit).
struct Watchdog {
    /// Dropped with the `TestApp`, which tells the watchdog's thread the test ended.
    _ended: std::sync::mpsc::Sender<()>,
}

const HANG_LIMIT: Duration = Duration::from_secs(300);

impl Watchdog {
    fn start() -> Self {
        let test = std::thread::current().name().unwrap_or("a test").to_owned();
        let (done, finished) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            use std::io::Write as _;
            if finished.recv_timeout(HANG_LIMIT) == Err(std::sync::mpsc::RecvTimeoutError::Timeout)
            {
                // Straight to the file descriptor: the test harness captures `eprintln!`
                // (in threads a test spawns too) and would lose the message with the abort.
                let _ = writeln!(
                    std::io::stderr(),
                    "{test} is still running after {HANG_LIMIT:?}: it hangs; aborting"
                );
                std::process::abort();
            }
        });
        Self { _ended: done }
    }
}

struct RunningBot {
    stop: oneshot::Sender<()>,
    task: JoinHandle<anyhow::Result<()>>,
    bot: std::sync::Arc<craftdesk::discord::Bot>,
    metrics_addr: Option<std::net::SocketAddr>,
}

/// Held by the tests that run whole bot processes under load (the loadtests, the crash
/// test, the sweep): one at a time, so on CI's two cores none of them measures the others.
pub static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let mut app = world(options).await;
    app.start_bot().await;
    app
}

/// The emulator and the test guild, without a bot: for tests that run craftdesk their
/// own way (as a child process, from `config_toml`).
pub async fn world(options: Options) -> TestApp {
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let guild = emu.create_guild("Test Guild").await;
    let core_role = emu.create_role(guild, "Core").await;
    let crafter_role = emu.create_role(guild, "Enchanter").await;
    let officer_role = emu.create_role(guild, "Officer").await;
    let category = emu.create_category(guild, "Requests").await;
    let overflow = emu.create_category(guild, "Requests overflow").await;
    let board = emu.create_text_channel(guild, "request-board", None).await;
    let log = emu.create_text_channel(guild, "request-log", None).await;
    let panel = emu.create_text_channel(guild, "requests", None).await;
    let pg = if options.postgres {
        Some(pg::PgTestDb::create().await)
    } else {
        None
    };
    TestApp {
        emu,
        guild,
        category,
        overflow,
        board,
        log,
        panel,
        core_role,
        crafter_role,
        officer_role,
        options,
        db_dir: tempfile::tempdir().expect("temp dir"),
        pg,
        bot: None,
        _watchdog: Watchdog::start(),
    }
}

impl TestApp {
    pub fn db_path(&self) -> PathBuf {
        self.db_dir.path().join("craftdesk.sqlite")
    }

    /// Where the bot reaches the emulator: `[discord.emulator]` (its test CA written beside
    /// the database), or `api_base` with `limiter_off`.
    fn emulator_toml(&self) -> String {
        if self.options.limiter_off {
            return format!("api_base = \"{}\"", self.emu.api_base());
        }
        craftdesk::sandbox::emulator_endpoint_toml(&self.emu, self.db_dir.path())
            .expect("the emulator's CA written")
    }

    pub fn config_toml(&self) -> String {
        let o = &self.options;
        if o.no_guild_table {
            return format!(
                "[discord]\ntoken = \"{TOKEN}\"\n{scope}{extra_discord}\n{emulator}\n\n[database]\n{database}\n\n[sessions]\nclick_burst = {click_burst}\nclicks_per_second = {clicks_per_second}\n\n[telemetry]\nlevel = \"warn\"\n\n{extra_toml}\n",
                // Global unless the test chooses its scope in `extra_discord_toml`.
                scope = if o.extra_discord_toml.contains("command_scope") {
                    ""
                } else {
                    "command_scope = \"global\"\n"
                },
                extra_discord = o.extra_discord_toml,
                emulator = self.emulator_toml(),
                database = match &self.pg {
                    Some(pg) => format!("url = \"{}\"", pg.url),
                    None => format!("path = \"{}\"", self.db_path().display()),
                },
                click_burst = o.click_burst,
                clicks_per_second = o.clicks_per_second,
                extra_toml = o.extra_toml,
            );
        }
        format!(
            r#"
[discord]
token = "{TOKEN}"
{extra_discord}
{emulator}

[database]
{database}

[sessions]
ttl = "{ttl}"
max_open_per_user = {max_open}
click_burst = {click_burst}
clicks_per_second = {clicks_per_second}

[telemetry]
level = "warn"
{metrics_addr}

[[guild]]
id = "{guild}"
mode = "{mode}"
request_category_id = "{category}"
overflow_category_ids = ["{overflow}"]
board_channel_id = "{board}"
log_channel_id = "{log}"
panel_channel_id = "{panel}"
core_role_ids = ["{core}"]
officer_role_ids = ["{officer}"]
{extra}

[guild.crafter_roles]
enchanting = "{crafter}"

[guild.limits]
max_open_requests = 50
{submit_pace}

{extra_toml}
"#,
            emulator = self.emulator_toml(),
            database = match &self.pg {
                Some(pg) => format!("url = \"{}\"", pg.url),
                None => format!("path = \"{}\"", self.db_path().display()),
            },
            ttl = o.ttl,
            max_open = o.max_open_per_user,
            click_burst = o.click_burst,
            submit_pace = if o.default_submit_pace {
                ""
            } else {
                "submit_burst = 1000\nsubmits_per_minute = 60000"
            },
            clicks_per_second = o.clicks_per_second,
            guild = self.guild,
            mode = o.mode,
            category = self.category,
            overflow = self.overflow,
            board = self.board,
            log = self.log,
            panel = self.panel,
            core = self.core_role,
            officer = self.officer_role,
            crafter = self.crafter_role,
            extra = o.extra_guild_toml,
            extra_discord = o.extra_discord_toml,
            extra_toml = o.extra_toml,
            metrics_addr = o
                .metrics_addr
                .map(|addr| format!("metrics_addr = \"{addr}\""))
                .unwrap_or_default(),
        )
    }

    pub fn config(&self) -> Config {
        Config::from_sources("test config", &self.config_toml(), Vec::new())
            .expect("test config is valid")
    }

    /// Starts craftdesk and waits until it is connected and has registered its commands.
    pub async fn start_bot(&mut self) {
        self.start_bot_prepared(|_| {}).await;
    }

    /// [`TestApp::start_bot`], with `prepare` run on the built bot before it serves (e.g.
    /// to make a store read fail at startup).
    pub async fn start_bot_prepared(&mut self, prepare: impl FnOnce(&craftdesk::discord::Bot)) {
        if std::env::var_os("TEST_LOG").is_some() {
            craftdesk::telemetry::init(&craftdesk::config::TelemetryConfig {
                level: std::env::var("TEST_LOG").unwrap_or_default(),
                ..Default::default()
            });
        }
        let app = App::build(&self.config()).await.expect("app builds");
        let bot = app.bot.clone();
        prepare(&bot);
        let metrics_addr = app.metrics_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app.serve(async {
            let _ = stopped.await;
        }));
        self.bot = Some(RunningBot {
            stop,
            task,
            bot,
            metrics_addr,
        });
        self.emu
            .wait_for_bot(Duration::from_secs(10))
            .await
            .expect("bot connects");
        // A session left by a previous bot may still own the guild until the new one
        // identifies: wait for a live connection before anyone acts.
        eventually_true(
            Duration::from_secs(10),
            "the bot never registered its commands",
            || {
                self.emu.gateway_connections() > 0
                    && !(self.emu.commands(Some(self.guild)).is_empty()
                        && self.emu.commands(None).is_empty())
            },
        )
        .await;
    }

    /// Stops the bot and starts a new one on the same database: everything it knew must
    /// come back from the store.
    pub async fn restart(&mut self) {
        self.restart_prepared(|_| {}).await;
    }

    /// [`TestApp::restart`], with `prepare` run on the new bot before it serves.
    pub async fn restart_prepared(&mut self, prepare: impl FnOnce(&craftdesk::discord::Bot)) {
        if let Some(bot) = self.bot.take() {
            let _ = bot.stop.send(());
            let _ = bot.task.await;
        }
        eventually_true(
            Duration::from_secs(10),
            "the old bot never disconnected",
            || self.emu.gateway_connections() == 0,
        )
        .await;
        self.start_bot_prepared(prepare).await;
    }

    /// Stops the emulator the bot talks to, as an outage would: its listener closes, then its
    /// gateway sockets drop, so serenity cannot reconnect. A fresh, empty emulator takes its
    /// place in `self.emu` (at another address) so the `TestApp` stays whole.
    pub async fn stop_emulator(&mut self) {
        let fresh = Emulator::start(EmulatorOptions {
            token: TOKEN.into(),
            ..Default::default()
        })
        .await
        .expect("emulator starts");
        std::mem::replace(&mut self.emu, fresh).shutdown().await;
    }

    /// The running bot's shared state (its store and HTTP client).
    pub fn bot(&self) -> std::sync::Arc<craftdesk::discord::Bot> {
        self.bot.as_ref().expect("the bot runs").bot.clone()
    }

    /// The bot's shared state when it runs in this process (not as a child process).
    pub fn bot_in_process(&self) -> Option<std::sync::Arc<craftdesk::discord::Bot>> {
        self.bot.as_ref().map(|running| running.bot.clone())
    }

    /// Where the running bot serves `/metrics` and `/healthz`, if `metrics_addr` was set.
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.bot.as_ref().and_then(|bot| bot.metrics_addr)
    }

    pub async fn member(&self, name: &str) -> ScriptedUser {
        self.emu.add_member(self.guild, name, &[]).await
    }

    pub async fn member_with(&self, name: &str, roles: &[Snowflake]) -> ScriptedUser {
        self.emu.add_member(self.guild, name, roles).await
    }

    /// Every request body the bot sent so far validated against Discord's OpenAPI schema.
    pub fn assert_schema_clean(&self) {
        let violations = self.emu.log().schema_violations();
        assert!(
            violations.is_empty(),
            "request bodies that break Discord's schema: {violations:#?}"
        );
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Every test checks, at its end, that every body the bot sent validated against
        // Discord's OpenAPI schema (unless it is already failing for another reason).
        if !std::thread::panicking() {
            let violations = self.emu.log().schema_violations();
            assert!(
                violations.is_empty(),
                "request bodies that break Discord's schema: {violations:#?}"
            );
        }
        if let Some(bot) = self.bot.take() {
            let _ = bot.stop.send(());
            bot.task.abort();
        }
    }
}

/// The values a select menu (found by placeholder or custom id) offers, in order.
pub fn select_values(components: &[serde_json::Value], select: &str) -> Vec<String> {
    select_options(components, select)
        .into_iter()
        .map(|(_, value)| value)
        .collect()
}

/// The options (label, value) a select menu (found by placeholder or custom id) offers,
/// in order.
pub fn select_options(components: &[serde_json::Value], select: &str) -> Vec<(String, String)> {
    components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 3)
        .filter(|c| {
            c["custom_id"].as_str().is_some_and(|id| id == select)
                || c["placeholder"]
                    .as_str()
                    .is_some_and(|p| p.contains(select))
        })
        .flat_map(|c| c["options"].as_array().cloned().unwrap_or_default())
        .filter_map(|o| {
            let label = o["label"].as_str()?.to_owned();
            Some((label, o["value"].as_str()?.to_owned()))
        })
        .collect()
}

/// `/request`'s answer once the flow has opened: the first answer when it named the
/// member's space at once, else the edit that replaced its "opening…" (or a deferral's).
pub async fn opened_answer(reply: discord_emulator::Reply) -> discord_emulator::Reply {
    let reply = reply.settled().await.expect("settled");
    let text = reply.text();
    if text.starts_with("Opening your request channel")
        || text.starts_with("Sending you a direct message")
    {
        reply
            .next_update()
            .await
            .expect("the opening answer is edited")
    } else {
        reply
    }
}

/// `true` (and says so on stderr) when the contributor runs the suite without `what`
/// (`"postgres"` or `"browser"`), listed in `CRAFTDESK_TEST_WITHOUT=postgres,browser`: the test
/// then returns at once. CI never skips: `.ci/run` unsets the variable, and a test whose tool
/// is missing fails saying how to install it.
pub fn runs_without(what: &str) -> bool {
    let skipped = std::env::var("CRAFTDESK_TEST_WITHOUT")
        .is_ok_and(|list| list.split(',').any(|w| w.trim() == what));
    if skipped {
        let test = std::thread::current().name().unwrap_or("a test").to_owned();
        eprintln!("{test}: skipped, CRAFTDESK_TEST_WITHOUT lists {what}");
    }
    skipped
}
