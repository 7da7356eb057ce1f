//! Everything craftdesk keeps: one SQLite file, reached only through this module.
//!
//! Writes go through one writer connection on its own thread, fed by a channel; it commits
//! whatever is queued in one transaction (each job in its own savepoint), which is what
//! SQLite does fastest. Reads go through an r2d2 pool of read-only connections in
//! `spawn_blocking`, inside a tracing span. Backups (`backup.rs`) read from a connection of
//! their own. See `DESIGN.md` § Conventions.

mod backup;
mod channels;
mod characters;
mod connection;
mod legacy;
mod legacy_file;
mod migrations;
mod recovery;
mod requests;
mod sessions;
mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::Connection;
use tracing::Instrument;

use crate::config::{DatabaseConfig, SessionsConfig};

pub use backup::{backup_database, backup_file_name, prune, utc_stamp};
pub use characters::CharacterInput;
pub use legacy_file::{read_legacy_database, LegacyReadError};
pub use migrations::{latest_version, schema_version};
pub use requests::{NewRequest, RequestEvent, StatusChange, StoredRequest, SubmitLimits};
pub use sessions::{ExpiredSession, NewSession, Session, SessionSummary};

type ReadPool = r2d2::Pool<SqliteConnectionManager>;

/// What can go wrong in the store, worded for the operator who reads the log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error(
        "the database at {path} was written by a newer craftdesk (schema version {found}, this build knows up to {known}); run that version or restore a backup"
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("the session was changed by someone else (expected version {expected})")]
    Conflict { expected: i64 },
    #[error("not found")]
    NotFound,
    #[error("{0} is already taken")]
    Duplicate(String),
    /// A limit the member hit; the text is what they see.
    #[error("{0}")]
    Limit(String),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("the write could not be committed: {0}")]
    Commit(String),
    #[error("the database is shutting down")]
    Closed,
    #[error("backup failed at {path}: {reason}")]
    Backup { path: PathBuf, reason: String },
    #[error("the backup was stopped because craftdesk is shutting down")]
    BackupCancelled,
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database pool error: {0}")]
    Pool(#[from] r2d2::Error),
}

/// How sessions live: the TTL counted from last activity, and how often activity is written.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub ttl: Duration,
    pub touch_threshold: Duration,
}

impl From<&SessionsConfig> for SessionPolicy {
    fn from(config: &SessionsConfig) -> Self {
        Self {
            ttl: config.ttl,
            touch_threshold: config.touch_threshold,
        }
    }
}

/// A handle on the database; cheap to clone, shared by every task.
#[derive(Clone)]
pub struct Store {
    writer: writer::WriterHandle,
    readers: ReadPool,
    policy: SessionPolicy,
    path: PathBuf,
    busy_timeout: Duration,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database, applies pending migrations, and starts the
    /// writer thread. Blocking: call it before the runtime serves traffic, or in
    /// `spawn_blocking`.
    pub fn open(config: &DatabaseConfig, policy: SessionPolicy) -> Result<Self, StoreError> {
        let path = config.path.clone();
        let mut writer_conn = connection::open_writer(&path, config.busy_timeout)?;
        migrations::migrate(&mut writer_conn, &path)?;
        let readers = connection::read_pool(&path, config.pool_size, config.busy_timeout)?;
        let writer = writer::spawn(writer_conn);
        Ok(Self {
            writer,
            readers,
            policy,
            path,
            busy_timeout: config.busy_timeout,
        })
    }

    /// Applies pending migrations without starting anything; returns the schema version.
    pub fn migrate_only(config: &DatabaseConfig) -> Result<usize, StoreError> {
        let mut conn = connection::open_writer(&config.path, config.busy_timeout)?;
        migrations::migrate(&mut conn, &config.path)?;
        schema_version(&conn)
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    #[must_use]
    pub fn policy(&self) -> SessionPolicy {
        self.policy
    }

    /// The schema version of the open database.
    pub async fn version(&self) -> Result<usize, StoreError> {
        self.read("schema_version", schema_version).await
    }

    /// Copies pending WAL frames into the database file. The writer never checkpoints on
    /// its own (that would stall it); the background task calls this. `truncate` also
    /// shrinks the WAL file to zero, worth it after a large delete.
    pub async fn checkpoint(&self, truncate: bool) -> Result<(), StoreError> {
        let sql = if truncate {
            "PRAGMA wal_checkpoint(TRUNCATE)"
        } else {
            "PRAGMA wal_checkpoint(PASSIVE)"
        };
        // Read-only pool connections cannot checkpoint, and the writer must not wait for
        // one: a short-lived connection of its own does it.
        let (path, busy_timeout) = (self.path.clone(), self.busy_timeout);
        let span = tracing::debug_span!("store.checkpoint", truncate);
        tokio::task::spawn_blocking(move || {
            span.in_scope(|| {
                let conn = connection::open_writer(&path, busy_timeout)?;
                conn.query_row(sql, [], |_| Ok(()))?;
                Ok(())
            })
        })
        .await
        .map_err(|_| StoreError::Closed)?
    }

    /// Runs `work` on a pooled read connection in `spawn_blocking`, inside a span. The wait
    /// for a pooled connection is measured (r2d2 does not expose one).
    async fn read<T, F>(&self, operation: &'static str, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.readers.clone();
        let span = tracing::debug_span!("store.read", operation);
        tokio::task::spawn_blocking(move || {
            span.in_scope(|| {
                let waiting = std::time::Instant::now();
                let conn = pool.get()?;
                crate::metrics::pool_waited(waiting.elapsed());
                work(&conn)
            })
        })
        .await
        .map_err(|_| StoreError::Closed)?
    }

    /// Queues `work` on the writer thread; resolves once its transaction has committed.
    async fn write<T, F>(&self, operation: &'static str, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.writer
            .run(work)
            .instrument(tracing::debug_span!("store.write", operation))
            .await
    }
}
