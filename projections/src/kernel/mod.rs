//! Projection `kernel`: the kernel-row read table of every registered kind, `sync_log` and the
//! text-search documents (`search_documents`, [`search`]), from the generic entity events of
//! every kind. The kernel columns are handled here once; a
//! kind contributes only its declaration (table name and fields, [`tables::tables`]).
//!
//! A batch is folded in memory per entity (current rows loaded once per table), then written
//! with one multi-row upsert per table and one multi-row insert into `sync_log`
//! (`jsonb_populate_recordset`), so throughput does not depend on per-row round trips. A
//! rebuild writes the rows that cannot exist yet by binary COPY instead ([`rebuilding`]).

mod fold;
mod rebuilding;
pub mod search;
pub mod tables;
mod write;

use std::collections::HashMap;

use sqlx::PgConnection;

pub use tables::{tables, KernelTable};
pub use write::SYNC_CHANNEL;

use crate::feed::{Position, StoredEvent};
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "kernel";

#[derive(Debug, Clone, Copy, Default)]
pub struct KernelProjection;

impl Projection for KernelProjection {
    fn name(&self) -> &str {
        NAME
    }

    /// Every registered kind's table, `sync_log` and `search_documents`: a rebuild copies and
    /// switches them all.
    fn tables(&self) -> Vec<&'static str> {
        tables().iter().map(|t| t.table).chain(["sync_log", "search_documents"]).collect()
    }

    /// Rows projected before search documents existed (an upgraded instance) get theirs.
    async fn catch_up(&self, conn: &mut PgConnection) -> Result<(), ProjectionError> {
        for table in tables() {
            search::fill_missing(conn, table).await?;
        }
        Ok(())
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        write_batch(tx, events, Target::Live).await
    }

    /// Rows of the entities the batch creates, and every `sync_log` row, by binary COPY.
    async fn apply_rebuilding(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        write_batch(tx, events, Target::Rebuild).await
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(tables().iter().map(|t| t.type_name).collect())
    }

    /// The rows as usual; the stream's `sync_log` entry is one per entity, at the repair's
    /// position (clients are past the events' own positions already).
    async fn apply_repaired(&self, tx: &mut PgConnection, events: &[StoredEvent], at: Position) -> Result<(), ProjectionError> {
        write_batch(tx, events, Target::Repair(at)).await
    }
}

/// Where a batch is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The live tables: version-guarded upserts, live subscribers told at commit.
    Live,
    /// The live tables, each entity's `sync_log` entry moved to a repair's position (replacing
    /// one an earlier attempt of the same repair wrote there).
    Repair(Position),
    /// A rebuild's private tables: new rows and `sync_log` by binary COPY ([`rebuilding`]).
    Rebuild,
}

/// Folds and writes a batch to `target`.
async fn write_batch(tx: &mut PgConnection, events: &[StoredEvent], target: Target) -> Result<(), ProjectionError> {
    let mut by_table: HashMap<&'static str, Vec<&StoredEvent>> = HashMap::new();
    for event in events {
        if let Some(table) = tables::for_aggregate(&event.aggregate_type) {
            by_table.entry(table.table).or_default().push(event);
        }
    }
    let mut sync_rows = Vec::new();
    for table in tables().iter().filter(|t| by_table.contains_key(t.table)) {
        let table_events = by_table.get(table.table).map(Vec::as_slice).unwrap_or_default();
        let first = write::first_sequences(table_events);
        let current = write::load_rows(tx, table, &first).await?;
        let folded = fold::fold(table, current, table_events)?;
        if target == Target::Rebuild {
            rebuilding::write_rows(tx, table, &first, folded.rows).await?;
        } else {
            write::upsert_rows(tx, table, &folded.rows).await?;
            search::upsert_documents(tx, table, &folded.rows).await?;
        }
        sync_rows.extend(folded.sync_rows);
    }
    match target {
        Target::Live => write::insert_sync_rows(tx, &sync_rows, false).await?,
        Target::Repair(at) => write::insert_sync_rows(tx, &fold::restamp(sync_rows, at), true).await?,
        Target::Rebuild => rebuilding::write_sync_rows(tx, &sync_rows).await?,
    }
    Ok(())
}
