//! Holding a live projector still, deterministically: lock its checkpoint row in an open
//! transaction — exactly what a rebuild's switch does. The projector's next batch waits on
//! that lock, so nothing it would write commits until [`HeldProjector::release`]; the write
//! side (the event store) is untouched, so commands go on. Never hold one across a request
//! that waits for the projection (a session's read after its own write would time out).

use sqlx::{PgPool, Postgres, Transaction};

/// A projector kept between batches until released (or dropped).
pub struct HeldProjector {
    tx: Transaction<'static, Postgres>,
}

impl HeldProjector {
    /// Waits for the projector's current batch, then holds it before its next one.
    pub async fn hold(pool: &PgPool, projection: &str) -> anyhow::Result<Self> {
        let mut tx = pool.begin().await?;
        sqlx::query("INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(projection)
            .execute(&mut *tx)
            .await?;
        sqlx::query("SELECT 1 FROM projection_checkpoints WHERE projection = $1 FOR UPDATE")
            .bind(projection)
            .execute(&mut *tx)
            .await?;
        Ok(Self { tx })
    }

    /// Lets the projector go on.
    pub async fn release(self) -> anyhow::Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}
