//! The Workspace aggregate: a workspace and its memberships. Every user gets a personal one
//! at sign-up; shared ones (a household) take more members. Roles: OWNER manages members,
//! EDITOR writes, VIEWER reads. These are domain facts auditors care about, so they are
//! event-sourced (unlike credentials and sessions).

mod aggregate;
mod types;

pub use aggregate::Workspace;
pub use types::{Role, WorkspaceCommand, WorkspaceError, WorkspaceEvent, WorkspaceKind};

#[cfg(test)]
mod tests;
