//! craftdesk's configuration: one TOML file, overridden by the environment.
//!
//! Precedence is defaults < file < environment (`CRAFTDESK__SECTION__KEY=value`, and
//! `DISCORD_TOKEN` for the token). Every section is read on its own, so one run of
//! [`Config::load`] reports every problem at once, each naming its key (and line,
//! where the file has one). The token is a [`SecretString`]: it is never printed,
//! not even by `Debug`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};

use crate::domain::Snowflake;

mod shards;
pub use shards::{RequestBudget, ShardRange};
mod database_url;
pub use database_url::DatabaseUrl;

const ENV_PREFIX: &str = "CRAFTDESK__";
const TOKEN_ENV: &str = "DISCORD_TOKEN";
const KNOWN_SECTIONS: [&str; 7] = [
    "discord",
    "database",
    "sessions",
    "cleanup",
    "backup",
    "telemetry",
    "guild",
];

/// The whole, validated configuration.
#[derive(Debug, Serialize)]
pub struct Config {
    pub discord: DiscordConfig,
    pub database: DatabaseConfig,
    pub sessions: SessionsConfig,
    pub cleanup: CleanupConfig,
    pub backup: BackupConfig,
    pub telemetry: TelemetryConfig,
    #[serde(rename = "guild")]
    pub guilds: Vec<GuildConfig>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// The bot token; `None` until set in the file or by `DISCORD_TOKEN`.
    #[serde(serialize_with = "redacted")]
    pub token: Option<SecretString>,
    pub api_base: String,
    pub command_scope: CommandScope,
    /// Check every guild's panel in the background once its guild is reconciled after
    /// startup; `false`: only when the guild is next used (its first interaction).
    pub panel_sweep: bool,
    /// Run only these gateway shards (`"first..end"`, end excluded) of `total_shards`;
    /// without both, this process runs every shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shards: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_shards: Option<u32>,
    /// REST calls per second the bot allows itself, interaction answers aside (Discord's
    /// global limit is 50/s; with the burst, no second sends more than the sum, and the
    /// default sum of 45 leaves room for calls the network delays to arrive together).
    pub requests_per_second: u32,
    pub request_burst: u32,
    /// Channel creations and deletions per second per guild, after a burst.
    pub channel_ops_per_second: u32,
    pub channel_op_burst: u32,
    /// Testing only: reach an emulator on this machine at `https://discord.com`, so
    /// serenity's rate limiter stays on as in production.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emulator: Option<EmulatorEndpoint>,
}

/// `[discord.emulator]`, for tests and the sandbox: every call to `https://discord.com` goes
/// to `address` (which must be loopback, so the token cannot be sent elsewhere), over TLS
/// checked against `ca_certificate` alone (the emulator's own test CA; the public roots are
/// not trusted then).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmulatorEndpoint {
    pub address: SocketAddr,
    pub ca_certificate: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommandScope {
    /// Registered per configured guild: available at once.
    Guild,
    /// Registered once for every guild: Discord may take a while to show them.
    Global,
    /// Global when more than [`AUTO_GLOBAL_ABOVE`] guilds are served (one call instead of
    /// one per guild), per guild otherwise.
    Auto,
}

/// Above this many guilds, `command_scope = "auto"` registers the commands globally.
pub const AUTO_GLOBAL_ABOVE: usize = 25;

impl CommandScope {
    /// Whether the commands are registered once for every guild, `guilds` being served.
    #[must_use]
    pub fn is_global(self, guilds: usize) -> bool {
        match self {
            Self::Global => true,
            Self::Guild => false,
            Self::Auto => guilds > AUTO_GLOBAL_ABOVE,
        }
    }
}

/// Where craftdesk keeps its data: a SQLite file (`path`, the default) or a PostgreSQL
/// server (`url`); setting both is an error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    pub path: PathBuf,
    /// A `postgres://` URL; when set, PostgreSQL is used instead of the SQLite file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<DatabaseUrl>,
    pub pool_size: u32,
    #[serde(with = "humantime_serde")]
    pub busy_timeout: Duration,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionsConfig {
    #[serde(with = "humantime_serde")]
    pub ttl: Duration,
    #[serde(with = "humantime_serde")]
    pub touch_threshold: Duration,
    pub max_open_per_user: u32,
    /// Interactions one member may send at once before being told to slow down...
    pub click_burst: u32,
    /// ...and how many a second after that.
    pub clicks_per_second: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanupConfig {
    #[serde(with = "humantime_serde")]
    pub interval: Duration,
    #[serde(with = "humantime_serde")]
    pub temp_channel_ttl: Duration,
    pub batch_size: u32,
    #[serde(with = "humantime_serde")]
    pub max_backoff: Duration,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackupConfig {
    pub dir: PathBuf,
    #[serde(with = "humantime_serde")]
    pub interval: Duration,
    pub keep: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelemetryConfig {
    pub format: LogFormat,
    pub level: String,
    pub metrics_addr: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// One `[[guild]]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuildConfig {
    pub id: Snowflake,
    #[serde(default = "GuildMode::default_mode")]
    pub mode: GuildMode,
    pub request_category_id: Option<Snowflake>,
    #[serde(default)]
    pub overflow_category_ids: Vec<Snowflake>,
    pub panel_channel_id: Option<Snowflake>,
    pub board_channel_id: Option<Snowflake>,
    pub log_channel_id: Option<Snowflake>,
    #[serde(default)]
    pub officer_role_ids: Vec<Snowflake>,
    pub register_role_id: Option<Snowflake>,
    #[serde(default)]
    pub core_role_ids: Vec<Snowflake>,
    /// Directory of catalog files; `None` means the sample catalogs built into the binary.
    pub catalog: Option<PathBuf>,
    /// Visible gear slots, in order; `None` means every slot in the catalog.
    pub gear_slots: Option<Vec<String>>,
    #[serde(default)]
    pub crafter_roles: BTreeMap<String, Snowflake>,
    #[serde(default)]
    pub notifications: NotificationsConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GuildMode {
    /// A private `requests-<userId>` channel per member under the request category.
    Channel,
    /// The flow runs in a DM with the member.
    Dm,
}

impl GuildMode {
    fn default_mode() -> Self {
        Self::Channel
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
#[allow(clippy::struct_excessive_bools)] // one switch per notification, as admins write them
pub struct NotificationsConfig {
    pub claim: bool,
    pub start: bool,
    pub complete: bool,
    pub release: bool,
    pub deny: bool,
    pub cancel: bool,
    pub reassign: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    pub max_open_requests: u32,
    /// Submissions one member may make at once (their parallel flows confirmed in a row).
    pub submit_burst: u32,
    /// Past the burst, submissions one member may make a minute.
    pub submits_per_minute: u32,
    /// Replaced by `submit_burst` and `submits_per_minute`: still accepted so that older
    /// files load, and ignored (see [`Config::deprecations`]).
    #[serde(with = "humantime_serde", skip_serializing)]
    pub submit_cooldown: Option<Duration>,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        Self {
            token: None,
            api_base: DEFAULT_API_BASE.to_owned(),
            command_scope: CommandScope::Auto,
            panel_sweep: true,
            shards: None,
            total_shards: None,
            requests_per_second: 40,
            request_burst: 5,
            channel_ops_per_second: 5,
            channel_op_burst: 5,
            emulator: None,
        }
    }
}

/// Discord's own address; anything else (the emulator) turns serenity's rate limiter off.
pub const DEFAULT_API_BASE: &str = "https://discord.com";

/// `discord.api_base` must be `https://`, or `http://` to a loopback host (the emulator on
/// this machine): every call carries the bot token, which plain HTTP would send across the
/// network in clear text.
fn check_api_base(api_base: &str) -> Result<(), String> {
    if api_base.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = api_base.strip_prefix("http://") else {
        return Err(format!(
            "discord.api_base must start with https:// (or http:// for an emulator on this machine), got {api_base:?}"
        ));
    };
    if is_loopback_host(rest) {
        Ok(())
    } else {
        Err(format!(
            "discord.api_base {api_base:?} would send the bot token in clear text: use https://, or http:// only to 127.0.0.1, [::1] or localhost"
        ))
    }
}

/// Whether the authority at the start of `rest` (`host[:port][/path]`) names this machine.
fn is_loopback_host(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        // `http://127.0.0.1@example.com` goes to example.com.
        return false;
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        match bracketed.split_once(']') {
            Some((host, after)) if after.is_empty() || after.starts_with(':') => host,
            _ => return false,
        }
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            path: PathBuf::from("craftdesk.sqlite"),
            url: None,
            pool_size: 4,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

impl Default for SessionsConfig {
    fn default() -> Self {
        Self {
            ttl: Duration::from_hours(24),
            touch_threshold: Duration::from_secs(30),
            max_open_per_user: 3,
            click_burst: 20,
            clicks_per_second: 2,
        }
    }
}

impl Default for CleanupConfig {
    fn default() -> Self {
        Self {
            interval: Duration::from_mins(1),
            temp_channel_ttl: Duration::from_mins(30),
            batch_size: 50,
            max_backoff: Duration::from_mins(1),
        }
    }
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("backups"),
            interval: Duration::from_hours(12),
            keep: 28,
        }
    }
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
            level: "info".to_owned(),
            metrics_addr: None,
        }
    }
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        Self {
            claim: true,
            start: true,
            complete: true,
            release: true,
            deny: true,
            cancel: true,
            reassign: true,
        }
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            max_open_requests: 10,
            submit_burst: 3,
            submits_per_minute: 6,
            submit_cooldown: None,
        }
    }
}

#[allow(clippy::ref_option)] // serde's serialize_with hands us `&Option<_>`
fn redacted<S: Serializer>(token: &Option<SecretString>, serializer: S) -> Result<S::Ok, S::Error> {
    match token {
        Some(_) => serializer.serialize_str("[redacted]"),
        None => serializer.serialize_str("[not set]"),
    }
}

/// Every problem found in a configuration, each naming its key.
#[derive(Debug, thiserror::Error)]
#[error("{}", render_problems(.source_name, .problems))]
pub struct ConfigError {
    pub source_name: String,
    pub problems: Vec<String>,
}

fn render_problems(source_name: &str, problems: &[String]) -> String {
    let mut out = format!("{source_name}: {} problem(s)", problems.len());
    for problem in problems {
        let _ = write!(out, "\n  - {problem}");
    }
    out
}

impl Config {
    /// Reads `path` (a missing file is an error) with the process environment on top.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            source_name: path.display().to_string(),
            problems: vec![format!(
                "cannot read the configuration file: {err} (copy config.example.toml to start one)"
            )],
        })?;
        Self::from_sources(&path.display().to_string(), &text, std::env::vars())
    }

    /// Parses `text` with `env` (name, value) pairs on top; the pure core of [`Config::load`].
    pub fn from_sources(
        source_name: &str,
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let fail = |problems| ConfigError {
            source_name: source_name.to_owned(),
            problems,
        };
        let mut table: toml::Table = text
            .parse()
            .map_err(|err: toml::de::Error| fail(vec![toml_syntax_problem(text, &err)]))?;
        let mut problems = Vec::new();
        apply_env(&mut table, env, &mut problems);
        check_one_database(&table, &mut problems);

        for key in table.keys() {
            if !KNOWN_SECTIONS.contains(&key.as_str()) {
                problems.push(format!(
                    "unknown section `{key}`{} (known: {})",
                    line_hint(text, &[], key),
                    KNOWN_SECTIONS.join(", ")
                ));
            }
        }
        let mut reader = SectionReader {
            text,
            table: &table,
            problems: &mut problems,
        };
        let discord: DiscordConfig = reader.section("discord");
        let database: DatabaseConfig = reader.section("database");
        let sessions: SessionsConfig = reader.section("sessions");
        let cleanup: CleanupConfig = reader.section("cleanup");
        let backup: BackupConfig = reader.section("backup");
        let telemetry: TelemetryConfig = reader.section("telemetry");
        let guilds = reader.guilds();

        let config = Self {
            discord,
            database,
            sessions,
            cleanup,
            backup,
            telemetry,
            guilds,
        };
        config.validate(&mut problems);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(fail(problems))
        }
    }

    /// The token, or an error saying how to set it.
    pub fn token(&self) -> Result<&SecretString, ConfigError> {
        self.discord.token.as_ref().ok_or_else(|| ConfigError {
            source_name: "configuration".to_owned(),
            problems: vec![MISSING_TOKEN.to_owned()],
        })
    }

    /// The configuration as TOML, with the token shown as `[redacted]`.
    #[must_use]
    pub fn to_redacted_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|err| format!("# cannot render: {err}\n"))
    }

    /// Keys this file still sets that craftdesk no longer reads, each with what replaced
    /// it (logged at startup and by `check-config`; the file loads anyway).
    #[must_use]
    pub fn deprecations(&self) -> Vec<String> {
        self.guilds
            .iter()
            .enumerate()
            .filter(|(_, guild)| guild.limits.submit_cooldown.is_some())
            .map(|(index, guild)| {
                format!(
                    "guild[{index}] (id {}): limits.submit_cooldown is no longer used (it refused a member's parallel \
                     flows); remove it and set limits.submit_burst and limits.submits_per_minute instead",
                    guild.id
                )
            })
            .collect()
    }

    /// The guild's table, if the guild is configured.
    #[must_use]
    pub fn guild(&self, id: Snowflake) -> Option<&GuildConfig> {
        self.guilds.iter().find(|g| g.id == id)
    }

    /// The gateway shards this process runs: `None` for all of them (the default).
    pub fn shard_range(&self) -> Result<Option<ShardRange>, String> {
        match (&self.discord.shards, self.discord.total_shards) {
            (None, None) => Ok(None),
            (Some(range), Some(total)) => ShardRange::parse(range, total).map(Some),
            (Some(_), None) => Err(
                "discord.shards needs discord.total_shards (how many shards the bot runs in all)"
                    .to_owned(),
            ),
            (None, Some(_)) => Err(
                "discord.total_shards needs discord.shards (which of them this process runs, e.g. \"0..2\")"
                    .to_owned(),
            ),
        }
    }

    fn validate(&self, problems: &mut Vec<String>) {
        let mut positive = |key: &str, value: Duration| {
            if value.is_zero() {
                problems.push(format!("{key} must be a positive duration such as \"30s\""));
            }
        };
        positive("database.busy_timeout", self.database.busy_timeout);
        positive("sessions.ttl", self.sessions.ttl);
        positive("sessions.touch_threshold", self.sessions.touch_threshold);
        positive("cleanup.interval", self.cleanup.interval);
        positive("cleanup.temp_channel_ttl", self.cleanup.temp_channel_ttl);
        positive("cleanup.max_backoff", self.cleanup.max_backoff);
        positive("backup.interval", self.backup.interval);

        let mut in_range = |key: &str, value: u32, min: u32, max: u32| {
            if !(min..=max).contains(&value) {
                problems.push(format!(
                    "{key} must be between {min} and {max}, got {value}"
                ));
            }
        };
        let (d, sessions) = (&self.discord, &self.sessions);
        for (key, value, min, max) in [
            ("database.pool_size", self.database.pool_size, 1, 64),
            (
                "discord.requests_per_second",
                d.requests_per_second,
                1,
                100_000,
            ),
            ("discord.request_burst", d.request_burst, 1, 10_000),
            (
                "discord.channel_ops_per_second",
                d.channel_ops_per_second,
                1,
                1_000,
            ),
            ("discord.channel_op_burst", d.channel_op_burst, 1, 1_000),
            (
                "sessions.max_open_per_user",
                sessions.max_open_per_user,
                1,
                25,
            ),
            ("sessions.click_burst", sessions.click_burst, 1, 100_000),
            (
                "sessions.clicks_per_second",
                sessions.clicks_per_second,
                1,
                100_000,
            ),
            ("cleanup.batch_size", self.cleanup.batch_size, 1, 1_000),
            ("backup.keep", self.backup.keep, 1, 10_000),
        ] {
            in_range(key, value, min, max);
        }

        if self.database.url.is_none() && self.database.path.as_os_str().is_empty() {
            problems.push(
                "database.path must not be empty: set it to a SQLite file, or set database.url to a PostgreSQL server"
                    .to_owned(),
            );
        }
        if self.discord.token.is_none() {
            problems.push(MISSING_TOKEN.to_owned());
        }
        if let Err(problem) = check_api_base(&self.discord.api_base) {
            problems.push(problem);
        }
        if let Some(emulator) = &self.discord.emulator {
            if !emulator.address.ip().is_loopback() {
                problems.push(format!(
                    "discord.emulator.address must be on this machine (127.0.0.1 or [::1]), got {}: it receives the bot token",
                    emulator.address
                ));
            }
            if self.discord.api_base.trim_end_matches('/') != DEFAULT_API_BASE {
                problems.push(
                    "discord.emulator and discord.api_base both point the bot elsewhere: keep [discord.emulator] (serenity's rate limiter stays on) and remove api_base"
                        .to_owned(),
                );
            }
        }
        if let Err(problem) = self.shard_range() {
            problems.push(problem);
        }
        if let Err(problem) = crate::telemetry::log_filter(&self.telemetry.level) {
            problems.push(format!("telemetry.level {problem}"));
        }
        let mut seen = HashSet::new();
        for (index, guild) in self.guilds.iter().enumerate() {
            if !seen.insert(guild.id) {
                problems.push(format!(
                    "guild[{index}].id {} is configured twice",
                    guild.id
                ));
            }
            guild.validate(index, problems);
        }
    }
}

/// `[database]` names exactly one store: `path` (SQLite) or `url` (PostgreSQL). Checked on
/// the table, where a key the file or the environment set is told from a default.
fn check_one_database(table: &toml::Table, problems: &mut Vec<String>) {
    let Some(database) = table.get("database").and_then(toml::Value::as_table) else {
        return;
    };
    if database.contains_key("path") && database.contains_key("url") {
        problems.push(
            "database.path and database.url are both set (in the file or by CRAFTDESK__DATABASE__PATH / \
             CRAFTDESK__DATABASE__URL): keep path for SQLite or url for PostgreSQL, not both"
                .to_owned(),
        );
    }
}

impl DatabaseConfig {
    /// Whether this configuration names a PostgreSQL server rather than a SQLite file.
    #[must_use]
    pub fn is_postgres(&self) -> bool {
        self.url.is_some()
    }
}

const MISSING_TOKEN: &str =
    "discord.token is not set: put it in the file or set the DISCORD_TOKEN environment variable";

impl GuildConfig {
    fn validate(&self, index: usize, problems: &mut Vec<String>) {
        let at = format!("guild[{index}] (id {})", self.id);
        if self.mode == GuildMode::Channel && self.request_category_id.is_none() {
            problems.push(format!(
                "{at}: mode = \"channel\" needs request_category_id (the category that holds request channels), or set mode = \"dm\""
            ));
        }
        if self.overflow_category_ids.contains(&self.id) {
            problems.push(format!(
                "{at}: overflow_category_ids lists the guild id itself"
            ));
        }
        if let Some(slots) = &self.gear_slots {
            if slots.is_empty() {
                problems.push(format!(
                    "{at}: gear_slots is empty; leave it out to show every slot of the catalog"
                ));
            }
            if slots.iter().any(|s| s.trim().is_empty()) {
                problems.push(format!("{at}: gear_slots holds an empty name"));
            }
        }
        for profession in self.crafter_roles.keys() {
            if profession.trim().is_empty() {
                problems.push(format!("{at}: crafter_roles has an empty profession name"));
            }
        }
        if self.limits.max_open_requests == 0 {
            problems.push(format!("{at}: limits.max_open_requests must be at least 1"));
        }
        if self.limits.submit_burst == 0 {
            problems.push(format!("{at}: limits.submit_burst must be at least 1"));
        }
        if self.limits.submits_per_minute == 0 {
            problems.push(format!(
                "{at}: limits.submits_per_minute must be at least 1"
            ));
        }
    }
}

/// Deserializes one section at a time so that one bad section doesn't hide the others.
struct SectionReader<'a> {
    text: &'a str,
    table: &'a toml::Table,
    problems: &'a mut Vec<String>,
}

impl SectionReader<'_> {
    fn section<T: DeserializeOwned + Default>(&mut self, name: &str) -> T {
        match self.table.get(name) {
            None => T::default(),
            Some(toml::Value::Table(_)) => {
                let value = self
                    .table
                    .get(name)
                    .cloned()
                    .unwrap_or(toml::Value::Boolean(false));
                self.parse(value, &[name]).unwrap_or_default()
            }
            Some(other) => {
                self.problems.push(format!(
                    "`{name}` must be a table ([{name}]), not a {}",
                    other.type_str()
                ));
                T::default()
            }
        }
    }

    fn guilds(&mut self) -> Vec<GuildConfig> {
        let Some(value) = self.table.get("guild") else {
            return Vec::new();
        };
        let Some(list) = value.as_array() else {
            self.problems
                .push("`guild` must be written as [[guild]] tables, one per guild".to_owned());
            return Vec::new();
        };
        let mut guilds = Vec::new();
        for (index, item) in list.iter().enumerate() {
            let label = format!("guild[{index}]");
            if let Some(guild) = self.parse::<GuildConfig>(item.clone(), &[&label]) {
                guilds.push(guild);
            }
        }
        guilds
    }

    fn parse<T: DeserializeOwned>(&mut self, value: toml::Value, at: &[&str]) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(parsed) => Some(parsed),
            Err(err) => {
                let inner = err.path().to_string();
                let key = if inner == "." {
                    at.join(".")
                } else {
                    format!("{}.{inner}", at.join("."))
                };
                let last = inner.rsplit('.').next().unwrap_or_default();
                let hint = line_hint(self.text, at, last);
                let message = if key == "discord.token" {
                    // Never echo what was written there: it may be the token.
                    "must be a string (the bot token, in quotes)".to_owned()
                } else {
                    err.into_inner().to_string().trim().to_owned()
                };
                self.problems.push(format!("{key}{hint}: {message}"));
                None
            }
        }
    }
}

/// "not valid TOML at line L, column C: message", without quoting the line itself
/// (it may hold the token).
fn toml_syntax_problem(text: &str, err: &toml::de::Error) -> String {
    let at = err.span().map_or_else(String::new, |span| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        format!(" at line {line}, column {column}")
    });
    format!("not valid TOML{at}: {}", err.message().trim())
}

/// " (line N)" where `key` is written inside the section `at` of `text`, or "".
///
/// Best effort: it finds the section's header (`[name]`, or the n-th `[[guild]]`) and the
/// first `key =` line after it, which is right for the configurations people write.
fn line_hint(text: &str, at: &[&str], key: &str) -> String {
    let header_line = match at.first() {
        None => Some(0),
        Some(section) => {
            if let Some(index) = section
                .strip_prefix("guild[")
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|s| s.parse::<usize>().ok())
            {
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| l.trim() == "[[guild]]")
                    .nth(index)
                    .map(|(n, _)| n)
            } else {
                let header = format!("[{section}]");
                text.lines().position(|l| l.trim() == header)
            }
        }
    };
    let Some(start) = header_line else {
        return String::new();
    };
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| {
            let line = line.trim_start();
            let assigns = line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            let opens = at.is_empty()
                && (line.starts_with(&format!("[{key}]"))
                    || line.starts_with(&format!("[[{key}]]"))
                    || line.starts_with(&format!("[{key}.")));
            assigns || opens
        })
        .map(|(n, _)| format!(" (line {})", n + 1))
        .unwrap_or_default()
}

/// Applies `CRAFTDESK__SECTION__KEY` (and `DISCORD_TOKEN`) variables onto the file's table.
///
/// A value is read as TOML when it parses as one (`4`, `true`, `["1", "2"]`), else as a
/// string (`5s`, `/data/craftdesk.sqlite`). `CRAFTDESK__GUILD__0__MODE` reaches into the
/// first `[[guild]]`.
fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
    problems: &mut Vec<String>,
) {
    let mut overrides: Vec<(Vec<String>, String)> = Vec::new();
    let mut token = None;
    for (name, value) in env {
        if name == TOKEN_ENV {
            token = Some(value);
        } else if let Some(path) = name.strip_prefix(ENV_PREFIX) {
            let path: Vec<String> = path.split("__").map(str::to_ascii_lowercase).collect();
            overrides.push((path, value));
        }
    }
    // DISCORD_TOKEN first, so an explicit CRAFTDESK__DISCORD__TOKEN wins over it.
    if let Some(token) = token {
        overrides.insert(0, (vec!["discord".to_owned(), "token".to_owned()], token));
    }
    for (path, value) in overrides {
        if let Err(problem) = set_path(table, &path, env_value(&path, &value)) {
            problems.push(format!(
                "environment variable {ENV_PREFIX}{}: {problem}",
                path.join("__").to_ascii_uppercase()
            ));
        }
    }
}

fn env_value(path: &[String], raw: &str) -> toml::Value {
    // The token is always a string, whatever it looks like.
    if path == ["discord", "token"] {
        return toml::Value::String(raw.to_owned());
    }
    format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_owned()))
}

fn set_path(table: &mut toml::Table, path: &[String], value: toml::Value) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("names no key".to_owned());
    };
    if last.is_empty() || parents.iter().any(String::is_empty) {
        return Err("has an empty part between `__`".to_owned());
    }
    let mut current = table;
    let mut iter = parents.iter().peekable();
    while let Some(part) = iter.next() {
        let entry = current
            .entry(part.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        current = match entry {
            toml::Value::Table(t) => t,
            toml::Value::Array(items) => {
                let index: usize = iter
                    .next()
                    .and_then(|i| i.parse().ok())
                    .ok_or_else(|| format!("`{part}` is a list: give an index, e.g. {part}__0"))?;
                match items.get_mut(index) {
                    Some(toml::Value::Table(t)) => t,
                    _ => return Err(format!("`{part}` has no entry {index}")),
                }
            }
            _ => return Err(format!("`{part}` is not a table")),
        };
    }
    current.insert(last.clone(), value);
    Ok(())
}

#[cfg(test)]
mod tests;
