//! Accounts and access: users and credentials (argon2id), sessions (256-bit random tokens
//! stored only as SHA-256 hashes), the owner-gated sign-up allowlist, sign-in rate limits,
//! and the per-request auth context that guards check. Credentials and sessions are ordinary
//! tables, never events: secrets do not belong in immutable history.

pub mod accounts;
pub mod cache;
pub mod context;
pub mod cookie;
pub mod guard;
pub mod password;
pub mod ratelimit;
pub mod revocation;
pub mod sessions;
pub mod token;
pub mod users;

pub use context::{Auth, AuthUser, WorkspaceAccess};
pub use guard::{Access, Authenticated, InstanceOwner, WorkspaceRole};
