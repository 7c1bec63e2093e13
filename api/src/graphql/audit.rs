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

/// One field an event changed.
#[derive(SimpleObject)]
pub struct FieldChange {
    /// The field's name (camelCase).
    pub field: String,
    /// Its value before the event (null if it had none).
    pub before: Json,
    /// Its value after the event.
    pub after: Json,
}

/// One event of an entity's history.
#[derive(SimpleObject)]
pub struct HistoryEntry {
    /// The entity's version after this event (1 for its creation).
    pub version: i64,
    /// The event's type, e.g. `NoteCreated`, `TaskCompleted`.
    pub event_type: String,
    /// When the event was stored.
    pub recorded_at: DateTime,
    /// The user who caused it, if known.
    pub actor: Option<ID>,
    /// The device whose offline push caused it, if one did.
    pub client_id: Option<String>,
    /// The fields it changed.
    #[graphql(complexity = "super::cost::list(super::cost::FIELDS_PER_EVENT, child_complexity)")]
    pub changes: Vec<FieldChange>,
}

/// One event of the workspace's log.
#[derive(SimpleObject)]
pub struct AuditEntry {
    /// The type of the stream the event belongs to: an entity kind (an `EntityType` value such
    /// as `Note`), or `Workspace` or a rule's own stream (e.g. `TaskTree`), which the log
    /// covers too — hence a string, not the enum.
    pub entity_type: String,
    /// The entity's id.
    pub entity_id: ID,
    /// The entity's version after this event.
    pub version: i64,
    /// The event's type, e.g. `NoteCreated`.
    pub event_type: String,
    /// When the event was stored.
    pub recorded_at: DateTime,
    /// The user who caused it, if known.
    pub actor: Option<ID>,
    /// The device whose offline push caused it, if one did.
    pub client_id: Option<String>,
    /// The `x-request-id` of the request that caused it.
    pub request_id: Option<String>,
    /// The event as stored (camelCase fields).
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
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entity's kind.")] entity_type: EntityType,
        #[graphql(desc = "The entity's id.")] id: ID,
    ) -> async_graphql::Result<Vec<HistoryEntry>> {
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
        #[graphql(desc = "The entity's kind.")] entity_type: EntityType,
        #[graphql(desc = "The entity's id.")] id: ID,
        #[graphql(desc = "The state after the last event recorded at or before this instant.")] at: Option<DateTime>,
        #[graphql(desc = "The state at this version (with `at`: whichever comes first).")] version: Option<i64>,
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
        #[graphql(desc = "Only events recorded at or after this instant.")] from: Option<DateTime>,
        #[graphql(desc = "Only events recorded before this instant.")] to: Option<DateTime>,
        #[graphql(desc = "Only events this user caused.")] actor: Option<ID>,
        #[graphql(desc = "Only events of streams of this type: a kind (`Note`...) or `Workspace`, `TaskTree`.")]
        entity_type: Option<String>,
        #[graphql(desc = "Most events in the page (1–1000, default 100).")] first: Option<i32>,
        #[graphql(desc = "The cursor of the last event of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, AuditEntry>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Manage)?;
        let (from, to) = (from.map(|t| t.0), to.map(|t| t.0));
        for (field, time) in [("from", &from), ("to", &to)] {
            time.as_ref().map_or(Ok(()), |t| instant_bound(field, t)).map_err(ApiError::from)?;
        }
        for (field, text) in [("actor", actor.as_ref().map(|a| a.as_str())), ("entityType", entity_type.as_deref())] {
            text.map_or(Ok(()), |t| storable_text(field, t)).map_err(ApiError::from)?;
        }
        let first = i64::from(first.unwrap_or(100).clamp(1, 1000));
        let after_position = match after.as_deref() {
            None => lifeos_projections::Position::default(),
            Some(cursor) => audit::parse_cursor(cursor).ok_or_else(|| ApiError::validation("after", "not a cursor from auditLog"))?,
        };
        let filter = AuditFilter { from, to, actor: actor.map(|a| a.0), entity_type };
        let records = audit::log(&app(ctx)?.pool, workspace_id, &filter, after_position, first + 1)
            .await
            .map_err(ApiError::from)?;
        let has_next = i64::try_from(records.len()).unwrap_or(i64::MAX) > first;
        let mut page = Connection::new(after.is_some(), has_next);
        for r in records.into_iter().take(usize::try_from(first).unwrap_or(0)) {
            let entry = AuditEntry {
                entity_type: r.entity_type,
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
