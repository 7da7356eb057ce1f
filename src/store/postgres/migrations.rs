//! PostgreSQL schema migrations: plain SQL files in `migrations-pg/NNNN_name/up.sql`, one
//! twin for each SQLite migration (same number and name, checked by a test), built into
//! the binary and applied at connect.
//!
//! `craftdesk_schema` records each applied version. Migrating takes a transaction-level
//! advisory lock first, so two processes starting at once apply each migration once; the
//! DDL runs in that transaction, so a failed migration leaves nothing behind. A database
//! whose version is newer than this build knows is refused, as on SQLite.

use include_dir::{include_dir, Dir};

use crate::store::StoreError;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations-pg");

/// The advisory lock key that serialises migrations ("craftdsk" in ASCII).
const MIGRATION_LOCK: i64 = 0x6372_6166_7464_736b;

/// `(number, name, up.sql)` of each migration, in number order.
fn ordered_migrations() -> Vec<(i64, &'static str, &'static str)> {
    let mut numbered: Vec<_> = MIGRATIONS_DIR
        .dirs()
        .filter_map(|dir| {
            let name = dir.path().file_name()?.to_str()?;
            let number = name.split_once('_')?.0.parse().ok()?;
            let sql = dir.get_file(dir.path().join("up.sql"))?.contents_utf8()?;
            Some((number, name, sql))
        })
        .collect();
    numbered.sort_by_key(|(number, _, _)| *number);
    numbered
}

/// The newest schema version this build knows.
fn latest_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

/// The schema version of the database (0 before the first migration).
pub(super) async fn schema_version(client: &tokio_postgres::Client) -> Result<usize, StoreError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('craftdesk_schema') IS NOT NULL", &[])
        .await?
        .try_get(0)?;
    if !exists {
        return Ok(0);
    }
    let version: i64 = client
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM craftdesk_schema",
            &[],
        )
        .await?
        .try_get(0)?;
    usize::try_from(version).map_err(|_| StoreError::Corrupt(format!("schema version {version}")))
}

/// Brings the database to the latest schema; refuses one from a newer craftdesk.
pub(super) async fn migrate(
    client: &mut deadpool_postgres::Object,
    target: &str,
) -> Result<(), StoreError> {
    let failed = |err: tokio_postgres::Error| {
        StoreError::Migration(format!("{target}: {}", super::describe_error(&err)))
    };
    let tx = client.transaction().await.map_err(failed)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await
        .map_err(failed)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS craftdesk_schema (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await
    .map_err(failed)?;
    let found: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM craftdesk_schema",
            &[],
        )
        .await
        .map_err(failed)?
        .try_get(0)
        .map_err(failed)?;
    let known = latest_version();
    let found_usize = usize::try_from(found).unwrap_or(usize::MAX);
    if found_usize > known {
        return Err(StoreError::TooNew {
            database: target.to_owned(),
            found: found_usize,
            known,
        });
    }
    for (number, name, sql) in ordered_migrations() {
        if number <= found {
            continue;
        }
        tx.batch_execute(sql).await.map_err(|err| {
            StoreError::Migration(format!("{target}: {name}: {}", super::describe_error(&err)))
        })?;
        tx.execute(
            "INSERT INTO craftdesk_schema (version, name) VALUES ($1, $2)",
            &[&number, &name],
        )
        .await
        .map_err(failed)?;
        tracing::info!(migration = name, "PostgreSQL migration applied");
    }
    tx.commit().await.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sqlite_migration_has_a_postgres_twin_in_order() {
        let sqlite = include_dir!("$CARGO_MANIFEST_DIR/migrations");
        let mut sqlite_names: Vec<_> = sqlite
            .dirs()
            .filter_map(|d| Some(d.path().file_name()?.to_str()?.to_owned()))
            .collect();
        sqlite_names.sort();
        let ours: Vec<_> = ordered_migrations()
            .into_iter()
            .map(|(_, name, _)| name.to_owned())
            .collect();
        assert_eq!(
            ours, sqlite_names,
            "each migrations/NNNN_name needs migrations-pg/NNNN_name/up.sql"
        );
        let numbers: Vec<i64> = ordered_migrations().iter().map(|m| m.0).collect();
        assert_eq!(
            numbers,
            (1..=i64::try_from(numbers.len()).expect("a few migrations")).collect::<Vec<_>>()
        );
        assert_eq!(latest_version(), numbers.len());
    }
}
