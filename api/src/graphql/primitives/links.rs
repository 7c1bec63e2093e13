//! Link's operations: `createLink` (the id is the natural id of (from, to, relation), so a
//! repeated create is the same link — idempotent), `updateLink` (the note; endpoints and
//! relation are fixed), `deleteLink` / `restoreLink`, `link(id)`, and `links(fromId:|toId:,
//! relation:)` (paged, filtered and ordered like every list), which hides a link while either endpoint is deleted (it stays in history and
//! comes back when the endpoint is restored).

use std::collections::{HashMap, HashSet};

use async_graphql::connection::Connection;
use async_graphql::{Context, Object, ID};
use lifeos_domain::primitives::link::LinkKind;

use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;
use crate::graphql::kinds::inputs::{DeleteInput, RestoreInput};
use crate::graphql::kinds::link::{CreateLinkInput, Link, LinkOrder, UpdateLinkInput};
use crate::graphql::kinds::list::{page, KindFilter, ListArgs, DEFAULT_PAGE_LEN};
use crate::graphql::kinds::operations::{change, create, get, to_fields, Change};
use crate::graphql::{app, cost};

#[derive(Default)]
pub struct LinkQuery;

#[Object]
impl LinkQuery {
    /// One link of the current workspace, deleted ones included.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn link(&self, ctx: &Context<'_>, #[graphql(desc = "The link's id.")] id: ID) -> async_graphql::Result<Option<Link>> {
        get::<LinkKind, Link>(ctx, &id).await
    }

    /// The links from (`fromId`) or to (`toId`) an entity, optionally of one relation, oldest
    /// first unless `orderBy` says otherwise; paged and filtered like every list. A link whose
    /// other endpoint is deleted is left out until it is restored.
    #[graphql(
        guard = "WorkspaceRole(Access::Read)",
        complexity = "cost::page(first.or(last), DEFAULT_PAGE_LEN, child_complexity)"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn links(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Links from this entity (give this or `toId`).")] from_id: Option<ID>,
        #[graphql(desc = "Links to this entity (give this or `fromId`).")] to_id: Option<ID>,
        #[graphql(desc = "Only links of this relation.")] relation: Option<String>,
        #[graphql(desc = "At most this many from the start (after `after`); 0-500, default 50.")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor (an edge's `cursor`, a page's `endCursor`).")] after: Option<String>,
        #[graphql(desc = "At most this many from the end (before `before`); 0-500. Not with `first`.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor (an edge's `cursor`, a page's `startCursor`).")] before: Option<String>,
        #[graphql(desc = "Keep only the links that match every given entry.")] filter: Option<KindFilter<LinkKind>>,
        #[graphql(desc = "Default: oldest first (`createdAt`, then id, ascending). Cursors belong to one ordering.")] order_by: Option<LinkOrder>,
        #[graphql(default = false, desc = "Include soft-deleted links.")] include_deleted: bool,
    ) -> async_graphql::Result<Connection<String, Link>> {
        if from_id.is_none() && to_id.is_none() {
            return Err(ApiError::validation("fromId", "give fromId or toId").into());
        }
        let mut filter = filter.unwrap_or_default();
        for (name, id) in [("fromId", from_id), ("toId", to_id)] {
            if let Some(id) = id {
                let id = crate::commands::valid_id(&id).map_err(|_| ApiError::validation(name, "must be a ULID"))?;
                filter = filter.with(name, async_graphql::Value::String(id));
            }
        }
        if let Some(relation) = relation {
            filter = filter.with("relation", async_graphql::Value::String(relation));
        }
        let args = ListArgs { first, after, last, before, filter, order: LinkOrder::ordering(order_by), include_deleted, extra: Vec::new() };
        let mut page = page::<LinkKind, Link>(ctx, args).await?;
        let hidden = deleted_endpoints(ctx, &page).await?;
        page.edges.retain(|e| !hidden.contains(e.node.from_id.as_str()) && !hidden.contains(e.node.to_id.as_str()));
        Ok(page)
    }
}

/// The endpoints of the page's links that are deleted now (one query per endpoint kind).
async fn deleted_endpoints(ctx: &Context<'_>, page: &Connection<String, Link>) -> Result<HashSet<String>, ApiError> {
    let app = app(ctx).map_err(|e| ApiError::internal("no application context", e.message))?;
    let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
    let mut by_type: HashMap<&str, Vec<String>> = HashMap::new();
    for edge in &page.edges {
        let link = &edge.node;
        by_type.entry(link.from_type.as_str()).or_default().push(link.from_id.to_string());
        by_type.entry(link.to_type.as_str()).or_default().push(link.to_id.to_string());
    }
    let mut hidden = HashSet::new();
    for (kind, ids) in by_type {
        let Some(spec) = lifeos_domain::registry::spec(kind) else { continue };
        let sql = format!("SELECT id FROM {} WHERE workspace_id = $1 AND id = ANY($2) AND deleted_at IS NOT NULL", spec.table);
        let deleted: Vec<String> = sqlx::query_scalar(&sql).bind(workspace_id).bind(&ids).fetch_all(&app.pool).await?;
        hidden.extend(deleted);
    }
    Ok(hidden)
}

#[derive(Default)]
pub struct LinkMutation;

#[Object]
impl LinkMutation {
    /// Link two entities of the current workspace. The same (from, to, relation) is one link:
    /// creating it again with the same note returns it unchanged.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn create_link(&self, ctx: &Context<'_>, #[graphql(desc = "The link's endpoints, relation and note.")] input: CreateLinkInput) -> async_graphql::Result<Link> {
        // The id is the natural id of (from, to, relation) unless given (then it must be that).
        create::<LinkKind, Link>(ctx, input.id.clone(), to_fields(&input)?).await
    }

    /// Change the note (endpoints and relation are fixed).
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn update_link(&self, ctx: &Context<'_>, #[graphql(desc = "The link, its version and the new note.")] input: UpdateLinkInput) -> async_graphql::Result<Link> {
        let patch = to_fields(&input)?;
        change::<LinkKind, Link>(ctx, &input.id, Some(input.expected_version), Change::Update(patch)).await
    }

    /// Soft-delete: the link keeps its history.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn delete_link(&self, ctx: &Context<'_>, #[graphql(desc = "The link and its current version.")] input: DeleteInput) -> async_graphql::Result<Link> {
        change::<LinkKind, Link>(ctx, &input.id, Some(input.expected_version), Change::Delete).await
    }

    /// Undo a delete.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn restore_link(&self, ctx: &Context<'_>, #[graphql(desc = "The link and its current version.")] input: RestoreInput) -> async_graphql::Result<Link> {
        change::<LinkKind, Link>(ctx, &input.id, Some(input.expected_version), Change::Restore).await
    }
}
