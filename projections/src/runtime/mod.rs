//! The projector runtime: named projections in groups, each group run by exactly one active
//! instance (session advisory lock), reading the gap-free feed once per batch for all its
//! members from their checkpoints, which are updated in the same transaction as the members'
//! rows (one commit per batch). Wakes on `LISTEN lifeos_events` and polls as a fallback (a
//! NOTIFY can be missed across reconnects). Publishes each projection's position so commands
//! can wait for their own events to be projected (read-your-writes).

mod checkpoint;
mod group;
mod handle;
pub mod isolate;
pub mod member;
pub mod parking;
mod runner;

use std::future::Future;

use sqlx::PgConnection;

use crate::feed::{Position, StoredEvent};

pub use group::{GroupHandle, ProjectionGroup, LIVE};
pub use handle::{PositionWatch, ProjectorHandle, WaitError};

/// A read model built from the feed. `apply` runs inside the batch's transaction; it must be
/// idempotent anyway (upserts keyed by id, version guards) so a replayed batch is harmless.
pub trait Projection: Send + Sync + 'static {
    /// Stable name: the checkpoint row and the advisory lock are keyed by it.
    fn name(&self) -> &str;

    /// The tables it writes (unqualified: a blue/green rebuild points `search_path` at a
    /// fresh schema holding empty copies of them).
    fn tables(&self) -> Vec<&'static str>;

    fn apply<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        events: &'a [StoredEvent],
    ) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a;

    /// Fills what a release added to its tables for rows it projected before (the kernel's
    /// search documents after an upgrade), each time an instance starts leading, before it
    /// follows the feed. Idempotent, and cheap once done. Default: nothing to fill.
    fn catch_up<'a>(&'a self, conn: &'a mut PgConnection) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        let _ = conn;
        std::future::ready(Ok(()))
    }

    /// Whether a rebuild may split the feed by stream among parallel writers: true when rows
    /// of different streams never depend on each other (kernel rows). A view folding many
    /// streams into one figure (an account's balance, a budget period) says false and is
    /// rebuilt by one writer.
    fn partitionable(&self) -> bool {
        true
    }

    /// The aggregate types whose events it reads (`None`: all). Its lag counts only these.
    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        None
    }

    /// The projection group it runs in (one feed reader and one commit per batch for all the
    /// group's members; one advisory lock per group). Default [`LIVE`], with the kernel rows
    /// sync depends on; a slow projection (analytics) declares its own, so it never delays them.
    fn group(&self) -> &'static str {
        LIVE
    }

    /// Applies a batch during a blue/green rebuild, into the rebuild's private tables (empty at
    /// the start, read by nobody until the switch, each batch's entities owned by one worker):
    /// a projection may bulk-load rows that cannot exist yet (binary `COPY`) instead of
    /// upserting them. A bad event is retried by the runtime through [`Projection::apply`]
    /// stream by stream, as live. Default: [`Projection::apply`].
    fn apply_rebuilding<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        events: &'a [StoredEvent],
    ) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        self.apply(tx, events)
    }

    /// Applies a parked stream's held events late, on a repair request at feed position `at`.
    /// A projection whose rows record feed positions (the kernel's `sync_log`) stamps them with
    /// `at`, so readers that are already past the events' own positions still see the change.
    fn apply_repaired<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        events: &'a [StoredEvent],
        at: Position,
    ) -> impl Future<Output = Result<(), ProjectionError>> + Send + 'a {
        let _ = at;
        self.apply(tx, events)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProjectionError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot decode {event_type} v{event_version} at {aggregate_type}/{aggregate_id}#{sequence}: {source}")]
    Decode {
        aggregate_type: String,
        aggregate_id: String,
        sequence: i64,
        event_type: String,
        event_version: String,
        #[source]
        source: serde_json::Error,
    },
    /// A view's rule cannot hold for this batch (a balance outside i64).
    #[error("invariant: {0}")]
    Invariant(String),
}

impl ProjectionError {
    pub fn decode(event: &StoredEvent, source: serde_json::Error) -> Self {
        Self::Decode {
            aggregate_type: event.aggregate_type.clone(),
            aggregate_id: event.aggregate_id.clone(),
            sequence: event.sequence,
            event_type: event.event_type.clone(),
            event_version: event.event_version.clone(),
            source,
        }
    }
}

/// Advisory-lock key for a name in a scope (a projection group): FNV-1a of both (stable across
/// builds).
fn lock_key(scope: &str, name: &str) -> i64 {
    i64::from_ne_bytes(crate::fnv1a(scope.bytes().chain(name.bytes())).to_ne_bytes())
}
