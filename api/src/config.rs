//! The API's slice of the typed configuration (built by lifeosd from its `Config`).

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    pub max_body_bytes: usize,
    /// The instance owner: may always sign up, and manages the sign-up allowlist.
    pub owner_email: Option<String>,
    pub session_ttl: Duration,
    /// `Secure` on the session cookie (turn off only for plain-http localhost).
    pub cookie_secure: bool,
    /// Sign-in/sign-up attempts allowed per minute per email; 5× that per client IP.
    pub auth_attempts_per_minute: u32,
    pub graphql: GraphqlLimits,
    /// How long a command waits for its events to be projected before answering.
    pub read_your_writes_timeout: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct GraphqlLimits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub introspection: bool,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 4 * 1024 * 1024,
            owner_email: None,
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            cookie_secure: true,
            auth_attempts_per_minute: 10,
            graphql: GraphqlLimits::default(),
            read_your_writes_timeout: Duration::from_secs(5),
        }
    }
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self { max_depth: 12, max_complexity: 2000, max_aliases: 30, introspection: true }
    }
}
