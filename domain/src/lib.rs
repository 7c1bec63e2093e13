//! Pure domain: aggregates, commands, domain events and their errors, grouped by life domain
//! (`primitives/` — notes, tasks, people, places —, later `finance/`, `habits/`, `health/`,
//! `faith/`), on one platform: the generic entity kernel (`entity/`), kind declarations
//! (`kind/`), the registry of kinds (`registry.rs`) and the rule aggregates for rules that
//! span entities (`rule.rs`).
//!
//! Nothing here does I/O, reads a clock or draws randomness: time and new ids arrive in the
//! command. Each aggregate is written as two pure functions, `decide(&self, command) ->
//! Result<Vec<Event>, Error>` and `evolve(&mut self, &event)`; the cqrs-es `Aggregate` impl
//! only adapts them (cqrs-es pulls in tokio for its own plumbing; this crate never uses it).

pub mod profile;
pub mod emit;
pub mod entity;
pub mod error;
pub mod fasting;
pub mod finance;
pub mod habits;
pub mod ids;
pub mod kind;
pub mod primitives;
pub mod registry;
pub mod rule;
pub mod values;
pub mod workspace;

pub use error::ErrorKind;
pub use primitives::{note, person, place, task};

#[doc(hidden)]
pub use pastey as __pastey;
