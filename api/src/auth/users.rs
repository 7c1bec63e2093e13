//! Users and the sign-up allowlist: the SQL, and the normalisation/validation of what goes in.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::error::ApiError;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub personal_workspace_id: String,
    pub created_at: DateTime<Utc>,
}

/// A user's columns as a credential lookup selects them beside its own row (one round trip
/// per request): `users u` joined, its `created_at` renamed.
pub const JOINED_COLUMNS: &str = "u.email, u.password_hash, u.display_name, u.personal_workspace_id, u.created_at AS user_created_at";

/// [`JOINED_COLUMNS`] read back; the id comes from the credential's own `user_id`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JoinedUser {
    email: String,
    password_hash: String,
    display_name: String,
    personal_workspace_id: String,
    user_created_at: DateTime<Utc>,
}

impl JoinedUser {
    pub fn into_row(self, id: String) -> UserRow {
        UserRow {
            id,
            email: self.email,
            password_hash: self.password_hash,
            display_name: self.display_name,
            personal_workspace_id: self.personal_workspace_id,
            created_at: self.user_created_at,
        }
    }
}

/// Trimmed, lower-cased, and plausibly an address (one `@`, no spaces, ≤ 254 chars).
pub fn normalize_email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c == '\0')
        && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if valid {
        Ok(email)
    } else {
        Err(ApiError::validation("email", "not a valid email address"))
    }
}

/// NIST-style: 8 to 1024 characters of its NFC form (hashing cost stays bounded), not only
/// whitespace, no NUL.
pub fn validate_password(password: &str) -> Result<(), ApiError> {
    if password.contains('\0') {
        return Err(ApiError::validation("password", "must not contain NUL characters"));
    }
    match super::password::normalize(password).chars().count() {
        0..=7 => Err(ApiError::validation("password", "must be at least 8 characters")),
        _ if password.chars().all(char::is_whitespace) => {
            Err(ApiError::validation("password", "must not be only whitespace"))
        }
        8..=1024 => Ok(()),
        _ => Err(ApiError::validation("password", "must be at most 1024 characters")),
    }
}

pub fn validate_display_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    lifeos_domain::values::storable_text("displayName", name)?;
    match name.chars().count() {
        1..=100 => Ok(name.to_owned()),
        _ => Err(ApiError::validation("displayName", "must be 1 to 100 characters")),
    }
}

/// A session label (`clientName`) storage can hold (no NUL); it is cut to 200 characters.
pub fn validate_client_name(name: Option<&str>) -> Result<(), ApiError> {
    name.map_or(Ok(()), |n| lifeos_domain::values::storable_text("clientName", n).map_err(ApiError::from))
}

/// Inserts a user; false (nothing written) when the email already has an account.
pub async fn insert<'e>(db: impl sqlx::PgExecutor<'e>, user: &UserRow) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO users (id, email, password_hash, display_name, personal_workspace_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&user.id)
    .bind(&user.email)
    .bind(&user.password_hash)
    .bind(&user.display_name)
    .bind(&user.personal_workspace_id)
    .bind(user.created_at)
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Replaces a user's password hash (a re-hash after a legacy match).
pub async fn set_password_hash(pool: &PgPool, id: &str, password_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1").bind(id).bind(password_hash).execute(pool).await?;
    Ok(())
}

pub async fn by_email(pool: &PgPool, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM users WHERE email = $1").bind(email).fetch_optional(pool).await
}

pub async fn by_id(pool: &PgPool, id: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM users WHERE id = $1").bind(id).fetch_optional(pool).await
}

pub async fn is_allowlisted(pool: &PgPool, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM signup_allowlist WHERE email = $1)")
        .bind(email)
        .fetch_one(pool)
        .await
}

/// Adds an email to the allowlist (idempotent). `added_by` is None from the shell.
pub async fn allow(pool: &PgPool, email: &str, added_by: Option<&str>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signup_allowlist (email, added_at, added_by) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(email)
    .bind(at)
    .bind(added_by)
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes an email; true if it was there.
pub async fn revoke(pool: &PgPool, email: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM signup_allowlist WHERE email = $1").bind(email).execute(pool).await?;
    Ok(done.rows_affected() > 0)
}

pub async fn allowlist(pool: &PgPool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM signup_allowlist ORDER BY email").fetch_all(pool).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalize_email("  Alice@Example.COM ").ok().as_deref(), Some("alice@example.com"));
        for bad in ["", "alice", "@x", "a@", "a b@x", "a@b@c"] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_and_names_have_bounds() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("long enough").is_ok());
        assert!(validate_password(&"x".repeat(1025)).is_err());
        for (bad, why) in [("        ", "whitespace"), ("\u{3000}\t\n \u{a0}   ", "whitespace"), ("long enough\0", "NUL")] {
            let err = validate_password(bad).err().map(|e| e.message()).unwrap_or_default();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
        assert!(validate_password("  spaced  out  ").is_ok(), "spaces inside a password are fine");
        // Seven characters once composed, though eight code points as typed.
        assert!(validate_password("cafe\u{301}123").is_err());
        assert!(validate_display_name("  ").is_err());
        assert_eq!(validate_display_name(" Ada ").ok().as_deref(), Some("Ada"));
        assert!(validate_display_name("A\0da").is_err());
        assert!(validate_client_name(Some("phone\0")).is_err());
        assert!(normalize_email("a\0@x").is_err());
    }
}
