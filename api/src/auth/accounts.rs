//! Sign-up and sign-in: the account rules in one place (validation, the first owner's setup
//! code, the allowlist gate, rate limits, constant-time-ish credential checks, the personal
//! workspace, session issue). A refused sign-up must never tell "already registered" from
//! "not invited": one code, one message, and the password is hashed either way.

use lifeos_domain::workspace::{WorkspaceCommand, WorkspaceKind};

use super::context::RequestMeta;
use super::sessions::{self, NewSession, SessionRow};
use super::users::{self, UserRow};
use super::password::Verified;
use super::{owner, password, setup_code, token};
use crate::error::ApiError;
use crate::state::AppContext;

pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub client_name: Option<String>,
    /// The one-time code printed by `lifeosd` for the first owner sign-up.
    pub setup_code: Option<String>,
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
/// Every refusal of an invited sign-up, whether the email is unknown or already has an account.
const REFUSED: &str = "cannot sign up with this email: it is not invited, or it already has an account (then sign in)";
const NO_OWNER_YET: &str = "this instance has no owner yet: the first sign-up needs the setup code lifeosd printed \
     at start (`lifeosd owner setup-code` prints a new one)";
const BAD_SETUP_CODE: &str = "the setup code is wrong, used or expired (`lifeosd owner setup-code` prints a new one)";
const NOT_OWNER_EMAIL: &str = "this setup code is only for the owner email configured on the server (LIFEOS_OWNER_EMAIL)";
const OWNER_EXISTS: &str = "this instance already has an owner: ask them to invite this email";

pub async fn sign_up(app: &AppContext, meta: &RequestMeta, input: SignUp) -> Result<(UserRow, Issued), ApiError> {
    let email = users::normalize_email(&input.email)?;
    users::validate_password(&input.password)?;
    let display_name = users::validate_display_name(&input.display_name)?;
    users::validate_client_name(input.client_name.as_deref())?;
    app.rate_limits.check(meta.ip, &email)?;
    // Hashed before any decision, so a refusal takes as long as a sign-up.
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
    match input.setup_code {
        Some(code) => insert_first_owner(app, &user, &code).await?,
        None => insert_invited(app, &user).await?,
    }
    tracing::info!(user_id = %user.id, "user signed up");
    ensure_personal_workspace(app, &user, meta).await?;
    let issued = issue_session(app, &user, meta, input.client_name).await?;
    Ok((user, issued))
}

/// The first owner: the setup code is used up, the user inserted and recorded as the
/// instance owner in one transaction (any refusal rolls all three back).
async fn insert_first_owner(app: &AppContext, user: &UserRow, code: &str) -> Result<(), ApiError> {
    let mut tx = app.pool.begin().await?;
    if owner::exists(&mut *tx).await? {
        return Err(ApiError::forbidden(OWNER_EXISTS));
    }
    if !setup_code::consume(&mut tx, code, user.created_at).await? {
        tracing::info!("sign-up with a wrong or expired setup code refused");
        return Err(ApiError::forbidden(BAD_SETUP_CODE));
    }
    if app.config.owner_email.as_deref().is_some_and(|owner| owner != user.email) {
        return Err(ApiError::forbidden(NOT_OWNER_EMAIL));
    }
    if !users::insert(&mut *tx, user).await? {
        return Err(ApiError::forbidden(REFUSED));
    }
    if !owner::record(&mut tx, &user.id, user.created_at).await? {
        return Err(ApiError::forbidden(OWNER_EXISTS));
    }
    tx.commit().await?;
    tracing::info!(user_id = %user.id, "instance owner signed up with the setup code");
    Ok(())
}

/// Anyone else: an allowlisted email, once the instance has an owner.
async fn insert_invited(app: &AppContext, user: &UserRow) -> Result<(), ApiError> {
    if !owner::exists(&app.pool).await? {
        return Err(ApiError::forbidden(NO_OWNER_YET));
    }
    if !users::is_allowlisted(&app.pool, &user.email).await? || !users::insert(&app.pool, user).await? {
        return Err(ApiError::forbidden(REFUSED));
    }
    Ok(())
}

pub async fn sign_in(app: &AppContext, meta: &RequestMeta, input: SignIn) -> Result<(UserRow, Issued), ApiError> {
    let email = users::normalize_email(&input.email).map_err(|_| ApiError::forbidden(BAD_CREDENTIALS))?;
    users::validate_client_name(input.client_name.as_deref())?;
    app.rate_limits.check(meta.ip, &email)?;
    let user = users::by_email(&app.pool, &email).await?;
    // Unknown emails are checked against a dummy hash: same error, similar time.
    let stored = user.as_ref().map_or_else(|| app.dummy_hash.clone(), |u| u.password_hash.clone());
    let verified = password::verify_blocking(stored, input.password.clone()).await;
    let user = match user {
        Some(user) if verified.matched() => user,
        _ => {
            tracing::info!("sign-in refused");
            return Err(ApiError::Forbidden(BAD_CREDENTIALS.into()));
        }
    };
    if verified == Verified::Legacy {
        rehash(app, &user, input.password).await;
    }
    ensure_personal_workspace(app, &user, meta).await?;
    let issued = issue_session(app, &user, meta, input.client_name).await?;
    Ok((user, issued))
}

/// Replaces a hash of raw (non-NFC) bytes by one of the NFC form; a failure only logs (the
/// old hash keeps working).
async fn rehash(app: &AppContext, user: &UserRow, password: String) {
    let result = match password::hash_blocking(password).await {
        Ok(hash) => users::set_password_hash(&app.pool, &user.id, &hash).await.map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => tracing::info!(user_id = %user.id, "password re-hashed in its normalised form"),
        Err(e) => tracing::warn!(user_id = %user.id, error = %e, "re-hashing a legacy password failed"),
    }
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
