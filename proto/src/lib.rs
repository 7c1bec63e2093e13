//! What every party to the LifeOS wire protocol shares — the server, the offline reference
//! client and the `lifeos` CLI: the hybrid logical clock and its wire form, the sync ops and
//! statuses, the request headers, how a secret may be shown, and how camelCase wire names become snake or kebab
//! case. Pure: no I/O, no GraphQL, no database.

pub mod headers;
pub mod hlc;
pub mod names;
pub mod redact;
pub mod sync;

pub use hlc::{Hlc, HlcError, HlcState};
