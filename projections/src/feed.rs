//! The global feed over the event store, in commit order and gap-free (DESIGN-NOTES §1):
//! a row is only handed out once its transaction is older than every transaction still
//! running, so a slower concurrent writer can never be skipped. The cursor is the pair
//! `(transaction_id, global_position)`.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;

/// A point in the global feed. Ordered like the feed itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub transaction_id: i64,
    pub global_position: i64,
}

/// One event as stored, with its feed position.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub position: Position,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    pub payload: Value,
    pub metadata: Value,
    pub recorded_at: DateTime<Utc>,
    pub workspace_id: String,
}

type Row = (i64, i64, String, String, i64, String, String, Value, Value, DateTime<Utc>, String);

/// Up to `limit` events after `after` whose transactions are all finished.
pub async fn read_after(
    conn: &mut PgConnection,
    after: Position,
    limit: i64,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT transaction_id::text::bigint, global_position, aggregate_type, aggregate_id, sequence,
                event_type, event_version, payload, metadata, recorded_at, workspace_id
           FROM events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY transaction_id, global_position
          LIMIT $3",
    )
    .bind(after.transaction_id.to_string())
    .bind(after.global_position)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(StoredEvent::from_row).collect())
}

/// Feed position of the newest event of one stream (None if the stream is empty).
pub async fn stream_head(
    conn: &mut PgConnection,
    aggregate_type: &str,
    aggregate_id: &str,
) -> Result<Option<Position>, sqlx::Error> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT transaction_id::text::bigint, global_position FROM events
          WHERE aggregate_type = $1 AND aggregate_id = $2
          ORDER BY sequence DESC LIMIT 1",
    )
    .bind(aggregate_type)
    .bind(aggregate_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(transaction_id, global_position)| Position { transaction_id, global_position }))
}

impl StoredEvent {
    fn from_row(row: Row) -> Self {
        let (tx, pos, aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata, recorded_at, workspace_id) = row;
        Self {
            position: Position { transaction_id: tx, global_position: pos },
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            event_version,
            payload,
            metadata,
            recorded_at,
            workspace_id,
        }
    }
}
