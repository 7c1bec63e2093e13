//! Personal access tokens: long-lived credentials for scripts and the CLI, created from a
//! signed-in session, each scoped to workspaces (`READ` or `WRITE`). Like sessions, only the
//! SHA-256 of a token is stored and a revocation is announced on `lifeos_auth` in the same
//! statement. A token's rights in a workspace are the lesser of its scope there and its
//! user's current role ([`effective_role`]); it never manages workspaces or other tokens.
//! Must never store or log a token in clear.

use chrono::{DateTime, Utc};
use lifeos_domain::workspace::Role;
use sqlx::PgPool;

use super::users::{JoinedUser, UserRow, JOINED_COLUMNS};

/// Every access token starts with this, so a request's credential is looked up in one table
/// and a leaked token is recognisable (secret scanners, `lifeos` redaction).
pub const PREFIX: &str = "lifeos_pat_";

/// What a token may do in one workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum TokenAccess {
    /// Queries and subscriptions only.
    Read,
    /// Also mutations and sync pushes (never workspace management).
    Write,
}

impl TokenAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenAccess::Read => "READ",
            TokenAccess::Write => "WRITE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "READ" => Some(TokenAccess::Read),
            "WRITE" => Some(TokenAccess::Write),
            _ => None,
        }
    }
}

/// The lesser of a token's scope and its user's role: `READ` acts as a viewer, `WRITE` as at
/// most an editor (managing a workspace needs a signed-in session).
pub fn effective_role(scope: TokenAccess, role: Role) -> Role {
    match (scope, role) {
        (TokenAccess::Read, _) | (_, Role::Viewer) => Role::Viewer,
        (TokenAccess::Write, _) => Role::Editor,
    }
}

/// A fresh token (`lifeos_pat_` + 256 random bits) and the hash to store for it.
pub fn generate() -> (String, Vec<u8>) {
    let (random, _) = super::token::generate();
    let token = format!("{PREFIX}{random}");
    let hash = super::token::digest(&token);
    (token, hash)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// `[(workspace id, access)]`, ordered by workspace.
    #[sqlx(json)]
    pub scopes: Vec<(String, String)>,
}

pub struct NewToken<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub name: &'a str,
    pub token_hash: &'a [u8],
    pub scopes: &'a [(String, TokenAccess)],
    pub now: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.expires_at,
        COALESCE((SELECT jsonb_agg(jsonb_build_array(s.workspace_id, s.access) ORDER BY s.workspace_id)
                    FROM access_token_scopes s WHERE s.token_id = t.id), '[]') AS scopes";

/// Stores a token and its scopes in one transaction.
pub async fn create(pool: &PgPool, t: NewToken<'_>) -> Result<TokenRow, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO access_tokens (id, user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(t.id)
        .bind(t.user_id)
        .bind(t.name)
        .bind(t.token_hash)
        .bind(t.now)
        .bind(t.expires_at)
        .execute(&mut *tx)
        .await?;
    let workspaces: Vec<&str> = t.scopes.iter().map(|(w, _)| w.as_str()).collect();
    let access: Vec<&str> = t.scopes.iter().map(|(_, a)| a.as_str()).collect();
    sqlx::query("INSERT INTO access_token_scopes (token_id, workspace_id, access) SELECT $1, w, a FROM unnest($2::text[], $3::text[]) AS s(w, a)")
        .bind(t.id)
        .bind(&workspaces)
        .bind(&access)
        .execute(&mut *tx)
        .await?;
    let row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM access_tokens t WHERE t.id = $1")).bind(t.id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(row)
}

/// A live token with its user, the chosen workspace (default the personal one), the user's
/// role there and the token's scope there (`None`: not a member / not in scope).
pub struct Active {
    pub token_id: String,
    pub user: UserRow,
    pub workspace_id: String,
    pub role: Option<String>,
    pub scope: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ActiveRow {
    id: String,
    user_id: String,
    last_used_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    user: JoinedUser,
    workspace_id: String,
    role: Option<String>,
    scope: Option<String>,
}

/// The live (unexpired, unrevoked) token for a hash — one round trip per request.
pub async fn find_active(pool: &PgPool, token_hash: &[u8], now: DateTime<Utc>, workspace: Option<&str>) -> Result<Option<Active>, sqlx::Error> {
    let row: Option<ActiveRow> = sqlx::query_as(&format!(
        "SELECT t.id, t.user_id, t.last_used_at, {JOINED_COLUMNS},
                w.id AS workspace_id, m.role, s.access AS scope
           FROM access_tokens t
           JOIN users u ON u.id = t.user_id
           CROSS JOIN LATERAL (SELECT COALESCE($3, u.personal_workspace_id) AS id) w
           LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = u.id
           LEFT JOIN access_token_scopes s ON s.token_id = t.id AND s.workspace_id = w.id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(workspace)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.last_used_at.is_none_or(|at| now - at > chrono::Duration::minutes(1)) {
        sqlx::query("UPDATE access_tokens SET last_used_at = $2 WHERE id = $1").bind(&row.id).bind(now).execute(pool).await?;
    }
    let user = row.user.into_row(row.user_id);
    Ok(Some(Active { token_id: row.id, user, workspace_id: row.workspace_id, role: row.role, scope: row.scope }))
}

/// The user's tokens that still work (unrevoked, unexpired), oldest first.
pub async fn list(pool: &PgPool, user_id: &str, now: DateTime<Utc>) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM access_tokens t
          WHERE t.user_id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
          ORDER BY t.created_at, t.id"
    ))
    .bind(user_id)
    .bind(now)
    .fetch_all(pool)
    .await
}

/// Revokes one of the user's tokens; false if there was no such live token. Announced like a
/// session's end (its id is the credential id sockets are registered under).
pub async fn revoke(pool: &PgPool, user_id: &str, id: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    super::revocation::revoke(pool, super::revocation::CredentialTable::AccessTokens, user_id, id, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tokens_rights_are_the_lesser_of_its_scope_and_the_role() {
        use Role::*;
        use TokenAccess::*;
        for (scope, role, expected) in [
            (Read, Owner, Viewer),
            (Read, Editor, Viewer),
            (Read, Viewer, Viewer),
            (Write, Owner, Editor),
            (Write, Editor, Editor),
            (Write, Viewer, Viewer),
        ] {
            assert_eq!(effective_role(scope, role), expected, "{scope:?} × {role:?}");
        }
    }

    #[test]
    fn tokens_carry_the_prefix_and_hash_as_a_whole() {
        let (token, hash) = generate();
        assert!(token.starts_with(PREFIX) && token.len() == PREFIX.len() + 43);
        assert_eq!(hash, super::super::token::digest(&token));
    }
}
