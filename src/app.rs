//! Starting and stopping craftdesk: the store, the catalogs, the Discord client, the
//! background tasks (cleanup, backups, the metrics endpoint), and a graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use serenity::Client;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::backup;
use crate::cleanup::{self, CleanupPolicy};
use crate::config::{BackupConfig, CleanupConfig, Config};
use crate::discord::{self, Bot, DiscordCleanup};
use crate::ops_server;
use crate::store::{SessionPolicy, Store};

/// A built, not yet started, craftdesk.
pub struct App {
    pub client: Client,
    pub bot: Arc<Bot>,
    pub backup: BackupConfig,
    cleanup: CleanupConfig,
    /// The gateway shards to run; `None`: all of them.
    shards: Option<crate::config::ShardRange>,
    /// The bound `/metrics` and `/healthz` listener, when `telemetry.metrics_addr` is set.
    ops_listener: Option<TcpListener>,
    /// To build one more gateway client per shard when the shards start together.
    token: secrecy::SecretString,
    discord: crate::config::DiscordConfig,
}

impl App {
    /// Opens the store (applying migrations before anything connects), loads every guild's
    /// catalog, and builds the Discord client. Fails with a message naming what is wrong.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let token = config.token()?.clone();
        for note in config.deprecations() {
            tracing::warn!("{note}");
        }
        let database = config.database.clone();
        let policy = SessionPolicy::from(&config.sessions);
        let store = Store::connect(&database, policy).await?;
        tracing::info!(database = %store.location(), version = store.version().await?, "database ready");
        let ops_listener = match config.telemetry.metrics_addr {
            Some(addr) => Some(
                ops_server::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on telemetry.metrics_addr {addr}"))?,
            ),
            None => None,
        };
        let guilds = discord::load_guilds(config)?;
        let from_discord = guilds.load_from_store(&store).await?;
        tracing::info!(
            from_file = config.guilds.len(),
            from_discord,
            "guilds loaded"
        );
        let (client, bot) = discord::build_client(&token, &config.discord, |http| {
            Bot::new(store, http, config, guilds)
        })
        .await?;
        Ok(Self {
            client,
            bot,
            backup: config.backup.clone(),
            cleanup: config.cleanup.clone(),
            shards: config.shard_range().map_err(anyhow::Error::msg)?,
            ops_listener,
            token,
            discord: config.discord.clone(),
        })
    }

    /// Where `/metrics` and `/healthz` are served (with the port chosen, if 0 was asked).
    #[must_use]
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.ops_listener
            .as_ref()
            .and_then(|listener| listener.local_addr().ok())
    }

    /// Reconciles with Discord, starts the background tasks once (here, not in `ready`,
    /// which fires again on every reconnect), then serves until `shutdown` resolves or the
    /// gateway fails for good. Then it stops in order, within [`SHUTDOWN_WITHIN`]: new
    /// interactions are answered "restarting", those in flight finish (up to
    /// [`DRAIN_WITHIN`]), the gateway closes, the tasks stop, and the WAL is checkpointed.
    pub async fn serve(
        mut self,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> anyhow::Result<()> {
        discord::reconcile(&self.bot).await;
        let plan = discord::shard_plan(&self.bot, self.shards).await;
        let mut gateway =
            discord::Shards::new(self.client, plan, &self.token, &self.discord, &self.bot).await?;
        let tasks = CancellationToken::new();
        // Guilds are reconciled as their GUILD_CREATE comes, while members are served.
        let late_reconcile =
            discord::spawn_reconciliation(self.bot.clone(), self.cleanup.interval, tasks.clone());
        // WAL checkpoints and file backups are SQLite's; PostgreSQL's server does its own.
        let sqlite = !self.bot.store.is_postgres();
        let backups = sqlite.then(|| {
            tokio::spawn(backup::run_periodically(
                self.bot.store.clone(),
                self.backup.clone(),
                tasks.clone(),
                None,
            ))
        });
        let cleanup = cleanup::spawn(
            self.bot.store.clone(),
            DiscordCleanup::new(self.bot.clone()),
            CleanupPolicy::from(&self.cleanup),
            self.cleanup.interval,
            tasks.clone(),
            self.bot.holder.clone(),
        );
        // Processes sharing the database pick up what a stopped one left half done.
        let recovery = self.bot.shares_database().then(|| {
            tokio::spawn(discord::recover_periodically(
                self.bot.clone(),
                self.cleanup.interval,
                tasks.clone(),
            ))
        });
        let checkpoints = sqlite.then(|| {
            tokio::spawn(checkpoint_periodically(
                self.bot.store.clone(),
                tasks.clone(),
            ))
        });
        let managers = gateway.managers();
        let ops = self.ops_listener.take().map(|listener| {
            ops_server::spawn(
                listener,
                crate::metrics::install(),
                self.bot.store.clone(),
                Arc::new(discord::GatewayProbe::new(
                    self.bot.gateway.clone(),
                    managers.clone(),
                )),
                tasks.clone(),
            )
        });
        let result = tokio::select! {
            result = gateway.run() => result.map_err(anyhow::Error::from),
            () = shutdown => Ok(()),
        };
        let stopping = tokio::time::Instant::now();
        tracing::info!("shutting down: finishing the interactions in flight");
        let unfinished = self.bot.drain(DRAIN_WITHIN).await;
        if unfinished > 0 {
            tracing::warn!(
                unfinished,
                "interactions still running at the shutdown deadline"
            );
        }
        for manager in &managers {
            manager.shutdown_all().await;
        }
        tasks.cancel();
        let left = |used: Duration| {
            SHUTDOWN_WITHIN
                .saturating_sub(stopping.elapsed())
                .saturating_sub(used)
        };
        if let Some(checkpoints) = checkpoints {
            let _ = tokio::time::timeout(left(Duration::from_secs(2)), checkpoints).await;
        }
        for (task, what) in [
            (late_reconcile, "the guilds' reconciliation"),
            (recovery, "the recovery task"),
            (Some(cleanup), "the cleanup task"),
            (backups, "the backup task"),
        ] {
            if let Some(task) = task {
                await_stopped(task, left(Duration::from_secs(2)), what).await;
            }
        }
        if let Some(ops) = ops {
            await_stopped(ops, left(Duration::from_secs(1)), "the metrics endpoint").await;
        }
        // Everything acknowledged is committed; fold the WAL in so the file stands alone.
        if sqlite {
            match tokio::time::timeout(left(Duration::ZERO), self.bot.store.checkpoint(true)).await
            {
                Ok(Ok(())) => {}
                Ok(Err(err)) => tracing::warn!(%err, "final checkpoint failed"),
                Err(_) => tracing::warn!("final checkpoint did not finish in time"),
            }
        }
        tracing::info!(took_ms = stopping.elapsed().as_millis(), "stopped");
        result
    }
}

/// Waits up to `within` for a background task to stop; logs it if it did not.
async fn await_stopped(task: tokio::task::JoinHandle<()>, within: Duration, what: &str) {
    match tokio::time::timeout(within, task).await {
        Err(_) => tracing::warn!("{what} did not stop in time"),
        Ok(Err(err)) => tracing::error!(error = %err, "{what} panicked"),
        Ok(Ok(())) => {}
    }
}

/// How long a shutdown may take in all (SIGTERM to exit: orchestrators wait about 10 s).
pub const SHUTDOWN_WITHIN: Duration = Duration::from_secs(8);
/// How long interactions already running get to finish when shutting down.
pub const DRAIN_WITHIN: Duration = Duration::from_secs(4);

/// How often the WAL is folded back into the database. The writer never checkpoints on its
/// own (that stalls it); without this, a busy hour grows the WAL by hundreds of MiB.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(5);

/// Passive checkpoints (they never block the writer) until `stop` is cancelled.
async fn checkpoint_periodically(store: Store, stop: CancellationToken) {
    let mut ticker = tokio::time::interval_at(
        tokio::time::Instant::now() + CHECKPOINT_EVERY,
        CHECKPOINT_EVERY,
    );
    loop {
        tokio::select! {
            _ = ticker.tick() => {
                if let Err(err) = store.checkpoint(false).await {
                    tracing::warn!(%err, "checkpoint failed");
                }
            }
            () = stop.cancelled() => break,
        }
    }
}

/// The runtime `craftdesk run` uses. Store reads run in `spawn_blocking`; the read pool has
/// only a few connections, so more blocking threads would only wait on it, each costing a
/// stack and a malloc arena: a thousand members at once grew the process past 130 MiB with
/// tokio's default of 512 blocking threads.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(16)
        .build()
}

/// `craftdesk run`: build, then serve until SIGINT/SIGTERM; SIGHUP re-reads `path` (see
/// `discord::reload`).
pub async fn run(config: Config, path: std::path::PathBuf) -> anyhow::Result<()> {
    let app = App::build(&config).await?;
    let stop = CancellationToken::new();
    let reloads = tokio::spawn(discord::reload_on_sighup(
        app.bot.clone(),
        config,
        path,
        stop.clone(),
    ));
    // Every language's texts are built before the first member's answer needs them.
    let texts = tokio::task::spawn_blocking(crate::i18n::preload).await?;
    tracing::info!(ms = texts.as_millis(), "texts of every language loaded");
    let served = app.serve(shutdown_signal()).await;
    stop.cancel();
    let _ = reloads.await;
    served
}

/// Resolves when the process is asked to stop: Ctrl-C, or SIGTERM on Unix.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
