//! Workspaces and memberships: the current workspace (chosen by `X-LifeOS-Workspace`), shared
//! workspaces (a household), and owner-only member management. Every change is a Workspace
//! command → events; reads come from the `workspaces` projection.

use async_graphql::{Context, Object, SimpleObject, ID};
use lifeos_domain::workspace::{WorkspaceCommand, WorkspaceKind};
use lifeos_events::EventMetadata;

use super::app;
use super::types::{parse_role, RoleGql, WorkspaceMembership};
use crate::auth::context::RequestMeta;
use crate::auth::guard::auth;
use crate::auth::revocation::Revoked;
use crate::auth::{users, Access, AuthUser, SignedIn, WorkspaceRole};
use crate::error::ApiError;
use crate::state::AppContext;

/// A workspace: a personal one per user, or a shared one (a household) with members.
#[derive(SimpleObject)]
pub struct Workspace {
    /// The workspace's id (send it as `X-LifeOS-Workspace` to work in it).
    pub id: ID,
    /// The workspace's name.
    pub name: String,
    /// `personal` or `shared`.
    pub kind: String,
    /// Number of events in the workspace's own stream.
    pub version: i64,
    /// The signed-in user's role here.
    pub my_role: RoleGql,
    /// Everyone with access, in the order they were added.
    #[graphql(complexity = "super::cost::list(super::cost::SHORT_LIST, child_complexity)")]
    pub members: Vec<Member>,
}

/// A user with access to a workspace, and their role there.
#[derive(SimpleObject)]
pub struct Member {
    /// The member's user id.
    pub user_id: ID,
    /// The member's email.
    pub email: String,
    /// The member's name.
    pub display_name: String,
    /// What the member may do in the workspace.
    pub role: RoleGql,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    user_id: String,
    email: String,
    display_name: String,
    role: String,
}

#[derive(Default)]
pub struct WorkspaceQuery;

#[Object]
impl WorkspaceQuery {
    /// The workspace this request runs in.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn workspace(&self, ctx: &Context<'_>) -> async_graphql::Result<Workspace> {
        let (_, workspace_id, role) = auth(ctx)?.workspace(Access::Read)?;
        Ok(load(app(ctx)?, workspace_id, role.into()).await?)
    }
}

#[derive(Default)]
pub struct WorkspaceMutation;

#[Object]
impl WorkspaceMutation {
    /// Create a shared workspace; you become its owner.
    #[graphql(guard = "SignedIn")]
    async fn create_workspace(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new workspace's name.")] name: String,
    ) -> async_graphql::Result<WorkspaceMembership> {
        let app = app(ctx)?;
        let user = auth(ctx)?.user()?;
        let workspace_id = app.services.ids.new_id();
        let command = WorkspaceCommand::Create {
            workspace_id: workspace_id.clone(),
            name,
            kind: WorkspaceKind::Shared,
            owner_id: user.user_id.clone(),
            at: app.services.clock.now(),
        };
        app.commands.workspace(command, &metadata(ctx, user, &workspace_id)?).await?;
        let w = load(app, &workspace_id, RoleGql::Owner).await?;
        Ok(WorkspaceMembership { id: w.id, name: w.name, kind: w.kind, role: RoleGql::Owner })
    }

    /// Add an existing user (by email) to the current workspace. Owners only.
    #[graphql(guard = "WorkspaceRole(Access::Manage)")]
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The email of an existing user.")] email: String,
        #[graphql(desc = "The role to give them.")] role: RoleGql,
    ) -> async_graphql::Result<Workspace> {
        let app = app(ctx)?;
        let email = users::normalize_email(&email)?;
        let member = users::by_email(&app.pool, &email)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::NotFound("no user with that email".into()))?;
        manage(ctx, |actor, at| WorkspaceCommand::AddMember { actor, user_id: member.id, role: role.into(), at }).await
    }

    /// Change a member's role. Owners only; the last owner cannot step down.
    #[graphql(guard = "WorkspaceRole(Access::Manage)")]
    async fn change_member_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's user id.")] user_id: ID,
        #[graphql(desc = "Their new role.")] role: RoleGql,
    ) -> async_graphql::Result<Workspace> {
        manage(ctx, |actor, at| WorkspaceCommand::ChangeMemberRole { actor, user_id: user_id.0, role: role.into(), at }).await
    }

    /// Remove a member. Owners only; the last owner cannot leave.
    #[graphql(guard = "WorkspaceRole(Access::Manage)")]
    async fn remove_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member's user id.")] user_id: ID,
    ) -> async_graphql::Result<Workspace> {
        let removed = user_id.0.clone();
        let workspace = manage(ctx, |actor, at| WorkspaceCommand::RemoveMember { actor, user_id: user_id.0, at }).await?;
        // This process's sockets of the member close before the answer; others hear the notice.
        app(ctx)?.hub.sockets().apply(&Revoked::Member { workspace_id: workspace.id.to_string(), user_id: removed });
        Ok(workspace)
    }
}

/// Runs a member-management command in the current workspace and returns its new state.
async fn manage(
    ctx: &Context<'_>,
    command: impl FnOnce(String, chrono::DateTime<chrono::Utc>) -> WorkspaceCommand,
) -> async_graphql::Result<Workspace> {
    let app = app(ctx)?;
    let (user, workspace_id, role) = auth(ctx)?.workspace(Access::Manage)?;
    let command = command(user.user_id.clone(), app.services.clock.now());
    app.commands.workspace(command, &metadata(ctx, user, workspace_id)?).await?;
    Ok(load(app, workspace_id, role.into()).await?)
}

fn metadata(ctx: &Context<'_>, user: &AuthUser, workspace_id: &str) -> async_graphql::Result<EventMetadata> {
    Ok(ctx.data::<RequestMeta>()?.event_metadata(workspace_id, &user.user_id))
}

async fn load(app: &AppContext, workspace_id: &str, my_role: RoleGql) -> Result<Workspace, ApiError> {
    let row: Option<(String, String, i64)> =
        sqlx::query_as("SELECT name, kind, version FROM workspaces WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(&app.pool)
            .await?;
    let (name, kind, version) = row.ok_or_else(|| ApiError::NotFound("workspace not found".into()))?;
    let members: Vec<MemberRow> = sqlx::query_as(
        "SELECT m.user_id, u.email, u.display_name, m.role
           FROM workspace_members m JOIN users u ON u.id = m.user_id
          WHERE m.workspace_id = $1 ORDER BY m.added_at, m.user_id",
    )
    .bind(workspace_id)
    .fetch_all(&app.pool)
    .await?;
    let members = members
        .into_iter()
        .map(|m| Member { user_id: ID(m.user_id), email: m.email, display_name: m.display_name, role: parse_role(&m.role) })
        .collect();
    Ok(Workspace { id: ID(workspace_id.to_owned()), name, kind, version, my_role, members })
}
