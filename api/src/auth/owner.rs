//! The instance owner: the one account that manages the sign-up allowlist. Recorded in
//! `instance_owner` when they sign up with the setup code (`setup_code`); an account from
//! before that table existed is adopted from `LIFEOS_OWNER_EMAIL` at boot. Must never decide
//! ownership from the configured email alone: the email only says who may use the code.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// Whether an owner is recorded.
pub async fn exists<'e>(db: impl sqlx::PgExecutor<'e>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM instance_owner)").fetch_one(db).await
}

pub async fn is_owner(pool: &PgPool, user_id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM instance_owner WHERE user_id = $1)")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// The owner's email, if there is an owner.
pub async fn email(pool: &PgPool) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT u.email FROM instance_owner o JOIN users u ON u.id = o.user_id")
        .fetch_optional(pool)
        .await
}

/// Records `user_id` as the owner and drops any setup code; false if there already is one.
pub async fn record(tx: &mut sqlx::PgConnection, user_id: &str, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let recorded = sqlx::query("INSERT INTO instance_owner (user_id, since) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if recorded {
        sqlx::query("DELETE FROM owner_setup_code").execute(&mut *tx).await?;
    }
    Ok(recorded)
}

/// With no owner recorded, makes the existing account of `email` (the configured owner
/// email, signed up before owners were recorded) the owner. True if there is an owner after.
pub async fn adopt(pool: &PgPool, email: Option<&str>, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    if exists(pool).await? {
        return Ok(true);
    }
    let Some(email) = email else { return Ok(false) };
    let mut tx = pool.begin().await?;
    let user_id: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_optional(&mut *tx).await?;
    let Some(user_id) = user_id else { return Ok(false) };
    record(&mut tx, &user_id, at).await?;
    tx.commit().await?;
    tracing::info!(%user_id, "adopted the account of the configured owner email as instance owner");
    Ok(true)
}
