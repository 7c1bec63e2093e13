//! LifeOS reference offline client: a local SQLite mirror of the workspace, an outbox of
//! pending mutations stamped with a hybrid logical clock, `sync()` (push, then pull the change
//! feed) and `watch()` (live sync over graphql-transport-ws). A CLI or an app shell builds on
//! it; it never holds business rules — the server decides conflicts (per-field LWW by HLC).

mod client;
mod clock;
mod error;

mod local;
mod record;
mod store;
mod sync;
mod transport;
mod watch;
mod wire;

pub use client::{Client, ClientBuilder};
pub use clock::{Clock, IdGenerator, ManualClock, RandomIds, SystemClock};
pub use error::{ClientError, ServerError};
pub use lifeos_proto::{Hlc, HlcState};
pub use record::{Op, Pending, Record, Rejected};
pub use sync::SyncReport;
pub use reqwest::Method;
pub use transport::{Exchange, Http};
pub use watch::{follow_changes, WatchHandle};
pub use wire::{Change, ChangePage};

/// The GraphQL schema the typed operations are checked against (for the drift test).
pub const SCHEMA_SDL: &str = include_str!("../../spec/schema.graphql");
