//! What an operator (and `/readyz`) needs to know of each projection: where its checkpoint is,
//! how many events it handles are still ahead of it (its lag; events of types it does not
//! read do not count), and the streams it has parked, with how many later events each holds.
//! Read from the tables alone, so any process can report on projectors running elsewhere.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::feed::Position;

/// Lag counts stop here, so a status read stays cheap however far behind a projection is.
pub const LAG_CAP: i64 = 100_000;

#[derive(Debug, Clone)]
pub struct ProjectionStatus {
    pub projection: String,
    pub position: Position,
    pub lag: i64,
    pub parked: Vec<ParkedStream>,
}

#[derive(Debug, Clone)]
pub struct ParkedStream {
    pub workspace_id: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub position: Position,
    pub event_type: String,
    pub error: String,
    pub attempts: i32,
    pub parked_at: DateTime<Utc>,
    /// Later events of the stream, waiting behind the parked one.
    pub held: i64,
}

/// Every projection that has a checkpoint, by name.
pub async fn read(pool: &PgPool) -> Result<Vec<ProjectionStatus>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.projection, c.last_transaction_id::text::bigint, c.last_position,
                (SELECT count(*) FROM (SELECT 1 FROM events e
                   WHERE (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                     AND (c.handles IS NULL OR e.aggregate_type = ANY (c.handles))
                   LIMIT $1) behind)
           FROM projection_checkpoints c ORDER BY c.projection",
    )
    .bind(LAG_CAP)
    .fetch_all(pool)
    .await?;
    let mut parked = parked(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(projection, transaction_id, global_position, lag)| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut parked).into_iter().partition(|(p, _)| *p == projection);
            parked = rest;
            ProjectionStatus {
                projection,
                position: Position { transaction_id, global_position },
                lag,
                parked: mine.into_iter().map(|(_, s)| s).collect(),
            }
        })
        .collect())
}

type ParkedRow = (String, String, String, String, i64, i64, i64, String, String, i32, DateTime<Utc>, i64);

async fn parked(pool: &PgPool) -> Result<Vec<(String, ParkedStream)>, sqlx::Error> {
    let rows: Vec<ParkedRow> = sqlx::query_as(
        "SELECT p.projection, p.workspace_id, p.aggregate_type, p.aggregate_id, p.sequence, p.transaction_id,
                p.global_position, p.event_type, p.error, p.attempts, p.parked_at,
                (SELECT count(*) FROM events e
                  WHERE e.aggregate_type = p.aggregate_type AND e.aggregate_id = p.aggregate_id AND e.sequence > p.sequence)
           FROM projection_parked p ORDER BY p.projection, p.transaction_id, p.global_position",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(projection, workspace_id, aggregate_type, aggregate_id, sequence, tx, pos, event_type, error, attempts, parked_at, held)| {
            let stream = ParkedStream {
                workspace_id,
                aggregate_type,
                aggregate_id,
                sequence,
                position: Position { transaction_id: tx, global_position: pos },
                event_type,
                error,
                attempts,
                parked_at,
                held,
            };
            (projection, stream)
        })
        .collect())
}
