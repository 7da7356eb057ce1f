//! craftdesk's configuration: one TOML file, overridden by the environment.
//!
//! Precedence is defaults < file < environment (`CRAFTDESK__SECTION__KEY=value`, and
//! `DISCORD_TOKEN` for the token). Every section is read on its own, so one run of
//! [`Config::load`] reports every problem at once, each naming its key (and line,
//! where the file has one). The token is a [`SecretString`]: it is never printed,
//! not even by `Debug`.
//!
//! Here: the schema (every section, its defaults) and the error; reading the file and its
//! sections is `loading`, the environment's overrides `environment`, the checks across
//! keys `validation`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize, Serializer};

use crate::domain::Snowflake;

mod database_url;
mod environment;
mod loading;
mod shards;
mod validation;
pub use database_url::DatabaseUrl;
pub use shards::{RequestBudget, ShardRange};

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
    /// The language of the guild's shared messages (board, log channel, panel): a Discord
    /// locale code craftdesk ships (`en-US`, `de`, `fr`, `es-ES`, `ru`, `pt-BR`). Unset,
    /// they follow the guild's language in Discord (its Community settings), else English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<crate::i18n::Locale>,
}

impl GuildConfig {
    /// The categories request channels live in: the request category, then the overflow
    /// ones, in order.
    #[must_use]
    pub fn request_categories(&self) -> Vec<Snowflake> {
        self.request_category_id
            .iter()
            .chain(&self.overflow_category_ids)
            .copied()
            .collect()
    }
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

#[cfg(test)]
mod tests;
