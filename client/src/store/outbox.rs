//! The `outbox` (pending mutations, in seq order) and `rejected` tables.

use rusqlite::{params, Connection, Row};
use serde_json::{Map, Value};

use crate::clock::{format_instant, parse_instant};
use crate::error::ClientError;
use crate::record::{Op, Pending, Rejected};

const COLUMNS: &str = "seq, mutation_id, entity_type, entity_id, op, fields, base_version, hlc, client_updated_at";

struct RawPending {
    seq: i64,
    mutation_id: String,
    entity_type: String,
    entity_id: String,
    op: String,
    fields: Option<String>,
    base_version: Option<i64>,
    hlc: String,
    client_updated_at: String,
}

impl RawPending {
    fn read(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            seq: row.get(0)?,
            mutation_id: row.get(1)?,
            entity_type: row.get(2)?,
            entity_id: row.get(3)?,
            op: row.get(4)?,
            fields: row.get(5)?,
            base_version: row.get(6)?,
            hlc: row.get(7)?,
            client_updated_at: row.get(8)?,
        })
    }

    fn into_pending(self) -> Result<Pending, ClientError> {
        let op = Op::parse(&self.op).ok_or_else(|| ClientError::Corrupt(format!("unknown op {:?}", self.op)))?;
        let fields: Option<Map<String, Value>> = self.fields.as_deref().map(serde_json::from_str).transpose()?;
        Ok(Pending {
            seq: self.seq,
            mutation_id: self.mutation_id,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
            op,
            fields,
            base_version: self.base_version,
            hlc: self.hlc.parse().map_err(|e: lifeos_proto::HlcError| ClientError::Corrupt(e.message))?,
            client_updated_at: parse_instant(&self.client_updated_at)?,
        })
    }
}

fn select(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Pending>, ClientError> {
    let sql = format!("SELECT {COLUMNS} FROM outbox {filter}");
    let mut statement = conn.prepare_cached(&sql)?;
    let raws = statement.query_map(args, RawPending::read)?.collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(RawPending::into_pending).collect()
}

pub(crate) fn insert(conn: &Connection, mutation: &Pending) -> Result<(), ClientError> {
    conn.execute(
        &format!("INSERT INTO outbox ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        params![
            mutation.seq,
            mutation.mutation_id,
            mutation.entity_type,
            mutation.entity_id,
            mutation.op.as_str(),
            mutation.fields.as_ref().map(serde_json::to_string).transpose()?,
            mutation.base_version,
            mutation.hlc.to_string(),
            format_instant(mutation.client_updated_at),
        ],
    )?;
    Ok(())
}

pub(crate) fn for_entity(conn: &Connection, entity_type: &str, id: &str) -> Result<Vec<Pending>, ClientError> {
    select(conn, "WHERE entity_type = ?1 AND entity_id = ?2 ORDER BY seq", params![entity_type, id])
}

pub(crate) fn for_type(conn: &Connection, entity_type: &str) -> Result<Vec<Pending>, ClientError> {
    select(conn, "WHERE entity_type = ?1 ORDER BY seq", params![entity_type])
}

/// The oldest `limit` pending mutations.
pub(crate) fn batch(conn: &Connection, limit: usize) -> Result<Vec<Pending>, ClientError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    select(conn, "ORDER BY seq LIMIT ?1", params![limit])
}

/// Removes an acknowledged mutation.
pub(crate) fn remove(conn: &Connection, seq: i64) -> Result<(), ClientError> {
    conn.execute("DELETE FROM outbox WHERE seq = ?1", params![seq])?;
    Ok(())
}

/// Moves a refused mutation from the outbox to `rejected`.
pub(crate) fn reject(conn: &Connection, rejected: &Rejected) -> Result<(), ClientError> {
    let moved = conn.execute(
        &format!(
            "INSERT INTO rejected ({COLUMNS}, code, field, message)
             SELECT {COLUMNS}, ?2, ?3, ?4 FROM outbox WHERE seq = ?1"
        ),
        params![rejected.mutation.seq, rejected.code, rejected.field, rejected.message],
    )?;
    if moved == 1 {
        remove(conn, rejected.mutation.seq)?;
    }
    Ok(())
}

pub(crate) fn rejected(conn: &Connection) -> Result<Vec<Rejected>, ClientError> {
    let sql = format!("SELECT {COLUMNS}, code, field, message FROM rejected ORDER BY seq");
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement
        .query_map([], |row| Ok((RawPending::read(row)?, row.get(9)?, row.get(10)?, row.get(11)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(raw, code, field, message)| Ok(Rejected { mutation: raw.into_pending()?, code, field, message }))
        .collect()
}
