//! `createAccessToken`, `accessTokens`, `revokeAccessToken`: personal access tokens for
//! scripts and the CLI, managed from a signed-in session only (a token never mints or lists
//! tokens). The token string is in the create payload once and nowhere else, ever.

use std::collections::BTreeMap;

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};

use super::app;
use super::scalars::DateTime;
use crate::auth::access_tokens::{self, NewToken, TokenAccess, TokenRow};
use crate::auth::guard::auth;
use crate::auth::revocation::Revoked;
use crate::auth::SignedIn;
use crate::error::ApiError;

/// The most workspaces one token may be scoped to, and the longest name.
const MAX_SCOPES: usize = 100;
const MAX_NAME: usize = 100;

/// A workspace a new token may act in, and how.
#[derive(InputObject)]
pub struct AccessTokenScopeInput {
    /// The workspace (default: your personal one). You must be a member.
    pub workspace_id: Option<ID>,
    /// `READ` (queries, subscriptions, pulls) or `WRITE` (also mutations and pushes).
    pub access: TokenAccess,
}

/// A workspace a token acts in, and how.
#[derive(SimpleObject)]
pub struct AccessTokenScope {
    /// The workspace.
    pub workspace_id: ID,
    /// What the token may do there (capped by your role).
    pub access: TokenAccess,
}

/// A personal access token (never its secret).
#[derive(SimpleObject)]
pub struct AccessToken {
    /// The token's id (pass it to `revokeAccessToken`).
    pub id: ID,
    /// What it is for, as given at creation.
    pub name: String,
    /// Where it may act; its rights there are the lesser of the scope and your role.
    pub scopes: Vec<AccessTokenScope>,
    /// When it was created.
    pub created_at: DateTime,
    /// When it was last used (to the minute); null if never.
    pub last_used_at: Option<DateTime>,
    /// When it stops working; null: until revoked.
    pub expires_at: Option<DateTime>,
}

impl From<TokenRow> for AccessToken {
    fn from(row: TokenRow) -> Self {
        let scopes = row
            .scopes
            .into_iter()
            .filter_map(|(workspace, access)| Some(AccessTokenScope { workspace_id: ID(workspace), access: TokenAccess::parse(&access)? }))
            .collect();
        Self {
            id: ID(row.id),
            name: row.name,
            scopes,
            created_at: row.created_at.into(),
            last_used_at: row.last_used_at.map(Into::into),
            expires_at: row.expires_at.map(Into::into),
        }
    }
}

/// A new token: the secret, shown only in this payload, and the token.
#[derive(SimpleObject)]
pub struct CreatedAccessToken {
    /// Send it as `Authorization: Bearer <token>`. Shown only once; store it now.
    pub token: String,
    /// The token's record (as `accessTokens` lists it).
    pub access_token: AccessToken,
}

#[derive(Default)]
pub struct AccessTokenQuery;

#[Object]
impl AccessTokenQuery {
    /// Your access tokens that still work, oldest first.
    #[graphql(guard = "SignedIn", complexity = "super::cost::list(super::cost::SHORT_LIST, child_complexity)")]
    async fn access_tokens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AccessToken>> {
        let user = auth(ctx)?.session_user()?;
        let app = app(ctx)?;
        let rows = access_tokens::list(&app.pool, &user.user_id, app.services.clock.now()).await.map_err(ApiError::from)?;
        Ok(rows.into_iter().map(AccessToken::from).collect())
    }
}

#[derive(Default)]
pub struct AccessTokenMutation;

#[Object]
impl AccessTokenMutation {
    /// Create a personal access token for a script or the CLI. Its rights in each scoped
    /// workspace are the lesser of the scope and your role there, checked on every request.
    #[graphql(guard = "SignedIn")]
    async fn create_access_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What it is for (shown in `accessTokens`), 1–100 characters.")] name: String,
        #[graphql(desc = "The workspaces it may act in (at least one).")] scopes: Vec<AccessTokenScopeInput>,
        #[graphql(desc = "When it stops working (in the future); null: until revoked.")] expires_at: Option<DateTime>,
    ) -> async_graphql::Result<CreatedAccessToken> {
        let user = auth(ctx)?.session_user()?;
        let app = app(ctx)?;
        let now = app.services.clock.now();
        let name = name.trim().to_owned();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            return Err(ApiError::validation("name", format!("must be 1–{MAX_NAME} characters, none a control character")).into());
        }
        let expires_at = expires_at.map(|at| at.0);
        if expires_at.is_some_and(|at| at <= now) {
            return Err(ApiError::validation("expiresAt", "must be in the future").into());
        }
        if scopes.is_empty() || scopes.len() > MAX_SCOPES {
            return Err(ApiError::validation("scopes", format!("give 1–{MAX_SCOPES} workspaces")).into());
        }
        // One scope per workspace; a workspace named twice keeps the wider access.
        let mut wanted: BTreeMap<String, TokenAccess> = BTreeMap::new();
        for scope in scopes {
            let workspace = match scope.workspace_id {
                None => user.personal_workspace_id.clone(),
                Some(w) => lifeos_domain::values::parse_ulid(&w).ok_or_else(|| ApiError::validation("scopes", "a workspaceId must be a ULID"))?.to_string(),
            };
            let entry = wanted.entry(workspace).or_insert(scope.access);
            if scope.access == TokenAccess::Write {
                *entry = TokenAccess::Write;
            }
        }
        let workspaces: Vec<String> = wanted.keys().cloned().collect();
        let members: i64 = sqlx::query_scalar("SELECT count(*) FROM workspace_members WHERE user_id = $1 AND workspace_id = ANY($2)")
            .bind(&user.user_id)
            .bind(&workspaces)
            .fetch_one(&app.pool)
            .await
            .map_err(ApiError::from)?;
        if members != workspaces.len() as i64 {
            return Err(ApiError::validation("scopes", "you are not a member of every workspace named").into());
        }
        let scopes: Vec<(String, TokenAccess)> = wanted.into_iter().collect();
        let (token, hash) = access_tokens::generate();
        let id = app.services.ids.new_id();
        let new = NewToken { id: &id, user_id: &user.user_id, name: &name, token_hash: &hash, scopes: &scopes, now, expires_at };
        let row = access_tokens::create(&app.pool, new).await.map_err(ApiError::from)?;
        tracing::info!(user_id = %user.user_id, token_id = %row.id, token = %crate::auth::token::redacted(&token), "access token created");
        Ok(CreatedAccessToken { token, access_token: row.into() })
    }

    /// Revoke one of your access tokens: it stops working at once, its sockets close.
    #[graphql(guard = "SignedIn")]
    async fn revoke_access_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's id (from `accessTokens`).")] id: ID,
    ) -> async_graphql::Result<bool> {
        let user = auth(ctx)?.session_user()?;
        let app = app(ctx)?;
        app.auth_cache.clear();
        let done = access_tokens::revoke(&app.pool, &user.user_id, id.as_str(), app.services.clock.now()).await.map_err(ApiError::from)?;
        if !done {
            return Err(ApiError::NotFound("no such access token".into()).into());
        }
        app.hub.sockets().apply(&Revoked::Session { session_id: id.to_string() });
        Ok(true)
    }
}
