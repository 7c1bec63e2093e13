//! The read side: the projector runtime that tails the gap-free global feed (ordered by
//! `(transaction_id, global_position)`), and the read models it maintains. Checkpoints are
//! written in the same transaction as the rows they cover, so a crash never loses or doubles
//! a projected event. Nothing but a projector writes read tables.

pub mod activity;
pub mod copy;
pub mod feed;
pub mod finance;
pub mod habits;
pub mod kernel;
pub mod mirror;
pub mod repair;
pub mod runtime;
pub mod status;
pub mod synthetic;
pub mod workspaces;

pub use feed::{Position, StoredEvent};

/// FNV-1a of `bytes`: a hash stable across builds and processes (advisory-lock keys, a
/// rebuild's split of the streams among its writers).
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}
pub use runtime::{
    GroupHandle, PositionWatch, Projection, ProjectionError, ProjectionGroup, ProjectorHandle, WaitError, LIVE,
};
