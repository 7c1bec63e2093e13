//! The live websockets of this process, each with the session, user and workspace it
//! authenticated as, so that nothing a socket streams outlives the decision that let it in:
//!
//! - a revocation closes exactly the sockets it concerns: in this process directly by the
//!   request that revoked, before it answers; in every process through the notice heard on
//!   `lifeos_auth` (`auth/revocation.rs`), applied by the hub's listener task before it
//!   dispatches any change notified after it;
//! - a sweep every `ws_auth_recheck` (30 s by default) asks the database, in one query for all
//!   sockets, whether each session is still live (not revoked, not expired) and each user still
//!   a member — the backstop for expiry and for notices lost while the listener reconnected.
//!
//! A socket learns its fate through its verdict channel and closes itself (`sync/ws.rs`).
//! Must never block on the database while holding the registry lock.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tokio::sync::watch;

use crate::auth::cache::AuthCache;
use crate::auth::revocation::Revoked;

/// Close code for a socket whose session is no longer signed in.
pub const UNAUTHORIZED: u16 = 4401;
/// Close code for a socket whose user may no longer read the workspace.
pub const FORBIDDEN: u16 = 4403;

/// Sockets re-checked per sweep query.
const SWEEP_CHUNK: usize = 1000;

/// Why a socket must close: its close code and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub code: u16,
    pub reason: String,
}

impl Verdict {
    pub fn new(code: u16, reason: impl Into<String>) -> Self {
        Self { code, reason: reason.into() }
    }

    fn signed_out() -> Self {
        Self::new(UNAUTHORIZED, "Unauthorized: the session has ended")
    }

    fn removed() -> Self {
        Self::new(FORBIDDEN, "Forbidden: no longer a member of this workspace")
    }
}

/// A socket's verdict channel: `None` while it may stay open.
pub type VerdictSender = watch::Sender<Option<Verdict>>;

/// Who a socket is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub session_id: String,
    pub user_id: String,
    pub workspace_id: String,
}

struct Entry {
    identity: Identity,
    verdict: VerdictSender,
}

pub struct Sockets {
    entries: Mutex<HashMap<u64, Entry>>,
    next: AtomicU64,
    /// Every notice also empties this process's auth cache (HTTP sees it at once too).
    auth_cache: Arc<AuthCache>,
}

/// A socket's place in the registry; dropping it (the socket ended) removes the entry.
pub struct Registration {
    id: u64,
    sockets: Arc<Sockets>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.sockets.lock().remove(&self.id);
    }
}

impl Sockets {
    pub fn new(auth_cache: Arc<AuthCache>) -> Self {
        Self { entries: Mutex::new(HashMap::new()), next: AtomicU64::new(0), auth_cache }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Registers an authenticated socket; its verdict is sent on `verdict`.
    pub fn register(self: &Arc<Self>, identity: Identity, verdict: VerdictSender) -> Registration {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, Entry { identity, verdict });
        Registration { id, sockets: self.clone() }
    }

    /// Number of live sockets (tests and metrics).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies a `lifeos_auth` payload: closes the sockets it names. Unknown payloads (a newer
    /// server's notice) close nothing but still empty the auth cache.
    pub fn on_notice(&self, payload: &str) {
        match Revoked::parse(payload) {
            Some(revoked) => self.apply(&revoked),
            None => {
                self.auth_cache.clear();
                tracing::warn!(payload, "unknown revocation notice");
            }
        }
    }

    /// Closes the sockets `revoked` concerns. The request that revoked calls this itself once
    /// committed, so this process's sockets are closed before it answers — a change the client
    /// writes after that answer can never reach them; other processes hear the notice.
    pub fn apply(&self, revoked: &Revoked) {
        self.auth_cache.clear();
        for entry in self.lock().values() {
            if let Some(verdict) = verdict_of(revoked, &entry.identity) {
                entry.verdict.send_replace(Some(verdict));
            }
        }
    }

    /// Re-checks every socket against the database; closes those whose session ended or
    /// whose user left the workspace. Returns how many it closed.
    pub async fn sweep(&self, pool: &PgPool, now: DateTime<Utc>) -> Result<usize, sqlx::Error> {
        let identities: Vec<Identity> = {
            let entries = self.lock();
            let distinct: HashSet<&Identity> = entries.values().filter(|e| e.verdict.borrow().is_none()).map(|e| &e.identity).collect();
            distinct.into_iter().cloned().collect()
        };
        let mut closed = 0;
        for chunk in identities.chunks(SWEEP_CHUNK) {
            let verdicts = check(pool, chunk, now).await?;
            let entries = self.lock();
            for entry in entries.values() {
                if let Some(verdict) = verdicts.get(&entry.identity) {
                    entry.verdict.send_replace(Some(verdict.clone()));
                    closed += 1;
                }
            }
        }
        Ok(closed)
    }
}

/// What `revoked` means for a socket of `identity`, if it concerns it.
fn verdict_of(revoked: &Revoked, identity: &Identity) -> Option<Verdict> {
    match revoked {
        Revoked::Session { session_id } => (&identity.session_id == session_id).then(Verdict::signed_out),
        Revoked::Member { workspace_id, user_id } => {
            (&identity.workspace_id == workspace_id && &identity.user_id == user_id).then(Verdict::removed)
        }
    }
}

/// The verdicts for the identities that may no longer stay connected.
async fn check(pool: &PgPool, identities: &[Identity], now: DateTime<Utc>) -> Result<HashMap<Identity, Verdict>, sqlx::Error> {
    let column = |f: fn(&Identity) -> &String| identities.iter().map(|i| f(i).clone()).collect::<Vec<_>>();
    let rows: Vec<(String, String, String, bool, bool)> = sqlx::query_as(
        "SELECT k.session_id, k.user_id, k.workspace_id,
                EXISTS (SELECT 1 FROM sessions s
                         WHERE s.id = k.session_id AND s.user_id = k.user_id AND s.revoked_at IS NULL AND s.expires_at > $4)
                OR EXISTS (SELECT 1 FROM access_tokens t
                         WHERE t.id = k.session_id AND t.user_id = k.user_id AND t.revoked_at IS NULL
                           AND (t.expires_at IS NULL OR t.expires_at > $4)),
                EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = k.workspace_id AND m.user_id = k.user_id)
           FROM unnest($1::text[], $2::text[], $3::text[]) AS k(session_id, user_id, workspace_id)",
    )
    .bind(column(|i| &i.session_id))
    .bind(column(|i| &i.user_id))
    .bind(column(|i| &i.workspace_id))
    .bind(now)
    .fetch_all(pool)
    .await?;
    let verdicts = rows.into_iter().filter_map(|(session_id, user_id, workspace_id, live, member)| {
        let verdict = match (live, member) {
            (false, _) => Verdict::signed_out(),
            (true, false) => Verdict::removed(),
            (true, true) => return None,
        };
        Some((Identity { session_id, user_id, workspace_id }, verdict))
    });
    Ok(verdicts.collect())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn identity(session: &str, user: &str, workspace: &str) -> Identity {
        Identity { session_id: session.into(), user_id: user.into(), workspace_id: workspace.into() }
    }

    #[test]
    fn a_notice_closes_exactly_the_sockets_it_names_and_dropped_sockets_leave() {
        let sockets = Arc::new(Sockets::new(Arc::new(AuthCache::new(Duration::ZERO))));
        let open = |i: Identity| {
            let (sender, receiver) = watch::channel(None);
            (sockets.register(i, sender), receiver)
        };
        let (phone_socket, phone) = open(identity("S1", "U1", "W1"));
        let (_laptop, laptop) = open(identity("S2", "U1", "W2"));
        let (_bob, bob) = open(identity("S3", "U2", "W1"));
        sockets.on_notice(&Revoked::Session { session_id: "S1".into() }.encode());
        assert_eq!(phone.borrow().as_ref().map(|v| v.code), Some(UNAUTHORIZED));
        assert!(laptop.borrow().is_none() && bob.borrow().is_none());
        sockets.on_notice(&Revoked::Member { workspace_id: "W1".into(), user_id: "U2".into() }.encode());
        assert_eq!(bob.borrow().as_ref().map(|v| v.code), Some(FORBIDDEN));
        assert!(laptop.borrow().is_none(), "the same user elsewhere stays");
        sockets.on_notice("nonsense");
        assert!(laptop.borrow().is_none());
        assert_eq!(sockets.len(), 3);
        drop(phone_socket);
        assert_eq!(sockets.len(), 2);
    }
}
