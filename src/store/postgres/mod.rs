//! The PostgreSQL backend, for several craftdesk processes over one database.
//!
//! `tokio-postgres` connections in a `deadpool-postgres` pool serve reads and writes alike:
//! PostgreSQL takes concurrent writers itself, so there is no writer thread here. Each
//! operation takes a pooled connection (the wait is measured, as on SQLite), runs its
//! statements prepared once per connection, inside a `store.pg` span (`Postgres::run`); what must happen
//! together runs in one transaction. Migrations (`migrations.rs`) run at connect.
//!
//! The URL's `sslmode` picks the transport ([`Transport::of`]): `require` speaks TLS
//! (rustls, the server's certificate checked against the Mozilla roots and its host name),
//! `disable` and `prefer` (the default) connect without TLS, as before.

mod board;
mod channels;
mod characters;
mod guild_settings;
mod leases;
mod migrations;
mod recovery;
mod requests;
mod sessions;

use std::time::{Duration, Instant};

use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::SslMode;
use tokio_postgres::NoTls;
use tokio_postgres_rustls::MakeRustlsConnect;
use tracing::Instrument;

use crate::config::DatabaseUrl;
use crate::store::StoreError;

/// An open PostgreSQL store: the pool, and the server's address for messages.
#[derive(Clone)]
pub(super) struct Postgres {
    pool: Pool,
    /// The URL without its password.
    target: String,
    transport: Transport,
}

/// How connections reach the server, from the URL's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Transport {
    /// No TLS: `sslmode=disable`, and `prefer` (which tokio-postgres then takes as plain).
    Plain,
    /// TLS or no connection: `sslmode=require`.
    Tls,
}

impl Transport {
    pub(super) fn of(mode: SslMode) -> Self {
        match mode {
            SslMode::Require => Self::Tls,
            _ => Self::Plain,
        }
    }
}

/// The rustls connector for `sslmode=require`: ring (the provider serenity's rustls
/// already uses, named so no process default is needed), TLS 1.2 and 1.3, the Mozilla
/// roots, no client certificate.
fn tls_connector() -> Result<MakeRustlsConnect, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| format!("cannot set up TLS: {err}"))?
        .with_root_certificates(rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        })
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

impl Postgres {
    /// Connects (failing fast with a clear message when the server does not answer or
    /// refuses us), applies pending migrations, and keeps a pool of `pool_size`.
    pub(super) async fn connect(
        url: &DatabaseUrl,
        pool_size: u32,
        timeout: Duration,
    ) -> Result<Self, StoreError> {
        let db = Self::pool(url, pool_size, timeout)?;
        let mut client = db.first_client().await?;
        migrations::migrate(&mut client, &db.target).await?;
        Ok(db)
    }

    /// Applies pending migrations and returns the schema version.
    pub(super) async fn migrate_only(
        url: &DatabaseUrl,
        timeout: Duration,
    ) -> Result<usize, StoreError> {
        let db = Self::pool(url, 1, timeout)?;
        let mut client = db.first_client().await?;
        migrations::migrate(&mut client, &db.target).await?;
        migrations::schema_version(&client).await
    }

    fn pool(url: &DatabaseUrl, pool_size: u32, timeout: Duration) -> Result<Self, StoreError> {
        let target = url.redacted();
        let connect_error = |reason: String| StoreError::Connect {
            target: target.clone(),
            reason,
        };
        let mut config: tokio_postgres::Config = url
            .expose()
            .parse()
            .map_err(|err: tokio_postgres::Error| connect_error(describe_error(&err)))?;
        config
            .application_name("craftdesk")
            .connect_timeout(timeout);
        let transport = Transport::of(config.get_ssl_mode());
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match transport {
            Transport::Plain => Manager::from_config(config, NoTls, manager_config),
            Transport::Tls => Manager::from_config(
                config,
                tls_connector().map_err(connect_error)?,
                manager_config,
            ),
        };
        let pool = Pool::builder(manager)
            .max_size(usize::try_from(pool_size).unwrap_or(4).max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(timeout))
            .create_timeout(Some(timeout))
            .build()
            .map_err(|err| connect_error(err.to_string()))?;
        Ok(Self {
            pool,
            target,
            transport,
        })
    }

    /// The first connection, whose failure is worded for the operator.
    async fn first_client(&self) -> Result<Object, StoreError> {
        let hint = match self.transport {
            Transport::Plain => {
                "check [database] url and that the server runs; for the tests, run `bash .ci/setup`"
            }
            Transport::Tls => {
                "sslmode=require: the server must offer TLS, with a certificate from a public \
                 authority for the host name in the URL; check [database] url and that the server runs"
            }
        };
        self.pool.get().await.map_err(|err| StoreError::Connect {
            target: self.target.clone(),
            reason: format!("{} ({hint})", describe(&err)),
        })
    }

    pub(super) fn target(&self) -> &str {
        &self.target
    }

    pub(super) async fn version(&self) -> Result<usize, StoreError> {
        let client = self.client().await?;
        migrations::schema_version(&client).await
    }

    /// Runs `work` on a pooled connection inside a `store.pg` span naming `operation`, as
    /// SQLite's `read` and `write` do; what must happen together, `work` runs in one
    /// transaction of its own.
    pub(super) async fn run<T>(
        &self,
        operation: &'static str,
        work: impl AsyncFnOnce(Object) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        async {
            let client = self.client().await?;
            work(client).await
        }
        .instrument(tracing::debug_span!("store.pg", operation))
        .await
    }

    /// A pooled connection; the wait is recorded as on SQLite.
    pub(super) async fn client(&self) -> Result<Object, StoreError> {
        let waiting = Instant::now();
        let client = self.pool.get().await?;
        crate::metrics::pool_waited(waiting.elapsed());
        Ok(client)
    }
}

/// A pool error with its cause (deadpool's own text stops at "backend error").
pub(super) fn describe(err: &deadpool_postgres::PoolError) -> String {
    match err {
        deadpool_postgres::PoolError::Backend(inner) => describe_error(inner),
        other => other.to_string(),
    }
}

/// A client error with its causes: the server's message (`db error` alone says nothing),
/// or the I/O error beneath.
pub(super) fn describe_error(err: &tokio_postgres::Error) -> String {
    if let Some(db) = err.as_db_error() {
        return format!("{}: {} ({})", db.severity(), db.message(), db.code().code());
    }
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

/// Rows a statement changed, as the count the store reports.
fn count(changed: u64) -> usize {
    usize::try_from(changed).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14, item 9i: the connector follows the URL's sslmode.
    #[test]
    fn the_transport_is_chosen_from_sslmode() {
        for (url, transport) in [
            ("postgres://u@db/x?sslmode=require", Transport::Tls),
            ("postgres://u@db/x?sslmode=disable", Transport::Plain),
            ("postgres://u@db/x?sslmode=prefer", Transport::Plain),
            ("postgres://u@db/x", Transport::Plain),
        ] {
            let config: tokio_postgres::Config = url.parse().expect("valid");
            assert_eq!(Transport::of(config.get_ssl_mode()), transport, "{url}");
        }
        assert!(tls_connector().is_ok());
    }
}
