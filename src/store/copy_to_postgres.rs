//! `craftdesk migrate-store`: copies every table of a SQLite database into a PostgreSQL
//! one, idempotently, and checks the counts.
//!
//! The source is opened read-only and read in one transaction (one snapshot), table by
//! table in foreign-key order, on a thread of its own that hands chunks of rows to the
//! async side. Each chunk becomes one `INSERT … SELECT FROM UNNEST(…) ON CONFLICT DO
//! NOTHING` (ids are copied as they are), so running it again inserts nothing twice. It
//! all happens in one PostgreSQL transaction: after the rows, identity sequences move past
//! the copied ids, and every table must then hold exactly as many rows as the source, or
//! nothing is committed (the destination had rows the source has not).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use tokio::sync::mpsc;
use tokio_postgres::types::ToSql;

use super::postgres::Postgres;
use super::{sqlite, StoreError};
use crate::config::DatabaseUrl;

/// How a column is stored: `BIGINT`, `TEXT`, or `BOOLEAN` (an INTEGER 0/1 in SQLite).
#[derive(Clone, Copy)]
enum Kind {
    Int,
    Text,
    Bool,
}
use Kind::{Bool, Int, Text};

struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    /// The identity column whose sequence must move past the copied ids.
    identity: Option<&'static str>,
}

/// Every table, parents before children.
#[rustfmt::skip]
const TABLES: &[Table] = &[
    Table { name: "characters", identity: Some("id"), columns: &[
        ("id", Int), ("guild_id", Int), ("user_id", Int), ("name", Text), ("name_folded", Text), ("is_main", Bool),
        ("professions", Text), ("created_at", Int),
    ] },
    Table { name: "guild_state", identity: None, columns: &[
        ("guild_id", Int), ("next_request_number", Int), ("panel_message_id", Int), ("panel_channel_id", Int),
    ] },
    Table { name: "requests", identity: Some("id"), columns: &[
        ("id", Int), ("guild_id", Int), ("number", Int), ("user_id", Int), ("character_id", Int), ("character_name", Text),
        ("profession", Text), ("gear_slot", Text), ("item", Text), ("quantity", Int), ("quantity_completed", Int),
        ("notes", Text), ("material_plan", Text), ("materials_json", Text), ("status", Text), ("claimed_by", Int),
        ("claimed_at", Int), ("reason", Text), ("board_channel_id", Int), ("board_message_id", Int), ("created_at", Int),
        ("updated_at", Int), ("session_key", Text),
    ] },
    Table { name: "request_events", identity: Some("id"), columns: &[
        ("id", Int), ("request_id", Int), ("actor_id", Int), ("action", Text), ("note", Text), ("at", Int),
    ] },
    Table { name: "member_channels", identity: None, columns: &[
        ("guild_id", Int), ("user_id", Int), ("channel_id", Int), ("created_at", Int), ("last_active_at", Int),
    ] },
    Table { name: "temp_sessions", identity: None, columns: &[
        ("session_key", Text), ("user_id", Int), ("guild_id", Int), ("kind", Text), ("state_json", Text), ("version", Int),
        ("channel_id", Int), ("message_id", Int), ("created_at", Int), ("last_seen_at", Int), ("expires_at", Int),
    ] },
    Table { name: "dm_homes", identity: None, columns: &[
        ("guild_id", Int), ("user_id", Int), ("channel_id", Int), ("message_id", Int),
    ] },
    Table { name: "legacy_imports", identity: None, columns: &[
        ("guild_id", Int), ("kind", Text), ("legacy_id", Int), ("new_id", Int), ("imported_at", Int),
    ] },
    Table { name: "ended_flow_messages", identity: None, columns: &[
        ("message_id", Int), ("channel_id", Int), ("ended_at", Int),
    ] },
    Table { name: "leases", identity: None, columns: &[
        ("name", Text), ("holder", Text), ("expires_at", Int),
    ] },
    Table { name: "guild_settings", identity: None, columns: &[
        ("guild_id", Int), ("settings_json", Text), ("version", Int), ("updated_at", Int), ("updated_by", Int),
    ] },
    Table { name: "guild_settings_changes", identity: Some("id"), columns: &[
        ("id", Int), ("guild_id", Int), ("user_id", Int), ("changed_at", Int), ("setting", Text), ("before_value", Text),
        ("after_value", Text),
    ] },
    Table { name: "member_locales", identity: None, columns: &[
        ("user_id", Int), ("locale", Text), ("updated_at", Int),
    ] },
    Table { name: "guild_catalogs", identity: None, columns: &[
        ("guild_id", Int), ("profession", Text), ("catalog_json", Text), ("uploaded_at", Int), ("uploaded_by", Int),
    ] },
];

/// Rows sent from the reading thread at a time.
const CHUNK: usize = 5_000;

/// What happened to one table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableCopy {
    pub table: &'static str,
    /// Rows in the SQLite database.
    pub source: u64,
    /// Rows this run inserted.
    pub copied: u64,
    /// Rows PostgreSQL holds now (equal to `source`, or nothing was committed).
    pub destination: u64,
}

/// The outcome of a copy, table by table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CopyReport {
    pub tables: Vec<TableCopy>,
}

impl CopyReport {
    /// One line per table, then the totals.
    #[must_use]
    pub fn render(&self, from: &str, to: &str) -> String {
        let mut out = format!("copied {from} → {to}\n");
        let _ = writeln!(
            out,
            "  {:<22} {:>10} {:>10} {:>12}",
            "table", "in SQLite", "copied", "in PostgreSQL"
        );
        for t in &self.tables {
            let _ = writeln!(
                out,
                "  {:<22} {:>10} {:>10} {:>12}",
                t.table, t.source, t.copied, t.destination
            );
        }
        let copied: u64 = self.tables.iter().map(|t| t.copied).sum();
        let source: u64 = self.tables.iter().map(|t| t.source).sum();
        let _ = writeln!(
            out,
            "  {copied} rows copied, {} already there; every table's count matches ({source} rows)",
            source - copied
        );
        out
    }
}

/// One chunk of one table's rows, column by column.
struct Chunk {
    table: usize,
    columns: Vec<Column>,
    rows: usize,
}

enum Column {
    Int(Vec<Option<i64>>),
    Text(Vec<Option<String>>),
    Bool(Vec<Option<bool>>),
}

/// Copies everything in the SQLite file `source` into the PostgreSQL database at `url`
/// (migrating it first), all or nothing. The source must be at this build's schema
/// version: run `craftdesk migrate` on it first otherwise.
pub async fn copy_sqlite_to_postgres(
    source: &Path,
    url: &DatabaseUrl,
    timeout: Duration,
) -> Result<CopyReport, StoreError> {
    let conn = open_source(source, timeout)?;
    let destination = Postgres::connect(url, 1, timeout).await?;
    let (chunks, mut received) = mpsc::channel::<Result<Chunk, StoreError>>(4);
    let reader = std::thread::Builder::new()
        .name("craftdesk-copy".to_owned())
        .spawn(move || read_all(&conn, &chunks))
        .map_err(|err| StoreError::Migration(format!("cannot start the reading thread: {err}")))?;

    let mut client = destination.client().await?;
    let tx = client.transaction().await?;
    let mut report: Vec<TableCopy> = TABLES
        .iter()
        .map(|t| TableCopy {
            table: t.name,
            source: 0,
            copied: 0,
            destination: 0,
        })
        .collect();
    while let Some(chunk) = received.recv().await {
        let chunk = chunk?;
        let table = &TABLES[chunk.table];
        report[chunk.table].source += u64::try_from(chunk.rows).unwrap_or(u64::MAX);
        report[chunk.table].copied += insert_chunk(&tx, table, chunk.columns).await?;
    }
    if reader.join().is_err() {
        return Err(StoreError::Migration(
            "the reading thread failed".to_owned(),
        ));
    }
    let mut mismatched = Vec::new();
    for (table, copy) in TABLES.iter().zip(report.iter_mut()) {
        if let Some(identity) = table.identity {
            tx.execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', '{identity}'), GREATEST(COALESCE(MAX({identity}), 0), 1), \
                     MAX({identity}) IS NOT NULL) FROM {0}",
                    table.name
                ),
                &[],
            )
            .await?;
        }
        let count: i64 = tx
            .query_one(&format!("SELECT COUNT(*) FROM {}", table.name), &[])
            .await?
            .try_get(0)?;
        copy.destination = u64::try_from(count).unwrap_or(0);
        if copy.destination != copy.source {
            mismatched.push(format!(
                "{} ({} in SQLite, {} in PostgreSQL)",
                table.name, copy.source, copy.destination
            ));
        }
    }
    if !mismatched.is_empty() {
        return Err(StoreError::Migration(format!(
            "nothing was committed: after the copy these tables' counts differ, so {} already held rows the SQLite \
             database does not: {}. Copy into an empty database (or one an earlier run of this copy filled)",
            destination.target(),
            mismatched.join(", ")
        )));
    }
    tx.commit().await?;
    Ok(CopyReport { tables: report })
}

/// The source, read-only, at this build's schema version, inside one read transaction.
fn open_source(path: &Path, timeout: Duration) -> Result<Connection, StoreError> {
    let open_error = |reason: String| StoreError::Open {
        path: path.to_owned(),
        reason,
    };
    if !path.is_file() {
        return Err(open_error(
            "no such file (give the SQLite database with --from sqlite:PATH)".to_owned(),
        ));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|err| open_error(err.to_string()))?;
    conn.busy_timeout(timeout)
        .map_err(|err| open_error(err.to_string()))?;
    let (found, known) = (sqlite::schema_version(&conn)?, sqlite::latest_version());
    if found > known {
        return Err(StoreError::TooNew {
            database: path.display().to_string(),
            found,
            known,
        });
    }
    if found < known {
        return Err(open_error(format!(
            "its schema is version {found}, this craftdesk's is {known}: run `craftdesk migrate` with [database] path set to it first"
        )));
    }
    conn.execute_batch("BEGIN")
        .map_err(|err| open_error(err.to_string()))?;
    Ok(conn)
}

/// Reads every table in chunks and sends them; stops at the first error (sent too).
fn read_all(conn: &Connection, chunks: &mpsc::Sender<Result<Chunk, StoreError>>) {
    for (index, table) in TABLES.iter().enumerate() {
        if let Err(err) = read_table(conn, index, table, chunks) {
            let _ = chunks.blocking_send(Err(err));
            return;
        }
    }
}

fn read_table(
    conn: &Connection,
    index: usize,
    table: &Table,
    chunks: &mpsc::Sender<Result<Chunk, StoreError>>,
) -> Result<(), StoreError> {
    let names: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let mut stmt = conn.prepare(&format!("SELECT {} FROM {}", names.join(", "), table.name))?;
    let mut rows = stmt.query([])?;
    let empty = || Chunk {
        table: index,
        columns: table
            .columns
            .iter()
            .map(|(_, kind)| empty_column(*kind))
            .collect(),
        rows: 0,
    };
    let mut chunk = empty();
    while let Some(row) = rows.next()? {
        for (at, column) in chunk.columns.iter_mut().enumerate() {
            push_value(column, row.get_ref(at)?, table.name, table.columns[at].0)?;
        }
        chunk.rows += 1;
        if chunk.rows >= CHUNK
            && chunks
                .blocking_send(Ok(std::mem::replace(&mut chunk, empty())))
                .is_err()
        {
            // The receiving side gave up (and says why).
            return Ok(());
        }
    }
    if chunk.rows > 0 {
        let _ = chunks.blocking_send(Ok(chunk));
    }
    Ok(())
}

fn empty_column(kind: Kind) -> Column {
    match kind {
        Int => Column::Int(Vec::with_capacity(CHUNK)),
        Text => Column::Text(Vec::with_capacity(CHUNK)),
        Bool => Column::Bool(Vec::with_capacity(CHUNK)),
    }
}

fn push_value(
    column: &mut Column,
    value: ValueRef<'_>,
    table: &str,
    name: &str,
) -> Result<(), StoreError> {
    let wrong = || {
        StoreError::Corrupt(format!(
            "{table}.{name} holds a {:?} value",
            value.data_type()
        ))
    };
    match (column, value) {
        (Column::Int(v), ValueRef::Null) => v.push(None),
        (Column::Text(v), ValueRef::Null) => v.push(None),
        (Column::Bool(v), ValueRef::Null) => v.push(None),
        (Column::Int(v), ValueRef::Integer(n)) => v.push(Some(n)),
        (Column::Bool(v), ValueRef::Integer(n)) => v.push(Some(n != 0)),
        (Column::Text(v), ValueRef::Text(bytes)) => {
            v.push(Some(
                String::from_utf8(bytes.to_vec()).map_err(|_| wrong())?,
            ));
        }
        _ => return Err(wrong()),
    }
    Ok(())
}

/// Inserts one chunk; returns how many rows were new.
async fn insert_chunk(
    tx: &deadpool_postgres::Transaction<'_>,
    table: &Table,
    columns: Vec<Column>,
) -> Result<u64, StoreError> {
    let names: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let arrays: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(at, (_, kind))| {
            let sql_type = match kind {
                Int => "BIGINT",
                Text => "TEXT",
                Bool => "BOOLEAN",
            };
            format!("${}::{sql_type}[]", at + 1)
        })
        .collect();
    let stmt = tx
        .prepare_cached(&format!(
            "INSERT INTO {} ({}) SELECT * FROM UNNEST({}) ON CONFLICT DO NOTHING",
            table.name,
            names.join(", "),
            arrays.join(", ")
        ))
        .await?;
    let params: Vec<&(dyn ToSql + Sync)> = columns
        .iter()
        .map(|column| match column {
            Column::Int(v) => v as &(dyn ToSql + Sync),
            Column::Text(v) => v as &(dyn ToSql + Sync),
            Column::Bool(v) => v as &(dyn ToSql + Sync),
        })
        .collect();
    Ok(tx.execute(&stmt, &params).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table or column added by a migration but not listed here would be left behind by
    /// every copy: the list must match the schema exactly.
    #[test]
    fn every_table_and_column_of_the_schema_is_copied() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("schema.sqlite");
        let mut conn = sqlite::open_writer(&path, Duration::from_secs(1)).expect("opens");
        sqlite::migrate(&mut conn, &path).expect("migrates");
        let mut names = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .expect("prepares");
        let schema: Vec<String> = names
            .query_map([], |r| r.get(0))
            .expect("lists")
            .collect::<Result<_, _>>()
            .expect("reads");
        let mut listed: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        listed.sort_unstable();
        assert_eq!(schema, listed);
        for table in TABLES {
            let mut info = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}') ORDER BY cid",
                    table.name
                ))
                .expect("prepares");
            let columns: Vec<String> = info
                .query_map([], |r| r.get(0))
                .expect("lists")
                .collect::<Result<_, _>>()
                .expect("reads");
            let ours: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
            assert_eq!(columns, ours, "columns of {}", table.name);
        }
    }
}
