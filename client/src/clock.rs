//! Injected time and ids: the client never reads the system clock or draws randomness except
//! through these traits, so tests (and the fuzzer) can drive both.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use ulid::Ulid;

/// Physical time in Unix milliseconds.
pub trait Clock: Send + Sync {
    fn now_millis(&self) -> i64;
}

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that moves only when told to (tests, simulations). Clones share the time.
#[derive(Debug, Default, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn new(millis: i64) -> Self {
        Self(Arc::new(AtomicI64::new(millis)))
    }

    pub fn set(&self, millis: i64) {
        self.0.store(millis, Ordering::SeqCst);
    }

    pub fn advance(&self, millis: i64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_millis(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Source of new ULIDs (entity ids, the client id, outbox mutation ids).
pub trait IdGenerator: Send + Sync {
    fn ulid(&self) -> Ulid;
}

/// Random ULIDs from the system clock and thread RNG.
#[derive(Debug, Default, Clone, Copy)]
pub struct RandomIds;

impl IdGenerator for RandomIds {
    fn ulid(&self) -> Ulid {
        Ulid::new()
    }
}

/// Unix milliseconds as a UTC instant (out-of-range values clamp to the epoch).
pub(crate) fn instant(millis: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// The stored/wire text of an instant: RFC 3339, UTC, `Z`.
pub(crate) fn format_instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Parses an RFC 3339 timestamp (server data or the local store).
pub(crate) fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, crate::ClientError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&chrono::Utc))
        .map_err(|_| crate::ClientError::Corrupt(format!("not an RFC 3339 timestamp: {text:?}")))
}
