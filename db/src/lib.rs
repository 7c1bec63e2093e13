//! Database plumbing shared by the server, the tools and the tests: the embedded
//! migrations, pool construction, readiness checks, and the embedded default PostgreSQL
//! cluster used when no `LIFEOS_DATABASE_URL` is configured.
//!
//! This crate knows nothing of the domain: no event types, no read models.

pub mod cluster;
pub mod migrate;
pub mod plan;
pub mod pool;

pub use cluster::{ClusterError, EmbeddedCluster};
pub use migrate::{MigrateError, MIGRATOR};
pub use pool::{connect, PoolSettings};
