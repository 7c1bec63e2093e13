//! The checkpoint row of a projection: where in the feed its rows are up to.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::feed::Position;

/// Creates the row if missing and records which aggregate types the projection reads.
pub async fn ensure(conn: &mut PgConnection, name: &str, handles: Option<Vec<&'static str>>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO projection_checkpoints (projection, handles) VALUES ($1, $2)
         ON CONFLICT (projection) DO UPDATE SET handles = EXCLUDED.handles
          WHERE projection_checkpoints.handles IS DISTINCT FROM EXCLUDED.handles",
    )
    .bind(name)
    .bind(handles)
    .execute(conn)
    .await?;
    Ok(())
}

/// The checkpoint row: the position, and when it was last written (by whom is not recorded:
/// a stamp the projector did not write means someone else — a rebuild's switch — moved it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checkpoint {
    pub position: Position,
    pub stamp: Option<DateTime<Utc>>,
}

/// Reads the checkpoint; `for_update` locks the row for the rest of the transaction.
pub async fn load(conn: &mut PgConnection, name: &str, for_update: bool) -> Result<Checkpoint, sqlx::Error> {
    let sql = if for_update {
        "SELECT last_transaction_id::text::bigint, last_position, updated_at FROM projection_checkpoints
          WHERE projection = $1 FOR UPDATE"
    } else {
        "SELECT last_transaction_id::text::bigint, last_position, updated_at FROM projection_checkpoints
          WHERE projection = $1"
    };
    let row: Option<(i64, i64, DateTime<Utc>)> = sqlx::query_as(sql).bind(name).fetch_optional(conn).await?;
    Ok(row
        .map(|(transaction_id, global_position, stamp)| Checkpoint {
            position: Position { transaction_id, global_position },
            stamp: Some(stamp),
        })
        .unwrap_or_default())
}

/// Moves the checkpoint; returns the row as written.
pub async fn store(conn: &mut PgConnection, name: &str, position: Position) -> Result<Checkpoint, sqlx::Error> {
    let stamp: Option<DateTime<Utc>> = sqlx::query_scalar(
        "UPDATE projection_checkpoints
            SET last_transaction_id = $2::text::xid8, last_position = $3, updated_at = clock_timestamp()
          WHERE projection = $1 RETURNING updated_at",
    )
    .bind(name)
    .bind(position.transaction_id.to_string())
    .bind(position.global_position)
    .fetch_optional(conn)
    .await?;
    Ok(Checkpoint { position, stamp })
}
