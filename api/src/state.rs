//! Shared state: what every resolver may use (`AppContext`, schema data) and what the router
//! holds (`AppState`). Built once at boot; cheap to clone.

use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::cache::AuthCache;
use crate::auth::password;
use crate::auth::ratelimit::AuthRateLimits;
use crate::commands::{Commands, Projected};
use crate::config::ApiConfig;
use crate::graphql::LifeosSchema;
use crate::observe::Metrics;
use crate::http::PersistedQueries;
use crate::services::Services;
use crate::sync::hub::Hub;
use crate::sync::sockets::Sockets;

pub struct AppContext {
    pub pool: PgPool,
    pub config: ApiConfig,
    pub services: Services,
    pub commands: Commands,
    pub rate_limits: AuthRateLimits,
    /// Recently resolved auth contexts (cleared by anything changing sessions or members).
    pub auth_cache: Arc<AuthCache>,
    /// Live change fan-out to subscribers.
    pub hub: Hub,
    /// This server's Prometheus metrics (`observe/`).
    pub metrics: Arc<Metrics>,
    /// A real argon2id hash of nothing in particular, verified against for unknown emails.
    pub dummy_hash: String,
    /// Automatic persisted queries, shared by HTTP and the websocket.
    pub persisted: PersistedQueries,
}

/// Why the API state could not be built (at boot, before anything is served).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Without a real hash to verify unknown emails against, their sign-in would answer
    /// instantly — a timing oracle for which emails have accounts — so the server does not start.
    #[error("cannot hash the dummy password for unknown-email sign-ins: {0}")]
    DummyHash(argon2::password_hash::Error),
}

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub schema: LifeosSchema,
    pub ctx: Arc<AppContext>,
}

impl AppState {
    pub fn new(pool: PgPool, config: ApiConfig, services: Services, projected: Projected) -> Result<Self, StartupError> {
        let auth_cache = Arc::new(AuthCache::new(config.auth_cache_ttl));
        let metrics = Arc::new(Metrics::new());
        let commands = Commands::new(pool.clone(), projected, config.read_your_writes_timeout, auth_cache.clone(), metrics.conflicts.clone(), config.group_commit);
        let rate_limits = AuthRateLimits::new(config.auth_attempts_per_minute);
        let dummy_hash = password::hash(&services.ids.new_id()).map_err(StartupError::DummyHash)?;
        let sockets = Arc::new(Sockets::new(auth_cache.clone()));
        let hub = Hub::start(pool.clone(), config.sync, sockets, services.clock.clone());
        let persisted = PersistedQueries::new(config.persisted_query_bytes);
        let ctx = Arc::new(AppContext { pool: pool.clone(), config, services, commands, rate_limits, auth_cache, hub, metrics, dummy_hash, persisted });
        let schema = crate::graphql::build_schema(ctx.clone());
        Ok(Self { pool, schema, ctx })
    }
}
