//! The cleanup task: expires idle flows and removes idle request channels.
//!
//! One task, spawned once at startup with a shutdown signal. Each tick calls
//! [`run_once`], which is testable alone (pass `now`; Discord is a trait): it expires
//! sessions past their TTL in chunks and marks their messages expired while, side by side,
//! it deletes request channels idle past `temp_channel_ttl` with no live flow; then, in DMs,
//! the messages of flows that ended that long ago (tracked by id: never the home message or
//! notifications). Work runs in bounded parallel batches; 429s and 5xx back off
//! `min(1 s · 2ⁿ, max_backoff)`; a message or channel that is already gone counts as done;
//! an item is never worked twice at once. Errors are logged and counted, never fatal: the
//! next tick tries again. The Discord side paces its calls (cleanup waits behind members'
//! calls) and asks cleanup to pause when Discord's invalid-request budget runs low.

use std::collections::HashSet;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::domain::{Snowflake, Timestamp};
use crate::retry::Backoff;
use crate::store::Store;

/// Largest number of retries of one item within a tick.
const MAX_ATTEMPTS: u32 = 6;
/// At most this many channel batches per tick (the rest waits for the next tick).
const MAX_CHANNEL_BATCHES: usize = 20;

/// How a Discord call for cleanup went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Already gone: counts as done.
    Gone,
    /// Rate limited or a server error: back off and retry.
    Retry(String),
    /// Anything else: give up on this item for this tick.
    Fatal(String),
}

/// The Discord calls cleanup makes.
pub trait CleanupDiscord: Sync {
    /// Shows "Session expired. Please start over." on a flow's message, without components,
    /// in its member's (`user`'s) language.
    fn mark_expired(
        &self,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send;
    /// Deletes a request channel of `guild`.
    fn delete_channel(
        &self,
        guild: Snowflake,
        channel: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send;
    /// Deletes one of the bot's own messages (an ended flow's, in a DM).
    fn delete_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send;
    /// Whether to hold off for now (Discord's invalid-request budget is nearly spent):
    /// checked before each batch.
    fn should_pause(&self) -> bool {
        false
    }
}

#[derive(Debug, Clone)]
pub struct CleanupPolicy {
    pub batch_size: usize,
    pub temp_channel_ttl: Duration,
    pub max_backoff: Duration,
}

impl From<&crate::config::CleanupConfig> for CleanupPolicy {
    fn from(config: &crate::config::CleanupConfig) -> Self {
        Self {
            batch_size: config.batch_size as usize,
            temp_channel_ttl: config.temp_channel_ttl,
            max_backoff: config.max_backoff,
        }
    }
}

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tick {
    pub sessions_expired: usize,
    pub messages_marked: usize,
    pub channels_deleted: usize,
    pub messages_deleted: usize,
    pub errors: usize,
    /// The tick stopped early: Discord's invalid-request budget is nearly spent.
    pub paused: bool,
}

/// Items being worked right now; a second worker skips them.
#[derive(Debug, Default, Clone)]
pub struct InFlight(Arc<Mutex<HashSet<String>>>);

impl InFlight {
    fn try_take(&self, item: String) -> Option<InFlightToken> {
        let mut set = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        set.insert(item.clone()).then(|| InFlightToken {
            set: self.clone(),
            item,
        })
    }
}

struct InFlightToken {
    set: InFlight,
    item: String,
}

impl Drop for InFlightToken {
    fn drop(&mut self) {
        self.set
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.item);
    }
}

/// Cleanup's backoff: 1 s, doubling, at most `max`, over [`MAX_ATTEMPTS`] attempts.
fn cleanup_backoff(max: Duration) -> Backoff {
    Backoff {
        first: Duration::from_secs(1),
        max,
        retries: MAX_ATTEMPTS - 1,
    }
}

/// The delay before retry `attempt` (0-based): `min(1 s · 2ⁿ, max)`.
#[must_use]
pub fn backoff(attempt: u32, max: Duration) -> Duration {
    cleanup_backoff(max).delay(attempt)
}

/// Runs `call` until it succeeds, is gone, fails for good or runs out of attempts (with no
/// wait after the last one).
async fn with_backoff<F, Fut>(policy: &CleanupPolicy, what: &str, mut call: F) -> Result<(), String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), Failure>>,
{
    let backoff = cleanup_backoff(policy.max_backoff);
    let last = crate::retry::with_backoff(backoff, &mut call, |failure, retry| {
        let Failure::Retry(reason) = failure else {
            return false;
        };
        let delay = backoff.delay(retry);
        tracing::debug!(what, %reason, ?delay, "cleanup call failed; backing off");
        true
    })
    .await;
    match last {
        Ok(()) | Err(Failure::Gone) => Ok(()),
        Err(Failure::Fatal(reason)) => Err(format!("{what}: {reason}")),
        Err(Failure::Retry(_)) => Err(format!(
            "{what}: still failing after {MAX_ATTEMPTS} attempts"
        )),
    }
}

/// One cleanup pass at `now`: expiring flows and deleting idle channels run side by side
/// (they wait on different paces), then ended DM flows' messages go. A flow that expired in
/// a channel about to be deleted is not marked: its message goes with the channel. If
/// Discord's invalid-request budget is nearly spent, the pass stops before its next batch.
pub async fn run_once<D: CleanupDiscord>(
    store: &Store,
    discord: &D,
    in_flight: &InFlight,
    policy: &CleanupPolicy,
    now: Timestamp,
) -> Tick {
    let cutoff = now.saturating_sub(policy.temp_channel_ttl);
    let doomed: HashSet<Snowflake> = match store
        .idle_member_channels(cutoff, now, MAX_CHANNEL_BATCHES * policy.batch_size.max(1))
        .await
    {
        Ok(idle) => idle.into_iter().map(|(_, channel)| channel).collect(),
        Err(err) => {
            tracing::warn!(%err, "cannot list idle request channels; marking every expired flow");
            HashSet::new()
        }
    };
    let (expired, channels) = tokio::join!(
        expire_sessions(store, discord, in_flight, policy, now, &doomed),
        delete_idle_channels(store, discord, in_flight, policy, cutoff, now),
    );
    let mut tick = Tick {
        sessions_expired: expired.sessions_expired + channels.sessions_expired,
        messages_marked: expired.messages_marked,
        channels_deleted: channels.channels_deleted,
        messages_deleted: 0,
        errors: expired.errors + channels.errors,
        paused: expired.paused || channels.paused,
    };

    // Ended flows' messages in DMs, shown long enough: delete exactly those.
    if pause_now(discord, &mut tick) {
        let (deleted, errors) =
            delete_ended_flow_messages(store, discord, in_flight, policy, cutoff).await;
        tick.messages_deleted += deleted;
        tick.errors += errors;
    }

    // Leases left by killed processes, long run out (their work is redone or recovered).
    if let Err(err) = store
        .prune_leases(now.saturating_sub(STALE_LEASES_AFTER))
        .await
    {
        tracing::warn!(%err, "cannot prune stale leases");
    }

    // Fold the WAL back into the database (the writer never does it itself).
    if let Err(err) = store.checkpoint(tick.sessions_expired > 10_000).await {
        tracing::warn!(%err, "checkpoint failed");
    }
    tick
}

/// Leases that ran out this long ago are deleted.
const STALE_LEASES_AFTER: Duration = Duration::from_secs(3_600);

/// Checks the pause switch before a batch: `true` to go on. Logs once per tick.
fn pause_now<D: CleanupDiscord>(discord: &D, tick: &mut Tick) -> bool {
    if tick.paused {
        return false;
    }
    if discord.should_pause() {
        tracing::warn!(
            "Discord's invalid-request budget (10,000 per 10 min) is nearly spent; cleanup pauses until it recovers"
        );
        tick.paused = true;
        return false;
    }
    true
}

/// Sessions past their TTL: delete them in chunks, marking each chunk's messages (but not
/// those in `doomed` channels, which are being deleted).
async fn expire_sessions<D: CleanupDiscord>(
    store: &Store,
    discord: &D,
    in_flight: &InFlight,
    policy: &CleanupPolicy,
    now: Timestamp,
    doomed: &HashSet<Snowflake>,
) -> Tick {
    let batch = policy.batch_size.max(1);
    let mut tick = Tick::default();
    while pause_now(discord, &mut tick) {
        let expired = match store.expire_sessions_chunk(now, batch).await {
            Ok(expired) => expired,
            Err(err) => {
                tracing::error!(%err, "cannot expire sessions");
                tick.errors += 1;
                break;
            }
        };
        let done = expired.len() < batch;
        tick.sessions_expired += expired.len();
        let marks: Vec<(Snowflake, Snowflake, Snowflake)> = expired
            .iter()
            .filter_map(|s| Some((s.user_id, s.channel_id?, s.message_id?)))
            .filter(|(_, channel, _)| !doomed.contains(channel))
            .collect();
        let results: Vec<Result<(), String>> = stream::iter(marks)
            .map(|(user, channel, message)| async move {
                let Some(_token) = in_flight.try_take(format!("message:{message}")) else {
                    return Ok(());
                };
                with_backoff(policy, "marking an expired flow", || {
                    discord.mark_expired(user, channel, message)
                })
                .await
            })
            .buffer_unordered(batch)
            .collect()
            .await;
        for result in results {
            match result {
                Ok(()) => tick.messages_marked += 1,
                Err(err) => {
                    tracing::warn!(%err, "cleanup item failed");
                    tick.errors += 1;
                }
            }
        }
        if done {
            break;
        }
    }
    tick
}

/// Request channels idle past their TTL with no live flow, a batch at a time; each is
/// checked again just before it goes, in case its member came back meanwhile.
async fn delete_idle_channels<D: CleanupDiscord>(
    store: &Store,
    discord: &D,
    in_flight: &InFlight,
    policy: &CleanupPolicy,
    cutoff: Timestamp,
    now: Timestamp,
) -> Tick {
    let batch = policy.batch_size.max(1);
    let mut tick = Tick::default();
    for _ in 0..MAX_CHANNEL_BATCHES {
        if !pause_now(discord, &mut tick) {
            break;
        }
        let idle = match store.idle_member_channels(cutoff, now, batch).await {
            Ok(idle) => idle,
            Err(err) => {
                tracing::error!(%err, "cannot list idle request channels");
                tick.errors += 1;
                break;
            }
        };
        let count = idle.len();
        let results: Vec<Result<Option<usize>, String>> = stream::iter(idle)
            .map(|(guild, channel)| async move {
                let Some(_token) = in_flight.try_take(format!("channel:{channel}")) else {
                    return Ok(None);
                };
                with_backoff(policy, "deleting an idle request channel", || async move {
                    match store.channel_still_idle(channel, cutoff, now).await {
                        Ok(true) => discord.delete_channel(guild, channel).await,
                        // Back in use (or gone from the store): leave it.
                        Ok(false) => Err(Failure::Gone),
                        Err(err) => Err(Failure::Fatal(err.to_string())),
                    }
                })
                .await?;
                // Its expired flows, if any, go with it.
                let ended = store
                    .channel_deleted(channel)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(Some(ended.len()))
            })
            .buffer_unordered(batch)
            .collect()
            .await;
        let mut progressed = false;
        for result in results {
            match result {
                Ok(Some(flows)) => {
                    tick.channels_deleted += 1;
                    tick.sessions_expired += flows;
                    progressed = true;
                }
                Ok(None) => {}
                Err(err) => {
                    tracing::warn!(%err, "cleanup item failed");
                    tick.errors += 1;
                }
            }
        }
        if count < batch || !progressed {
            break;
        }
    }
    tick
}

/// Deletes ended DM flows' messages older than `cutoff`; returns (deleted, errors).
async fn delete_ended_flow_messages<D: CleanupDiscord>(
    store: &Store,
    discord: &D,
    in_flight: &InFlight,
    policy: &CleanupPolicy,
    cutoff: Timestamp,
) -> (usize, usize) {
    let batch = policy.batch_size.max(1);
    let ended = match store.ended_flow_messages(cutoff, batch).await {
        Ok(ended) => ended,
        Err(err) => {
            tracing::error!(%err, "cannot list ended flow messages");
            return (0, 1);
        }
    };
    let results: Vec<Result<bool, String>> = stream::iter(ended)
        .map(|(channel, message)| async move {
            let Some(_token) = in_flight.try_take(format!("message:{message}")) else {
                return Ok(false);
            };
            with_backoff(policy, "deleting an ended flow message", || {
                discord.delete_message(channel, message)
            })
            .await?;
            store
                .forget_ended_flow_message(message)
                .await
                .map_err(|e| e.to_string())?;
            Ok(true)
        })
        .buffer_unordered(batch)
        .collect()
        .await;
    let (mut deleted, mut errors) = (0, 0);
    for result in results {
        match result {
            Ok(true) => deleted += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::warn!(%err, "cleanup item failed");
                errors += 1;
            }
        }
    }
    (deleted, errors)
}

/// The lease that makes one process of several the one that cleans up.
pub const CLEANUP_LEASE: &str = "cleanup";

/// Spawns the cleanup loop: runs [`run_once`] every `interval` (the first after one
/// interval) until `shutdown` is cancelled, while this process (`holder`) holds the cleanup
/// lease. Spawn it once, at startup, not from the gateway's `ready`. The lease is checked
/// four times an interval and lasts half of one, so when several processes share the
/// database exactly one cleans up, and when it dies another takes over within about three
/// quarters of an interval (and runs at once if its own interval has passed).
pub fn spawn<D: CleanupDiscord + Send + 'static>(
    store: Store,
    discord: D,
    policy: CleanupPolicy,
    interval: Duration,
    shutdown: CancellationToken,
    holder: String,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let in_flight = InFlight::default();
        let check = interval / 4;
        let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + check, check);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut next_run = tokio::time::Instant::now() + interval;
        let mut holding = false;
        loop {
            tokio::select! {
                _ = ticker.tick() => {
                    let held = store
                        .try_lease(CLEANUP_LEASE, holder.clone(), Timestamp::now(), interval / 2)
                        .await
                        .unwrap_or_else(|err| {
                            tracing::warn!(%err, "cannot check the cleanup lease; skipping");
                            false
                        });
                    if held != holding {
                        tracing::info!(held, "cleanup lease changed hands");
                        holding = held;
                    }
                    if !held || tokio::time::Instant::now() < next_run {
                        continue;
                    }
                    next_run = tokio::time::Instant::now() + interval;
                    let tick = run_once(&store, &discord, &in_flight, &policy, Timestamp::now()).await;
                    crate::metrics::cleanup_ran(
                        tick.sessions_expired,
                        tick.messages_marked,
                        tick.channels_deleted,
                        tick.errors,
                    );
                    if tick != Tick::default() {
                        tracing::info!(?tick, "cleanup");
                    }
                }
                () = shutdown.cancelled() => break,
            }
        }
        if holding {
            if let Err(err) = store.release_lease(CLEANUP_LEASE, holder).await {
                tracing::warn!(%err, "cannot release the cleanup lease");
            }
        }
        tracing::debug!("cleanup task stopped");
    })
}
