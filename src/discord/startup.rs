//! Serving first (issue 20): nothing Discord-wide happens between connecting and answering
//! members. Each guild's `GUILD_CREATE` (under the `GUILDS` intent it carries every channel
//! of the guild) queues that guild's reconciliation (`upkeep::reconcile_guild`), which runs
//! here, one guild at a time, on a background task whose REST calls go at the background
//! pace: a guild with nothing to repair costs no REST call. Panels are checked lazily: when
//! their guild is first used (its first interaction), or by a slow sweep once every queued
//! guild is reconciled, never all at startup.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::board;
use super::bot::{snowflake, Bot};
use super::upkeep::{reconcile_guild, SeenChannel};
use crate::domain::{Snowflake, Timestamp};
use crate::pace::Priority;

/// One guild's channels as its `GUILD_CREATE` delivered them, and when.
#[derive(Debug)]
pub struct GuildSeen {
    pub guild: Snowflake,
    pub channels: Vec<SeenChannel>,
    pub at: Timestamp,
}

/// The queue of guilds to reconcile and the panels already checked (one per [`Bot`]).
pub struct Startup {
    sender: mpsc::UnboundedSender<GuildSeen>,
    receiver: Mutex<Option<mpsc::UnboundedReceiver<GuildSeen>>>,
    queued: AtomicUsize,
    reconciled: AtomicUsize,
    panels_checked: Mutex<HashSet<Snowflake>>,
}

impl Default for Startup {
    fn default() -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        Self {
            sender,
            receiver: Mutex::new(Some(receiver)),
            queued: AtomicUsize::new(0),
            reconciled: AtomicUsize::new(0),
            panels_checked: Mutex::default(),
        }
    }
}

impl Startup {
    /// Queues a guild's reconciliation (from its `GUILD_CREATE`); costs no REST call.
    pub fn guild_seen(&self, seen: GuildSeen) {
        self.queued.fetch_add(1, Ordering::Relaxed);
        if self.sender.send(seen).is_err() {
            self.queued.fetch_sub(1, Ordering::Relaxed);
        }
        self.publish();
    }

    fn done(&self) {
        self.reconciled.fetch_add(1, Ordering::Relaxed);
        self.publish();
    }

    fn publish(&self) {
        let (seen, reconciled) = self.progress();
        crate::metrics::guilds_reconciled(seen, reconciled);
    }

    /// Guilds whose `GUILD_CREATE` was queued, and those reconciled since (a guild seen
    /// again after a reconnect counts again).
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (
            self.queued.load(Ordering::Relaxed),
            self.reconciled.load(Ordering::Relaxed),
        )
    }

    /// Whether `guild`'s panel is still to be checked (and marks it checked).
    fn claim_panel(&self, guild: Snowflake) -> bool {
        self.panels_checked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(guild)
    }
}

/// Builds a [`GuildSeen`] from a `GUILD_CREATE`'s guild.
#[must_use]
pub fn seen(guild: &serenity::all::Guild) -> GuildSeen {
    GuildSeen {
        guild: snowflake(guild.id),
        channels: guild.channels.values().map(SeenChannel::of).collect(),
        at: Timestamp::now(),
    }
}

/// A guild's first interaction since this process started: its panel is checked (in the
/// background, after the member's answer, at the background pace).
pub(super) fn first_use(bot: &Arc<Bot>, guild: Snowflake) {
    let Some(runtime) = bot.guilds.get(guild) else {
        return;
    };
    if runtime.config.panel_channel_id.is_none() || !bot.startup.claim_panel(guild) {
        return;
    }
    let bot = bot.clone();
    tokio::spawn(async move {
        board::ensure_panel_at(&bot, &runtime, Priority::Background).await;
    });
}

/// Runs the reconciliation queue until `stop`: guilds as their `GUILD_CREATE` comes, then,
/// when none is waiting, one panel check at a time for the guilds reconciled. A guild whose
/// reconciliation could not read the store is tried again `retry_after` later.
pub fn spawn(
    bot: Arc<Bot>,
    retry_after: Duration,
    stop: CancellationToken,
) -> Option<tokio::task::JoinHandle<()>> {
    let receiver = bot
        .startup
        .receiver
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()?;
    Some(tokio::spawn(run(bot, receiver, retry_after, stop)))
}

async fn run(
    bot: Arc<Bot>,
    mut receiver: mpsc::UnboundedReceiver<GuildSeen>,
    retry_after: Duration,
    stop: CancellationToken,
) {
    let mut panels: VecDeque<Snowflake> = VecDeque::new();
    let started = tokio::time::Instant::now();
    let mut announced = false;
    loop {
        let next = match receiver.try_recv() {
            Ok(seen) => Some(seen),
            Err(_) if !panels.is_empty() => None,
            Err(_) => {
                let (queued, reconciled) = bot.startup.progress();
                if !announced && queued > 0 && queued == reconciled {
                    announced = true;
                    tracing::info!(
                        guilds = reconciled,
                        took_ms = started.elapsed().as_millis(),
                        "every guild reconciled"
                    );
                }
                tokio::select! {
                    () = stop.cancelled() => return,
                    seen = receiver.recv() => match seen {
                        Some(seen) => Some(seen),
                        None => return,
                    },
                }
            }
        };
        if stop.is_cancelled() {
            return;
        }
        if let Some(seen) = next {
            if let Some(guild) = reconcile_one(&bot, seen, retry_after, &stop).await {
                if bot.panel_sweep {
                    panels.push_back(guild);
                }
            }
            continue;
        }
        let Some(guild) = panels.pop_front() else {
            continue;
        };
        let Some(runtime) = bot.guilds.get(guild) else {
            continue;
        };
        if runtime.config.panel_channel_id.is_some() && bot.startup.claim_panel(guild) {
            tokio::select! {
                () = stop.cancelled() => return,
                () = board::ensure_panel_at(&bot, &runtime, Priority::Background) => {}
            }
        }
    }
}

/// Reconciles one guild; `Some(guild)` when its panel may still need a check.
async fn reconcile_one(
    bot: &Arc<Bot>,
    seen: GuildSeen,
    retry_after: Duration,
    stop: &CancellationToken,
) -> Option<Snowflake> {
    let guild = seen.guild;
    let Some(runtime) = bot
        .guilds
        .get(guild)
        .filter(|_| bot.shards.owns_guild(guild))
    else {
        // Not a guild craftdesk serves (yet): nothing to compare.
        bot.startup.done();
        return None;
    };
    match reconcile_guild(bot, &runtime, &seen.channels, seen.at).await {
        Ok(done) => {
            bot.startup.done();
            if done.orphan_channels_removed + done.forgotten_channels > 0 {
                tracing::info!(
                    %guild,
                    orphans_removed = done.orphan_channels_removed,
                    channels_forgotten = done.forgotten_channels,
                    sessions_closed = done.sessions_closed,
                    "reconciled the guild's channels with Discord"
                );
            }
            Some(guild)
        }
        Err(err) => {
            tracing::warn!(%err, %guild, "cannot read the request channels the database knows; no channel is removed now, trying again later");
            let (bot, stop) = (bot.clone(), stop.clone());
            tokio::spawn(async move {
                tokio::select! {
                    () = stop.cancelled() => return,
                    () = tokio::time::sleep(retry_after) => {}
                }
                // Counted again when it comes back round.
                bot.startup.queued.fetch_sub(1, Ordering::Relaxed);
                bot.startup.guild_seen(seen);
            });
            None
        }
    }
}
