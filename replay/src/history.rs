//! Entity history and as-of reads for the kernel kinds, by folding the stream's events with
//! `Entity<K>::evolve` — the same code the aggregate uses, so history cannot disagree with it.

use chrono::{DateTime, Utc};
use lifeos_domain::entity::{Entity, EntityEvent, EntityKind, Fields};
use lifeos_domain::registry::{self, KindVisitor};
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::stream::{self, RawEvent};

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("unknown entity type {0}")]
    UnknownType(String),
    #[error("stored event {sequence} cannot be decoded: {source}")]
    Decode { sequence: i64, #[source] source: serde_json::Error },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// A field's value before and after one event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub version: i64,
    pub event_type: String,
    pub recorded_at: DateTime<Utc>,
    pub actor: Option<String>,
    pub client_id: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// What to fold up to (both bounds apply when both are given).
#[derive(Debug, Clone, Copy, Default)]
pub struct AsOf {
    pub at: Option<DateTime<Utc>>,
    pub version: Option<i64>,
}

/// Every event of the entity in order, with the fields it changed.
pub async fn history(pool: &PgPool, workspace_id: &str, entity_type: &str, id: &str) -> Result<Vec<HistoryEntry>, ReplayError> {
    let events = load(pool, workspace_id, entity_type, id).await?;
    dispatch(entity_type, |fold| fold.history(&events))
}

/// The entity exactly as it was (camelCase JSON with kernel fields), or None if it did not
/// exist yet at that point.
pub async fn as_of(pool: &PgPool, workspace_id: &str, entity_type: &str, id: &str, bound: AsOf) -> Result<Option<Value>, ReplayError> {
    let events = load(pool, workspace_id, entity_type, id).await?;
    let upto: Vec<RawEvent> = events
        .into_iter()
        .take_while(|e| bound.version.is_none_or(|v| e.sequence <= v) && bound.at.is_none_or(|at| e.recorded_at <= at))
        .collect();
    dispatch(entity_type, |fold| fold.state(&upto))
}

async fn load(pool: &PgPool, workspace_id: &str, entity_type: &str, id: &str) -> Result<Vec<RawEvent>, ReplayError> {
    let stream_id = format!("{workspace_id}:{id}");
    Ok(stream::load(pool, workspace_id, entity_type, &stream_id).await?)
}

/// Folding operations, object-safe so the entity type can be chosen at run time.
trait Fold {
    fn history(&self, events: &[RawEvent]) -> Result<Vec<HistoryEntry>, ReplayError>;
    fn state(&self, events: &[RawEvent]) -> Result<Option<Value>, ReplayError>;
}

struct KindFold<K>(std::marker::PhantomData<K>);

/// Runs `run` with the fold of the registered kind named `entity_type`.
fn dispatch<T>(entity_type: &str, run: impl FnOnce(&dyn Fold) -> Result<T, ReplayError>) -> Result<T, ReplayError> {
    struct Visit<F>(F);
    impl<T, F: FnOnce(&dyn Fold) -> Result<T, ReplayError>> KindVisitor for Visit<F> {
        type Output = Result<T, ReplayError>;
        fn visit<K: EntityKind>(self) -> Self::Output {
            (self.0)(&KindFold::<K>(Default::default()))
        }
    }
    registry::visit(entity_type, Visit(run)).unwrap_or_else(|| Err(ReplayError::UnknownType(entity_type.to_owned())))
}

impl<K: EntityKind> KindFold<K> {
    fn decode(event: &RawEvent) -> Result<EntityEvent<K>, ReplayError> {
        serde_json::from_value(event.payload.clone()).map_err(|source| ReplayError::Decode { sequence: event.sequence, source })
    }
}

impl<K: EntityKind> Fold for KindFold<K> {
    fn history(&self, events: &[RawEvent]) -> Result<Vec<HistoryEntry>, ReplayError> {
        let mut entity = Entity::<K>::default();
        let mut out = Vec::with_capacity(events.len());
        for raw in events {
            let before = snapshot(&entity);
            entity.evolve(&Self::decode(raw)?);
            let after = snapshot(&entity);
            let meta = |key: &str| raw.metadata.get(key).and_then(Value::as_str).map(str::to_owned);
            out.push(HistoryEntry {
                version: raw.sequence,
                event_type: raw.event_type.clone(),
                recorded_at: raw.recorded_at,
                actor: meta("actor"),
                client_id: meta("client_id"),
                changes: changed(&before, &after),
            });
        }
        Ok(out)
    }

    fn state(&self, events: &[RawEvent]) -> Result<Option<Value>, ReplayError> {
        let mut entity = Entity::<K>::default();
        for raw in events {
            entity.evolve(&Self::decode(raw)?);
        }
        if !entity.exists() {
            return Ok(None);
        }
        let mut state = snapshot(&entity);
        state.insert("id".into(), json!(entity.id));
        state.insert("version".into(), json!(entity.version));
        state.insert("createdAt".into(), json!(entity.created_at));
        state.insert("updatedAt".into(), json!(entity.updated_at));
        Ok(Some(Value::Object(state)))
    }
}

/// The auditable view of an entity: its fields plus `deletedAt`.
fn snapshot<K: EntityKind>(entity: &Entity<K>) -> Fields {
    let mut fields = entity.fields.clone();
    fields.insert("deletedAt".into(), json!(entity.deleted_at));
    fields
}

fn changed(before: &Fields, after: &Fields) -> Vec<FieldChange> {
    after
        .iter()
        .filter_map(|(field, value)| {
            let old = before.get(field).cloned().unwrap_or(Value::Null);
            (old != *value).then(|| FieldChange { field: field.clone(), before: old, after: value.clone() })
        })
        .collect()
}
