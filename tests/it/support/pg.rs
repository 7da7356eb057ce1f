//! A fresh PostgreSQL database per test, so PostgreSQL tests run in parallel.
//!
//! The server is `CRAFTDESK_TEST_PG_URL`, or the one `bash .ci/setup` starts (user and
//! password `craftdesk`, allowed to create databases). Each [`PgTestDb`] creates
//! `craftdesk_test_<pid>_<n>_<nanos>` and drops it when dropped. A missing server fails the
//! test with what to do: PostgreSQL tests never skip.

use std::sync::atomic::{AtomicU32, Ordering};

use tokio_postgres::NoTls;

/// The server `.ci/setup` starts.
pub const DEFAULT_PG_URL: &str = "postgres://craftdesk:craftdesk@127.0.0.1:5432/craftdesk";

/// The server the PostgreSQL tests use.
pub fn server_url() -> String {
    std::env::var("CRAFTDESK_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.to_owned())
}

/// A database of one test's own on the test server.
pub struct PgTestDb {
    /// Its URL (password included: test credentials only).
    pub url: String,
    name: String,
    server: String,
}

impl PgTestDb {
    pub async fn create() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let server = server_url();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!(
            "craftdesk_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let admin = admin_client(&server).await;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|err| panic!("cannot create the test database {name}: {err}"));
        Self {
            url: craftdesk::config::DatabaseUrl::parse(&server)
                .and_then(|server| server.with_database(&name))
                .unwrap_or_else(|err| panic!("CRAFTDESK_TEST_PG_URL {err}"))
                .expose()
                .to_owned(),
            name,
            server,
        }
    }

    /// Runs SQL on this database directly (seeding, forging a schema version).
    pub async fn execute(&self, sql: &str) {
        let (client, connection) = tokio_postgres::connect(&self.url, NoTls)
            .await
            .expect("test database answers");
        let driver = tokio::spawn(connection);
        client.batch_execute(sql).await.expect("SQL runs");
        drop(client);
        let _ = driver.await;
    }
}

impl Drop for PgTestDb {
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        // Drop runs inside the test's runtime: a thread of its own can block on another.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let admin = admin_client(&server).await;
                admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) && !std::thread::panicking() {
            eprintln!("could not drop the test database {}", self.name);
        }
    }
}

async fn admin_client(server: &str) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(server, NoTls)
        .await
        .unwrap_or_else(|err| {
            let shown = craftdesk::config::DatabaseUrl::parse(server)
                .map_or_else(|_| "CRAFTDESK_TEST_PG_URL".to_owned(), |u| u.redacted());
            panic!(
                "PostgreSQL is not answering at {shown}: {err}. Run `bash .ci/setup` (it installs and \
                 starts a local server), or point CRAFTDESK_TEST_PG_URL at a server where the user may \
                 create databases."
            )
        });
    tokio::spawn(async move {
        let _ = connection.await;
    });
    client
}
