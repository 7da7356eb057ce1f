//! The checks across keys that the schema alone cannot make: positive durations, one
//! database, guilds that name their channels, a safe API address.

use std::collections::HashSet;
use std::time::Duration;

use super::{Config, DatabaseConfig, GuildConfig, GuildMode, DEFAULT_API_BASE};

impl Config {
    pub(super) fn validate(&self, problems: &mut Vec<String>) {
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
pub(super) fn check_one_database(table: &toml::Table, problems: &mut Vec<String>) {
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

pub(super) const MISSING_TOKEN: &str =
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

/// `discord.api_base` must be `https://`, or `http://` to a loopback host (the emulator on
/// this machine): every call carries the bot token, which plain HTTP would send across the
/// network in clear text.
pub(super) fn check_api_base(api_base: &str) -> Result<(), String> {
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
pub(super) fn is_loopback_host(rest: &str) -> bool {
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
