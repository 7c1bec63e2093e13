//! Commands, events, roles and errors of the Workspace aggregate.

use chrono::{DateTime, Utc};
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use crate::error::ErrorKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    Owner,
    Editor,
    Viewer,
}

impl Role {
    /// May this role change workspace data?
    pub fn can_write(self) -> bool {
        matches!(self, Role::Owner | Role::Editor)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "OWNER",
            Role::Editor => "EDITOR",
            Role::Viewer => "VIEWER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "OWNER" => Some(Role::Owner),
            "EDITOR" => Some(Role::Editor),
            "VIEWER" => Some(Role::Viewer),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkspaceKind {
    /// The one workspace a user gets at sign-up; never takes other members.
    Personal,
    /// A workspace for several people (a household).
    Shared,
}

impl WorkspaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WorkspaceKind::Personal => "personal",
            WorkspaceKind::Shared => "shared",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceCommand {
    Create { workspace_id: String, name: String, kind: WorkspaceKind, owner_id: String, at: DateTime<Utc> },
    AddMember { actor: String, user_id: String, role: Role, at: DateTime<Utc> },
    ChangeMemberRole { actor: String, user_id: String, role: Role, at: DateTime<Utc> },
    RemoveMember { actor: String, user_id: String, at: DateTime<Utc> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkspaceEvent {
    WorkspaceCreated { workspace_id: String, name: String, kind: WorkspaceKind, created_by: String, at: DateTime<Utc> },
    MemberAdded { user_id: String, role: Role, at: DateTime<Utc> },
    MemberRoleChanged { user_id: String, from: Role, to: Role, at: DateTime<Utc> },
    MemberRemoved { user_id: String, at: DateTime<Utc> },
}

impl DomainEvent for WorkspaceEvent {
    fn event_type(&self) -> String {
        match self {
            WorkspaceEvent::WorkspaceCreated { .. } => "WorkspaceCreated",
            WorkspaceEvent::MemberAdded { .. } => "MemberAdded",
            WorkspaceEvent::MemberRoleChanged { .. } => "MemberRoleChanged",
            WorkspaceEvent::MemberRemoved { .. } => "MemberRemoved",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("a different workspace with this id already exists")]
    AlreadyExists,
    #[error("workspace not found")]
    NotFound,
    #[error("only an owner of the workspace may do this")]
    NotOwner,
    #[error("that user is already a member")]
    AlreadyMember,
    #[error("that user is not a member")]
    NotMember,
    #[error("a workspace must keep at least one owner")]
    LastOwner,
    #[error("a personal workspace has exactly one member")]
    PersonalWorkspace,
    #[error("workspace name must be 1 to 100 characters, without NUL")]
    InvalidName,
}

impl WorkspaceError {
    /// The command field a validation error is about, if one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            WorkspaceError::InvalidName => Some("name"),
            _ => None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            WorkspaceError::AlreadyExists | WorkspaceError::AlreadyMember => ErrorKind::Conflict,
            WorkspaceError::NotFound | WorkspaceError::NotMember => ErrorKind::NotFound,
            WorkspaceError::NotOwner => ErrorKind::Forbidden,
            WorkspaceError::LastOwner | WorkspaceError::PersonalWorkspace | WorkspaceError::InvalidName => {
                ErrorKind::Validation
            }
        }
    }
}
