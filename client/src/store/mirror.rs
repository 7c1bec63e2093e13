//! The `entities` table: server rows as last pulled (never holds pending local edits, except
//! a pushed mutation the server acknowledged, laid on until the pull brings the row).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::clock::{format_instant, parse_instant};
use crate::error::ClientError;
use crate::record::Record;

const COLUMNS: &str = "entity_type, id, created_at, updated_at, deleted_at, version, fields";

/// The raw columns, converted outside rusqlite's row callback so parse errors stay typed.
struct RawRow {
    entity_type: String,
    id: String,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
    version: i64,
    fields: String,
}

impl RawRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            entity_type: row.get(0)?,
            id: row.get(1)?,
            created_at: row.get(2)?,
            updated_at: row.get(3)?,
            deleted_at: row.get(4)?,
            version: row.get(5)?,
            fields: row.get(6)?,
        })
    }

    fn into_record(self) -> Result<Record, ClientError> {
        let fields: Map<String, Value> = serde_json::from_str(&self.fields)?;
        Ok(Record {
            created_at: parse_instant(&self.created_at)?,
            updated_at: parse_instant(&self.updated_at)?,
            deleted_at: self.deleted_at.as_deref().map(parse_instant).transpose()?,
            entity_type: self.entity_type,
            id: self.id,
            version: self.version,
            fields,
            pending: 0,
        })
    }
}

pub(crate) fn get(conn: &Connection, entity_type: &str, id: &str) -> Result<Option<Record>, ClientError> {
    let sql = format!("SELECT {COLUMNS} FROM entities WHERE entity_type = ?1 AND id = ?2");
    let raw = conn.query_row(&sql, params![entity_type, id], RawRow::read).optional()?;
    raw.map(RawRow::into_record).transpose()
}

pub(crate) fn list(conn: &Connection, entity_type: &str) -> Result<Vec<Record>, ClientError> {
    let sql = format!("SELECT {COLUMNS} FROM entities WHERE entity_type = ?1 ORDER BY id");
    let mut statement = conn.prepare_cached(&sql)?;
    let raws = statement.query_map(params![entity_type], RawRow::read)?.collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(RawRow::into_record).collect()
}

/// Writes `record` unless the mirror already holds a newer version; true if written.
pub(crate) fn put(conn: &Connection, record: &Record) -> Result<bool, ClientError> {
    let written = conn.execute(
        &format!(
            "INSERT INTO entities ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (entity_type, id) DO UPDATE SET
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                deleted_at = excluded.deleted_at, version = excluded.version, fields = excluded.fields
             WHERE excluded.version >= entities.version"
        ),
        params![
            record.entity_type,
            record.id,
            format_instant(record.created_at),
            format_instant(record.updated_at),
            record.deleted_at.map(format_instant),
            record.version,
            serde_json::to_string(&record.fields)?,
        ],
    )?;
    Ok(written > 0)
}

/// Drops every mirrored row (a reset; the outbox is kept).
pub(crate) fn clear(conn: &Connection) -> Result<(), ClientError> {
    conn.execute("DELETE FROM entities", [])?;
    Ok(())
}
