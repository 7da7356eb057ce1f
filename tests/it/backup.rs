//! Online backups: consistent under concurrent writes, pruning, `craftdesk backup`, and the
//! periodic task on tokio's paused clock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use craftdesk::backup::{self, Made};
use craftdesk::config::{BackupConfig, DatabaseConfig};
use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::store::{backup_file_name, prune, NewSession, SessionPolicy, Store};
use tokio_util::sync::CancellationToken;

const T0: Timestamp = Timestamp::from_millis(1_764_000_000_000);

fn open(dir: &Path) -> Store {
    let database = DatabaseConfig {
        path: dir.join("craftdesk.sqlite"),
        url: None,
        pool_size: 4,
        busy_timeout: Duration::from_secs(5),
    };
    let policy = SessionPolicy {
        ttl: Duration::from_secs(24 * 3600),
        touch_threshold: Duration::from_secs(30),
    };
    Store::open(&database, policy).expect("store opens")
}

fn session(user: u64, state_json: String) -> NewSession {
    NewSession {
        user_id: Snowflake::new(user).unwrap(),
        guild_id: Snowflake::new(900).unwrap(),
        kind: "request".to_owned(),
        state_json,
        channel_id: None,
    }
}

/// The session keys in a backup file, after checking it is a sound database.
fn keys_in_backup(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{}", path.display());
    let mut statement = conn
        .prepare("SELECT session_key FROM temp_sessions")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    n.len() == "craftdesk-20251124T160000Z.sqlite".len()
                        && n.starts_with("craftdesk-2")
                        && n.ends_with("Z.sqlite")
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_50_busy_writers_is_consistent_and_has_every_earlier_commit() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    // Enough data that the copy takes many steps while the writers go on.
    let padding = "x".repeat(2_000);
    let mut committed = Vec::new();
    for user in 1..=3_000 {
        let created = store
            .create_session(session(user, format!(r#"{{"pad":"{padding}"}}"#)), T0)
            .await
            .unwrap();
        committed.push(created.key.to_string());
    }

    let stop = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for writer in 0..50_u64 {
        let (store, stop, writes) = (store.clone(), stop.clone(), writes.clone());
        tasks.push(tokio::spawn(async move {
            let created = store
                .create_session(session(10_000 + writer, "{}".to_owned()), T0)
                .await
                .unwrap();
            let mut version = created.version;
            while !stop.load(Ordering::Relaxed) {
                version = store
                    .save_session(&created.key, version, format!(r#"{{"n":{version}}}"#), T0)
                    .await
                    .unwrap();
                store
                    .create_session(session(20_000 + writer, "{}".to_owned()), T0)
                    .await
                    .unwrap();
                writes.fetch_add(2, Ordering::Relaxed);
            }
        }));
    }
    while writes.load(Ordering::Relaxed) < 500 {
        tokio::task::yield_now().await;
    }

    let before = writes.load(Ordering::Relaxed);
    let path = store
        .backup_to(&dir.path().join("backups"), T0)
        .await
        .unwrap();
    let during = writes.load(Ordering::Relaxed) - before;
    stop.store(true, Ordering::Relaxed);
    for writer in tasks {
        writer.await.unwrap();
    }

    assert_eq!(
        path.file_name().unwrap().to_string_lossy(),
        "craftdesk-20251124T160000Z.sqlite"
    );
    assert!(during > 0, "writers were starved during the backup");
    let keys = keys_in_backup(&path);
    for key in &committed {
        assert!(
            keys.contains(key),
            "{key} committed before the backup is missing"
        );
    }
    assert!(
        keys.len() > committed.len(),
        "it saw the writers' first rows"
    );
    assert!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.')),
        "no temporary file is left"
    );
}

#[test]
fn pruning_keeps_the_newest_and_touches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let touch = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, b"x").unwrap();
        path
    };
    let hour = 3_600_000;
    let names: Vec<String> = (0..6)
        .map(|i| backup_file_name(Timestamp::from_millis(T0.as_millis() + i * hour)))
        .collect();
    // Created out of order: age is read from the name, not the file's times.
    for name in names.iter().rev() {
        touch(name);
    }
    let unrelated = [
        "notes.txt",
        "craftdesk.sqlite",
        "craftdesk-latest.sqlite",
        "craftdesk-20200101T000000Z.sqlite.bak",
        "craftdesk-20200101T000000Z.sqlite-wal",
    ];
    for name in unrelated {
        touch(name);
    }
    let running = touch(".craftdesk-20251124T200000Z-AbC123.sqlite.partial");
    let stale = touch(".craftdesk-20251101T000000Z-XyZ789.sqlite.partial");
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(24 * 3600))
        .unwrap();

    let mut removed = prune(dir.path(), 3).unwrap();
    removed.sort();
    let mut expected: Vec<PathBuf> = names[..3].iter().map(|n| dir.path().join(n)).collect();
    expected.push(stale.clone());
    expected.sort();
    assert_eq!(removed, expected);
    assert_eq!(backups_in(dir.path()), names[3..].to_vec());
    for name in unrelated {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    assert!(running.exists(), "a running backup's file was removed");
    assert!(!stale.exists());

    assert!(prune(dir.path(), 3).unwrap().is_empty(), "idempotent");
    assert_eq!(prune(dir.path(), 1).unwrap().len(), 2);
}

#[test]
fn the_backup_command_writes_a_backup_and_prints_its_path_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let backups = dir.path().join("backups");
    std::fs::write(
        &config,
        format!(
            "[discord]\ntoken = \"Nzk5.x.y\"\n[database]\npath = \"{}\"\n[backup]\ndir = \"{}\"\nkeep = 2\n[[guild]]\nid = 1\nmode = \"dm\"\n",
            dir.path().join("data/craftdesk.sqlite").display(),
            backups.display()
        ),
    )
    .unwrap();
    let craftdesk = |subcommand: &str| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_craftdesk"));
        command.env_remove("DISCORD_TOKEN").env_remove("RUST_LOG");
        command.arg(subcommand).arg("--config").arg(&config);
        command
    };

    // No database yet: a clear failure, and no empty database created.
    let out = craftdesk("backup").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("craftdesk.sqlite"), "{stderr}");
    assert!(stderr.contains("[database] path"), "{stderr}");
    assert!(!dir.path().join("data/craftdesk.sqlite").exists());

    assert!(craftdesk("migrate").output().unwrap().status.success());
    let out = craftdesk("backup").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (path, size) = stdout.trim().split_once(" (").unwrap();
    let path = PathBuf::from(path);
    assert!(path.starts_with(&backups), "{stdout}");
    let bytes = std::fs::metadata(&path).unwrap().len();
    assert_eq!(size, format!("{bytes} bytes)"));
    assert!(keys_in_backup(&path).is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(
        usize::try_from(version).unwrap(),
        craftdesk::store::latest_version()
    );
}

#[test]
fn the_backup_command_explains_an_unwritable_directory() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    std::fs::write(
        &config,
        format!(
            "[discord]\ntoken = \"Nzk5.x.y\"\n[database]\npath = \"{}\"\n[backup]\ndir = \"{}\"\n[[guild]]\nid = 1\nmode = \"dm\"\n",
            dir.path().join("craftdesk.sqlite").display(),
            blocker.join("backups").display()
        ),
    )
    .unwrap();
    let run = |command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_craftdesk"))
            .env_remove("DISCORD_TOKEN")
            .env_remove("RUST_LOG")
            .arg(command)
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap()
    };
    assert!(run("migrate").status.success());
    let out = run("backup");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("a-file/backups"), "{stderr}");
    assert!(stderr.contains("set [backup] dir"), "{stderr}");
}

#[tokio::test(start_paused = true)]
async fn the_task_backs_up_once_per_interval_and_stops_on_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    store
        .create_session(session(1, "{}".to_owned()), T0)
        .await
        .unwrap();
    let interval = Duration::from_secs(3_600);
    let second = Duration::from_secs(1);
    let config = BackupConfig {
        dir: dir.path().join("backups"),
        interval,
        keep: 10,
    };
    let shutdown = CancellationToken::new();
    let (made_tx, mut made) = tokio::sync::mpsc::unbounded_channel::<Made>();
    let task = tokio::spawn(backup::run_periodically(
        store.clone(),
        config.clone(),
        shutdown.clone(),
        Some(made_tx),
    ));

    // Let the task start its clock, then check nothing happens at the start.
    tokio::task::yield_now().await;
    tokio::time::advance(interval.saturating_sub(second)).await;
    assert!(made.try_recv().is_err());
    assert!(backups_in(&config.dir).is_empty());

    let mut paths = Vec::new();
    tokio::time::advance(second).await;
    paths.push(made.recv().await.unwrap().path);
    for _ in 1..3 {
        tokio::time::advance(interval).await;
        paths.push(made.recv().await.unwrap().path);
    }
    assert!(made.try_recv().is_err(), "one backup per interval");
    assert_eq!(backups_in(&config.dir).len(), 3);
    let mut distinct = paths.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        3,
        "each named after its own time: {paths:?}"
    );
    for path in &paths {
        assert_eq!(keys_in_backup(path).len(), 1);
    }

    shutdown.cancel();
    task.await.unwrap();
    tokio::time::advance(interval * 3).await;
    assert!(made.recv().await.is_none(), "the task ended");
    assert_eq!(backups_in(&config.dir).len(), 3);
}

#[tokio::test]
async fn a_backup_stopped_by_shutdown_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let backups = dir.path().join("backups");
    let shutdown = CancellationToken::new();
    shutdown.cancel();
    let result = store.backup_to_cancellable(&backups, T0, &shutdown).await;
    assert!(
        matches!(result, Err(craftdesk::store::StoreError::BackupCancelled)),
        "{result:?}"
    );
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 0);
}
