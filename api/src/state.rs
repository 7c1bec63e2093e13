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
    /// A real argon2id hash of nothing in particular, verified against for unknown emails.
    pub dummy_hash: String,
}

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub schema: LifeosSchema,
    pub ctx: Arc<AppContext>,
}

impl AppState {
    pub fn new(pool: PgPool, config: ApiConfig, services: Services, projected: Projected) -> Self {
        let auth_cache = Arc::new(AuthCache::new(config.auth_cache_ttl));
        let commands = Commands::new(pool.clone(), projected, config.read_your_writes_timeout, auth_cache.clone());
        let rate_limits = AuthRateLimits::new(config.auth_attempts_per_minute);
        let dummy_hash = password::hash(&services.ids.new_id()).unwrap_or_default();
        let sockets = Arc::new(Sockets::new(auth_cache.clone()));
        let hub = Hub::start(pool.clone(), config.sync, sockets, services.clock.clone());
        let ctx = Arc::new(AppContext { pool: pool.clone(), config, services, commands, rate_limits, auth_cache, hub, dummy_hash });
        let schema = crate::graphql::build_schema(ctx.clone());
        Self { pool, schema, ctx }
    }
}
