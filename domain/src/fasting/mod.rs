//! Fasting: fasts with a start, an end (null while running), a goal and a protocol (`fast`),
//! and the rule that a user's fasts never overlap — so at most one runs — decided on the
//! command path by the `FastLog` rule aggregate (`fast_log`), online, under concurrency and
//! across offline devices alike.
//!
//! Pure: no I/O, no clock.

pub mod fast;
pub mod fast_log;
