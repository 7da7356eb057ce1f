//! The SQLite backend: one file, in WAL mode.
//!
//! Writes go through one writer connection on its own thread, fed by a channel; it commits
//! whatever is queued in one transaction (each job in its own savepoint), which is what
//! SQLite does fastest. Reads go through an r2d2 pool of read-only connections in
//! `spawn_blocking`, inside a tracing span. Backups (`backup.rs`) read from a connection of
//! their own. See `DESIGN.md` § Conventions.

mod backup;
mod board;
mod channels;
mod characters;
mod connection;
mod guild_settings;
mod leases;
mod legacy;
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

use super::StoreError;

pub use backup::{backup_database, backup_file_name, prune, utc_stamp};
pub use migrations::{latest_version, schema_version};
#[cfg(test)]
pub(super) use {connection::open_writer, migrations::migrate};

type ReadPool = r2d2::Pool<SqliteConnectionManager>;

/// An open SQLite database: the writer thread's handle and the read pool.
#[derive(Clone)]
pub(super) struct Sqlite {
    writer: writer::WriterHandle,
    readers: ReadPool,
    path: PathBuf,
    busy_timeout: Duration,
}

impl Sqlite {
    /// Opens (creating if needed) the database, applies pending migrations, and starts the
    /// writer thread. Blocking.
    pub(super) fn open(
        path: &Path,
        pool_size: u32,
        busy_timeout: Duration,
    ) -> Result<Self, StoreError> {
        let mut writer_conn = connection::open_writer(path, busy_timeout)?;
        migrations::migrate(&mut writer_conn, path)?;
        let readers = connection::read_pool(path, pool_size, busy_timeout)?;
        let writer = writer::spawn(writer_conn);
        Ok(Self {
            writer,
            readers,
            path: path.to_owned(),
            busy_timeout,
        })
    }

    /// Applies pending migrations without starting anything; returns the schema version.
    pub(super) fn migrate_only(path: &Path, busy_timeout: Duration) -> Result<usize, StoreError> {
        let mut conn = connection::open_writer(path, busy_timeout)?;
        migrations::migrate(&mut conn, path)?;
        schema_version(&conn)
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    pub(super) async fn version(&self) -> Result<usize, StoreError> {
        self.read("schema_version", schema_version).await
    }

    /// Copies pending WAL frames into the database file; `truncate` also shrinks the WAL
    /// file to zero.
    pub(super) async fn checkpoint(&self, truncate: bool) -> Result<(), StoreError> {
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
