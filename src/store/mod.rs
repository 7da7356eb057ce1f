//! Everything craftdesk keeps, reached only through this module: a SQLite file (the
//! default) or a PostgreSQL server (`[database] url`), behind one [`Store`].
//!
//! `Store` is what flows and the Discord adapter use: cheap to clone, every method async.
//! Each method works out what follows from the session policy, then hands over to the
//! backend (`sqlite/`, `postgres/`), which holds all the SQL. Both keep the same contract
//! (`tests/it/store.rs` runs against both): CAS on session versions, conditional touch,
//! chunked expiry, guild-local request numbers, CAS status changes, append-only events.

mod board;
mod channels;
mod characters;
mod copy_to_postgres;
mod guild_settings;
mod leases;
mod legacy_file;
mod postgres;
mod recovery;
mod requests;
mod rows;
mod sessions;
mod sql;
mod sqlite;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::config::{DatabaseConfig, SessionsConfig};
use crate::domain::{Snowflake, Timestamp};
use crate::legacy::{ImportReport, LegacyData};

pub use board::{AuditEntry, AuditPage};
pub use characters::CharacterInput;
pub use copy_to_postgres::{copy_sqlite_to_postgres, CopyReport, TableCopy};
pub use guild_settings::{RecordedSettingChange, SettingChange, StoredCatalog, StoredSettings};
pub use leases::HeldLease;
pub use legacy_file::{read_legacy_database, LegacyReadError};
pub use requests::{NewRequest, RequestEvent, StatusChange, StoredRequest, SubmitLimits};
pub use sessions::{ExpiredSession, NewSession, Session, SessionSummary};
pub use sqlite::{
    backup_database, backup_file_name, latest_version, prune, schema_version, utc_stamp,
};

/// What to do instead of a file backup when the store is PostgreSQL.
pub const PG_BACKUP_HINT: &str =
    "backups of a PostgreSQL store are the server's job: use pg_dump (or your provider's snapshots)";

/// What can go wrong in the store, worded for the operator who reads the log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    /// `target` is the server's URL without its password.
    #[error("cannot connect to PostgreSQL at {target}: {reason}")]
    Connect { target: String, reason: String },
    #[error(
        "the database at {database} was written by a newer craftdesk (schema version {found}, this build knows up to {known}); run that version or restore a backup"
    )]
    TooNew {
        database: String,
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
    /// The member already has this many live flows of the kind they tried to start.
    #[error("{open} flows of this kind are already open")]
    TooManyOpen { open: u32 },
    /// A limit the member reached (`flow::refusal` words it for them).
    #[error("a member's limit was reached: {0:?}")]
    Limit(crate::domain::Limit),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("the write could not be committed: {0}")]
    Commit(String),
    #[error("the database is shutting down")]
    Closed,
    /// A failure a test injected in this operation (see [`Store::fail_next`]).
    #[error("the database could not be reached (injected in {0})")]
    Unavailable(&'static str),
    #[error("backup failed at {path}: {reason}")]
    Backup { path: PathBuf, reason: String },
    #[error("the backup was stopped because craftdesk is shutting down")]
    BackupCancelled,
    /// Something only the SQLite backend does; the text says what to do instead.
    #[error("not supported with PostgreSQL: {0}")]
    NotSupported(&'static str),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database pool error: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database error: {}", postgres::describe_error(.0))]
    Postgres(#[from] tokio_postgres::Error),
    #[error("database pool error: {}", postgres::describe(.0))]
    PgPool(#[from] deadpool_postgres::PoolError),
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

/// Which database a [`Store`] talks to.
#[derive(Clone)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

/// Calls the same method on whichever backend the store has, and awaits it.
macro_rules! on_backend {
    ($store:expr, $db:ident => $call:expr) => {
        match &$store.backend {
            $crate::store::Backend::Sqlite($db) => $call.await,
            $crate::store::Backend::Postgres($db) => $call.await,
        }
    };
}
pub(crate) use on_backend;

/// A handle on the database; cheap to clone, shared by every task.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
    policy: SessionPolicy,
    injected: std::sync::Arc<InjectedFailures>,
}

/// Failures a test asked for ([`Store::fail_next`]): the next calls of an operation fail
/// as a database that cannot be reached would. Empty outside tests.
#[derive(Debug, Default)]
struct InjectedFailures(std::sync::Mutex<std::collections::HashMap<&'static str, u32>>);

impl InjectedFailures {
    fn take(&self, operation: &'static str) -> Result<(), StoreError> {
        let mut pending = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match pending.get_mut(operation) {
            Some(left) if *left > 0 => {
                *left -= 1;
                Err(StoreError::Unavailable(operation))
            }
            _ => Ok(()),
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.location())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the SQLite database of `config` (creating it if needed), applies pending
    /// migrations, and starts the writer thread. Blocking: call it before the runtime
    /// serves traffic, or in `spawn_blocking`. For any backend, use [`Store::connect`].
    pub fn open(config: &DatabaseConfig, policy: SessionPolicy) -> Result<Self, StoreError> {
        if config.is_postgres() {
            return Err(StoreError::NotSupported(
                "Store::open opens SQLite files; use Store::connect",
            ));
        }
        let db = sqlite::Sqlite::open(&config.path, config.pool_size, config.busy_timeout)?;
        Ok(Self {
            backend: Backend::Sqlite(db),
            policy,
            injected: std::sync::Arc::default(),
        })
    }

    /// Opens the store `config` names (a SQLite file, or a PostgreSQL server when
    /// `url` is set) and brings its schema up to date before anything else uses it.
    pub async fn connect(
        config: &DatabaseConfig,
        policy: SessionPolicy,
    ) -> Result<Self, StoreError> {
        if let Some(url) = &config.url {
            let db =
                postgres::Postgres::connect(url, config.pool_size, config.busy_timeout).await?;
            return Ok(Self {
                backend: Backend::Postgres(db),
                policy,
                injected: std::sync::Arc::default(),
            });
        }
        let config = config.clone();
        tokio::task::spawn_blocking(move || Self::open(&config, policy))
            .await
            .map_err(|_| StoreError::Closed)?
    }

    /// Applies pending migrations without starting anything; returns the schema version.
    pub async fn migrate_only(config: &DatabaseConfig) -> Result<usize, StoreError> {
        if let Some(url) = &config.url {
            return postgres::Postgres::migrate_only(url, config.busy_timeout).await;
        }
        let (path, busy_timeout) = (config.path.clone(), config.busy_timeout);
        tokio::task::spawn_blocking(move || sqlite::Sqlite::migrate_only(&path, busy_timeout))
            .await
            .map_err(|_| StoreError::Closed)?
    }

    /// The SQLite file, or `None` on PostgreSQL.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match &self.backend {
            Backend::Sqlite(db) => Some(db.path()),
            Backend::Postgres(_) => None,
        }
    }

    /// Where the data is, for logs: the file's path, or the server's URL without its
    /// password.
    #[must_use]
    pub fn location(&self) -> String {
        match &self.backend {
            Backend::Sqlite(db) => db.path().display().to_string(),
            Backend::Postgres(db) => db.target().to_owned(),
        }
    }

    /// Whether the data lives in PostgreSQL (no WAL checkpoints or file backups here).
    #[must_use]
    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// For tests: the next `times` calls of `operation` (the store method's name) fail with
    /// [`StoreError::Unavailable`], as they would while the database cannot be reached.
    /// Only the operations that check for it can fail so (`all_member_channels`).
    pub fn fail_next(&self, operation: &'static str, times: u32) {
        self.injected
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(operation, times);
    }

    #[must_use]
    pub fn policy(&self) -> SessionPolicy {
        self.policy
    }

    /// The schema version of the open database.
    pub async fn version(&self) -> Result<usize, StoreError> {
        on_backend!(self, db => db.version())
    }

    /// Copies pending WAL frames into the SQLite file. The writer never checkpoints on its
    /// own (that would stall it); the background task calls this. `truncate` also shrinks
    /// the WAL file to zero, worth it after a large delete. Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self, truncate: bool) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(db) => db.checkpoint(truncate).await,
            Backend::Postgres(_) => Ok(()),
        }
    }

    /// Writes a consistent copy of the database to `dir` (created if missing), named after
    /// `now` in UTC; returns its path. Writers are not blocked while it runs. SQLite only.
    pub async fn backup_to(&self, dir: &Path, now: Timestamp) -> Result<PathBuf, StoreError> {
        self.backup_to_cancellable(dir, now, &CancellationToken::new())
            .await
    }

    /// [`Store::backup_to`], giving up (and removing its temporary file) soon after `cancel`
    /// fires, so shutdown never waits for a long backup.
    pub async fn backup_to_cancellable(
        &self,
        dir: &Path,
        now: Timestamp,
        cancel: &CancellationToken,
    ) -> Result<PathBuf, StoreError> {
        match &self.backend {
            Backend::Sqlite(db) => db.backup_to_cancellable(dir, now, cancel).await,
            Backend::Postgres(_) => Err(StoreError::NotSupported(PG_BACKUP_HINT)),
        }
    }

    /// Imports a legacy database's rows into `guild`, all in one transaction, skipping
    /// rows an earlier run imported. Returns what was imported and what was skipped, why.
    /// SQLite only: import into a SQLite file, then copy it with `craftdesk migrate-store`.
    pub async fn import_legacy(
        &self,
        guild: Snowflake,
        data: LegacyData,
        now: Timestamp,
    ) -> Result<ImportReport, StoreError> {
        match &self.backend {
            Backend::Sqlite(db) => db.import_legacy(guild, data, now).await,
            Backend::Postgres(_) => Err(StoreError::NotSupported(
                "import-legacy writes to a SQLite database: import into one (a [database] path), then copy it with `craftdesk migrate-store --from sqlite:PATH --to postgres://…`",
            )),
        }
    }
}
