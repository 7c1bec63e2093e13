//! Injected sources of time and identity, so handlers and tests never read the wall clock or
//! draw ids behind each other's back (tests swap in fixed ones).

use std::sync::Arc;

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub trait IdGenerator: Send + Sync {
    /// A new ULID, as its canonical 26-character string.
    fn new_id(&self) -> String;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    /// Microsecond precision: what PostgreSQL stores, so a time answered straight from an
    /// aggregate equals the same time read back from a table.
    fn now(&self) -> DateTime<Utc> {
        chrono::SubsecRound::trunc_subsecs(Utc::now(), 6)
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct UlidGenerator;

impl IdGenerator for UlidGenerator {
    fn new_id(&self) -> String {
        ulid::Ulid::new().to_string()
    }
}

#[derive(Clone)]
pub struct Services {
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGenerator>,
}

impl Default for Services {
    fn default() -> Self {
        Self { clock: Arc::new(SystemClock), ids: Arc::new(UlidGenerator) }
    }
}
