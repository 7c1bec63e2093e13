//! Wire types shared by several resolvers (kept apart from domain types; converted here).

use async_graphql::{Enum, SimpleObject, ID};
use lifeos_domain::workspace::Role;

use super::scalars::DateTime;

#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role")]
pub enum RoleGql {
    Owner,
    Editor,
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
    pub id: ID,
    pub name: String,
    /// `personal` or `shared`.
    pub kind: String,
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

#[derive(SimpleObject, Clone)]
pub struct SessionInfo {
    pub id: ID,
    pub label: String,
    pub created_at: DateTime,
    pub last_used_at: DateTime,
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
