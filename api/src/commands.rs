//! The command side: each aggregate's cqrs-es framework over postgres-es, with event metadata
//! attached, and read-your-writes — after a command commits, wait (bounded) until the
//! projector has passed the stream's newest event, so the response and the caller's next
//! query see the write.

use std::time::Duration;

use cqrs_es::{Aggregate, CqrsFramework};
use lifeos_domain::workspace::{Workspace, WorkspaceCommand};
use lifeos_events::EventMetadata;
use lifeos_projections::feed::stream_head;
use lifeos_projections::PositionWatch;
use postgres_es::PostgresCqrs;
use sqlx::PgPool;
use tracing::Instrument;

use crate::error::ApiError;

/// Snapshot every N events so loading an aggregate never replays its whole history.
pub const SNAPSHOT_EVERY: usize = 100;

pub struct Commands {
    pool: PgPool,
    workspaces: PostgresCqrs<Workspace>,
    workspaces_projected: PositionWatch,
    wait: Duration,
}

impl Commands {
    pub fn new(pool: PgPool, workspaces_projected: PositionWatch, wait: Duration) -> Self {
        let workspaces = postgres_es::postgres_snapshot_cqrs(pool.clone(), vec![], SNAPSHOT_EVERY, ());
        Self { pool, workspaces, workspaces_projected, wait }
    }

    /// Runs a Workspace command (stream id = the workspace id) and waits for its projection.
    pub async fn workspace(&self, command: WorkspaceCommand, meta: &EventMetadata) -> Result<(), ApiError> {
        let id = meta.workspace_id.clone();
        execute(&self.workspaces, &id, command, meta, |e| e.kind()).await?;
        self.wait_projected(Workspace::TYPE, &id, &self.workspaces_projected).await
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

async fn execute<A, ES>(
    cqrs: &CqrsFramework<A, ES>,
    id: &str,
    command: A::Command,
    meta: &EventMetadata,
    kind: impl Fn(&A::Error) -> lifeos_domain::ErrorKind,
) -> Result<(), ApiError>
where
    A: Aggregate,
    ES: cqrs_es::EventStore<A>,
{
    cqrs.execute_with_metadata(id, command, meta.to_map())
        .instrument(tracing::info_span!("command", aggregate = A::TYPE, id, request_id = %meta.request_id))
        .await
        .map_err(|e| ApiError::from_aggregate(e, kind))
}
