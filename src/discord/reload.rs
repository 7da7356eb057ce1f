//! Reloading config.toml without a restart (SIGHUP): the file's `[[guild]]` tables are
//! served from the next interaction on (a moved panel is moved, a guild new to the file gets
//! its commands); a file with any problem is refused whole, every
//! problem listed, and the running settings kept. What changed is logged; settings outside
//! `[[guild]]` (token, database, pacing, ...) are read at start only, and a change to them
//! is logged as waiting for a restart.

use std::collections::BTreeMap;
use std::path::Path;

use super::board;
use super::bot::Bot;
use super::guilds::file_runtimes;
use crate::config::{Config, ConfigError};

/// Re-reads `path` and applies it. `Ok` with the changes (one line each, empty when
/// nothing changed); `Err` when the file is refused (nothing changed).
pub async fn reload_file(
    bot: &Bot,
    running: &Config,
    path: &Path,
) -> Result<(Config, Vec<String>), ConfigError> {
    let next = Config::load(path)?;
    let changes = reload(bot, running, &next)
        .await
        .map_err(|problems| ConfigError {
            source_name: path.display().to_string(),
            problems,
        })?;
    Ok((next, changes))
}

/// Applies `next`'s guild tables (its catalogs loaded first: one that does not load
/// refuses the whole reload); returns what changed.
pub async fn reload(
    bot: &Bot,
    running: &Config,
    next: &Config,
) -> Result<Vec<String>, Vec<String>> {
    let file = file_runtimes(next, &bot.guilds.builtin()).map_err(|err| vec![err.to_string()])?;
    let from_store = bot
        .guilds
        .store_runtimes(&bot.store)
        .await
        .map_err(|err| vec![format!("cannot read the guilds set up in Discord: {err}")])?;
    let mut changes = guild_changes(running, next);
    changes.extend(restart_changes(running, next));
    let from_store = from_store
        .into_iter()
        .filter(|r| next.guild(r.config.id).is_none())
        .collect();
    let old = bot.guilds.replace_file_guilds(file, from_store);
    // What the change means in Discord: a guild new to the file gets its commands (with
    // guild-scoped commands), and a panel whose channel changed moves there.
    for served in bot.guilds.all() {
        let id = served.config.id;
        match old.get(&id) {
            None => {
                super::commands::register_guild(bot, id).await;
                board::ensure_panel(bot, &served).await;
            }
            Some(before) if before.config.panel_channel_id != served.config.panel_channel_id => {
                super::setup::move_panel(bot, &served).await;
            }
            Some(_) => {}
        }
    }
    Ok(changes)
}

fn as_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The guild tables added, removed or changed (with the keys that changed).
fn guild_changes(running: &Config, next: &Config) -> Vec<String> {
    let tables = |c: &Config| -> BTreeMap<_, _> {
        c.guilds
            .iter()
            .map(|g| (g.id, serde_json::to_value(g).unwrap_or_default()))
            .collect()
    };
    let (before, after) = (tables(running), tables(next));
    let mut out = Vec::new();
    for (id, table) in &after {
        match before.get(id) {
            None => out.push(format!("guild {id}: added")),
            Some(old) if old != table => {
                let keys: Vec<String> = table
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, v)| old.get(k.as_str()) != Some(v))
                    .map(|(k, _)| k.clone())
                    .collect();
                out.push(format!("guild {id}: changed {}", keys.join(", ")));
            }
            Some(_) => {}
        }
    }
    for id in before.keys().filter(|id| !after.contains_key(id)) {
        out.push(format!("guild {id}: removed from the file"));
    }
    out
}

/// Sections read at start only that changed.
fn restart_changes(running: &Config, next: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let mut section = |name: &str, a: String, b: String| {
        if a != b {
            out.push(format!("[{name}] changed: it applies at the next restart"));
        }
    };
    section("discord", as_json(&running.discord), as_json(&next.discord));
    section(
        "database",
        as_json(&running.database),
        as_json(&next.database),
    );
    section(
        "sessions",
        as_json(&running.sessions),
        as_json(&next.sessions),
    );
    section("cleanup", as_json(&running.cleanup), as_json(&next.cleanup));
    section("backup", as_json(&running.backup), as_json(&next.backup));
    section(
        "telemetry",
        as_json(&running.telemetry),
        as_json(&next.telemetry),
    );
    out
}

/// Reloads `path` at every SIGHUP until `stop` fires, logging what changed or why the file
/// was refused.
pub async fn reload_on_sighup(
    bot: std::sync::Arc<Bot>,
    mut running: Config,
    path: std::path::PathBuf,
    stop: tokio_util::sync::CancellationToken,
) {
    #[cfg(unix)]
    {
        let Ok(mut hangups) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        else {
            return tracing::warn!("cannot listen for SIGHUP: config.toml is read at start only");
        };
        loop {
            tokio::select! {
                () = stop.cancelled() => return,
                got = hangups.recv() => if got.is_none() { return },
            }
            match reload_file(&bot, &running, &path).await {
                Ok((next, changes)) => {
                    if changes.is_empty() {
                        tracing::info!(config = %path.display(), "config reloaded: nothing changed");
                    }
                    for change in &changes {
                        tracing::info!(config = %path.display(), "config reloaded: {change}");
                    }
                    running = next;
                }
                Err(err) => {
                    tracing::error!(config = %path.display(), problems = ?err.problems, "config.toml refused; the running settings are kept");
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (bot, running, path);
        stop.cancelled().await;
    }
}
