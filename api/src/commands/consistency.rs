//! Read-your-writes per session, without making writers wait.
//!
//! An entity mutation answers from its aggregate's state as soon as its events commit, and
//! notes the feed position of its last event against the caller's session. The session's
//! next request waits (bounded) until the kernel projector has passed that position before it
//! runs — so a device always reads its own writes, while writers never queue behind projector
//! batches. Positions are dropped once the projector passes them, which keeps the map as
//! small as the set of sessions with unprojected writes.
//!
//! If the wait gives up (the projector is behind by more than the timeout), the request still
//! runs, and [`SessionWrites::caught_up`] says so: the router flags the answer
//! `extensions.stale: true` rather than serve possibly stale data silently.
//!
//! The map is per process: behind a load balancer, a session's requests must stick to one
//! server for this guarantee (sync clients get it regardless: `pushChanges` waits itself).

/// `extensions.stale: true` on a read answered before the session's own earlier writes were
/// projected (the read-your-writes wait timed out): retry the read to see them.
pub const STALE_EXTENSION: &str = "stale";

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use lifeos_projections::feed::Position;
use lifeos_projections::PositionWatch;

pub struct SessionWrites {
    pending: Mutex<HashMap<String, Position>>,
    kernel: PositionWatch,
    timeout: Duration,
}

impl SessionWrites {
    pub fn new(kernel: PositionWatch, timeout: Duration) -> Self {
        Self { pending: Mutex::new(HashMap::new()), kernel, timeout }
    }

    /// The session wrote up to `position`.
    pub fn wrote(&self, session_id: &str, position: Position) {
        let projected = self.kernel.current();
        let mut pending = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if pending.len() > 1024 {
            pending.retain(|_, p| *p > projected);
        }
        if position > projected {
            let entry = pending.entry(session_id.to_owned()).or_default();
            *entry = (*entry).max(position);
        }
    }

    /// Waits until the session's own writes are projected (or the timeout passes); false if
    /// the wait gave up and a read now may not see them.
    pub async fn caught_up(&self, session_id: &str) -> bool {
        let target = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(session_id).copied();
        let Some(target) = target else { return true };
        if let Err(e) = self.kernel.wait_for(target, self.timeout).await {
            tracing::warn!(error = %e, "read-your-writes wait gave up");
            return false;
        }
        let mut pending = self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if pending.get(session_id).is_some_and(|p| *p <= target) {
            pending.remove(session_id);
        }
        true
    }
}
