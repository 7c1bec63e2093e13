//! Sessions: created at sign-in, looked up by token hash on every request, revocable.
//! `last_used_at` is refreshed at most once a minute to keep reads cheap.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::users::UserRow;

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
pub async fn find_active(
    pool: &PgPool,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<(SessionRow, UserRow)>, sqlx::Error> {
    let session: Option<SessionRow> = sqlx::query_as(
        "SELECT id, user_id, label, created_at, last_used_at, expires_at FROM sessions
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(session) = session else { return Ok(None) };
    if now - session.last_used_at > chrono::Duration::minutes(1) {
        sqlx::query("UPDATE sessions SET last_used_at = $2 WHERE id = $1")
            .bind(&session.id)
            .bind(now)
            .execute(pool)
            .await?;
    }
    let user = super::users::by_id(pool, &session.user_id).await?;
    Ok(user.map(|u| (session, u)))
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

/// Revokes one of the user's sessions; false if there was no such live session.
pub async fn revoke(pool: &PgPool, user_id: &str, id: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
