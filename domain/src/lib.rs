//! Pure domain: aggregates, commands, domain events and their errors.
//!
//! Nothing here does I/O, reads a clock or draws randomness: time and new ids arrive in the
//! command. Each aggregate is written as two pure functions, `decide(&self, command) ->
//! Result<Vec<Event>, Error>` and `evolve(&mut self, &event)`; the cqrs-es `Aggregate` impl
//! only adapts them (cqrs-es pulls in tokio for its own plumbing; this crate never uses it).

pub mod emit;
pub mod entity;
pub mod error;
pub mod ids;
pub mod note;
pub mod person;
pub mod place;
pub mod task;
pub mod values;
pub mod workspace;

pub use error::ErrorKind;
