//! The read side: the projector runtime that tails the gap-free global feed (ordered by
//! `(transaction_id, global_position)`), and the read models it maintains. Checkpoints are
//! written in the same transaction as the rows they cover, so a crash never loses or doubles
//! a projected event. Nothing but a projector writes read tables.

pub mod activity;
pub mod copy;
pub mod feed;
pub mod kernel;
pub mod repair;
pub mod runtime;
pub mod status;
pub mod synthetic;
pub mod workspaces;

pub use feed::{Position, StoredEvent};
pub use runtime::{
    GroupHandle, PositionWatch, Projection, ProjectionError, ProjectionGroup, ProjectorHandle, WaitError, LIVE,
};
