//! Connection pool construction. Callers hand in connect options (from a URL or from the
//! embedded cluster) so secrets never pass through here as strings.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

/// Pool sizing and timeouts, from the typed config.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self { max_connections: 16, acquire_timeout: Duration::from_secs(5) }
    }
}

/// Opens a pool and proves the database answers before returning it.
pub async fn connect(options: PgConnectOptions, settings: PoolSettings) -> Result<PgPool, sqlx::Error> {
    let options = options.application_name("lifeosd");
    PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout)
        .connect_with(options)
        .await
}
