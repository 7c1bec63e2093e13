//! Revocation notices on the `lifeos_auth` channel: a session that ended (sign-out, session
//! revocation) or a member who left a workspace is announced to every server process, so the
//! live websockets it concerns close at once (`sync/sockets.rs`) and every process forgets
//! its cached auth contexts — instead of outliving the decision.
//!
//! A notice states a fact that is already committed (a session is revoked in the statement
//! that sends it; a removal is announced once its command has committed), so a receiver
//! acts on it without asking the database again. Notices carry ids only, never a token.

use sqlx::PgExecutor;

/// The PostgreSQL NOTIFY channel of revocation notices.
pub const AUTH_CHANNEL: &str = "lifeos_auth";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    /// The session was signed out or revoked: its sockets close with 4401.
    Session { session_id: String },
    /// The user is no longer a member of the workspace: their sockets there close with 4403.
    Member { workspace_id: String, user_id: String },
}

impl Revoked {
    /// The NOTIFY payload: `session:<id>` or `member:<workspace>:<user>` (ids are ULIDs).
    pub fn encode(&self) -> String {
        match self {
            Revoked::Session { session_id } => format!("session:{session_id}"),
            Revoked::Member { workspace_id, user_id } => format!("member:{workspace_id}:{user_id}"),
        }
    }

    /// A payload read back; `None` for anything this version does not know.
    pub fn parse(payload: &str) -> Option<Self> {
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        match payload.split_once(':')? {
            ("session", id) => Some(Revoked::Session { session_id: nonempty(id)? }),
            ("member", rest) => {
                let (workspace_id, user_id) = rest.split_once(':')?;
                Some(Revoked::Member { workspace_id: nonempty(workspace_id)?, user_id: nonempty(user_id)? })
            }
            _ => None,
        }
    }
}

/// The tables of revocable credentials.
#[derive(Debug, Clone, Copy)]
pub enum CredentialTable {
    Sessions,
    AccessTokens,
}

/// Revokes the user's live credential `id` in `table` and announces it (`Revoked::Session`:
/// its sockets close everywhere) in the same statement; false if there was no such one.
pub async fn revoke(pool: &sqlx::PgPool, table: CredentialTable, user_id: &str, id: &str, now: chrono::DateTime<chrono::Utc>) -> Result<bool, sqlx::Error> {
    let table = match table {
        CredentialTable::Sessions => "sessions",
        CredentialTable::AccessTokens => "access_tokens",
    };
    let notice = Revoked::Session { session_id: id.to_owned() };
    let revoked = sqlx::query(&format!(
        "WITH revoked AS (
             UPDATE {table} SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id
         )
         SELECT pg_notify($4, $5) FROM revoked"
    ))
    .bind(id)
    .bind(user_id)
    .bind(now)
    .bind(AUTH_CHANNEL)
    .bind(notice.encode())
    .fetch_all(pool)
    .await?;
    Ok(!revoked.is_empty())
}

/// Announces `revoked` when the executor's transaction commits (at once outside one).
pub async fn notify(executor: impl PgExecutor<'_>, revoked: &Revoked) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(AUTH_CHANNEL).bind(revoked.encode()).execute(executor).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_read_back_as_written_and_unknown_ones_are_ignored() {
        let notices = [
            Revoked::Session { session_id: "01S".into() },
            Revoked::Member { workspace_id: "01W".into(), user_id: "01U".into() },
        ];
        for notice in notices {
            assert_eq!(Revoked::parse(&notice.encode()), Some(notice));
        }
        for unknown in ["", "session:", "member:01W", "member::01U", "user:01U", "nonsense"] {
            assert_eq!(Revoked::parse(unknown), None, "{unknown}");
        }
    }
}
