//! The sign-up allowlist, managed by the instance owner (recorded at their sign-up, see
//! `auth/owner.rs`).

use async_graphql::{Context, Object};

use super::app;
use crate::auth::guard::auth;
use crate::auth::users;
use crate::auth::InstanceOwner;
use crate::error::ApiError;

#[derive(Default)]
pub struct AllowlistQuery;

#[Object]
impl AllowlistQuery {
    /// Emails allowed to sign up.
    #[graphql(guard = "InstanceOwner")]
    async fn signup_allowlist(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        Ok(users::allowlist(&app(ctx)?.pool).await.map_err(ApiError::from)?)
    }
}

#[derive(Default)]
pub struct AllowlistMutation;

#[Object]
impl AllowlistMutation {
    /// Allow an email to sign up (idempotent). Returns the normalised email.
    #[graphql(guard = "InstanceOwner")]
    async fn allow_signup(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The email to allow (compared case-insensitively).")] email: String,
    ) -> async_graphql::Result<String> {
        let app = app(ctx)?;
        let email = users::normalize_email(&email)?;
        let by = auth(ctx)?.user()?.user_id.clone();
        users::allow(&app.pool, &email, Some(&by), app.services.clock.now()).await.map_err(ApiError::from)?;
        Ok(email)
    }

    /// Take an email off the allowlist; false if it was not on it.
    #[graphql(guard = "InstanceOwner")]
    async fn revoke_signup(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The email to take off the allowlist.")] email: String,
    ) -> async_graphql::Result<bool> {
        let email = users::normalize_email(&email)?;
        Ok(users::revoke(&app(ctx)?.pool, &email).await.map_err(ApiError::from)?)
    }
}
