//! Accounts and access: users and credentials (argon2id), sessions (256-bit random tokens
//! stored only as SHA-256 hashes), the instance owner and the first owner's setup code, the
//! personal access tokens (scoped per workspace, capped by the user's role), the
//! owner-gated sign-up allowlist, sign-in rate limits (by client IP, see `client_ip`),
//! and the per-request auth context that guards check. Credentials and sessions are ordinary
//! tables, never events: secrets do not belong in immutable history.

pub mod access_tokens;
pub mod accounts;
pub mod cache;
pub mod client_ip;
pub mod context;
pub mod cookie;
pub mod guard;
pub mod owner;
pub mod password;
pub mod ratelimit;
pub mod revocation;
pub mod sessions;
pub mod setup_code;
pub mod token;
pub mod users;

pub use context::{Auth, AuthUser, Credential, WorkspaceAccess};
pub use guard::{Access, Authenticated, InstanceOwner, SignedIn, WorkspaceRole};
