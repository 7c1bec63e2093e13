//! Sign-up and sign-in: the account rules in one place (validation, allowlist gate, rate
//! limits, constant-time-ish credential checks, the personal workspace, session issue).

use lifeos_domain::workspace::{WorkspaceCommand, WorkspaceKind};

use super::context::RequestMeta;
use super::sessions::{self, NewSession, SessionRow};
use super::users::{self, UserRow};
use super::{password, token};
use crate::error::ApiError;
use crate::state::AppContext;

pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub client_name: Option<String>,
}

pub struct SignIn {
    pub email: String,
    pub password: String,
    pub client_name: Option<String>,
}

/// A new session and the one and only copy of its token.
pub struct Issued {
    pub token: String,
    pub session: SessionRow,
}

const BAD_CREDENTIALS: &str = "wrong email or password";

pub async fn sign_up(app: &AppContext, meta: &RequestMeta, input: SignUp) -> Result<(UserRow, Issued), ApiError> {
    let email = users::normalize_email(&input.email)?;
    users::validate_password(&input.password)?;
    let display_name = users::validate_display_name(&input.display_name)?;
    users::validate_client_name(input.client_name.as_deref())?;
    app.rate_limits.check(meta.ip, &email)?;
    let is_owner = app.config.owner_email.as_deref() == Some(email.as_str());
    if !is_owner && !users::is_allowlisted(&app.pool, &email).await? {
        return Err(ApiError::forbidden("sign-up is by invitation: ask the owner to allow this email"));
    }
    let password_hash = password::hash_blocking(input.password)
        .await
        .map_err(|e| ApiError::internal("password hashing failed", e))?;
    let user = UserRow {
        id: app.services.ids.new_id(),
        email,
        password_hash,
        display_name,
        personal_workspace_id: app.services.ids.new_id(),
        created_at: app.services.clock.now(),
    };
    users::insert(&app.pool, &user).await?;
    tracing::info!(user_id = %user.id, "user signed up");
    ensure_personal_workspace(app, &user, meta).await?;
    let issued = issue_session(app, &user, meta, input.client_name).await?;
    Ok((user, issued))
}

pub async fn sign_in(app: &AppContext, meta: &RequestMeta, input: SignIn) -> Result<(UserRow, Issued), ApiError> {
    let email = users::normalize_email(&input.email).map_err(|_| ApiError::forbidden(BAD_CREDENTIALS))?;
    users::validate_client_name(input.client_name.as_deref())?;
    app.rate_limits.check(meta.ip, &email)?;
    let user = users::by_email(&app.pool, &email).await?;
    // Unknown emails are checked against a dummy hash: same error, similar time.
    let stored = user.as_ref().map_or_else(|| app.dummy_hash.clone(), |u| u.password_hash.clone());
    let matches = password::verify_blocking(stored, input.password).await;
    let user = match user {
        Some(user) if matches => user,
        _ => {
            tracing::info!("sign-in refused");
            return Err(ApiError::Forbidden(BAD_CREDENTIALS.into()));
        }
    };
    ensure_personal_workspace(app, &user, meta).await?;
    let issued = issue_session(app, &user, meta, input.client_name).await?;
    Ok((user, issued))
}

/// Creates the user's personal workspace if it is not there yet (idempotent: also heals a
/// sign-up interrupted between the user row and the workspace events).
async fn ensure_personal_workspace(app: &AppContext, user: &UserRow, meta: &RequestMeta) -> Result<(), ApiError> {
    let member: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2)",
    )
    .bind(&user.personal_workspace_id)
    .bind(&user.id)
    .fetch_one(&app.pool)
    .await?;
    if member {
        return Ok(());
    }
    let command = WorkspaceCommand::Create {
        workspace_id: user.personal_workspace_id.clone(),
        name: "Personal".into(),
        kind: WorkspaceKind::Personal,
        owner_id: user.id.clone(),
        at: app.services.clock.now(),
    };
    app.commands.workspace(command, &meta.event_metadata(&user.personal_workspace_id, &user.id)).await
}

async fn issue_session(
    app: &AppContext,
    user: &UserRow,
    meta: &RequestMeta,
    client_name: Option<String>,
) -> Result<Issued, ApiError> {
    let (token, hash) = token::generate();
    let now = app.services.clock.now();
    let ttl = chrono::Duration::from_std(app.config.session_ttl).unwrap_or(chrono::Duration::days(30));
    let label: String = client_name
        .or_else(|| meta.user_agent.clone())
        .unwrap_or_else(|| "unknown client".into())
        .chars()
        .take(200)
        .collect();
    let id = app.services.ids.new_id();
    let session = sessions::create(
        &app.pool,
        NewSession { id: &id, user_id: &user.id, token_hash: &hash, label: &label, now, expires_at: now + ttl },
    )
    .await?;
    tracing::info!(user_id = %user.id, session_id = %session.id, token = %token::redacted(&token), "session created");
    Ok(Issued { token, session })
}
