//! The checkpoint row of a projection: where in the feed its rows are up to. A group reads,
//! locks and moves its members' rows together, one statement each.

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

/// The checkpoints of a group's members, each row locked for the rest of the transaction, in
/// name order (a fixed order: no deadlock between lockers). A row someone else holds (a
/// rebuild's switch, a test holding the projector) is skipped, not waited for: that member
/// sits this batch out and the others go on.
pub async fn lock_members(conn: &mut PgConnection, names: &[String]) -> Result<Vec<(String, Checkpoint)>, sqlx::Error> {
    members(
        conn,
        names,
        "SELECT projection, last_transaction_id::text::bigint, last_position, updated_at FROM projection_checkpoints
          WHERE projection = ANY($1) ORDER BY projection FOR UPDATE SKIP LOCKED",
    )
    .await
}

/// The checkpoints of a group's members, unlocked (followers publish them).
pub async fn load_members(conn: &mut PgConnection, names: &[String]) -> Result<Vec<(String, Checkpoint)>, sqlx::Error> {
    members(
        conn,
        names,
        "SELECT projection, last_transaction_id::text::bigint, last_position, updated_at FROM projection_checkpoints
          WHERE projection = ANY($1) ORDER BY projection",
    )
    .await
}

async fn members(conn: &mut PgConnection, names: &[String], sql: &'static str) -> Result<Vec<(String, Checkpoint)>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, DateTime<Utc>)> = sqlx::query_as(sql).bind(names).fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(name, transaction_id, global_position, stamp)| {
            (name, Checkpoint { position: Position { transaction_id, global_position }, stamp: Some(stamp) })
        })
        .collect())
}

/// Moves several checkpoints to their positions in one statement; returns the rows as written.
pub async fn store_members(conn: &mut PgConnection, moves: &[(String, Position)]) -> Result<Vec<(String, Checkpoint)>, sqlx::Error> {
    if moves.is_empty() {
        return Ok(Vec::new());
    }
    let names: Vec<&str> = moves.iter().map(|(name, _)| name.as_str()).collect();
    let transactions: Vec<String> = moves.iter().map(|(_, at)| at.transaction_id.to_string()).collect();
    let positions: Vec<i64> = moves.iter().map(|(_, at)| at.global_position).collect();
    let rows: Vec<(String, i64, i64, DateTime<Utc>)> = sqlx::query_as(
        "UPDATE projection_checkpoints c
            SET last_transaction_id = m.tx::xid8, last_position = m.pos, updated_at = clock_timestamp()
           FROM unnest($1::text[], $2::text[], $3::bigint[]) AS m(projection, tx, pos)
          WHERE c.projection = m.projection
         RETURNING c.projection, c.last_transaction_id::text::bigint, c.last_position, c.updated_at",
    )
    .bind(names)
    .bind(transactions)
    .bind(positions)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, transaction_id, global_position, stamp)| {
            (name, Checkpoint { position: Position { transaction_id, global_position }, stamp: Some(stamp) })
        })
        .collect())
}
