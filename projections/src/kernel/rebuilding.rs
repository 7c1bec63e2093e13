//! The kernel's batches during a blue/green rebuild ([`crate::Projection::apply_rebuilding`]).
//! The rebuild's tables are private and start empty, and each entity's events are replayed by
//! one worker in order, so the row of an entity whose first event in the batch is its first
//! ever cannot exist yet: those rows, and every `sync_log` row (append-only, one per event),
//! go in by binary COPY ([`crate::copy`]). Rows of entities created in earlier batches are
//! upserted as live. When the encoder refuses a value, that table's new rows (or the batch's
//! `sync_log` rows) are written the ordinary way instead — same result, slower. The new rows'
//! search documents are plain inserts (no conflict to check).
//!
//! Must never run against the live tables (no version guard, no conflict handling).

use std::collections::HashMap;

use lifeos_domain::kind::SqlType;
use serde_json::Value;
use sqlx::PgConnection;

use super::fold::{Key, Row, SyncRow};
use super::search::{self, Existing};
use super::tables::KernelTable;
use super::write;
use crate::copy::{CopyRows, Field};

/// `sync_log`'s columns, in the order [`write_sync_rows`] writes them.
const SYNC_COLUMNS: [(&str, SqlType); 8] = [
    ("workspace_id", SqlType::Text),
    ("transaction_id", SqlType::BigInt),
    ("global_position", SqlType::BigInt),
    ("entity_type", SqlType::Text),
    ("entity_id", SqlType::Text),
    ("version", SqlType::BigInt),
    ("op", SqlType::Text),
    ("updated_at", SqlType::Timestamptz),
];

/// Writes a table's folded rows and their search documents: rows of entities the batch
/// creates (`first`: [`write::first_sequences`] is 1) by COPY and their documents by plain
/// insert, the others by upsert.
pub async fn write_rows(tx: &mut PgConnection, table: &KernelTable, first: &HashMap<Key, i64>, rows: Vec<Row>) -> Result<(), sqlx::Error> {
    let created = |row: &Row| {
        let text = |column: &str| row.get(column).and_then(Value::as_str).unwrap_or_default().to_owned();
        first.get(&(text("workspace_id"), text("id"))) == Some(&1)
    };
    let (new, old): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(created);
    copy_rows(tx, table, &new).await?;
    search::write_documents(tx, table, &new, Existing::None).await?;
    write::upsert_rows(tx, table, &old).await?;
    search::write_documents(tx, table, &old, Existing::Maybe).await.map(drop)
}

async fn copy_rows(tx: &mut PgConnection, table: &KernelTable, rows: &[Row]) -> Result<(), sqlx::Error> {
    let mut copy = CopyRows::new(table.typed_columns());
    for row in rows {
        if let Err(refused) = copy.push(|column| row.get(column)) {
            tracing::debug!(table = table.table, %refused, "rows written by upsert instead of COPY");
            return write::upsert_rows(tx, table, rows).await;
        }
    }
    copy.send(tx, table.table).await.map(drop)
}

/// Appends the batch's `sync_log` rows by COPY (no notifications: nobody reads these tables).
pub async fn write_sync_rows(tx: &mut PgConnection, rows: &[SyncRow]) -> Result<(), sqlx::Error> {
    let mut copy = CopyRows::new(SYNC_COLUMNS.to_vec());
    for row in rows {
        let fields = [
            Field::Text(&row.workspace_id),
            Field::BigInt(row.transaction_id),
            Field::BigInt(row.global_position),
            Field::Text(row.entity_type),
            Field::Text(&row.entity_id),
            Field::BigInt(row.version),
            Field::Text(row.op),
            Field::Timestamptz(&row.updated_at),
        ];
        if let Err(refused) = copy.push_fields(&fields) {
            tracing::debug!(%refused, "sync_log rows written by insert instead of COPY");
            return write::insert_sync_rows(tx, rows, false).await;
        }
    }
    copy.send(tx, "sync_log").await.map(drop)
}
