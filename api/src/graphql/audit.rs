//! Auditors: an entity's full history (before → after per field), its state as of a time or
//! version (folded from events, not read from the tables), and the workspace's event log
//! paged by feed cursor (owners only).

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Object, SimpleObject, ID};
use lifeos_replay::audit::{self, AuditFilter};
use lifeos_domain::values::{instant_bound, storable_text};
use lifeos_replay::AsOf;

use super::app;
use super::entity_type::EntityType;
use super::scalars::{DateTime, Json};
use crate::commands::valid_id;
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;

#[derive(SimpleObject)]
pub struct FieldChange {
    pub field: String,
    pub before: Json,
    pub after: Json,
}

#[derive(SimpleObject)]
pub struct HistoryEntry {
    pub version: i64,
    pub event_type: String,
    pub recorded_at: DateTime,
    pub actor: Option<ID>,
    pub client_id: Option<String>,
    #[graphql(complexity = "super::cost::list(super::cost::FIELDS_PER_EVENT, child_complexity)")]
    pub changes: Vec<FieldChange>,
}

#[derive(SimpleObject)]
pub struct AuditEntry {
    pub entity_type: EntityType,
    pub entity_id: ID,
    pub version: i64,
    pub event_type: String,
    pub recorded_at: DateTime,
    pub actor: Option<ID>,
    pub client_id: Option<String>,
    pub request_id: Option<String>,
    pub payload: Json,
}

fn replay_error(e: lifeos_replay::ReplayError) -> ApiError {
    match e {
        lifeos_replay::ReplayError::UnknownType(t) => ApiError::validation("entityType", format!("unknown entity type {t}")),
        other => ApiError::internal("replay failed", other),
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Every event of one entity, oldest first, with the fields each one changed.
    #[graphql(
        guard = "WorkspaceRole(Access::Read)",
        complexity = "super::cost::list(super::cost::HISTORY, child_complexity)"
    )]
    async fn history(&self, ctx: &Context<'_>, entity_type: EntityType, id: ID) -> async_graphql::Result<Vec<HistoryEntry>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let id = valid_id(&id)?;
        let entries = lifeos_replay::history(&app(ctx)?.pool, workspace_id, entity_type.as_str(), &id).await.map_err(replay_error)?;
        Ok(entries
            .into_iter()
            .map(|e| HistoryEntry {
                version: e.version,
                event_type: e.event_type,
                recorded_at: e.recorded_at.into(),
                actor: e.actor.map(ID),
                client_id: e.client_id,
                changes: e
                    .changes
                    .into_iter()
                    .map(|c| FieldChange { field: c.field, before: Json(c.before), after: Json(c.after) })
                    .collect(),
            })
            .collect())
    }

    /// The entity exactly as it was at `at` and/or `version` (camelCase JSON incl. id,
    /// version, createdAt, updatedAt, deletedAt), or null if it did not exist yet.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn entity_as_of(
        &self,
        ctx: &Context<'_>,
        entity_type: EntityType,
        id: ID,
        at: Option<DateTime>,
        version: Option<i64>,
    ) -> async_graphql::Result<Option<Json>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let id = valid_id(&id)?;
        let at = at.map(|at| at.0);
        at.as_ref().map_or(Ok(()), |at| instant_bound("at", at)).map_err(ApiError::from)?;
        let state = lifeos_replay::as_of(&app(ctx)?.pool, workspace_id, entity_type.as_str(), &id, AsOf { at, version })
            .await
            .map_err(replay_error)?;
        Ok(state.map(Json))
    }

    /// The workspace's event log in commit order, paged by feed cursor. Owners only.
    #[graphql(guard = "WorkspaceRole(Access::Manage)", complexity = "super::cost::page(first, 100, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        from: Option<DateTime>,
        to: Option<DateTime>,
        actor: Option<ID>,
        entity_type: Option<EntityType>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, AuditEntry>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Manage)?;
        let (from, to) = (from.map(|t| t.0), to.map(|t| t.0));
        for (field, time) in [("from", &from), ("to", &to)] {
            time.as_ref().map_or(Ok(()), |t| instant_bound(field, t)).map_err(ApiError::from)?;
        }
        actor.as_ref().map_or(Ok(()), |a| storable_text("actor", a)).map_err(ApiError::from)?;
        let first = i64::from(first.unwrap_or(100).clamp(1, 1000));
        let after_position = match after.as_deref() {
            None => lifeos_projections::Position::default(),
            Some(cursor) => audit::parse_cursor(cursor).ok_or_else(|| ApiError::validation("after", "not a cursor from auditLog"))?,
        };
        let filter = AuditFilter { from, to, actor: actor.map(|a| a.0), entity_type: entity_type.map(|t| t.as_str().to_owned()) };
        let records = audit::log(&app(ctx)?.pool, workspace_id, &filter, after_position, first + 1)
            .await
            .map_err(ApiError::from)?;
        let has_next = i64::try_from(records.len()).unwrap_or(i64::MAX) > first;
        let mut page = Connection::new(after.is_some(), has_next);
        for r in records.into_iter().take(usize::try_from(first).unwrap_or(0)) {
            let entry = AuditEntry {
                entity_type: EntityType::stored(&r.entity_type)?,
                entity_id: ID(r.entity_id),
                version: r.version,
                event_type: r.event_type,
                recorded_at: r.recorded_at.into(),
                actor: r.actor.map(ID),
                client_id: r.client_id,
                request_id: r.request_id,
                payload: Json(r.payload),
            };
            page.edges.push(Edge::new(r.cursor, entry));
        }
        Ok(page)
    }
}
