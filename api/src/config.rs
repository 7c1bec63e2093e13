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
    /// How long a resolved session/membership may be reused in this process (0: never).
    pub auth_cache_ttl: Duration,
    pub sync: SyncConfig,
}

/// Limits of the change feed and its websocket subscriptions.
#[derive(Debug, Clone, Copy)]
pub struct SyncConfig {
    /// Changes queued per live subscriber; one more and it is told to resync.
    pub subscriber_queue: usize,
    pub ws_init_timeout: Duration,
    pub ws_ping_interval: Duration,
    pub ws_idle_timeout: Duration,
    /// Most entries, and JSON bytes, in one page of changes.
    pub page_max_entries: usize,
    pub page_max_bytes: usize,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self {
            subscriber_queue: 1024,
            ws_init_timeout: Duration::from_secs(10),
            ws_ping_interval: Duration::from_secs(15),
            ws_idle_timeout: Duration::from_secs(60),
            page_max_entries: 1000,
            page_max_bytes: 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct GraphqlLimits {
    pub max_depth: usize,
    /// Highest query complexity; list fields count `first`/`limit` × their selection
    /// (`graphql/cost.rs`).
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub introspection: bool,
    /// Largest JSON `data` one operation may answer with (HTTP and websocket alike).
    pub max_response_bytes: usize,
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
            auth_cache_ttl: Duration::from_secs(1),
            sync: SyncConfig::default(),
        }
    }
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_complexity: 20_000,
            max_aliases: 30,
            introspection: true,
            max_response_bytes: 16 * 1024 * 1024,
        }
    }
}
