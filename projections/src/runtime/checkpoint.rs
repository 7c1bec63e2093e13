//! The checkpoint row of a projection: where in the feed its rows are up to.

use sqlx::PgConnection;

use crate::feed::Position;

pub async fn ensure(conn: &mut PgConnection, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(name)
        .execute(conn)
        .await?;
    Ok(())
}

/// Reads the checkpoint; `for_update` locks the row for the rest of the transaction.
pub async fn load(conn: &mut PgConnection, name: &str, for_update: bool) -> Result<Position, sqlx::Error> {
    let sql = if for_update {
        "SELECT last_transaction_id::text::bigint, last_position FROM projection_checkpoints
          WHERE projection = $1 FOR UPDATE"
    } else {
        "SELECT last_transaction_id::text::bigint, last_position FROM projection_checkpoints
          WHERE projection = $1"
    };
    let row: Option<(i64, i64)> = sqlx::query_as(sql).bind(name).fetch_optional(conn).await?;
    Ok(row
        .map(|(transaction_id, global_position)| Position { transaction_id, global_position })
        .unwrap_or_default())
}

pub async fn store(conn: &mut PgConnection, name: &str, position: Position) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE projection_checkpoints
            SET last_transaction_id = $2::text::xid8, last_position = $3, updated_at = now()
          WHERE projection = $1",
    )
    .bind(name)
    .bind(position.transaction_id.to_string())
    .bind(position.global_position)
    .execute(conn)
    .await?;
    Ok(())
}
