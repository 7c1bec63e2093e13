//! Folding a batch of entity events into kernel rows (JSON objects keyed by column) and
//! `sync_log` rows. Generic over kinds: the entity event shapes are the same for all of them
//! (`Created{fields}`, `Updated{changes}`, `Deleted`, `Restored`, `Transitioned{changes}`).
//! Idempotent: an event whose sequence the row already has is skipped.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::{Map, Value};

use super::tables::KernelTable;
use crate::feed::StoredEvent;
use crate::runtime::ProjectionError;

pub type Row = Map<String, Value>;
pub type Key = (String, String);

/// Timestamps stay the RFC 3339 strings the domain stored (Postgres parses them once, on
/// insert); no parse/re-format round trip per event.
#[derive(Deserialize)]
enum KernelEvent {
    Created { fields: Map<String, Value>, at: String },
    Updated { changes: Map<String, Value>, at: String },
    Deleted { at: String },
    Restored { at: String },
    Transitioned { changes: Map<String, Value>, at: String },
    Merged {
        changes: Map<String, Value>,
        #[serde(default)]
        deleted: Option<bool>,
        at: String,
    },
}

pub struct Folded {
    /// The rows that changed, in their final state for this batch.
    pub rows: Vec<Row>,
    pub sync_rows: Vec<SyncRow>,
}

/// One `sync_log` row (serialised straight into the batch's JSON parameter).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SyncRow {
    pub workspace_id: String,
    pub transaction_id: i64,
    pub global_position: i64,
    pub entity_type: &'static str,
    pub entity_id: String,
    pub version: i64,
    pub op: &'static str,
    pub updated_at: String,
}

/// The `(workspace_id, entity id)` of an entity event: streams are `"{workspace}:{id}"`.
pub fn key_of(event: &StoredEvent) -> Key {
    let id = event.aggregate_id.rsplit_once(':').map_or(event.aggregate_id.as_str(), |(_, id)| id);
    (event.workspace_id.clone(), id.to_owned())
}

pub fn fold(table: &KernelTable, mut rows: HashMap<Key, Row>, events: &[&StoredEvent]) -> Result<Folded, ProjectionError> {
    let mut dirty: Vec<Key> = Vec::new();
    let mut seen: HashSet<Key> = HashSet::new();
    let mut sync_rows = Vec::with_capacity(events.len());
    // (event field, column) pairs, converted once per batch rather than per event.
    let columns: Vec<(&str, &str)> = table.fields.iter().map(|f| (f.name, f.column)).collect();
    for event in events {
        let key = key_of(event);
        let decoded = decode(event)?;
        let row = rows.entry(key.clone()).or_default();
        let have = row.get("version").and_then(Value::as_i64).unwrap_or(0);
        if have >= event.sequence {
            continue; // already projected (replayed batch)
        }
        let (at, op) = apply(&columns, row, decoded);
        row.insert("workspace_id".into(), Value::String(key.0.clone()));
        row.insert("id".into(), Value::String(key.1.clone()));
        row.insert("version".into(), Value::from(event.sequence));
        row.insert("updated_at".into(), Value::String(at.clone()));
        sync_rows.push(SyncRow {
            workspace_id: key.0.clone(),
            transaction_id: event.position.transaction_id,
            global_position: event.position.global_position,
            entity_type: table.type_name,
            entity_id: key.1.clone(),
            version: event.sequence,
            op,
            updated_at: at,
        });
        if seen.insert(key.clone()) {
            dirty.push(key);
        }
    }
    let rows = dirty.into_iter().filter_map(|k| rows.remove(&k)).collect();
    Ok(Folded { rows, sync_rows })
}

/// Each entity's last `sync_log` row, moved to `at` (a repair's position).
pub fn restamp(rows: Vec<SyncRow>, at: crate::feed::Position) -> Vec<SyncRow> {
    let mut last: Vec<SyncRow> = Vec::new();
    for row in rows.into_iter().rev() {
        if !last.iter().any(|r| r.workspace_id == row.workspace_id && r.entity_id == row.entity_id) {
            last.push(SyncRow { transaction_id: at.transaction_id, global_position: at.global_position, ..row });
        }
    }
    last
}

fn decode(event: &StoredEvent) -> Result<KernelEvent, ProjectionError> {
    event.decode().map_err(|e| ProjectionError::decode(event, e))
}

/// Applies one event to a row; returns its time and the sync op.
fn apply(columns: &[(&str, &str)], row: &mut Row, event: KernelEvent) -> (String, &'static str) {
    match event {
        KernelEvent::Created { fields, at } => {
            row.insert("created_at".into(), Value::String(at.clone()));
            row.insert("deleted_at".into(), Value::Null);
            set_fields(columns, row, &fields);
            (at, "upsert")
        }
        KernelEvent::Updated { changes, at } | KernelEvent::Transitioned { changes, at } => {
            set_fields(columns, row, &changes);
            (at, "upsert")
        }
        KernelEvent::Deleted { at } => {
            row.insert("deleted_at".into(), Value::String(at.clone()));
            (at, "delete")
        }
        KernelEvent::Restored { at } => {
            row.insert("deleted_at".into(), Value::Null);
            (at, "upsert")
        }
        KernelEvent::Merged { changes, deleted, at } => {
            set_fields(columns, row, &changes);
            match deleted {
                Some(true) if row.get("deleted_at").is_none_or(Value::is_null) => {
                    row.insert("deleted_at".into(), Value::String(at.clone()));
                }
                Some(false) => {
                    row.insert("deleted_at".into(), Value::Null);
                }
                _ => {}
            }
            let deleted = row.get("deleted_at").is_some_and(|v| !v.is_null());
            (at, if deleted { "delete" } else { "upsert" })
        }
    }
}

/// Copies the table's known fields from an event (camelCase) into the row (snake_case).
fn set_fields(columns: &[(&str, &str)], row: &mut Row, fields: &Map<String, Value>) {
    for (field, column) in columns {
        if let Some(value) = fields.get(*field) {
            row.insert((*column).to_owned(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::feed::Position;
    use crate::kernel::tables::for_aggregate;

    fn event(sequence: i64, event_type: &str, payload: Value) -> StoredEvent {
        let payload = payload.to_string();
        StoredEvent {
            position: Position { transaction_id: 10 + sequence, global_position: sequence },
            aggregate_type: "Task".into(),
            aggregate_id: "W1:T1".into(),
            sequence,
            event_type: event_type.into(),
            event_version: "1".into(),
            payload,
            recorded_at: chrono::Utc::now(),
            workspace_id: "W1".into(),
        }
    }

    #[test]
    fn a_batch_folds_into_one_final_row_and_one_sync_row_per_event() -> Result<(), ProjectionError> {
        let table = for_aggregate("Task").ok_or_else(|| ProjectionError::Database(sqlx::Error::RowNotFound))?;
        let at = "2026-01-02T03:04:05Z";
        let events = [
            event(1, "TaskCreated", json!({"Created": {"workspace_id": "W1", "id": "T1", "at": at,
                "fields": {"title": "a", "notes": "", "status": "OPEN", "priority": "NONE", "dueAt": null, "completedAt": null, "parentId": null}}})),
            event(2, "TaskUpdated", json!({"Updated": {"changes": {"title": "b"}, "at": at}})),
            event(3, "TaskDeleted", json!({"Deleted": {"at": at}})),
        ];
        let refs: Vec<&StoredEvent> = events.iter().collect();
        let folded = fold(table, HashMap::new(), &refs)?;
        assert_eq!(folded.rows.len(), 1);
        let row = &folded.rows[0];
        assert_eq!(row["title"], "b");
        assert_eq!(row["version"], 3);
        assert_eq!(row["id"], "T1");
        assert!(row["deleted_at"].is_string());
        assert!(row.contains_key("due_at") && row.contains_key("parent_id"));
        let ops: Vec<&str> = folded.sync_rows.iter().map(|r| r.op).collect();
        assert_eq!(ops, ["upsert", "upsert", "delete"]);

        // Replaying the same events over the folded row changes nothing.
        let current = HashMap::from([(("W1".to_owned(), "T1".to_owned()), row.clone())]);
        let again = fold(table, current, &refs)?;
        assert!(again.rows.is_empty() && again.sync_rows.is_empty());
        Ok(())
    }

    #[test]
    fn a_repair_keeps_each_entitys_last_sync_row_at_the_repairs_position() {
        let row = |entity: &str, version: i64, op: &'static str| SyncRow {
            workspace_id: "W1".into(),
            transaction_id: 5,
            global_position: version,
            entity_type: "Task",
            entity_id: entity.into(),
            version,
            op,
            updated_at: "2026-01-01T00:00:00Z".into(),
        };
        let at = Position { transaction_id: 99, global_position: 1234 };
        let rows = restamp(vec![row("T1", 1, "upsert"), row("T1", 2, "delete")], at);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].version, rows[0].op, rows[0].transaction_id, rows[0].global_position), (2, "delete", 99, 1234));
    }
}
