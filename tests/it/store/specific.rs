//! What only one backend has: SQLite's file path, PostgreSQL's server (unreachable,
//! migrated by two processes at once, reached with or without TLS) and what PostgreSQL
//! leaves to the server.

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
    if crate::support::runs_without("postgres") {
        return;
    }
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
    if crate::support::runs_without("postgres") {
        return;
    }
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
    if crate::support::runs_without("postgres") {
        return;
    }
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

/// Issue 14, item 9i: `sslmode=require` speaks TLS or fails, saying TLS is why (and never
/// showing the password). The server here answers the TLS request with "N", as PostgreSQL
/// with `ssl = off` does.
#[tokio::test]
async fn sslmode_require_against_a_server_without_tls_fails_naming_tls() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            // SSLRequest: length 8, code 80877103.
            let mut request = [0u8; 8];
            if socket.read_exact(&mut request).await.is_ok() {
                assert_eq!(request, [0, 0, 0, 8, 4, 210, 22, 47], "an SSLRequest first");
                let _ = socket.write_all(b"N").await;
            }
        }
    });
    let config = DatabaseConfig {
        url: Some(
            DatabaseUrl::parse(&format!(
                "postgres://craftdesk:hunter2-secret@127.0.0.1:{port}/x?sslmode=require"
            ))
            .unwrap(),
        ),
        busy_timeout: Duration::from_secs(5),
        ..DatabaseConfig::default()
    };
    let err = Store::connect(&config, policy())
        .await
        .expect_err("refused");
    server.abort();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Connect { .. }), "{message}");
    assert!(
        message.contains("server does not support TLS") && message.contains("sslmode=require"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
    assert!(!format!("{err:?}").contains("hunter2"));
}

/// `sslmode=disable` and `prefer` keep connecting without TLS; `require` against the test
/// server (no TLS, or a certificate no public authority signed) fails naming TLS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_server_is_reached_with_sslmode_disable_or_prefer_and_require_says_tls() {
    if crate::support::runs_without("postgres") {
        return;
    }
    let db = PgTestDb::create().await;
    for mode in ["disable", "prefer"] {
        let config = DatabaseConfig {
            url: Some(DatabaseUrl::parse(&format!("{}?sslmode={mode}", db.url)).unwrap()),
            ..DatabaseConfig::default()
        };
        let store = Store::connect(&config, policy())
            .await
            .unwrap_or_else(|err| panic!("sslmode={mode}: {err}"));
        assert!(store.version().await.unwrap() > 0, "sslmode={mode}");
    }
    let config = DatabaseConfig {
        url: Some(DatabaseUrl::parse(&format!("{}?sslmode=require", db.url)).unwrap()),
        busy_timeout: Duration::from_secs(5),
        ..DatabaseConfig::default()
    };
    let err = Store::connect(&config, policy())
        .await
        .expect_err("no TLS the client trusts");
    let message = err.to_string();
    assert!(message.contains("TLS"), "{message}");
}
