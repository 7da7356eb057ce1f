//! What every event handler shares: the store, each guild's settings and catalog, the
//! paced REST calls, the per-member locks that keep request-channel creation single, and
//! the interactions in flight (a graceful shutdown lets them finish).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serenity::all::{Http, RoleId};
use tokio_util::task::TaskTracker;

use super::rest::Rest;

use super::guilds::{GuildRuntime, Guilds};
use crate::config::{Config, SessionsConfig};
use crate::domain::{Snowflake, Timestamp};
use crate::health::GatewayStatus;
use crate::store::{HeldLease, Store, StoreError};

/// Held while a member's request channel is being made.
type AsyncLock = Arc<tokio::sync::Mutex<()>>;

pub struct Bot {
    pub store: Store,
    pub http: Arc<Http>,
    /// Paces and counts every REST call (see `rest.rs`).
    pub rest: Arc<Rest>,
    /// The guilds served, live: the file's and those set up in Discord (see `guilds.rs`).
    pub guilds: Guilds,
    pub sessions: SessionsConfig,
    command_scope: crate::config::CommandScope,
    /// The guilds the bot is in, as its shards' READY told (each shard's count times the
    /// shard total): with `command_scope = "auto"` a bot in many guilds not yet set up
    /// registers its commands once, not once per guild.
    guilds_joined: std::sync::atomic::AtomicUsize,
    /// Whether panels are checked in the background after startup (see `startup.rs`).
    pub panel_sweep: bool,
    /// Guilds to reconcile from their `GUILD_CREATE`, panels checked (see `startup.rs`).
    pub startup: super::startup::Startup,
    /// The bot's own user, learnt at `ready` (saves a call per channel creation).
    pub bot_user: std::sync::OnceLock<serenity::all::UserId>,
    /// Whether the gateway is connected, for `/healthz`.
    pub gateway: Arc<GatewayStatus>,
    /// The gateway shards this process runs (all of them unless `[discord] shards` says).
    pub shards: crate::config::ShardRange,
    /// This bot's name on leases (see `store::leases`): unique per process, and per bot
    /// in one process, as tests run several.
    pub holder: String,
    creating: Mutex<HashMap<(Snowflake, Snowflake), AsyncLock>>,
    /// Per guild: one panel check at a time (see [`Bot::panel_lock`]).
    panels: Mutex<HashMap<Snowflake, AsyncLock>>,
    /// Request categories Discord lately refused a channel in, and when (see `spaces.rs`).
    pub(super) full_categories: Mutex<HashMap<Snowflake, std::time::Instant>>,
    /// DM home messages (by guild and member) found in place since this process started:
    /// trusted from then on, so a flow start costs no GET (see `board::ensure_dm_home`).
    pub(super) homes_checked: Mutex<std::collections::HashSet<(Snowflake, Snowflake)>>,
    /// Members whose DMs refused the bot lately (see `members.rs`).
    pub closed_dms: Arc<super::members::ClosedDms>,
    /// Each member's pace of interactions (see `members.rs`).
    pub clicks: super::members::ClickThrottle,
    /// Downloads attachments (`/catalog upload`), with a timeout (see `client.rs`).
    pub downloads: reqwest::Client,
    /// Each guild's and member's language (see `locales.rs`).
    pub locales: super::locales::Locales,
    /// Interactions being handled now.
    in_flight: TaskTracker,
    /// Set when shutting down: new interactions are turned away.
    draining: AtomicBool,
}

impl Bot {
    pub fn new(store: Store, http: Arc<Http>, config: &Config, guilds: Guilds) -> Self {
        let shards = config
            .shard_range()
            .ok()
            .flatten()
            .unwrap_or_else(|| crate::config::ShardRange::all(1));
        Self {
            store,
            http,
            rest: Arc::new(Rest::new(&config.discord, shards)),
            guilds,
            sessions: config.sessions.clone(),
            command_scope: config.discord.command_scope,
            guilds_joined: std::sync::atomic::AtomicUsize::new(0),
            panel_sweep: config.discord.panel_sweep,
            startup: super::startup::Startup::default(),
            bot_user: std::sync::OnceLock::new(),
            gateway: Arc::default(),
            shards,
            holder: lease_holder(),
            creating: Mutex::new(HashMap::new()),
            panels: Mutex::new(HashMap::new()),
            full_categories: Mutex::new(HashMap::new()),
            homes_checked: Mutex::default(),
            closed_dms: Arc::default(),
            clicks: super::members::ClickThrottle::new(
                config.sessions.clicks_per_second,
                config.sessions.click_burst,
            ),
            downloads: super::client::download_client(&config.discord).unwrap_or_else(|err| {
                tracing::error!(%err, "cannot build the attachment download client; using defaults");
                reqwest::Client::new()
            }),
            locales: super::locales::Locales::default(),
            in_flight: TaskTracker::new(),
            draining: AtomicBool::new(false),
        }
    }

    /// The texts of a guild's shared messages (board, log channel, panel): the guild's
    /// chosen language, else Discord's, else English.
    pub fn guild_texts(&self, guild: Snowflake) -> crate::i18n::Texts {
        let runtime = self.guilds.get(guild);
        self.locales
            .guild_texts(guild, runtime.as_deref().map(|r| &r.config))
    }

    /// The texts of a member's DMs (and flow messages written without an interaction):
    /// their last known language, else English.
    pub async fn member_texts(&self, user: Snowflake) -> crate::i18n::Texts {
        self.locales.member_texts(&self.store, user).await
    }

    /// Runs one interaction's handling, counted among those in flight; `None` (and the
    /// work is not run) once the bot is draining for shutdown.
    pub async fn track<F: std::future::Future>(&self, work: F) -> Option<F::Output> {
        if self.draining.load(Ordering::Acquire) {
            return None;
        }
        Some(self.in_flight.track_future(work).await)
    }

    /// Whether the bot is shutting down.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }

    /// Stops taking new interactions and waits (up to `deadline`) for those in flight;
    /// returns how many were still running at the deadline.
    pub async fn drain(&self, deadline: std::time::Duration) -> usize {
        self.draining.store(true, Ordering::Release);
        self.in_flight.close();
        if tokio::time::timeout(deadline, self.in_flight.wait())
            .await
            .is_err()
        {
            return self.in_flight.len();
        }
        0
    }

    /// The guild's settings and catalog as they are now (taken once per interaction).
    pub fn guild(&self, id: Snowflake) -> Option<Arc<GuildRuntime>> {
        self.guilds.get(id)
    }

    /// Whether the slash commands are registered once for every guild (see
    /// [`crate::config::CommandScope`]): `auto` decides by the guilds set up now or the
    /// guilds the bot is in, whichever is more.
    #[must_use]
    pub fn global_commands(&self) -> bool {
        let joined = self
            .guilds_joined
            .load(std::sync::atomic::Ordering::Relaxed);
        self.command_scope.is_global(self.guilds.len().max(joined))
    }

    /// Records what a shard's READY says of the guilds the bot is in.
    pub fn joined(&self, guilds_on_shard: usize, shard_total: u32) {
        let shards = usize::try_from(shard_total.max(1)).unwrap_or(usize::MAX);
        let estimate = guilds_on_shard.saturating_mul(shards);
        self.guilds_joined
            .fetch_max(estimate, std::sync::atomic::Ordering::Relaxed);
    }

    /// The guilds set up now whose gateway shard this process runs: the ones whose panel
    /// and startup reconciliation are its job.
    pub fn owned_guilds(&self) -> Vec<Arc<GuildRuntime>> {
        self.guilds
            .all()
            .into_iter()
            .filter(|g| self.shards.owns_guild(g.config.id))
            .collect()
    }

    /// Whether other processes may share this database: this one runs only some of the
    /// gateway shards (`[discord] shards`).
    pub fn shares_database(&self) -> bool {
        !self.shards.covers_all()
    }

    /// Claims one piece of work (`item`: a request's board post, a flow's first message)
    /// that another process sharing the database might do at the same time (its recovery
    /// after a crash racing this one's live work). Waits up to `wait` while another holds
    /// it; `None` if it still does (it is doing the work). Alone, every claim is granted at
    /// once, without a write.
    pub async fn claim(&self, item: String, wait: Duration) -> Result<Option<Claim>, StoreError> {
        if !self.shares_database() {
            return Ok(Some(Claim(None)));
        }
        let lease = self
            .store
            .wait_for_lease(item, self.holder.clone(), CLAIM_TTL, wait)
            .await?;
        Ok(lease.map(|lease| Claim(Some(lease))))
    }

    /// The lock that serialises creating `user`'s request channel in `guild`.
    pub fn creation_lock(&self, guild: Snowflake, user: Snowflake) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self
            .creating
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if locks.len() > 10_000 {
            locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        locks.entry((guild, user)).or_default().clone()
    }

    /// The lock that serialises checking (and redrawing) `guild`'s panel: two checks
    /// worded from different moments (a sweep, and a language change just after) would
    /// otherwise land in either order, the older last.
    pub fn panel_lock(&self, guild: Snowflake) -> AsyncLock {
        self.panels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(guild)
            .or_default()
            .clone()
    }
}

/// How long a claim outlives its holder: a process killed in the middle of some work lets
/// another do it this long after (the holder renews it while it works).
const CLAIM_TTL: Duration = Duration::from_secs(5);

/// One piece of work this process does (see [`Bot::claim`]); give it up when done.
#[must_use = "a claim is held until released"]
pub struct Claim(Option<HeldLease>);

impl Claim {
    pub async fn release(self) {
        if let Some(lease) = self.0 {
            if let Err(err) = lease.release().await {
                tracing::warn!(%err, "cannot give a claim up; it will run out");
            }
        }
    }
}

/// A new name for leases: the process id, the start time and a count of bots made here.
fn lease_holder() -> String {
    static BOTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = BOTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(
        "pid{}-{}-{n}",
        std::process::id(),
        Timestamp::now().as_millis()
    )
}

/// Whether `roles` include any of `wanted`.
pub fn has_any_role(roles: &[RoleId], wanted: &[Snowflake]) -> bool {
    roles
        .iter()
        .any(|r| wanted.iter().any(|w| w.get() == r.get()))
}

/// A serenity id as ours.
pub fn snowflake(id: impl Into<u64>) -> Snowflake {
    Snowflake::from_discord(id.into())
}

/// Discord's JSON error code of a failed call, if it was one.
pub fn discord_code(err: &serenity::Error) -> Option<isize> {
    match err {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            Some(response.error.code)
        }
        _ => None,
    }
}
