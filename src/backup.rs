//! The backup task: every `backup.interval`, an online backup into `backup.dir`, keeping
//! the newest `backup.keep`. Spawned once from [`crate::app::App::serve`] with a shutdown
//! token (not from `ready`, which fires again on reconnect); `craftdesk backup` takes one
//! on demand through [`take_now`]. The SQLite side lives in `store/backup.rs`.

use std::path::PathBuf;

use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};
use tokio_util::sync::CancellationToken;

use crate::config::{BackupConfig, DatabaseConfig};
use crate::domain::Timestamp;
use crate::store::{self, Store, StoreError};

/// A backup written, and what pruning removed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub path: PathBuf,
    pub bytes: u64,
    pub pruned: Vec<PathBuf>,
}

/// One backup of the open store at `now`, then pruning; stops early if `shutdown` fires.
pub async fn run_once(
    store: &Store,
    config: &BackupConfig,
    now: Timestamp,
    shutdown: &CancellationToken,
) -> Result<Made, StoreError> {
    let path = store
        .backup_to_cancellable(&config.dir, now, shutdown)
        .await?;
    finish(path, config).await
}

/// `craftdesk backup`: one backup of the database file (no migration, no writer), then
/// pruning.
pub async fn take_now(
    database: &DatabaseConfig,
    config: &BackupConfig,
    now: Timestamp,
) -> Result<Made, StoreError> {
    let path = store::backup_database(database, &config.dir, now).await?;
    finish(path, config).await
}

async fn finish(path: PathBuf, config: &BackupConfig) -> Result<Made, StoreError> {
    let (dir, keep) = (config.dir.clone(), config.keep);
    tokio::task::spawn_blocking(move || {
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let pruned = store::prune(&dir, usize::try_from(keep).unwrap_or(usize::MAX))?;
        Ok(Made {
            path,
            bytes,
            pruned,
        })
    })
    .await
    .map_err(|_| StoreError::Closed)?
}

/// Backs up every `config.interval` (the first one interval after the start, not at once)
/// until `shutdown` fires; a backup in progress then stops and leaves no file. A failed
/// backup is logged and the loop goes on. `made`, if given, hears of each backup written
/// (tests wait on it instead of sleeping).
pub async fn run_periodically(
    store: Store,
    config: BackupConfig,
    shutdown: CancellationToken,
    made: Option<mpsc::UnboundedSender<Made>>,
) {
    // The wall clock at the start plus tokio's clock since: names follow real time, and a
    // paused clock in tests moves them too.
    let (wall_start, start) = (Timestamp::now(), Instant::now());
    let mut ticks = tokio::time::interval_at(start + config.interval, config.interval);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            tick = ticks.tick() => {
                let now = wall_start.saturating_add(tick.duration_since(start));
                match run_once(&store, &config, now, &shutdown).await {
                    Ok(backup) => {
                        tracing::info!(
                            path = %backup.path.display(),
                            bytes = backup.bytes,
                            pruned = backup.pruned.len(),
                            "periodic backup done"
                        );
                        if let Some(made) = &made {
                            let _ = made.send(backup);
                        }
                    }
                    Err(StoreError::BackupCancelled) => break,
                    Err(err) => tracing::error!(
                        error = %err,
                        next_in = %humantime::format_duration(config.interval),
                        "periodic backup failed; trying again at the next interval"
                    ),
                }
            }
        }
    }
    tracing::debug!("backup task stopped");
}
