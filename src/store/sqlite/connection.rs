//! Opening SQLite connections with the pragmas every connection needs.

use std::path::Path;
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OpenFlags};

use super::ReadPool;
use crate::store::StoreError;

/// The pragmas set once per connection (WAL is persistent, but setting it is idempotent).
fn pragmas(busy_timeout: Duration) -> String {
    format!(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = {};",
        busy_timeout.as_millis()
    )
}

fn open_error(path: &Path, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Open {
        path: path.to_owned(),
        reason: format!(
            "{reason} (check that the directory exists and craftdesk may write there; set [database] path)"
        ),
    }
}

/// The one connection that writes. It never runs WAL autocheckpoints: those stall it, so
/// the background task checkpoints instead.
pub(in crate::store) fn open_writer(
    path: &Path,
    busy_timeout: Duration,
) -> Result<Connection, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|err| open_error(path, err))?;
    }
    let conn = Connection::open(path).map_err(|err| open_error(path, err))?;
    conn.execute_batch(&pragmas(busy_timeout))
        .map_err(|err| open_error(path, err))?;
    // Checkpoints come from the background task; after each, the WAL file is cut back to
    // 64 MiB so a burst does not leave it large for good.
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;")
        .map_err(|err| open_error(path, err))?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// The pool of read-only connections.
pub(super) fn read_pool(
    path: &Path,
    size: u32,
    busy_timeout: Duration,
) -> Result<ReadPool, StoreError> {
    let init = pragmas(busy_timeout);
    let manager = SqliteConnectionManager::file(path)
        .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_init(move |conn| {
            // journal_mode cannot be changed on a read-only connection; the writer set it.
            conn.execute_batch(&init.replace("PRAGMA journal_mode = WAL;", ""))?;
            conn.execute_batch("PRAGMA query_only = ON; PRAGMA cache_size = -1024;")?;
            conn.set_prepared_statement_cache_capacity(64);
            Ok(())
        });
    r2d2::Pool::builder()
        // A read-only local file connection does not go stale: skip r2d2's per-checkout
        // validity query, which is a measurable share of a point read.
        .test_on_check_out(false)
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(busy_timeout.max(Duration::from_secs(1)))
        .build(manager)
        .map_err(|err| open_error(path, err))
}
