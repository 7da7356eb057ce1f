//! Starting and stopping craftdesk: the store, the Discord client, shutdown on a signal.

use crate::config::Config;
use crate::discord;
use crate::store::{SessionPolicy, Store};

/// Opens the store (applying migrations before anything connects), connects to Discord and
/// serves until a shutdown signal or a fatal gateway error.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let token = config.token()?.clone();
    let database = config.database;
    let policy = SessionPolicy::from(&config.sessions);
    let store = tokio::task::spawn_blocking(move || Store::open(&database, policy)).await??;
    tracing::info!(
        path = %store.path().display(),
        version = store.version().await?,
        "database ready"
    );

    let mut client = discord::build_client(&token, &config.discord.api_base, store).await?;
    let shards = client.shard_manager.clone();
    tokio::select! {
        result = client.start() => result?,
        () = shutdown_signal() => {
            tracing::info!("shutting down");
            shards.shutdown_all().await;
        }
    }
    Ok(())
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
