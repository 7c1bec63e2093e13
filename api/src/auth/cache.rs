//! A short-lived, in-process cache of resolved auth contexts (session → user → role in the
//! chosen workspace), so a busy device does not pay a database round trip per request.
//!
//! Entries live for `ttl` (1 s by default). Anything in this process that changes sessions or
//! memberships (sign-out, session revocation, any workspace command) clears the cache, so a
//! single server never serves a stale decision; another process may, for at most `ttl` — and
//! for sign-out, revocation and removal only until it hears their `lifeos_auth` notice, which
//! clears its cache too (`sync/sockets.rs`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::context::Auth;

/// Entries kept before the cache is simply emptied (it refills on demand).
const MAX_ENTRIES: usize = 10_000;

pub struct AuthCache {
    ttl: Duration,
    entries: Mutex<HashMap<Key, (Instant, Auth)>>,
}

/// (token digest, chosen workspace header).
type Key = (Vec<u8>, Option<String>);

impl AuthCache {
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, entries: Mutex::new(HashMap::new()) }
    }

    pub fn get(&self, digest: &[u8], workspace: Option<&str>) -> Option<Auth> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (at, auth) = entries.get(&(digest.to_vec(), workspace.map(str::to_owned)))?;
        (at.elapsed() < self.ttl).then(|| auth.clone())
    }

    /// Remembers a signed-in caller's context (anonymous results are not cached).
    pub fn put(&self, digest: &[u8], workspace: Option<&str>, auth: &Auth) {
        if self.ttl.is_zero() || auth.user.is_none() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert((digest.to_vec(), workspace.map(str::to_owned)), (Instant::now(), auth.clone()));
    }

    /// Forgets everything: a session or membership changed.
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::context::{AuthUser, WorkspaceAccess};

    fn signed_in() -> Auth {
        let user = AuthUser {
            user_id: "U".into(),
            email: "u@x".into(),
            display_name: "U".into(),
            session_id: "S".into(),
            credential: crate::auth::Credential::Session,
            personal_workspace_id: "W".into(),
        };
        Auth { user: Some(user), workspace: WorkspaceAccess::None }
    }

    #[test]
    fn keeps_signed_in_contexts_per_token_and_workspace_until_cleared() {
        let cache = AuthCache::new(Duration::from_secs(60));
        cache.put(b"t", None, &signed_in());
        cache.put(b"anon", None, &Auth::anonymous());
        assert!(cache.get(b"t", None).is_some());
        assert!(cache.get(b"t", Some("W2")).is_none(), "another workspace is another decision");
        assert!(cache.get(b"anon", None).is_none(), "anonymous results are not cached");
        cache.clear();
        assert!(cache.get(b"t", None).is_none());
        let off = AuthCache::new(Duration::ZERO);
        off.put(b"t", None, &signed_in());
        assert!(off.get(b"t", None).is_none());
    }
}
