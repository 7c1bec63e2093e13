//! The entity write path: load entities (cqrs-es's snapshot store, with the stored-event
//! upcasters), let their aggregates decide, and append the resulting events — of any number of
//! entities and kinds — in ONE caller-owned transaction, in the exact rows postgres-es writes
//! (so cqrs-es keeps loading them). A GraphQL mutation is a batch of one; a sync push is a
//! batch of many that commits or fails whole, together with its exactly-once bookkeeping.
//!
//! Concurrency is optimistic, as in postgres-es: each entity's events take the sequence numbers
//! after the one it was loaded at, and the events primary key turns a concurrent append into
//! [`CommitError::Conflict`]; the caller reloads and decides again.

use std::any::Any;
use std::collections::HashMap;

use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{AggregateError, DomainEvent, EventStore};
use lifeos_domain::entity::{Entity, EntityError, EntityEvent, EntityKind};
use lifeos_projections::feed::Position;
use postgres_es::PostgresEventRepository;
use serde_json::Value;
use sqlx::{PgConnection, PgPool};

use super::{event_store, SNAPSHOT_EVERY};
use crate::error::ApiError;

pub type Loader<K> = PersistedEventStore<PostgresEventRepository, Entity<K>>;

/// Loads entities of any kind (a cqrs-es store is typed by aggregate; one is made per load —
/// it only wraps the pool).
pub struct Loaders {
    pool: PgPool,
}

impl Loaders {
    pub fn new(pool: &PgPool) -> Self {
        Self { pool: pool.clone() }
    }

    fn loader<K: EntityKind>(&self) -> Loader<K> {
        event_store(&self.pool)
    }
}

/// A staged entity: its state with the batch's events applied so far.
pub struct Staged<K: EntityKind> {
    pub aggregate: Entity<K>,
    loaded_sequence: usize,
    current_snapshot: Option<usize>,
}

/// Whether a staged entity exists, and is alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Missing,
    Alive,
    Deleted,
}

/// What the batch needs of a staged entity whatever its kind.
trait StagedEntity: Any + Send + Sync {
    fn snapshot(&self, stream: &str) -> Result<Option<SnapshotRow>, serde_json::Error>;
    fn liveness(&self) -> Liveness;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<K: EntityKind> StagedEntity for Staged<K> {
    fn snapshot(&self, stream: &str) -> Result<Option<SnapshotRow>, serde_json::Error> {
        if !self.snapshot_due() {
            return Ok(None);
        }
        Ok(Some(SnapshotRow {
            aggregate_type: K::TYPE,
            aggregate_id: stream.to_owned(),
            last_sequence: self.aggregate.version,
            previous: self.current_snapshot,
            payload: serde_json::to_value(&self.aggregate)?,
        }))
    }

    fn liveness(&self) -> Liveness {
        match (self.aggregate.exists(), self.aggregate.deleted_at) {
            (false, _) => Liveness::Missing,
            (true, None) => Liveness::Alive,
            (true, Some(_)) => Liveness::Deleted,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The entities a batch touched, of any kinds, by (aggregate type, stream).
#[derive(Default)]
struct Entities(HashMap<(&'static str, String), Box<dyn StagedEntity>>);

impl Entities {
    fn get<K: EntityKind>(&self, stream: &str) -> Option<&Staged<K>> {
        self.0.get(&(K::TYPE, stream.to_owned())).and_then(|s| s.as_any().downcast_ref())
    }

    fn get_mut<K: EntityKind>(&mut self, stream: &str) -> Option<&mut Staged<K>> {
        self.0.get_mut(&(K::TYPE, stream.to_owned())).and_then(|s| s.as_any_mut().downcast_mut())
    }

    fn insert<K: EntityKind>(&mut self, stream: &str, staged: Staged<K>) {
        self.0.insert((K::TYPE, stream.to_owned()), Box::new(staged));
    }

    /// The snapshot writes due at commit, for every kind.
    fn snapshots(&self) -> Result<Vec<SnapshotRow>, serde_json::Error> {
        let mut rows = Vec::new();
        for ((_, stream), staged) in &self.0 {
            rows.extend(staged.snapshot(stream)?);
        }
        Ok(rows)
    }
}

/// An event row as postgres-es stores it.
struct EventRow {
    aggregate_type: &'static str,
    aggregate_id: String,
    sequence: i64,
    event_type: String,
    event_version: String,
    payload: String,
    metadata: String,
}

struct SnapshotRow {
    aggregate_type: &'static str,
    aggregate_id: String,
    last_sequence: i64,
    /// The snapshot number being replaced (`None`: the entity has none yet).
    previous: Option<usize>,
    payload: Value,
}

#[derive(Debug)]
pub enum CommitError {
    /// Another transaction appended to one of the batch's entities first.
    Conflict,
    Database(sqlx::Error),
    Encode(serde_json::Error),
}

impl From<sqlx::Error> for CommitError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.code().as_deref() == Some("23505") => CommitError::Conflict,
            _ => CommitError::Database(e),
        }
    }
}

impl From<CommitError> for ApiError {
    fn from(e: CommitError) -> Self {
        match e {
            CommitError::Conflict => ApiError::Conflict {
                message: "changed concurrently by another request; reload and retry".into(),
                current_version: None,
            },
            CommitError::Database(e) => e.into(),
            CommitError::Encode(e) => ApiError::internal("event encoding failed", e),
        }
    }
}

/// A batch of entity writes on its way to one transaction.
#[derive(Default)]
pub struct Staging {
    entities: Entities,
    rows: Vec<EventRow>,
}

impl Staging {
    /// The entity's current state (loaded on first use; the batch's own events included).
    pub async fn entity<K: EntityKind>(&mut self, loaders: &Loaders, stream: &str) -> Result<&Entity<K>, ApiError> {
        if self.entities.get::<K>(stream).is_none() {
            let context = loaders.loader::<K>().load_aggregate(stream).await.map_err(load_error)?;
            let staged = Staged {
                aggregate: context.aggregate,
                loaded_sequence: context.current_sequence,
                current_snapshot: context.current_snapshot,
            };
            self.entities.insert(stream, staged);
        }
        self.entities.get::<K>(stream).map(|s| &s.aggregate).ok_or_else(|| ApiError::internal("staged entity vanished", stream))
    }

    /// Whether the entity exists and is alive, with this batch's events (loaded on first use).
    pub async fn liveness<K: EntityKind>(&mut self, loaders: &Loaders, stream: &str) -> Result<Liveness, ApiError> {
        self.entity::<K>(loaders, stream).await?;
        Ok(self.entities.get::<K>(stream).map_or(Liveness::Missing, StagedEntity::liveness))
    }

    /// Stages an entity known not to exist yet (a fresh server-drawn id) without loading it;
    /// if it does exist after all, the append conflicts and the caller reloads.
    pub fn new_entity<K: EntityKind>(&mut self, stream: &str) -> Result<&Entity<K>, ApiError> {
        if self.entities.get::<K>(stream).is_none() {
            self.entities.insert::<K>(stream, Staged { aggregate: Entity::default(), loaded_sequence: 0, current_snapshot: None });
        }
        self.entities.get::<K>(stream).map(|s| &s.aggregate).ok_or_else(|| ApiError::internal("staged entity vanished", stream))
    }

    /// The staged state of an entity, if the batch holds it.
    pub fn state<K: EntityKind>(&self, stream: &str) -> Option<Entity<K>> {
        self.entities.get::<K>(stream).map(|s| s.aggregate.clone())
    }

    /// Commits the batch on its own: one autocommitted statement when no snapshot falls due
    /// (a multi-row INSERT is atomic by itself), else a transaction.
    pub async fn commit_alone(self, pool: &PgPool) -> Result<Option<Position>, CommitError> {
        let snapshots = self.entities.snapshots().map_err(CommitError::Encode)?;
        if snapshots.is_empty() {
            let mut conn = pool.acquire().await?;
            return write(&self.rows, &snapshots, &mut conn).await;
        }
        let mut tx = pool.begin().await?;
        let position = write(&self.rows, &snapshots, &mut tx).await?;
        tx.commit().await?;
        Ok(position)
    }

    /// Applies decided events to the staged entity and queues their rows; returns the entity's
    /// version after them.
    pub fn append<K: EntityKind>(&mut self, stream: &str, events: Vec<EntityEvent<K>>, metadata: &str) -> Result<i64, ApiError> {
        let staged = self
            .entities
            .get_mut::<K>(stream)
            .ok_or_else(|| ApiError::internal("append to an entity that was not loaded", stream))?;
        for event in events {
            staged.aggregate.evolve(&event);
            self.rows.push(EventRow {
                aggregate_type: K::TYPE,
                aggregate_id: stream.to_owned(),
                sequence: staged.aggregate_sequence(),
                event_type: event.event_type(),
                event_version: event.event_version(),
                payload: serde_json::to_string(&event).map_err(|e| ApiError::internal("event serialisation failed", e))?,
                metadata: metadata.to_owned(),
            });
        }
        Ok(staged.aggregate.version)
    }

    /// Appends every queued event (and the snapshots that fall due) in `tx`; returns the
    /// feed position of the last event, if any.
    pub async fn commit(self, tx: &mut PgConnection) -> Result<Option<Position>, CommitError> {
        let snapshots = self.entities.snapshots().map_err(CommitError::Encode)?;
        write(&self.rows, &snapshots, tx).await
    }
}

/// The batch's event rows in one multi-row INSERT, then its due snapshots.
async fn write(rows: &[EventRow], snapshots: &[SnapshotRow], tx: &mut PgConnection) -> Result<Option<Position>, CommitError> {
    if rows.is_empty() {
        return Ok(None);
    }
    let last: (i64, i64) = sqlx::query_as(
        "WITH inserted AS (
           INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
           SELECT a, i, s, t, v, p::json, m::json
             FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
               AS r(a, i, s, t, v, p, m)
           RETURNING transaction_id, global_position)
         SELECT transaction_id::text::bigint, max(global_position) FROM inserted GROUP BY transaction_id",
    )
    .bind(rows.iter().map(|r| r.aggregate_type).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.aggregate_id.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.sequence).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.event_type.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.event_version.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.payload.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.metadata.as_str()).collect::<Vec<_>>())
    .fetch_one(&mut *tx)
    .await?;
    for snapshot in snapshots {
        write_snapshot(tx, snapshot).await?;
    }
    Ok(Some(Position { transaction_id: last.0, global_position: last.1 }))
}

impl<K: EntityKind> Staged<K> {
    fn aggregate_sequence(&self) -> i64 {
        self.aggregate.version
    }

    /// Whether this batch's events cross a multiple of the snapshot interval (postgres-es's
    /// rule), so loading never replays more than `SNAPSHOT_EVERY` events.
    fn snapshot_due(&self) -> bool {
        let now = usize::try_from(self.aggregate.version).unwrap_or(0);
        now > self.loaded_sequence && now / SNAPSHOT_EVERY > self.loaded_sequence / SNAPSHOT_EVERY
    }
}

async fn write_snapshot(tx: &mut PgConnection, s: &SnapshotRow) -> Result<(), CommitError> {
    let written = match s.previous {
        None => {
            sqlx::query(
                "INSERT INTO snapshots (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload)
                 VALUES ($1, $2, $3, 1, $4)",
            )
            .bind(s.aggregate_type)
            .bind(&s.aggregate_id)
            .bind(s.last_sequence)
            .bind(&s.payload)
            .execute(&mut *tx)
            .await?
        }
        Some(previous) => {
            let previous = i64::try_from(previous).unwrap_or(i64::MAX);
            sqlx::query(
                "UPDATE snapshots SET last_sequence = $3, payload = $4, current_snapshot = $5 + 1
                  WHERE aggregate_type = $1 AND aggregate_id = $2 AND current_snapshot = $5",
            )
            .bind(s.aggregate_type)
            .bind(&s.aggregate_id)
            .bind(s.last_sequence)
            .bind(&s.payload)
            .bind(previous)
            .execute(&mut *tx)
            .await?
        }
    };
    if written.rows_affected() == 1 {
        Ok(())
    } else {
        Err(CommitError::Conflict)
    }
}

fn load_error(e: AggregateError<EntityError>) -> ApiError {
    match e {
        AggregateError::DeserializationError(e) => ApiError::internal("stored event does not decode", e),
        other => ApiError::internal("event store failure", other),
    }
}
