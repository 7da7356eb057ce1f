//! What only one backend has: SQLite's file path, PostgreSQL's server (unreachable,
//! migrated by two processes at once) and what PostgreSQL leaves to the server.

use std::time::Duration;

use craftdesk::config::{DatabaseConfig, DatabaseUrl};
use craftdesk::domain::Timestamp;
use craftdesk::store::{Store, StoreError};

use super::{policy, Harness, Kind, T0};
use crate::support::pg::PgTestDb;

#[tokio::test]
async fn an_unwritable_sqlite_path_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"not a directory").unwrap();
    let config = DatabaseConfig {
        path: blocker.join("db.sqlite"),
        ..DatabaseConfig::default()
    };
    let err = Store::connect(&config, policy())
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("cannot open the database"), "{message}");
    assert!(message.contains("may write there"), "{message}");
}

#[tokio::test]
async fn an_unreachable_postgres_server_gives_a_clear_error_without_the_password() {
    // A port nothing listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = DatabaseConfig {
        url: Some(
            DatabaseUrl::parse(&format!(
                "postgres://craftdesk:hunter2-secret@127.0.0.1:{port}/x"
            ))
            .unwrap(),
        ),
        busy_timeout: Duration::from_secs(2),
        ..DatabaseConfig::default()
    };
    let err = Store::connect(&config, policy())
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(matches!(err, StoreError::Connect { .. }), "{message}");
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert!(message.contains("bash .ci/setup"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
    assert!(!format!("{err:?}").contains("hunter2"));
    // `Store::open` is the blocking SQLite opener: it says so instead of trying.
    assert!(matches!(
        Store::open(&config, policy()),
        Err(StoreError::NotSupported(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_migrating_one_fresh_postgres_database_at_once_both_succeed() {
    let db = PgTestDb::create().await;
    let config = DatabaseConfig {
        url: Some(DatabaseUrl::parse(&db.url).unwrap()),
        ..DatabaseConfig::default()
    };
    let (a, b) = tokio::join!(
        Store::connect(&config, policy()),
        Store::connect(&config, policy())
    );
    let (a, b) = (a.expect("first opens"), b.expect("second opens"));
    let latest = craftdesk::store::latest_version();
    assert_eq!(a.version().await.unwrap(), latest);
    assert_eq!(b.version().await.unwrap(), latest);
    assert_eq!(Store::migrate_only(&config).await.unwrap(), latest);
}

#[tokio::test]
async fn postgres_leaves_backups_and_checkpoints_to_the_server() {
    let h = Harness::new(Kind::Postgres).await;
    assert!(h.store.is_postgres());
    assert!(h.store.path().is_none());
    let url = h.config.url.as_ref().unwrap();
    assert_eq!(
        h.store.location(),
        url.redacted(),
        "logs show the URL without its password"
    );
    h.store.checkpoint(true).await.expect("a no-op");
    let dir = tempfile::tempdir().unwrap();
    let err = h
        .store
        .backup_to(dir.path(), T0)
        .await
        .expect_err("no file backups");
    assert!(err.to_string().contains("pg_dump"), "{err}");
    let err = craftdesk::store::backup_database(&h.config, dir.path(), Timestamp::now())
        .await
        .expect_err("no file backups");
    assert!(err.to_string().contains("pg_dump"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn a_refused_postgres_login_says_why_without_the_password() {
    // The test server, logged into as a user that does not exist.
    let server = crate::support::pg::server_url();
    let (scheme, rest) = server.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let url = DatabaseUrl::parse(&format!("{scheme}://nobody-here:wrong-pw@{host}")).unwrap();
    let config = DatabaseConfig {
        url: Some(url),
        ..DatabaseConfig::default()
    };
    let err = Store::connect(&config, policy())
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("authentication failed") && message.contains("nobody-here"),
        "the server's reason: {message}"
    );
    assert!(!message.contains("wrong-pw"), "{message}");
}
