//! The SQL migrations under `/migrations`, embedded in the binary, and the one code path
//! that applies them (used at boot by `serve` and alone by `migrate`).

use sqlx::migrate::Migrator;
use sqlx::PgPool;

/// Every migration of the project, compiled in.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("applying migrations failed: {0}")]
    Apply(#[from] sqlx::migrate::MigrateError),
    #[error("reading migration state failed: {0}")]
    Read(#[from] sqlx::Error),
}

/// Applies every pending migration; returns the versions it applied (empty when up to date).
/// Safe to run concurrently: sqlx takes an advisory lock for the duration.
pub async fn run(pool: &PgPool) -> Result<Vec<i64>, MigrateError> {
    let before = applied_versions(pool).await?;
    MIGRATOR.run(pool).await?;
    let after = applied_versions(pool).await?;
    Ok(after.into_iter().filter(|v| !before.contains(v)).collect())
}

/// Versions compiled into this binary that the database has not applied successfully.
pub async fn pending(pool: &PgPool) -> Result<Vec<i64>, MigrateError> {
    let applied = applied_versions(pool).await?;
    Ok(MIGRATOR
        .iter()
        .map(|m| m.version)
        .filter(|v| !applied.contains(v))
        .collect())
}

async fn applied_versions(pool: &PgPool) -> Result<Vec<i64>, MigrateError> {
    let exists: bool =
        sqlx::query_scalar("SELECT to_regclass('public._sqlx_migrations') IS NOT NULL")
            .fetch_one(pool)
            .await?;
    if !exists {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?,
    )
}
