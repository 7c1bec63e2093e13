//! Projection `workspaces`: the workspace read model (`workspaces`, `workspace_members`) and
//! the per-user directory (`user_workspaces`) from Workspace events. Authorization reads
//! these tables; commands wait for this projection before answering (read-your-writes).

use lifeos_domain::workspace::{Workspace, WorkspaceEvent};
use cqrs_es::Aggregate;
use sqlx::PgConnection;

use crate::feed::StoredEvent;
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "workspaces";

#[derive(Debug, Default, Clone, Copy)]
pub struct WorkspacesProjection;

impl Projection for WorkspacesProjection {
    fn name(&self) -> &str {
        NAME
    }

    fn tables(&self) -> Vec<&'static str> {
        vec!["workspaces", "workspace_members", "user_workspaces"]
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(vec![Workspace::TYPE])
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        for event in events.iter().filter(|e| e.aggregate_type == Workspace::TYPE) {
            let decoded: WorkspaceEvent = event.decode().map_err(|e| ProjectionError::decode(event, e))?;
            apply_one(tx, event, &decoded).await?;
        }
        Ok(())
    }
}

async fn apply_one(tx: &mut PgConnection, stored: &StoredEvent, event: &WorkspaceEvent) -> Result<(), sqlx::Error> {
    let ws = stored.aggregate_id.as_str();
    match event {
        WorkspaceEvent::WorkspaceCreated { name, kind, created_by, at, .. } => {
            sqlx::query(
                "INSERT INTO workspaces (workspace_id, name, kind, created_by, created_at, updated_at, version)
                 VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (workspace_id) DO NOTHING",
            )
            .bind(ws)
            .bind(name)
            .bind(kind.as_str())
            .bind(created_by)
            .bind(at)
            .bind(stored.sequence)
            .execute(&mut *tx)
            .await?;
        }
        WorkspaceEvent::MemberAdded { user_id, role, at } => {
            upsert_member(tx, ws, user_id, role.as_str(), Some(*at)).await?;
        }
        WorkspaceEvent::MemberRoleChanged { user_id, to, .. } => {
            upsert_member(tx, ws, user_id, to.as_str(), None).await?;
        }
        WorkspaceEvent::MemberRemoved { user_id, .. } => {
            sqlx::query("DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2")
                .bind(ws)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM user_workspaces WHERE user_id = $1 AND workspace_id = $2")
                .bind(user_id)
                .bind(ws)
                .execute(&mut *tx)
                .await?;
        }
    }
    // Version = the workspace's event count; guarded so a replayed batch never goes back.
    sqlx::query(
        "UPDATE workspaces SET version = $2, updated_at = $3 WHERE workspace_id = $1 AND version < $2",
    )
    .bind(ws)
    .bind(stored.sequence)
    .bind(stored.recorded_at)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn upsert_member(
    tx: &mut PgConnection,
    ws: &str,
    user_id: &str,
    role: &str,
    added_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO workspace_members (workspace_id, user_id, role, added_at)
         VALUES ($1, $2, $3, COALESCE($4, now()))
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role",
    )
    .bind(ws)
    .bind(user_id)
    .bind(role)
    .bind(added_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO user_workspaces (user_id, workspace_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, workspace_id) DO UPDATE SET role = EXCLUDED.role",
    )
    .bind(user_id)
    .bind(ws)
    .bind(role)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
