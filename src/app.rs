//! Starting and stopping craftdesk: the store, the catalogs, the Discord client, the
//! background tasks (cleanup, backups, the metrics endpoint), shutdown.

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
}

impl App {
    /// Opens the store (applying migrations before anything connects), loads every guild's
    /// catalog, and builds the Discord client. Fails with a message naming what is wrong.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let token = config.token()?.clone();
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
        let (client, bot) = discord::build_client(&token, &config.discord.api_base, |http| {
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
    /// gateway fails for good, and stops the tasks either way.
    pub async fn serve(
        mut self,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> anyhow::Result<()> {
        discord::reconcile(&self.bot).await;
        let tasks = CancellationToken::new();
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
            DiscordCleanup::new(self.client.http.clone()),
            CleanupPolicy::from(&self.cleanup),
            self.cleanup.interval,
            tasks.clone(),
            lease_holder(),
        );
        let checkpoints = sqlite.then(|| {
            tokio::spawn(checkpoint_periodically(
                self.bot.store.clone(),
                tasks.clone(),
            ))
        });
        let ops = self.ops_listener.take().map(|listener| {
            ops_server::spawn(
                listener,
                crate::metrics::install(),
                self.bot.store.clone(),
                Arc::new(discord::GatewayProbe::new(
                    self.bot.gateway.clone(),
                    self.client.shard_manager.clone(),
                )),
                tasks.clone(),
            )
        });
        let shards = self.client.shard_manager.clone();
        let range = self.shards;
        let gateway = async {
            match range {
                // serenity's range end is the last shard, included.
                Some(r) => {
                    tracing::info!(%r, "starting the gateway");
                    self.client
                        .start_shard_range(r.first..r.end - 1, r.total)
                        .await
                }
                None => self.client.start().await,
            }
        };
        let result = tokio::select! {
            result = gateway => result.map_err(anyhow::Error::from),
            () = shutdown => {
                tracing::info!("shutting down");
                shards.shutdown_all().await;
                Ok(())
            }
        };
        tasks.cancel();
        if let Some(checkpoints) = checkpoints {
            let _ = checkpoints.await;
        }
        if tokio::time::timeout(Duration::from_secs(5), cleanup)
            .await
            .is_err()
        {
            tracing::warn!("the cleanup task did not stop within 5 s");
        }
        if let Some(Err(err)) = match backups {
            Some(backups) => Some(backups.await),
            None => None,
        } {
            tracing::error!(error = %err, "the backup task panicked");
        }
        if let Some(ops) = ops {
            if tokio::time::timeout(Duration::from_secs(5), ops)
                .await
                .is_err()
            {
                tracing::warn!("the metrics endpoint did not stop within 5 s");
            }
        }
        result
    }
}

/// This process's name on leases: unique per process (and per app in one process, as tests
/// run several).
fn lease_holder() -> String {
    static APPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = APPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(
        "pid{}-{}-{n}",
        std::process::id(),
        crate::domain::Timestamp::now().as_millis()
    )
}

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

/// `craftdesk run`: build, then serve until SIGINT/SIGTERM.
pub async fn run(config: Config) -> anyhow::Result<()> {
    App::build(&config).await?.serve(shutdown_signal()).await
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
