//! Reading the Profession-Request bot's SQLite file, read-only, into `crate::legacy` rows.
//! SQLite's typing is loose (its ids were TEXT, some times INTEGER), so every value is read
//! as text or an integer whatever its storage class; columns an older version of the bot
//! never added read as NULL.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, Row};

use crate::legacy::{LegacyActionLog, LegacyCharacter, LegacyData, LegacyRequest};

/// Why a legacy database could not be read, worded for the operator running the import.
#[derive(Debug, thiserror::Error)]
pub enum LegacyReadError {
    #[error("the legacy database {path} does not exist: pass the Profession-Request bot's data/guild-requests.sqlite with --from")]
    Missing { path: PathBuf },
    #[error("cannot read the legacy database {path}: {reason}. Check the path and its permissions, and that it is the Profession-Request bot's SQLite file (data/guild-requests.sqlite)")]
    Unreadable { path: PathBuf, reason: String },
    #[error("the legacy database {path} has no `{table}` table: is it the Profession-Request bot's data/guild-requests.sqlite? Nothing was imported")]
    MissingTable { path: PathBuf, table: &'static str },
    #[error("the legacy table `{table}` in {path} has no `{column}` column: is it the Profession-Request bot's database? Nothing was imported")]
    MissingColumn {
        path: PathBuf,
        table: &'static str,
        column: &'static str,
    },
}

/// The columns read from each legacy table; the first ones are required, the others are
/// read as NULL when an older version of the bot never added them.
const CHARACTERS: (&str, usize, &[&str]) = ("characters", 3, &["id", "user_id", "name", "type"]);
const REQUESTS: (&str, usize, &[&str]) = (
    "requests",
    2,
    &[
        "id",
        "user_id",
        "character",
        "profession",
        "gear_slot",
        "request_id",
        "request_name",
        "status",
        "claimed_by",
        "claimed_by_name",
        "claimed_at",
        "deny_reason",
        "materials_json",
        "provided_materials_json",
        "provides_materials",
        "quantity_requested",
        "quantity_completed",
        "audit_log",
        "created_at",
        "updated_at",
    ],
);
const ACTION_LOGS: (&str, usize, &[&str]) = (
    "action_logs",
    1,
    &[
        "id",
        "user_id",
        "action_type",
        "target_request_id",
        "timestamp",
        "details_json",
    ],
);

/// Reads every character, request and action log of a legacy database, in id order.
/// Blocking: call it before the runtime starts or in `spawn_blocking`.
pub fn read_legacy_database(path: &Path) -> Result<LegacyData, LegacyReadError> {
    let unreadable = |reason: String| LegacyReadError::Unreadable {
        path: path.to_owned(),
        reason,
    };
    match path.try_exists() {
        Ok(true) => {}
        Ok(false) => {
            return Err(LegacyReadError::Missing {
                path: path.to_owned(),
            })
        }
        Err(err) => return Err(unreadable(err.to_string())),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| unreadable(e.to_string()))?;
    // One read transaction: a consistent snapshot even if the old bot is still writing.
    conn.execute_batch("BEGIN")
        .map_err(|e| unreadable(e.to_string()))?;
    let tables: HashSet<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| unreadable(e.to_string()))?;
    let read = |table_spec: (&'static str, usize, &'static [&'static str])| {
        select_sql(&conn, path, &tables, table_spec)
    };
    let (characters_sql, requests_sql, action_logs_sql) =
        (read(CHARACTERS)?, read(REQUESTS)?, read(ACTION_LOGS)?);
    let characters = all_rows(&conn, &characters_sql, |r| {
        Ok(LegacyCharacter {
            id: id_of(r)?,
            user_id: text(r, 1)?,
            name: text(r, 2)?,
            kind: text(r, 3)?,
        })
    });
    let requests = all_rows(&conn, &requests_sql, |r| {
        Ok(LegacyRequest {
            id: id_of(r)?,
            user_id: text(r, 1)?,
            character: text(r, 2)?,
            profession: text(r, 3)?,
            gear_slot: text(r, 4)?,
            request_id: text(r, 5)?,
            request_name: text(r, 6)?,
            status: text(r, 7)?,
            claimed_by: text(r, 8)?,
            claimed_by_name: text(r, 9)?,
            claimed_at: text(r, 10)?,
            deny_reason: text(r, 11)?,
            materials_json: text(r, 12)?,
            provided_materials_json: text(r, 13)?,
            provides_materials: integer(r, 14)?,
            quantity_requested: integer(r, 15)?,
            quantity_completed: integer(r, 16)?,
            audit_log: text(r, 17)?,
            created_at: text(r, 18)?,
            updated_at: text(r, 19)?,
        })
    });
    let action_logs = all_rows(&conn, &action_logs_sql, |r| {
        Ok(LegacyActionLog {
            id: id_of(r)?,
            user_id: text(r, 1)?,
            action_type: text(r, 2)?,
            target_request_id: integer(r, 3)?,
            timestamp: text(r, 4)?,
            details_json: text(r, 5)?,
        })
    });
    Ok(LegacyData {
        characters: characters.map_err(|e| unreadable(e.to_string()))?,
        requests: requests.map_err(|e| unreadable(e.to_string()))?,
        action_logs: action_logs.map_err(|e| unreadable(e.to_string()))?,
    })
}

fn all_rows<T>(
    conn: &Connection,
    sql: &str,
    each: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    conn.prepare(sql)?.query_map([], each)?.collect()
}

/// `SELECT` of a table's known columns (NULL for optional ones it lacks), by id.
fn select_sql(
    conn: &Connection,
    path: &Path,
    tables: &HashSet<String>,
    (table, required, columns): (&'static str, usize, &'static [&'static str]),
) -> Result<String, LegacyReadError> {
    if !tables.contains(table) {
        return Err(LegacyReadError::MissingTable {
            path: path.to_owned(),
            table,
        });
    }
    let present: HashSet<String> = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| LegacyReadError::Unreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    let present: HashSet<String> = present.into_iter().map(|c| c.to_lowercase()).collect();
    let mut list = Vec::with_capacity(columns.len());
    for (index, column) in columns.iter().enumerate() {
        if present.contains(*column) {
            list.push(format!("\"{column}\""));
        } else if index < required {
            return Err(LegacyReadError::MissingColumn {
                path: path.to_owned(),
                table,
                column,
            });
        } else {
            list.push("NULL".to_owned());
        }
    }
    Ok(format!(
        "SELECT {} FROM \"{table}\" ORDER BY 1",
        list.join(", ")
    ))
}

/// Any SQLite value as text: integers as digits, blobs as lossy UTF-8.
fn text(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(index)? {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        #[allow(clippy::cast_possible_truncation)] // only when integral and in range
        ValueRef::Real(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some((f as i64).to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    })
}

/// Any SQLite value as an integer when it is one (`"1"` and `1.0` too).
fn integer(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<i64>> {
    Ok(text(row, index)?.and_then(|t| {
        let t = t.trim().to_lowercase();
        match t.as_str() {
            "true" => Some(1),
            "false" => Some(0),
            _ => t.parse().ok(),
        }
    }))
}

fn id_of(row: &Row<'_>) -> rusqlite::Result<i64> {
    integer(row, 0)?.ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(
            0,
            "id (not an integer)".to_owned(),
            rusqlite::types::Type::Null,
        )
    })
}
