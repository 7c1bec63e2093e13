//! GraphQL guards: declare on a resolver what it needs (`Authenticated`, a workspace role,
//! or the instance owner) instead of checking ad hoc inside it.

use std::sync::Arc;

use async_graphql::{Context, Guard};
use lifeos_domain::workspace::Role;

use super::context::Auth;
use crate::error::ApiError;
use crate::state::AppContext;

/// What a resolver does in the chosen workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    Manage,
}

impl Access {
    pub fn allowed(self, role: Role) -> bool {
        match self {
            Access::Read => true,
            Access::Write => role.can_write(),
            Access::Manage => role == Role::Owner,
        }
    }
}

pub fn auth<'a>(ctx: &'a Context<'_>) -> Result<&'a Auth, ApiError> {
    ctx.data::<Auth>().map_err(|_| ApiError::Unauthenticated)
}

pub struct Authenticated;

impl Guard for Authenticated {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        auth(ctx)?.user()?;
        Ok(())
    }
}

/// A signed-in session, not an access token (credentials, the account).
pub struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        auth(ctx)?.session_user()?;
        Ok(())
    }
}

pub struct WorkspaceRole(pub Access);

impl Guard for WorkspaceRole {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        auth(ctx)?.workspace(self.0)?;
        Ok(())
    }
}

/// The recorded instance owner (`auth/owner.rs`), signed in.
pub struct InstanceOwner;

impl Guard for InstanceOwner {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let user = auth(ctx)?.session_user()?;
        let app = ctx.data::<Arc<AppContext>>()?;
        if super::owner::is_owner(&app.pool, &user.user_id).await.map_err(ApiError::from)? {
            Ok(())
        } else {
            Err(ApiError::forbidden("only the instance owner may do this").into())
        }
    }
}
