//! Wire types shared by several resolvers (kept apart from domain types; converted here).

use async_graphql::{Enum, SimpleObject, ID};
use lifeos_domain::workspace::Role;

use super::scalars::DateTime;

/// What a member may do in a workspace.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role")]
pub enum RoleGql {
    /// Read, write, and manage members (and read the audit log).
    Owner,
    /// Read and write entities.
    Editor,
    /// Read only.
    Viewer,
}

impl From<Role> for RoleGql {
    fn from(r: Role) -> Self {
        match r {
            Role::Owner => RoleGql::Owner,
            Role::Editor => RoleGql::Editor,
            Role::Viewer => RoleGql::Viewer,
        }
    }
}

impl From<RoleGql> for Role {
    fn from(r: RoleGql) -> Self {
        match r {
            RoleGql::Owner => Role::Owner,
            RoleGql::Editor => Role::Editor,
            RoleGql::Viewer => Role::Viewer,
        }
    }
}

/// One workspace the user belongs to, with their role in it.
#[derive(SimpleObject, Clone)]
pub struct WorkspaceMembership {
    /// The workspace's id (send it as `X-LifeOS-Workspace` to work in it).
    pub id: ID,
    /// The workspace's name.
    pub name: String,
    /// `personal` or `shared`.
    pub kind: String,
    /// The user's role in it.
    pub role: RoleGql,
}

#[derive(sqlx::FromRow)]
pub struct MembershipRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub role: String,
}

impl From<MembershipRow> for WorkspaceMembership {
    fn from(r: MembershipRow) -> Self {
        Self { id: ID(r.id), name: r.name, kind: r.kind, role: parse_role(&r.role) }
    }
}

/// A signed-in session (one per device or client).
#[derive(SimpleObject, Clone)]
pub struct SessionInfo {
    /// The session's id (pass it to `revokeSession`).
    pub id: ID,
    /// The client's name given at sign-in, or its User-Agent.
    pub label: String,
    /// When the session was opened.
    pub created_at: DateTime,
    /// When the session was last used.
    pub last_used_at: DateTime,
    /// When the session expires (its token stops working).
    pub expires_at: DateTime,
    /// The session this request is using.
    pub current: bool,
}

impl SessionInfo {
    pub fn from_row(row: crate::auth::sessions::SessionRow, current_id: &str) -> Self {
        Self {
            current: row.id == current_id,
            id: ID(row.id),
            label: row.label,
            created_at: row.created_at.into(),
            last_used_at: row.last_used_at.into(),
            expires_at: row.expires_at.into(),
        }
    }
}

/// Roles are CHECK-constrained in the tables; an unknown one reads as the least privilege.
pub fn parse_role(text: &str) -> RoleGql {
    Role::parse(text).map_or(RoleGql::Viewer, RoleGql::from)
}
