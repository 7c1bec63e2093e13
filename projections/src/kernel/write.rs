//! The SQL of the kernel projection: load the current rows of a batch's entities, upsert the
//! folded rows (version-guarded), append the sync_log rows — each one statement per table.

use std::collections::HashMap;

use serde_json::Value;
use sqlx::PgConnection;

use super::fold::{key_of, Key, Row, SyncRow};
use super::tables::KernelTable;
use crate::feed::StoredEvent;

/// The current rows of the batch's entities (`first`: [`first_sequences`]) — except those the
/// batch itself creates (first event in the batch has sequence 1): they cannot have an older
/// row, and if a replayed batch meets one anyway, the version guard on the upsert keeps it.
pub async fn load_rows(tx: &mut PgConnection, table: &KernelTable, first: &HashMap<Key, i64>) -> Result<HashMap<Key, Row>, sqlx::Error> {
    let (workspaces, ids): (Vec<&str>, Vec<&str>) =
        first.iter().filter(|(_, sequence)| **sequence > 1).map(|((ws, id), _)| (ws.as_str(), id.as_str())).unzip();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT to_jsonb(t) FROM {table} t
           JOIN unnest($1::text[], $2::text[]) AS k(ws, id) ON t.workspace_id = k.ws AND t.id = k.id",
        table = table.table
    );
    let found: Vec<Value> = sqlx::query_scalar(&sql).bind(&workspaces).bind(&ids).fetch_all(tx).await?;
    Ok(found
        .into_iter()
        .filter_map(|v| match v {
            Value::Object(row) => {
                let ws = row.get("workspace_id")?.as_str()?.to_owned();
                let id = row.get("id")?.as_str()?.to_owned();
                Some(((ws, id), row))
            }
            _ => None,
        })
        .collect())
}

/// Each entity of the batch with the sequence of its first event in it (1: the batch creates it).
pub fn first_sequences(events: &[&StoredEvent]) -> HashMap<Key, i64> {
    let mut first = HashMap::new();
    for event in events {
        first.entry(key_of(event)).or_insert(event.sequence);
    }
    first
}

pub async fn upsert_rows(tx: &mut PgConnection, table: &KernelTable, rows: &[Row]) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let columns = table.columns();
    let list = columns.join(", ");
    let updates = columns
        .iter()
        .filter(|c| **c != "workspace_id" && **c != "id")
        .map(|c| format!("{c} = EXCLUDED.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {t} ({list}) SELECT {list} FROM jsonb_populate_recordset(NULL::{t}, $1)
         ON CONFLICT (workspace_id, id) DO UPDATE SET {updates} WHERE {t}.version < EXCLUDED.version",
        t = table.table
    );
    sqlx::query(&sql).bind(sqlx::types::Json(rows)).execute(tx).await?;
    Ok(())
}

/// Appends the rows (a replayed batch's are already there: kept). `replace`: a repair's entry
/// at its request's position replaces one an earlier attempt of the same repair wrote.
pub async fn insert_sync_rows(tx: &mut PgConnection, rows: &[SyncRow], replace: bool) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let on_conflict = if replace {
        "DO UPDATE SET entity_type = EXCLUDED.entity_type, entity_id = EXCLUDED.entity_id, version = EXCLUDED.version,
                       op = EXCLUDED.op, updated_at = EXCLUDED.updated_at"
    } else {
        "DO NOTHING"
    };
    sqlx::query(&format!(
        "INSERT INTO sync_log (workspace_id, transaction_id, global_position, entity_type, entity_id, version, op, updated_at)
         SELECT workspace_id, transaction_id, global_position, entity_type, entity_id, version, op, updated_at
           FROM jsonb_populate_recordset(NULL::sync_log, $1)
         ON CONFLICT (workspace_id, global_position) {on_conflict}"
    ))
    .bind(sqlx::types::Json(rows))
    .execute(&mut *tx)
    .await?;
    // Live subscribers of these workspaces are told at commit, when the rows become visible
    // (Postgres delivers a transaction's notifications only if it commits, once per payload).
    let mut workspaces: Vec<&str> = rows.iter().map(|r| r.workspace_id.as_str()).collect();
    workspaces.sort_unstable();
    workspaces.dedup();
    sqlx::query("SELECT pg_notify($1, ws) FROM unnest($2::text[]) AS ws")
        .bind(SYNC_CHANNEL)
        .bind(&workspaces)
        .execute(tx)
        .await?;
    Ok(())
}

/// The NOTIFY channel naming a workspace whose `sync_log` grew.
pub const SYNC_CHANNEL: &str = "lifeos_sync";
