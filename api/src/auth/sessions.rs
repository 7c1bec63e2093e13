//! Sessions: created at sign-in, looked up by token hash on every request, revocable.
//! `last_used_at` is refreshed at most once a minute to keep reads cheap.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::users::{JoinedUser, UserRow, JOINED_COLUMNS};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub token_hash: &'a [u8],
    pub label: &'a str,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn create(pool: &PgPool, s: NewSession<'_>) -> Result<SessionRow, sqlx::Error> {
    sqlx::query_as(
        "INSERT INTO sessions (id, user_id, token_hash, label, created_at, last_used_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $5, $6)
         RETURNING id, user_id, label, created_at, last_used_at, expires_at",
    )
    .bind(s.id)
    .bind(s.user_id)
    .bind(s.token_hash)
    .bind(s.label)
    .bind(s.now)
    .bind(s.expires_at)
    .fetch_one(pool)
    .await
}

/// The live (unexpired, unrevoked) session for a token hash, with its user.
/// An active session with its user, and the user's role in the chosen workspace (default
/// their personal one; `None` if not a member) — one round trip per request.
pub struct Active {
    pub session: SessionRow,
    pub user: UserRow,
    pub workspace_id: String,
    pub role: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ActiveRow {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    user: JoinedUser,
    workspace_id: String,
    role: Option<String>,
}

pub async fn find_active(pool: &PgPool, token_hash: &[u8], now: DateTime<Utc>, workspace: Option<&str>) -> Result<Option<Active>, sqlx::Error> {
    let row: Option<ActiveRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.user_id, s.label, s.created_at, s.last_used_at, s.expires_at, {JOINED_COLUMNS},
                w.id AS workspace_id, m.role
           FROM sessions s
           JOIN users u ON u.id = s.user_id
           CROSS JOIN LATERAL (SELECT COALESCE($3, u.personal_workspace_id) AS id) w
           LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = u.id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(workspace)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if now - row.session.last_used_at > chrono::Duration::minutes(1) {
        sqlx::query("UPDATE sessions SET last_used_at = $2 WHERE id = $1")
            .bind(&row.session.id)
            .bind(now)
            .execute(pool)
            .await?;
    }
    let user = row.user.into_row(row.session.user_id.clone());
    Ok(Some(Active { session: row.session, user, workspace_id: row.workspace_id, role: row.role }))
}

pub async fn list(pool: &PgPool, user_id: &str, now: DateTime<Utc>) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, label, created_at, last_used_at, expires_at FROM sessions
          WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(pool)
    .await
}

/// Revokes one of the user's sessions; false if there was no such live session. The same
/// statement announces it on `lifeos_auth`, so the session's live websockets close in every
/// server process (`revocation.rs`).
pub async fn revoke(pool: &PgPool, user_id: &str, id: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    super::revocation::revoke(pool, super::revocation::CredentialTable::Sessions, user_id, id, now).await
}
