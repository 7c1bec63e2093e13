//! The entity write path: load entities (cqrs-es's snapshot store, with the stored-event
//! upcasters), let their aggregates decide, and append the resulting events — of any number of
//! entities and kinds, and of the rule aggregates their writes go through (`rules.rs`) — in ONE
//! caller-owned transaction, in the exact rows postgres-es writes
//! (so cqrs-es keeps loading them). A GraphQL mutation is a batch of one; a sync push is a
//! batch of many that commits or fails whole, together with its exactly-once bookkeeping.
//!
//! A create also claims its id for its kind (`ids.rs`), written first in the same transaction.
//!
//! Concurrency is optimistic, as in postgres-es: each stream's events take the sequence numbers
//! after the one it was loaded at, and the events primary key turns a concurrent append into
//! [`CommitError::Conflict`]; the caller reloads and decides again.

use std::any::Any;
use std::collections::HashMap;

use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{Aggregate, AggregateError, DomainEvent, EventStore};
use lifeos_domain::entity::{Entity, EntityEvent, EntityKind};
use lifeos_projections::feed::Position;
use postgres_es::PostgresEventRepository;
use sqlx::{PgConnection, PgPool};

pub use super::rows::CommitError;
pub use super::rows::Batch;
use super::rows::{write, EventRow, SnapshotRow};

use super::{event_store, SNAPSHOT_EVERY};
use crate::error::ApiError;

pub type Loader<A> = PersistedEventStore<PostgresEventRepository, A>;

/// Loads aggregates of any type (a cqrs-es store is typed by aggregate; one is made per load —
/// it only wraps the pool).
pub struct Loaders {
    pool: PgPool,
}

impl Loaders {
    pub fn new(pool: &PgPool) -> Self {
        Self { pool: pool.clone() }
    }

    fn loader<A: Aggregate>(&self) -> Loader<A> {
        event_store(&self.pool)
    }

    /// The write side's pool, for checks that read the event store's own tables.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// A create's claim of its id for its kind in its workspace (`super::ids`).
#[derive(Debug, Clone)]
pub struct Claim {
    pub workspace_id: String,
    pub id: String,
    pub entity_type: &'static str,
}

/// A staged stream (an entity, or a rule aggregate): its state with the batch's events
/// applied so far.
pub struct Staged<A: Aggregate> {
    pub aggregate: A,
    loaded_sequence: usize,
    /// The sequence number of its last event, the batch's included.
    sequence: usize,
    current_snapshot: Option<usize>,
}

/// Whether a staged entity exists, and is alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Missing,
    Alive,
    Deleted,
}

/// What the batch needs of a staged stream whatever its aggregate type.
trait StagedStream: Any + Send + Sync {
    fn snapshot(&self, stream: &str) -> Result<Option<SnapshotRow>, serde_json::Error>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<A: Aggregate + 'static> StagedStream for Staged<A> {
    fn snapshot(&self, stream: &str) -> Result<Option<SnapshotRow>, serde_json::Error> {
        if !self.snapshot_due() {
            return Ok(None);
        }
        Ok(Some(SnapshotRow {
            aggregate_type: A::TYPE,
            aggregate_id: stream.to_owned(),
            last_sequence: i64::try_from(self.sequence).unwrap_or(i64::MAX),
            previous: self.current_snapshot,
            payload: serde_json::to_value(&self.aggregate)?,
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The streams a batch touched, of any aggregate types, by (aggregate type, stream).
#[derive(Default)]
struct Streams(HashMap<(&'static str, String), Box<dyn StagedStream>>);

impl Streams {
    fn get<A: Aggregate + 'static>(&self, stream: &str) -> Option<&Staged<A>> {
        self.0.get(&(A::TYPE, stream.to_owned())).and_then(|s| s.as_any().downcast_ref())
    }

    fn get_mut<A: Aggregate + 'static>(&mut self, stream: &str) -> Option<&mut Staged<A>> {
        self.0.get_mut(&(A::TYPE, stream.to_owned())).and_then(|s| s.as_any_mut().downcast_mut())
    }

    fn insert<A: Aggregate + 'static>(&mut self, stream: &str, staged: Staged<A>) {
        self.0.insert((A::TYPE, stream.to_owned()), Box::new(staged));
    }

    /// The snapshot writes due at commit, for every aggregate type.
    fn snapshots(&self) -> Result<Vec<SnapshotRow>, serde_json::Error> {
        let mut rows = Vec::new();
        for ((_, stream), staged) in &self.0 {
            rows.extend(staged.snapshot(stream)?);
        }
        Ok(rows)
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

/// A batch of entity writes (and their rule aggregates' events) on its way to one transaction.
#[derive(Default)]
pub struct Staging {
    streams: Streams,
    rows: Vec<EventRow>,
    claims: Vec<Claim>,
    /// (workspace, id) → the kind the id already has (None: no kind), from a batched lookup.
    kinds: HashMap<(String, String), Option<String>>,
}

impl Staging {
    /// The entity's current state (loaded on first use; the batch's own events included).
    pub async fn entity<K: EntityKind>(&mut self, loaders: &Loaders, stream: &str) -> Result<&Entity<K>, ApiError> {
        self.aggregate::<Entity<K>>(loaders, stream).await
    }

    /// Any aggregate's current state — an entity, a rule aggregate — (loaded on first use; the
    /// batch's own events included).
    pub async fn aggregate<A: Aggregate + 'static>(&mut self, loaders: &Loaders, stream: &str) -> Result<&A, ApiError> {
        if self.streams.get::<A>(stream).is_none() {
            let context = loaders.loader::<A>().load_aggregate(stream).await.map_err(load_error)?;
            let staged = Staged {
                aggregate: context.aggregate,
                loaded_sequence: context.current_sequence,
                sequence: context.current_sequence,
                current_snapshot: context.current_snapshot,
            };
            self.streams.insert(stream, staged);
        }
        self.streams.get::<A>(stream).map(|s| &s.aggregate).ok_or_else(|| ApiError::internal("staged stream vanished", stream))
    }

    /// Whether the entity exists and is alive, with this batch's events (loaded on first use).
    pub async fn liveness<K: EntityKind>(&mut self, loaders: &Loaders, stream: &str) -> Result<Liveness, ApiError> {
        let entity = self.entity::<K>(loaders, stream).await?;
        Ok(match (entity.exists(), entity.deleted_at) {
            (false, _) => Liveness::Missing,
            (true, None) => Liveness::Alive,
            (true, Some(_)) => Liveness::Deleted,
        })
    }

    /// Stages an entity known not to exist yet (a fresh server-drawn id) without loading it;
    /// if it does exist after all, the append conflicts and the caller reloads.
    pub fn new_entity<K: EntityKind>(&mut self, stream: &str) -> Result<&Entity<K>, ApiError> {
        if self.streams.get::<Entity<K>>(stream).is_none() {
            let staged = Staged { aggregate: Entity::<K>::default(), loaded_sequence: 0, sequence: 0, current_snapshot: None };
            self.streams.insert(stream, staged);
        }
        self.streams.get::<Entity<K>>(stream).map(|s| &s.aggregate).ok_or_else(|| ApiError::internal("staged entity vanished", stream))
    }

    /// The staged state of an entity, if the batch holds it.
    pub fn state<K: EntityKind>(&self, stream: &str) -> Option<Entity<K>> {
        self.staged::<K>(stream).cloned()
    }

    /// The staged entity itself, if the batch holds it.
    pub fn staged<K: EntityKind>(&self, stream: &str) -> Option<&Entity<K>> {
        self.streams.get::<Entity<K>>(stream).map(|s| &s.aggregate)
    }

    /// The kind that claimed `id` in this batch, if any.
    pub fn claimed(&self, workspace_id: &str, id: &str) -> Option<&'static str> {
        self.claims.iter().find(|c| c.workspace_id == workspace_id && c.id == id).map(|c| c.entity_type)
    }

    /// Queues a create's id claim (written before the events, in the same transaction).
    pub fn claim(&mut self, claim: Claim) {
        if self.claimed(&claim.workspace_id, &claim.id).is_none() {
            self.claims.push(claim);
        }
    }

    /// Commits the batch on its own: one autocommitted statement when it creates nothing and
    /// no snapshot falls due (a multi-row INSERT is atomic by itself), else a transaction.
    /// (GraphQL commands commit through [`super::group_commit`], which does the same for a
    /// group of one.)
    pub async fn commit_alone(self, pool: &PgPool) -> Result<Option<Position>, CommitError> {
        self.into_batch()?.commit_alone(pool).await
    }

    /// What committing the batch writes: its claims, its event rows and the snapshots that
    /// fall due (encoded now, so a group commit never fails on one command's encoding).
    pub fn into_batch(self) -> Result<Batch, CommitError> {
        let snapshots = self.streams.snapshots().map_err(CommitError::Encode)?;
        Ok(Batch { claims: self.claims, rows: self.rows, snapshots })
    }

    /// Applies decided events to the staged entity and queues their rows; returns the entity's
    /// version after them.
    pub fn append<K: EntityKind>(&mut self, stream: &str, events: Vec<EntityEvent<K>>, metadata: &str) -> Result<i64, ApiError> {
        self.append_to::<Entity<K>>(stream, events, metadata)?;
        self.streams.get::<Entity<K>>(stream).map(|s| s.aggregate.version).ok_or_else(|| ApiError::internal("staged entity vanished", stream))
    }

    /// Applies decided events to any staged aggregate (loaded by [`Staging::aggregate`]) and
    /// queues their rows, numbered after its last sequence.
    pub fn append_to<A: Aggregate + 'static>(&mut self, stream: &str, events: Vec<A::Event>, metadata: &str) -> Result<(), ApiError> {
        let staged = self
            .streams
            .get_mut::<A>(stream)
            .ok_or_else(|| ApiError::internal("append to a stream that was not loaded", stream))?;
        for event in events {
            let payload = serde_json::to_string(&event).map_err(|e| ApiError::internal("event serialisation failed", e))?;
            let (event_type, event_version) = (event.event_type(), event.event_version());
            staged.aggregate.apply(event);
            staged.sequence += 1;
            self.rows.push(EventRow {
                aggregate_type: A::TYPE,
                aggregate_id: stream.to_owned(),
                sequence: i64::try_from(staged.sequence).unwrap_or(i64::MAX),
                event_type,
                event_version,
                payload,
                metadata: metadata.to_owned(),
            });
        }
        Ok(())
    }

    /// Appends every queued event (and the snapshots that fall due) in `tx`; returns the
    /// feed position of the last event, if any.
    pub async fn commit(self, tx: &mut PgConnection) -> Result<Option<Position>, CommitError> {
        let snapshots = self.streams.snapshots().map_err(CommitError::Encode)?;
        super::ids::write_claims(&self.claims, tx).await?;
        write(&self.rows, &snapshots, tx).await
    }
}

/// What batched loading (`preload.rs`) puts into a batch; kept apart from the commit path.
impl Staging {
    /// Stages a stream loaded by a batched load (its state after its last stored event
    /// `sequence`, with snapshot number `snapshot`), unless the batch already holds it.
    pub(super) fn loaded<A: Aggregate + 'static>(&mut self, stream: &str, aggregate: A, sequence: usize, snapshot: Option<usize>) {
        if self.streams.get::<A>(stream).is_none() {
            let staged = Staged { aggregate, loaded_sequence: sequence, sequence, current_snapshot: snapshot };
            self.streams.insert(stream, staged);
        }
    }

    /// Remembers the committed kind of `id` (None: no entity has it), looked up in a batch.
    pub(super) fn know_kind(&mut self, workspace_id: &str, id: &str, kind: Option<String>) {
        self.kinds.insert((workspace_id.to_owned(), id.to_owned()), kind);
    }

    /// The committed kind of `id` if a batched lookup saw it: `Some(None)` when no entity has
    /// it, `None` when it was not looked up.
    pub(super) fn known_kind(&self, workspace_id: &str, id: &str) -> Option<Option<&str>> {
        self.kinds.get(&(workspace_id.to_owned(), id.to_owned())).map(Option::as_deref)
    }
}

impl<A: Aggregate> Staged<A> {
    /// Whether this batch's events cross a multiple of the snapshot interval (postgres-es's
    /// rule), so loading never replays more than `SNAPSHOT_EVERY` events.
    fn snapshot_due(&self) -> bool {
        let now = self.sequence;
        now > self.loaded_sequence && now / SNAPSHOT_EVERY > self.loaded_sequence / SNAPSHOT_EVERY
    }
}


fn load_error<E: std::error::Error>(e: AggregateError<E>) -> ApiError {
    match e {
        AggregateError::DeserializationError(e) => ApiError::internal("stored event does not decode", e),
        other => ApiError::internal("event store failure", other),
    }
}
