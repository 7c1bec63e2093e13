//! The command side. Workspaces run through cqrs-es's framework over postgres-es and wait
//! (bounded) for their projection; entities run through [`staging`] (cqrs-es loads them; their
//! events, with those of the cross-entity rules they trigger ([`rules`]), are appended in one
//! statement or transaction per batch, so a sync push of many entities commits whole; a
//! GraphQL command's batch is committed together with those of concurrent commands
//! ([`group_commit`]), each keeping its own outcome) and do not wait: read-your-writes is the
//! session's next reading request's job ([`consistency`]). Every event carries its metadata.

pub mod consistency;
pub mod group_commit;
mod group_write;
pub mod ids;
pub mod preload;
pub mod references;
mod rows;
pub mod rules;
pub mod staging;

use std::sync::Arc;
use std::time::Duration;

use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{Aggregate, CqrsFramework};
use lifeos_domain::entity::{Entity, EntityCommand, EntityError, EntityKind, Fields};
use lifeos_domain::workspace::{Workspace, WorkspaceCommand};
use lifeos_events::EventMetadata;
use lifeos_projections::feed::{stream_head, Position};
use lifeos_projections::PositionWatch;
use postgres_es::{PostgresCqrs, PostgresEventRepository};
use sqlx::PgPool;
use tracing::Instrument;

use crate::auth::cache::AuthCache;
use crate::auth::revocation::{self, Revoked};
use crate::error::ApiError;
use crate::observe::{ConflictReason, Conflicts};

/// Snapshot every N events so loading an aggregate never replays its whole history.
pub const SNAPSHOT_EVERY: usize = 100;

/// Positions of the projections commands wait on.
pub struct Projected {
    pub workspaces: PositionWatch,
    pub kernel: PositionWatch,
}

pub struct Commands {
    pool: PgPool,
    workspaces: PostgresCqrs<Workspace>,
    pub loaders: Loaders,
    /// Read-your-writes for sessions whose entity writes are not projected yet.
    pub session_writes: SessionWrites,
    projected: Projected,
    wait: Duration,
    /// Cleared by every workspace command (memberships and roles change there).
    auth_cache: Arc<AuthCache>,
    /// Counts conflicts with concurrent writes (`/metrics`).
    pub conflicts: Conflicts,
    /// Commits entity commands' batches together with concurrent ones.
    group_commit: GroupCommit,
}

/// How often a batch is decided again after losing an append race before giving up.
pub const MAX_ATTEMPTS: usize = 5;

/// The event stream of an entity: scoped to its workspace, so an id from another workspace
/// addresses a different (empty) stream and can neither read nor append to the original.
pub fn entity_stream(workspace_id: &str, id: &str) -> String {
    format!("{workspace_id}:{id}")
}

use consistency::SessionWrites;
use group_commit::{GroupCommit, GroupCommitConfig};
use staging::{CommitError, Loaders, Staging};

/// An entity command's result: the entity's state after it, and the feed position of its
/// last event (`None` if the command changed nothing).
pub struct Written<K: EntityKind> {
    pub entity: Entity<K>,
    pub position: Option<Position>,
}

/// Whether the entity is known to be new (a server-drawn id): then it is not loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    New,
    Load,
}

/// The event store every aggregate loads from: postgres-es, snapshots every
/// [`SNAPSHOT_EVERY`] events, stored events upcast on read.
pub fn event_store<A: Aggregate>(pool: &PgPool) -> PersistedEventStore<PostgresEventRepository, A> {
    PersistedEventStore::new_snapshot_store(PostgresEventRepository::new(pool.clone()), SNAPSHOT_EVERY)
        .with_upcasters(lifeos_events::upcast::upcasters())
}

fn framework<A: Aggregate<Services = ()>>(pool: &PgPool) -> PostgresCqrs<A> {
    CqrsFramework::new(event_store(pool), vec![], ())
}

impl Commands {
    /// Starts the group-commit lanes: call on the tokio runtime.
    pub fn new(pool: PgPool, projected: Projected, wait: Duration, auth_cache: Arc<AuthCache>, conflicts: Conflicts, grouping: GroupCommitConfig) -> Self {
        Self {
            group_commit: GroupCommit::start(pool.clone(), grouping),
            workspaces: framework(&pool),
            loaders: Loaders::new(&pool),
            session_writes: SessionWrites::new(projected.kernel.clone(), wait),
            pool,
            projected,
            wait,
            auth_cache,
            conflicts,
        }
    }

    /// Runs a Workspace command (stream id = the workspace id) and waits for its projection.
    /// A removal is announced on `lifeos_auth` once committed, closing the member's sockets.
    pub async fn workspace(&self, command: WorkspaceCommand, meta: &EventMetadata) -> Result<(), ApiError> {
        let id = meta.workspace_id.clone();
        let removed = match &command {
            WorkspaceCommand::RemoveMember { user_id, .. } => Some(Revoked::Member { workspace_id: id.clone(), user_id: user_id.clone() }),
            _ => None,
        };
        let result = self.workspaces.execute_with_metadata(&id, command, meta.to_map()).instrument(span(Workspace::TYPE, &id, meta)).await;
        result.map_err(|e| match &e {
            cqrs_es::AggregateError::UserError(w) if w.field().is_some() => {
                ApiError::validation(w.field().unwrap_or_default(), w.to_string())
            }
            cqrs_es::AggregateError::AggregateConflict => {
                self.conflicts.record(ConflictReason::AppendRace);
                ApiError::from_aggregate(e, |e| e.kind())
            }
            _ => ApiError::from_aggregate(e, |e| e.kind()),
        })?;
        if let Some(removed) = removed {
            // Committed either way; a lost notice is caught by the sockets' periodic re-check.
            if let Err(e) = revocation::notify(&self.pool, &removed).await {
                tracing::warn!(error = %e, "could not announce a member's removal");
            }
        }
        let projected = self.wait_projected(Workspace::TYPE, &id, &self.projected.workspaces).await;
        // After the projection: a request in between must not re-cache the old memberships.
        self.auth_cache.clear();
        projected
    }

    /// Runs an entity command in `meta.workspace_id` (a batch of one). Returns without
    /// waiting for projections: the caller answers from the returned state and notes the
    /// position against its session ([`SessionWrites`]).
    pub async fn entity<K: EntityKind>(&self, id: &str, command: EntityCommand, meta: &EventMetadata, fresh: Fresh) -> Result<Written<K>, ApiError> {
        let stream = entity_stream(&meta.workspace_id, id);
        let span = span(K::TYPE, &stream, meta);
        self.entity_attempts::<K>(&stream, command, meta, fresh).instrument(span).await
    }

    async fn entity_attempts<K: EntityKind>(&self, stream: &str, command: EntityCommand, meta: &EventMetadata, fresh: Fresh) -> Result<Written<K>, ApiError> {
        let metadata = &meta.to_json();
        let mut fresh = fresh;
        for _ in 0..MAX_ATTEMPTS {
            let mut staging = Staging::default();
            let current = match fresh {
                Fresh::New => staging.new_entity::<K>(stream)?.fields.clone(),
                Fresh::Load => staging.entity::<K>(&self.loaders, stream).await?.fields.clone(),
            };
            let named = named_fields(&command);
            references::check_write::<K>(&mut staging, &self.loaders, &meta.workspace_id, &meta.actor, named, &current).await?;
            let entity = staging.staged::<K>(stream).ok_or_else(|| ApiError::internal("staged entity vanished", stream))?;
            let events = entity.decide(command.clone()).map_err(|e| self.counted(entity_error(&e)))?;
            rules::check::<K>(&mut staging, &self.loaders, stream, &events, metadata).await?;
            staging.append::<K>(stream, events, metadata)?;
            // The entity was staged above, so its state after the append is there too.
            let entity = staging.state::<K>(stream).ok_or_else(|| ApiError::internal("staged entity vanished", stream))?;
            match self.group_commit.commit(staging).await {
                Ok(position) => return Ok(Written { entity, position }),
                Err(CommitError::Conflict) => {
                    self.conflicts.record(ConflictReason::AppendRace);
                    fresh = Fresh::Load;
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.conflicts.record(ConflictReason::RetriesExhausted);
        Err(ApiError::Conflict { message: "changed concurrently by other requests; reload and retry".into(), current_version: None })
    }

    /// Counts a stale `expectedVersion` (a `CONFLICT` naming the current version) and passes
    /// the error on.
    pub fn counted(&self, error: ApiError) -> ApiError {
        if let ApiError::Conflict { current_version: Some(_), .. } = &error {
            self.conflicts.record(ConflictReason::StaleVersion);
        }
        error
    }

    /// Read-your-writes for a committed batch: bounded wait for the kernel projection.
    pub async fn wait_for_kernel(&self, position: Option<Position>) {
        if let Some(position) = position {
            self.wait_position(position, &self.projected.kernel).await;
        }
    }

    async fn wait_position(&self, head: Position, watch: &PositionWatch) {
        if let Err(e) = watch.wait_for(head, self.wait).await {
            // The command is committed and will be projected; only the echo is late.
            tracing::warn!(error = %e, "read-your-writes wait gave up");
        }
    }

    async fn wait_projected(&self, aggregate_type: &str, id: &str, watch: &PositionWatch) -> Result<(), ApiError> {
        let mut conn = self.pool.acquire().await?;
        let Some(head) = stream_head(&mut conn, aggregate_type, id).await? else {
            return Ok(());
        };
        drop(conn);
        self.wait_position(head, watch).await;
        Ok(())
    }
}

fn span(aggregate: &str, id: &str, meta: &EventMetadata) -> tracing::Span {
    tracing::info_span!("command", aggregate, id, request_id = %meta.request_id)
}

/// The fields a command names (those whose references it must check).
fn named_fields(command: &EntityCommand) -> Option<&Fields> {
    match command {
        EntityCommand::Create { fields, .. } => Some(fields),
        EntityCommand::Update { patch, .. } => Some(patch),
        EntityCommand::Merge { op: lifeos_domain::entity::MergeOp::Upsert(fields), .. } => Some(fields),
        _ => None,
    }
}

/// A well-formed ULID (128 bits) in canonical form, or `VALIDATION` on `id`.
pub fn valid_id(id: &str) -> Result<String, ApiError> {
    lifeos_domain::values::parse_ulid(id.trim())
        .map(|u| u.to_string())
        .ok_or_else(|| ApiError::validation("id", "must be a ULID (26 characters, Crockford base32, first one 0-7)"))
}

pub fn entity_error(e: &EntityError) -> ApiError {
    match (e.field(), e.current_version()) {
        (Some(field), _) => ApiError::validation(field, e.to_string()),
        (None, Some(current)) => ApiError::Conflict { message: e.to_string(), current_version: Some(current) },
        _ => ApiError::from_domain(e.kind(), e.to_string()),
    }
}
