//! Offline-first sync: devices push queued mutations ([`push`]), pull the change feed after an
//! opaque [`cursor`] ([`changes`]), and follow it live over WebSocket ([`follow`], fed by the
//! [`hub`], served by [`ws`]); [`sockets`] closes live sockets whose session or membership
//! ended.

pub mod changes;
pub mod cursor;
pub mod follow;
pub mod hub;
pub mod push;
pub mod sockets;
pub mod ws;
