//! The API's slice of the typed configuration (built by lifeosd from its `Config`).

use std::time::Duration;

use crate::auth::client_ip::TrustedProxies;
pub use crate::commands::group_commit::GroupCommitConfig;
use crate::http::OriginPolicy;

/// Default budget of the persisted-query cache: about a thousand typical documents.
pub const DEFAULT_PERSISTED_QUERY_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ApiConfig {
    pub max_body_bytes: usize,
    /// Largest bank file `POST /import/{format}` accepts.
    pub import_max_bytes: usize,
    /// The only email that may sign up as the first owner (with the setup code); unset: any.
    pub owner_email: Option<String>,
    pub session_ttl: Duration,
    /// `Secure` on the session cookie (turn off only for plain-http localhost).
    pub cookie_secure: bool,
    /// Sign-in/sign-up attempts allowed per minute per (email, client IP); 5× that per
    /// client IP, 3× that per email (`auth/ratelimit.rs`).
    pub auth_attempts_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client IP (none: header ignored).
    pub trusted_proxies: TrustedProxies,
    /// Who may read `/metrics`, and where it is served.
    pub metrics: MetricsConfig,
    pub graphql: GraphqlLimits,
    /// How long a command waits for its events to be projected before answering.
    pub read_your_writes_timeout: Duration,
    /// How long a resolved session/membership may be reused in this process (0: never).
    pub auth_cache_ttl: Duration,
    pub sync: SyncConfig,
    /// Lag (events) beyond which `/readyz` reports a projection as degraded (still 200).
    pub ready_max_lag: i64,
    /// Origins whose pages may call the API with credentials (CORS) and open cookie
    /// websockets, besides the server's own (`LIFEOS_CORS_ORIGINS`; none by default).
    pub origins: OriginPolicy,
    /// Bytes of query text the automatic-persisted-query cache may hold (0: none kept).
    pub persisted_query_bytes: usize,
    /// How concurrent entity commands are committed together (`commands/group_commit.rs`).
    pub group_commit: GroupCommitConfig,
}

/// `/metrics`: readable from loopback, or with the bearer token when one is set; with
/// `own_listener` it is served only on the metrics' own address (`LIFEOS_METRICS_ADDR`).
#[derive(Debug, Clone, Default)]
pub struct MetricsConfig {
    pub token: Option<MetricsToken>,
    pub own_listener: bool,
}

/// The metrics bearer token (its `Debug` never prints it).
#[derive(Clone)]
pub struct MetricsToken(String);

impl MetricsToken {
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// Compares in constant time (over the digests, so the length leaks nothing either).
    pub fn matches(&self, offered: &str) -> bool {
        use sha2::{Digest, Sha256};
        let (a, b) = (Sha256::digest(self.0.as_bytes()), Sha256::digest(offered.as_bytes()));
        a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// Limits of the change feed and its websocket subscriptions.
#[derive(Debug, Clone, Copy)]
pub struct SyncConfig {
    /// Changes queued per live subscriber; one more and it is told to resync.
    pub subscriber_queue: usize,
    pub ws_init_timeout: Duration,
    pub ws_ping_interval: Duration,
    pub ws_idle_timeout: Duration,
    /// Every live socket's session and membership are re-checked this often, whatever its
    /// traffic (revocations close sockets at once; this bounds expiry and lost notices).
    pub ws_auth_recheck: Duration,
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
            ws_auth_recheck: Duration::from_secs(30),
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
            import_max_bytes: 64 * 1024 * 1024,
            owner_email: None,
            session_ttl: Duration::from_secs(30 * 24 * 3600),
            cookie_secure: true,
            auth_attempts_per_minute: 10,
            trusted_proxies: TrustedProxies::default(),
            metrics: MetricsConfig::default(),
            graphql: GraphqlLimits::default(),
            read_your_writes_timeout: Duration::from_secs(5),
            auth_cache_ttl: Duration::from_secs(1),
            sync: SyncConfig::default(),
            ready_max_lag: 10_000,
            origins: OriginPolicy::default(),
            persisted_query_bytes: DEFAULT_PERSISTED_QUERY_BYTES,
            group_commit: GroupCommitConfig::default(),
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
