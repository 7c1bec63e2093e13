//! Auditor tools over the event store: an entity's full history with before → after per
//! field, and its state as of a time or version — computed by folding its events with the
//! aggregate's own `evolve` (never read from the projected tables). Read-only: nothing here
//! writes events.

pub mod audit;
pub mod history;
pub mod stream;

pub use history::{as_of, history, AsOf, FieldChange, HistoryEntry, ReplayError};
