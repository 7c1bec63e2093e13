//! A projection's own copy of the entities it folds (`finance_entities`, `habit_entities`):
//! each entity's fields and deleted flag, folded from its events, so a projection never reads
//! the kernel tables — a rebuild of it alone must give the same rows whatever the kernel
//! tables hold at that moment. One table per projection, keyed (workspace_id, entity_type, id).
//!
//! Must never: be written to by anything but its projection's `apply`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use sqlx::PgConnection;

use crate::feed::StoredEvent;
use crate::runtime::ProjectionError;

/// An entity as the projection keeps it: its fields, and whether it is deleted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mirrored {
    pub fields: Map<String, Value>,
    pub deleted: bool,
}

impl Mirrored {
    /// The fields when live.
    pub fn live(&self) -> Option<&Map<String, Value>> {
        (!self.deleted && !self.fields.is_empty()).then_some(&self.fields)
    }

    /// A text field of the live or deleted entity.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field).and_then(Value::as_str)
    }
}

/// (workspace, entity type, id).
pub type EntityKey = (String, String, String);

/// The mirrored entities before and after a batch.
pub type Snapshot = HashMap<EntityKey, Mirrored>;

#[derive(serde::Deserialize)]
enum Change {
    Created { fields: Map<String, Value> },
    Updated { changes: Map<String, Value> },
    Transitioned { changes: Map<String, Value> },
    Deleted {},
    Restored {},
    Merged {
        changes: Map<String, Value>,
        #[serde(default)]
        deleted: Option<bool>,
    },
}

fn fold(entity: &mut Mirrored, change: Change) {
    match change {
        Change::Created { fields } => *entity = Mirrored { fields, deleted: false },
        Change::Updated { changes } | Change::Transitioned { changes } => entity.fields.extend(changes),
        Change::Deleted {} => entity.deleted = true,
        Change::Restored {} => entity.deleted = false,
        Change::Merged { changes, deleted } => {
            entity.fields.extend(changes);
            if let Some(deleted) = deleted {
                entity.deleted = deleted;
            }
        }
    }
}

/// Entity streams are `"{workspace}:{id}"`.
pub fn entity_key(event: &StoredEvent) -> EntityKey {
    let id = event.aggregate_id.rsplit_once(':').map_or(event.aggregate_id.as_str(), |(_, id)| id);
    (event.workspace_id.clone(), event.aggregate_type.clone(), id.to_owned())
}

fn mirrored(fields: Value, deleted: bool) -> Mirrored {
    Mirrored { fields: match fields { Value::Object(map) => map, _ => Map::new() }, deleted }
}

/// One projection's mirror table.
#[derive(Debug, Clone, Copy)]
pub struct Mirror {
    table: &'static str,
}

impl Mirror {
    pub const fn new(table: &'static str) -> Self {
        Self { table }
    }

    /// Folds `events` into the mirror: the touched entities before and after them (stored).
    pub async fn apply(&self, tx: &mut PgConnection, events: &[&StoredEvent]) -> Result<(Snapshot, Snapshot), ProjectionError> {
        let mut keys: Vec<EntityKey> = events.iter().map(|e| entity_key(e)).collect();
        keys.sort();
        keys.dedup();
        let before = self.load(tx, &keys).await?;
        let mut after = before.clone();
        for event in events {
            let change: Change = event.decode().map_err(|e| ProjectionError::decode(event, e))?;
            fold(after.entry(entity_key(event)).or_default(), change);
        }
        self.store(tx, &after).await?;
        Ok((before, after))
    }

    /// The mirrored entities of these keys (absent ones are not in the map).
    pub async fn load(&self, tx: &mut PgConnection, keys: &[EntityKey]) -> Result<Snapshot, ProjectionError> {
        let (mut w, mut t, mut i) = (Vec::new(), Vec::new(), Vec::new());
        for (workspace, kind, id) in keys {
            w.push(workspace.as_str());
            t.push(kind.as_str());
            i.push(id.as_str());
        }
        let rows: Vec<(String, String, String, Value, bool)> = sqlx::query_as(&format!(
            "SELECT f.workspace_id, f.entity_type, f.id, f.fields, f.deleted FROM {} f
               JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(w, t, i) ON (f.workspace_id, f.entity_type, f.id) = (k.w, k.t, k.i)",
            self.table
        ))
        .bind(w)
        .bind(t)
        .bind(i)
        .fetch_all(&mut *tx)
        .await?;
        Ok(rows.into_iter().map(|(w, t, i, fields, deleted)| ((w, t, i), mirrored(fields, deleted))).collect())
    }

    /// Every mirrored entity of `kind` in these workspaces, by (workspace, id).
    pub async fn load_kind(&self, tx: &mut PgConnection, workspaces: &[String], kind: &str) -> Result<BTreeMap<(String, String), Mirrored>, ProjectionError> {
        let rows: Vec<(String, String, Value, bool)> = sqlx::query_as(&format!(
            "SELECT workspace_id, id, fields, deleted FROM {} WHERE workspace_id = ANY($1) AND entity_type = $2",
            self.table
        ))
        .bind(workspaces)
        .bind(kind)
        .fetch_all(&mut *tx)
        .await?;
        Ok(rows.into_iter().map(|(w, i, fields, deleted)| ((w, i), mirrored(fields, deleted))).collect())
    }

    /// The mirrored entities of `kind` in `workspace` whose text field `field` is `value`, by id
    /// (the table needs an index on that expression to make this cheap).
    pub async fn load_by(&self, tx: &mut PgConnection, workspace: &str, kind: &str, field: &str, value: &str) -> Result<BTreeMap<String, Mirrored>, ProjectionError> {
        let rows: Vec<(String, Value, bool)> = sqlx::query_as(&format!(
            "SELECT id, fields, deleted FROM {} WHERE workspace_id = $1 AND entity_type = $2 AND fields ->> $3 = $4",
            self.table
        ))
        .bind(workspace)
        .bind(kind)
        .bind(field)
        .bind(value)
        .fetch_all(&mut *tx)
        .await?;
        Ok(rows.into_iter().map(|(i, fields, deleted)| (i, mirrored(fields, deleted))).collect())
    }

    async fn store(&self, tx: &mut PgConnection, entities: &Snapshot) -> Result<(), ProjectionError> {
        let rows: Vec<Value> = entities
            .iter()
            .map(|((w, t, i), m)| serde_json::json!({"workspace_id": w, "entity_type": t, "id": i, "fields": m.fields, "deleted": m.deleted}))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO {table} SELECT * FROM jsonb_populate_recordset(NULL::{table}, $1)
             ON CONFLICT (workspace_id, entity_type, id) DO UPDATE SET fields = EXCLUDED.fields, deleted = EXCLUDED.deleted",
            table = self.table
        ))
        .bind(Value::Array(rows))
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}
