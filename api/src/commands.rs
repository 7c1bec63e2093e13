//! The command side: each aggregate's cqrs-es framework over postgres-es (snapshots, and the
//! stored-event upcasters), with event metadata attached, and read-your-writes — after a
//! command commits, wait (bounded) until the projector has passed the stream's newest event,
//! so the response and the caller's next query see the write.

use std::time::Duration;

use cqrs_es::persist::PersistedEventStore;
use cqrs_es::{Aggregate, AggregateError, CqrsFramework};
use lifeos_domain::entity::{Entity, EntityCommand, EntityError, EntityKind};
use lifeos_domain::note::NoteKind;
use lifeos_domain::person::PersonKind;
use lifeos_domain::place::PlaceKind;
use lifeos_domain::task::TaskKind;
use lifeos_domain::workspace::{Workspace, WorkspaceCommand};
use lifeos_events::EventMetadata;
use lifeos_projections::feed::stream_head;
use lifeos_projections::PositionWatch;
use postgres_es::{PostgresCqrs, PostgresEventRepository};
use sqlx::PgPool;
use tracing::Instrument;

use crate::error::ApiError;

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
    notes: PostgresCqrs<Entity<NoteKind>>,
    tasks: PostgresCqrs<Entity<TaskKind>>,
    people: PostgresCqrs<Entity<PersonKind>>,
    places: PostgresCqrs<Entity<PlaceKind>>,
    projected: Projected,
    wait: Duration,
}

/// The event stream of an entity: scoped to its workspace, so an id from another workspace
/// addresses a different (empty) stream and can neither read nor append to the original.
pub fn entity_stream(workspace_id: &str, id: &str) -> String {
    format!("{workspace_id}:{id}")
}

/// Which framework runs a kind's commands.
pub trait KindCommands: EntityKind {
    fn cqrs(commands: &Commands) -> &PostgresCqrs<Entity<Self>>;
}

macro_rules! kind_commands {
    ($($kind:ty => $field:ident),*) => {$(
        impl KindCommands for $kind {
            fn cqrs(commands: &Commands) -> &PostgresCqrs<Entity<Self>> {
                &commands.$field
            }
        }
    )*};
}
kind_commands!(NoteKind => notes, TaskKind => tasks, PersonKind => people, PlaceKind => places);

fn framework<A: Aggregate<Services = ()>>(pool: &PgPool) -> PostgresCqrs<A> {
    let store = PersistedEventStore::new_snapshot_store(PostgresEventRepository::new(pool.clone()), SNAPSHOT_EVERY)
        .with_upcasters(lifeos_events::upcast::upcasters());
    CqrsFramework::new(store, vec![], ())
}

impl Commands {
    pub fn new(pool: PgPool, projected: Projected, wait: Duration) -> Self {
        Self {
            workspaces: framework(&pool),
            notes: framework(&pool),
            tasks: framework(&pool),
            people: framework(&pool),
            places: framework(&pool),
            pool,
            projected,
            wait,
        }
    }

    /// Runs a Workspace command (stream id = the workspace id) and waits for its projection.
    pub async fn workspace(&self, command: WorkspaceCommand, meta: &EventMetadata) -> Result<(), ApiError> {
        let id = meta.workspace_id.clone();
        let result = self.workspaces.execute_with_metadata(&id, command, meta.to_map()).instrument(span(Workspace::TYPE, &id, meta)).await;
        result.map_err(|e| ApiError::from_aggregate(e, |e| e.kind()))?;
        self.wait_projected(Workspace::TYPE, &id, &self.projected.workspaces).await
    }

    /// Runs an entity command in `meta.workspace_id` and waits for the kernel projection.
    pub async fn entity<K: KindCommands>(&self, id: &str, command: EntityCommand, meta: &EventMetadata) -> Result<(), ApiError> {
        let stream = entity_stream(&meta.workspace_id, id);
        let result = K::cqrs(self).execute_with_metadata(&stream, command, meta.to_map()).instrument(span(K::TYPE, &stream, meta)).await;
        match result {
            Ok(()) => {}
            Err(AggregateError::UserError(e)) => return Err(entity_error(&e)),
            Err(AggregateError::AggregateConflict) => {
                // Another command appended first: report the version it left behind.
                let current: Option<i64> =
                    sqlx::query_scalar("SELECT max(sequence) FROM events WHERE aggregate_type = $1 AND aggregate_id = $2")
                        .bind(K::TYPE)
                        .bind(&stream)
                        .fetch_one(&self.pool)
                        .await?;
                return Err(ApiError::Conflict {
                    message: "changed concurrently by another request; reload and retry".into(),
                    current_version: current,
                });
            }
            Err(other) => return Err(ApiError::internal("event store failure", other)),
        }
        self.wait_projected(K::TYPE, &stream, &self.projected.kernel).await
    }

    async fn wait_projected(&self, aggregate_type: &str, id: &str, watch: &PositionWatch) -> Result<(), ApiError> {
        let mut conn = self.pool.acquire().await?;
        let Some(head) = stream_head(&mut conn, aggregate_type, id).await? else {
            return Ok(());
        };
        drop(conn);
        if let Err(e) = watch.wait_for(head, self.wait).await {
            // The command is committed and will be projected; only the echo is late.
            tracing::warn!(error = %e, aggregate_type, id, "read-your-writes wait gave up");
        }
        Ok(())
    }
}

fn span(aggregate: &str, id: &str, meta: &EventMetadata) -> tracing::Span {
    tracing::info_span!("command", aggregate, id, request_id = %meta.request_id)
}

fn entity_error(e: &EntityError) -> ApiError {
    match (e.field(), e.current_version()) {
        (Some(field), _) => ApiError::validation(field, e.to_string()),
        (None, Some(current)) => ApiError::Conflict { message: e.to_string(), current_version: Some(current) },
        _ => ApiError::from_domain(e.kind(), e.to_string()),
    }
}
