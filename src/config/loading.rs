//! Reading the configuration: the file, each section on its own (so one bad section does
//! not hide the others), with the environment on top, and the problems reported together.

use std::path::Path;

use secrecy::SecretString;
use serde::de::DeserializeOwned;

use crate::domain::Snowflake;

use super::environment::apply_env;
use super::validation::{check_one_database, MISSING_TOKEN};
use super::{
    BackupConfig, CleanupConfig, Config, ConfigError, DatabaseConfig, DiscordConfig, GuildConfig,
    SessionsConfig, ShardRange, TelemetryConfig, KNOWN_SECTIONS,
};

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
pub(super) fn toml_syntax_problem(text: &str, err: &toml::de::Error) -> String {
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
pub(super) fn line_hint(text: &str, at: &[&str], key: &str) -> String {
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
