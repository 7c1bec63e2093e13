//! Auditor and analytics tools over the event store: an entity's full history with before →
//! after per field, its state as of a time or version (folded with the aggregate's own
//! `evolve`, never read from projected tables), the workspace audit log, and blue/green
//! projection rebuilds. Nothing here writes events.

pub mod audit;
pub mod history;
pub mod rebuild;
pub mod stream;

pub use history::{as_of, history, AsOf, FieldChange, HistoryEntry, ReplayError};
