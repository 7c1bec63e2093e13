//! `signUp`, `signIn`, `signOut`, `me`, `mySessions`, `revokeSession`. The token is returned
//! once in the payload (mobile/CLI) and set as an HttpOnly cookie (web).

use async_graphql::{ComplexObject, Context, InputObject, Object, SimpleObject, ID};
use axum::http::header::SET_COOKIE;

use super::app;
use super::scalars::DateTime;
use super::types::{MembershipRow, SessionInfo, WorkspaceMembership};
use crate::auth::accounts::{self, Issued, SignIn, SignUp};
use crate::auth::context::RequestMeta;
use crate::auth::guard::auth;
use crate::auth::revocation::Revoked;
use crate::auth::users::UserRow;
use crate::auth::{access_tokens, cookie, sessions, Authenticated, Credential, SignedIn};
use crate::error::ApiError;

/// A new account: its email, password and name.
#[derive(InputObject)]
pub struct SignUpInput {
    /// The account's email (compared case-insensitively); must be on the sign-up allowlist
    /// unless this is the first owner's sign-up.
    pub email: String,
    /// The password to sign in with.
    pub password: String,
    /// The name shown to other members of shared workspaces.
    pub display_name: String,
    /// Shown in `mySessions` (defaults to the User-Agent).
    pub client_name: Option<String>,
    /// The first owner's one-time code (`lifeosd setup code: …` on the server's stdout, or
    /// `lifeosd owner setup-code`). Leave it out for an invited sign-up.
    pub setup_code: Option<String>,
}

/// Credentials for a new session.
#[derive(InputObject)]
pub struct SignInInput {
    /// The account's email.
    pub email: String,
    /// The account's password.
    pub password: String,
    /// Shown in `mySessions` (defaults to the User-Agent).
    pub client_name: Option<String>,
}

/// The signed-in user.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Me {
    /// The user's id (a ULID).
    pub id: ID,
    /// The user's email, normalised (lower case).
    pub email: String,
    /// The name shown to other members of shared workspaces.
    pub display_name: String,
}

#[ComplexObject]
impl Me {
    /// Every workspace this user is a member of.
    #[graphql(complexity = "super::cost::list(super::cost::SHORT_LIST, child_complexity)")]
    async fn workspaces(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<WorkspaceMembership>> {
        let rows: Vec<MembershipRow> = sqlx::query_as(
            "SELECT w.workspace_id AS id, w.name, w.kind, uw.role
               FROM user_workspaces uw JOIN workspaces w ON w.workspace_id = uw.workspace_id
              WHERE uw.user_id = $1 ORDER BY w.kind DESC, w.created_at",
        )
        .bind(self.id.as_str())
        .fetch_all(&app(ctx)?.pool)
        .await
        .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(WorkspaceMembership::from).collect())
    }
}

/// A new session: its token (also set as an HttpOnly cookie), the session and the user.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// The session token: send it as `Authorization: Bearer <token>`. Shown only once.
    pub token: String,
    /// When the session expires (its token stops working).
    pub expires_at: DateTime,
    /// The session this token opens.
    pub session: SessionInfo,
    /// The signed-in user.
    pub user: Me,
}

#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// The signed-in user.
    #[graphql(guard = "Authenticated")]
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Me> {
        let user = auth(ctx)?.user()?;
        Ok(Me { id: ID(user.user_id.clone()), email: user.email.clone(), display_name: user.display_name.clone() })
    }

    /// The signed-in user's live sessions.
    #[graphql(guard = "Authenticated", complexity = "super::cost::list(super::cost::SHORT_LIST, child_complexity)")]
    async fn my_sessions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SessionInfo>> {
        let user = auth(ctx)?.user()?;
        let app = app(ctx)?;
        let rows = sessions::list(&app.pool, &user.user_id, app.services.clock.now()).await.map_err(ApiError::from)?;
        Ok(rows.into_iter().map(|r| SessionInfo::from_row(r, &user.session_id)).collect())
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Create an account and sign in: the first owner with the setup code, anyone else once
    /// the owner has allowed their email.
    async fn sign_up(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new account.")] input: SignUpInput,
    ) -> async_graphql::Result<AuthPayload> {
        let app = app(ctx)?;
        let meta = ctx.data::<RequestMeta>()?;
        let input = SignUp {
            email: input.email,
            password: input.password,
            display_name: input.display_name,
            client_name: input.client_name,
            setup_code: input.setup_code,
        };
        let (user, issued) = accounts::sign_up(app, meta, input).await?;
        Ok(payload(ctx, user, issued))
    }

    /// Sign in with email and password; wrong email and wrong password are indistinguishable.
    async fn sign_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The credentials.")] input: SignInInput,
    ) -> async_graphql::Result<AuthPayload> {
        let app = app(ctx)?;
        let meta = ctx.data::<RequestMeta>()?;
        let input = SignIn { email: input.email, password: input.password, client_name: input.client_name };
        let (user, issued) = accounts::sign_in(app, meta, input).await?;
        Ok(payload(ctx, user, issued))
    }

    /// End the current session (its token stops working) and clear the cookie; called with
    /// an access token, revoke that token.
    #[graphql(guard = "Authenticated")]
    async fn sign_out(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let user = auth(ctx)?.user()?;
        let app = app(ctx)?;
        app.auth_cache.clear();
        let now = app.services.clock.now();
        let done = match user.credential {
            Credential::Session => sessions::revoke(&app.pool, &user.user_id, &user.session_id, now).await,
            Credential::AccessToken => access_tokens::revoke(&app.pool, &user.user_id, &user.session_id, now).await,
        }
        .map_err(ApiError::from)?;
        app.hub.sockets().apply(&Revoked::Session { session_id: user.session_id.clone() });
        ctx.append_http_header(SET_COOKIE, cookie::clear(app.config.cookie_secure));
        Ok(done)
    }

    /// Revoke one of your sessions (e.g. a lost phone). Needs a signed-in session.
    #[graphql(guard = "SignedIn")]
    async fn revoke_session(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The session's id (from `mySessions`).")] id: ID,
    ) -> async_graphql::Result<bool> {
        let user = auth(ctx)?.user()?;
        let app = app(ctx)?;
        app.auth_cache.clear();
        let done = sessions::revoke(&app.pool, &user.user_id, id.as_str(), app.services.clock.now())
            .await
            .map_err(ApiError::from)?;
        if done {
            app.hub.sockets().apply(&Revoked::Session { session_id: id.to_string() });
            Ok(true)
        } else {
            Err(ApiError::NotFound("no such session".into()).into())
        }
    }
}

fn payload(ctx: &Context<'_>, user: UserRow, issued: Issued) -> AuthPayload {
    if let Ok(app) = app(ctx) {
        ctx.append_http_header(SET_COOKIE, cookie::set(&issued.token, app.config.session_ttl, app.config.cookie_secure));
    }
    let session_id = issued.session.id.clone();
    AuthPayload {
        token: issued.token,
        expires_at: issued.session.expires_at.into(),
        session: SessionInfo::from_row(issued.session, &session_id),
        user: Me { id: ID(user.id), email: user.email, display_name: user.display_name },
    }
}
