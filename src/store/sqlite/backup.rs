//! Online backups of the database: SQLite's backup API, never a file copy of a live database.
//!
//! A backup reads from a connection of its own (read-only, not the writer, not a pooled
//! reader) that holds one read transaction from start to end, so it copies one consistent
//! snapshot while writers go on committing: in WAL mode readers never block the writer, and
//! holding the snapshot keeps SQLite from restarting the copy each time someone writes. It
//! copies a chunk of pages at a time with a short pause between chunks, into a temporary
//! file in the backup directory that is fsync'd and then renamed to
//! `craftdesk-<YYYYMMDDTHHMMSSZ>.sqlite`, so a backup file is either complete or absent.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use tokio_util::sync::CancellationToken;

use super::Sqlite;
use crate::config::DatabaseConfig;
use crate::domain::Timestamp;
use crate::store::StoreError;

/// Pages copied per step (with 4 KiB pages, 1 MiB).
const STEP_PAGES: std::ffi::c_int = 256;
/// The pause between steps, so the backup never hogs the disk the writer needs.
const STEP_PAUSE: Duration = Duration::from_millis(2);
/// A temporary file untouched this long belongs to no running backup (a running one writes
/// every few milliseconds): it was left by a crash, and pruning removes it.
const STALE_PARTIAL_AFTER: Duration = Duration::from_secs(15 * 60);

const NAME_PREFIX: &str = "craftdesk-";
const NAME_SUFFIX: &str = ".sqlite";
const PARTIAL_PREFIX: &str = ".craftdesk-";
const PARTIAL_MARK: &str = ".sqlite.partial";

impl Sqlite {
    /// A consistent copy of the database in `dir`, given up soon after `cancel` fires.
    pub(in crate::store) async fn backup_to_cancellable(
        &self,
        dir: &Path,
        now: Timestamp,
        cancel: &CancellationToken,
    ) -> Result<PathBuf, StoreError> {
        backup_file(&self.path, self.busy_timeout, dir, now, cancel.clone()).await
    }
}

/// Backs up the database named in `database` without opening a [`crate::store::Store`]: no migration, no
/// writer thread (what `craftdesk backup` does, so a backup taken before an upgrade is of
/// the old schema). Fails if the database does not exist.
pub async fn backup_database(
    database: &DatabaseConfig,
    dir: &Path,
    now: Timestamp,
) -> Result<PathBuf, StoreError> {
    if database.is_postgres() {
        return Err(StoreError::NotSupported(crate::store::PG_BACKUP_HINT));
    }
    backup_file(
        &database.path,
        database.busy_timeout,
        dir,
        now,
        CancellationToken::new(),
    )
    .await
}

async fn backup_file(
    database: &Path,
    busy_timeout: Duration,
    dir: &Path,
    now: Timestamp,
    cancel: CancellationToken,
) -> Result<PathBuf, StoreError> {
    let (database, dir) = (database.to_owned(), dir.to_owned());
    let span = tracing::info_span!("store.backup", dir = %dir.display());
    tokio::task::spawn_blocking(move || {
        span.in_scope(|| write_backup(&database, busy_timeout, &dir, now, &cancel))
    })
    .await
    .map_err(|_| StoreError::Closed)?
}

fn backup_error(path: &Path, what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Backup {
        path: path.to_owned(),
        reason: format!(
            "{what}: {err} (check that the directory exists or can be created, that craftdesk \
             may write there, and that the disk has room; set [backup] dir)"
        ),
    }
}

fn write_backup(
    database: &Path,
    busy_timeout: Duration,
    dir: &Path,
    now: Timestamp,
    cancel: &CancellationToken,
) -> Result<PathBuf, StoreError> {
    let started = std::time::Instant::now();
    let source = open_source(database, busy_timeout)?;
    std::fs::create_dir_all(dir)
        .map_err(|err| backup_error(dir, "cannot create the backup directory", err))?;
    let name = backup_file_name(now);
    let target = dir.join(&name);
    // A unique temporary name (two backups may run at once, e.g. `craftdesk backup` beside
    // the bot), removed on drop if anything below fails.
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{}-", name.trim_end_matches(NAME_SUFFIX)))
        .suffix(PARTIAL_MARK)
        .tempfile_in(dir)
        .map_err(|err| backup_error(dir, "cannot create a temporary file", err))?;

    let mut dest = Connection::open(partial.path())
        .map_err(|err| backup_error(partial.path(), "cannot open the temporary file", err))?;
    // The temporary file needs no journal: if anything fails it is thrown away.
    dest.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .map_err(|err| backup_error(partial.path(), "cannot prepare the temporary file", err))?;
    let pages = copy_snapshot(&source, &mut dest, database, cancel)?;
    drop(source);
    dest.close()
        .map_err(|(_, err)| backup_error(partial.path(), "cannot close the backup", err))?;
    partial
        .as_file()
        .sync_all()
        .map_err(|err| backup_error(partial.path(), "cannot flush the backup to disk", err))?;
    partial
        .persist(&target)
        .map_err(|err| backup_error(&target, "cannot rename the finished backup", err.error))?;
    sync_dir(dir);
    tracing::info!(
        path = %target.display(),
        pages,
        took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "backup written"
    );
    Ok(target)
}

/// A read-only connection of the backup's own, inside one read transaction (its snapshot).
fn open_source(database: &Path, busy_timeout: Duration) -> Result<Connection, StoreError> {
    let open_error = |err: rusqlite::Error| StoreError::Open {
        path: database.to_owned(),
        reason: format!("{err} (check [database] path: the backup reads an existing database)"),
    };
    let conn = Connection::open_with_flags(
        database,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(open_error)?;
    conn.busy_timeout(busy_timeout).map_err(open_error)?;
    // BEGIN is deferred: the first read starts the transaction and pins the snapshot.
    conn.execute_batch("BEGIN").map_err(open_error)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(open_error)?;
    Ok(conn)
}

/// Copies every page of `source`'s snapshot into `dest`, a chunk at a time; returns the
/// number of pages.
fn copy_snapshot(
    source: &Connection,
    dest: &mut Connection,
    database: &Path,
    cancel: &CancellationToken,
) -> Result<i32, StoreError> {
    let read_error = |err: rusqlite::Error| StoreError::Backup {
        path: database.to_owned(),
        reason: format!("cannot copy the database: {err} (check the disk and the database file)"),
    };
    let backup = Backup::new(source, dest).map_err(read_error)?;
    loop {
        if cancel.is_cancelled() {
            return Err(StoreError::BackupCancelled);
        }
        match backup.step(STEP_PAGES).map_err(read_error)? {
            StepResult::Done => return Ok(backup.progress().pagecount),
            // Busy or locked: someone holds a lock for a moment; try again after the pause.
            StepResult::More | StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(STEP_PAUSE);
            }
            other => {
                return Err(StoreError::Backup {
                    path: database.to_owned(),
                    reason: format!("unexpected backup step result {other:?}"),
                });
            }
        }
    }
}

/// Makes the rename durable. Best effort: not every platform can open a directory.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Removes the oldest backups in `dir` beyond the `keep` newest, and temporary files left by
/// backups that crashed. Only files named like ours are touched; the temporary file of a
/// backup still running is kept. Returns what was removed.
pub fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, StoreError> {
    let list_error = |err: std::io::Error| {
        backup_error(dir, "cannot list the backup directory to prune it", err)
    };
    let mut backups = Vec::new();
    let mut removed = Vec::new();
    let stale_before = SystemTime::now()
        .checked_sub(STALE_PARTIAL_AFTER)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for entry in std::fs::read_dir(dir).map_err(list_error)? {
        let entry = entry.map_err(list_error)?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if is_backup_name(&name) {
            backups.push(name);
        } else if name.starts_with(PARTIAL_PREFIX) && name.contains(PARTIAL_MARK) {
            let modified = entry.metadata().and_then(|m| m.modified());
            if modified.is_ok_and(|at| at < stale_before) {
                remove(&entry.path(), &mut removed)?;
            }
        }
    }
    // The UTC stamp sorts as text: newest first.
    backups.sort_unstable_by(|a, b| b.cmp(a));
    for name in backups.iter().skip(keep) {
        remove(&dir.join(name), &mut removed)?;
    }
    Ok(removed)
}

fn remove(path: &Path, removed: &mut Vec<PathBuf>) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            removed.push(path.to_owned());
            Ok(())
        }
        // Another pruner got there first.
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(backup_error(path, "cannot remove an old backup", err)),
    }
}

/// `craftdesk-YYYYMMDDTHHMMSSZ.sqlite`, exactly.
fn is_backup_name(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix(NAME_PREFIX)
        .and_then(|rest| rest.strip_suffix(NAME_SUFFIX))
    else {
        return false;
    };
    let bytes = stamp.as_bytes();
    bytes.len() == 16
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && bytes[9..15].iter().all(u8::is_ascii_digit)
}

/// The file name of a backup taken at `now`: `craftdesk-20251124T160000Z.sqlite`.
#[must_use]
pub fn backup_file_name(now: Timestamp) -> String {
    format!("{NAME_PREFIX}{}{NAME_SUFFIX}", utc_stamp(now))
}

/// `now` in UTC as `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format). An instant past chrono's
/// range (±262,000 years) is written as that range's end.
#[must_use]
pub fn utc_stamp(now: Timestamp) -> String {
    let at = DateTime::from_timestamp_millis(now.as_millis()).unwrap_or(if now.as_millis() < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    });
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: i64) -> String {
        utc_stamp(Timestamp::from_millis(millis))
    }

    #[test]
    fn utc_stamps_match_known_dates() {
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(1_764_000_000_000), "20251124T160000Z");
        assert_eq!(at(1_709_164_800_000), "20240229T000000Z"); // leap day
        assert_eq!(at(951_782_400_000), "20000229T000000Z");
        assert_eq!(at(951_868_799_999), "20000229T235959Z");
        assert_eq!(at(4_102_444_800_000), "21000101T000000Z");
        assert_eq!(at(-1_000), "19691231T235959Z");
    }

    #[test]
    fn only_our_exact_names_count_as_backups() {
        assert!(is_backup_name(&backup_file_name(Timestamp::from_millis(
            1_764_000_000_000
        ))));
        for name in [
            "craftdesk.sqlite",
            "craftdesk-latest.sqlite",
            "craftdesk-20251124T160000Z.sqlite.bak",
            "craftdesk-20251124T160000.sqlite",
            "craftdesk-2025112xT160000Z.sqlite",
            ".craftdesk-20251124T160000Z-a1b2.sqlite.partial",
        ] {
            assert!(!is_backup_name(name), "{name}");
        }
    }
}
