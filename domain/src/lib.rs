//! Pure domain: aggregates, commands, domain events and their errors.
//!
//! Nothing here does I/O, reads a clock or draws randomness: time and new ids arrive in the
//! command. No tokio, no sqlx, no HTTP. The event-spine issue fills this crate with the
//! Note/Task/Person/Place kernel and the accounts issue with the Workspace aggregate.
