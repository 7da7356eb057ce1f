//! Schema migrations: plain SQL files in `migrations/NNNN_name/up.sql`, built into the
//! binary and applied with `rusqlite_migration` before the bot connects.

use std::path::Path;
use std::sync::LazyLock;

use include_dir::{include_dir, Dir};
use rusqlite::Connection;
use rusqlite_migration::{MigrationDefinitionError, Migrations, M};

use crate::store::StoreError;

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(ordered_migrations().into_iter().map(M::up).collect()));

/// The `up.sql` of each `NNNN_name` directory, in number order. The layout is checked by
/// the `migrations_are_numbered_in_order` test, so a gap or a stray file fails the build's
/// tests rather than a deployment.
fn ordered_migrations() -> Vec<&'static str> {
    let mut numbered: Vec<(usize, &'static str)> = MIGRATIONS_DIR
        .dirs()
        .filter_map(|dir| {
            let name = dir.path().file_name()?.to_str()?;
            let number = name.split_once('_')?.0.parse().ok()?;
            let sql = dir.get_file(dir.path().join("up.sql"))?.contents_utf8()?;
            Some((number, sql))
        })
        .collect();
    numbered.sort_by_key(|(number, _)| *number);
    numbered.into_iter().map(|(_, sql)| sql).collect()
}

/// The newest schema version this build knows.
#[must_use]
pub fn latest_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

/// The schema version of an open database (SQLite's `user_version`).
pub fn schema_version(conn: &Connection) -> Result<usize, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    usize::try_from(version).map_err(|_| StoreError::Corrupt(format!("user_version {version}")))
}

/// Brings the database to the latest schema; refuses one from a newer craftdesk.
pub(in crate::store) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let found = schema_version(conn)?;
    let known = latest_version();
    if found > known {
        return Err(StoreError::TooNew {
            database: path.display().to_string(),
            found,
            known,
        });
    }
    MIGRATIONS.to_latest(conn).map_err(|err| match err {
        rusqlite_migration::Error::MigrationDefinition(
            MigrationDefinitionError::DatabaseTooFarAhead,
        ) => StoreError::TooNew {
            database: path.display().to_string(),
            found,
            known,
        },
        other => StoreError::Migration(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order() {
        let names: Vec<_> = MIGRATIONS_DIR
            .dirs()
            .map(|d| d.path().display().to_string())
            .collect();
        assert_eq!(
            ordered_migrations().len(),
            names.len(),
            "unreadable: {names:?}"
        );
        let mut numbers: Vec<usize> = names
            .iter()
            .map(|n| {
                n.split_once('_')
                    .expect("NNNN_name")
                    .0
                    .parse()
                    .expect("number")
            })
            .collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=names.len()).collect::<Vec<_>>());
        assert!(MIGRATIONS.validate().is_ok());
    }
}
