//! The global feed over the event store, in commit order and gap-free (DESIGN-NOTES §1):
//! a row is only handed out once its transaction is older than every transaction still
//! running, so a slower concurrent writer can never be skipped. The cursor is the pair
//! `(transaction_id, global_position)`.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::PgConnection;

/// A point in the global feed. Ordered like the feed itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub transaction_id: i64,
    pub global_position: i64,
}

/// One event as stored, with its feed position. The payload stays raw JSON text: each
/// projection deserialises it straight into its own event type (no intermediate tree), and
/// projections that never look at it pay nothing. Metadata is not carried: projections build
/// read models from what happened, not from who asked (auditors read it from the store).
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub position: Position,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub sequence: i64,
    pub event_type: String,
    pub event_version: String,
    pub payload: String,
    pub recorded_at: DateTime<Utc>,
    pub workspace_id: String,
}

impl StoredEvent {
    /// The payload as `T`, upcast first when an older version is stored.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        if lifeos_events::upcast::is_current(&self.event_type, &self.event_version) {
            return serde_json::from_str(&self.payload);
        }
        let old: Value = serde_json::from_str(&self.payload)?;
        let (_, payload) =
            lifeos_events::upcast::upcast_payload(&self.aggregate_type, &self.event_type, &self.event_version, old);
        serde_json::from_value(payload)
    }
}

type Row = (i64, i64, String, String, i64, String, String, String, DateTime<Utc>, String);

/// `SELECT <the columns of a Row> FROM events e ` followed by the rest of the query.
macro_rules! select_events {
    ($rest:literal) => {
        concat!(
            "SELECT e.transaction_id::text::bigint AS tx, e.global_position, aggregate_type, aggregate_id, sequence,
                    event_type, event_version, payload::text, recorded_at, workspace_id
               FROM events e ",
            $rest
        )
    };
}

/// Up to `limit` events after `after` whose transactions are all finished.
pub async fn read_after(conn: &mut PgConnection, after: Position, limit: i64) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(select_events!(
        "WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          -- the table's columns (not the bigint output column): walks events_feed_idx
          ORDER BY e.transaction_id, e.global_position
          LIMIT $3"
    ))
    .bind(after.transaction_id.to_string())
    .bind(after.global_position)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(StoredEvent::from_row).collect())
}

/// Splits events into `parts` slices by stream (FNV-1a of the stream id: stable), order kept
/// within each, so parallel writers (a rebuild's workers) never touch the same entity.
pub fn partition(events: Vec<StoredEvent>, parts: usize) -> Vec<Vec<StoredEvent>> {
    let parts = parts.max(1);
    let mut out: Vec<Vec<StoredEvent>> = (0..parts).map(|_| Vec::with_capacity(events.len() / parts + 1)).collect();
    for event in events {
        let hash = crate::fnv1a(event.aggregate_type.bytes().chain([0]).chain(event.aggregate_id.bytes()));
        let slot = usize::try_from(hash % u64::try_from(parts).unwrap_or(1)).unwrap_or(0);
        out[slot].push(event);
    }
    out
}

/// Whether committed events exist after `after` that the feed does not hand out yet, because
/// a transaction older than theirs is still running (they will be, once it finishes).
pub async fn held_back(conn: &mut PgConnection, after: Position) -> Result<bool, sqlx::Error> {
    // Not `EXISTS (…)`: the planner drops the ORDER BY there and scans the whole table when
    // nothing matches; this form walks `events_feed_idx` and stops at the first row.
    let next: Option<i32> = sqlx::query_scalar(
        "SELECT 1 FROM events e WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2)
          ORDER BY e.transaction_id, e.global_position LIMIT 1",
    )
    .bind(after.transaction_id.to_string())
    .bind(after.global_position)
    .fetch_optional(conn)
    .await?;
    Ok(next.is_some())
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
        let (tx, pos, aggregate_type, aggregate_id, sequence, event_type, event_version, payload, recorded_at, workspace_id) = row;
        Self {
            position: Position { transaction_id: tx, global_position: pos },
            aggregate_type,
            aggregate_id,
            sequence,
            event_type,
            event_version,
            payload,
            recorded_at,
            workspace_id,
        }
    }
}

/// The events of one stream from `from_sequence` on that come before `before` in the feed,
/// oldest first (a parked stream's held events, when a repair request at `before` arrives).
pub async fn read_stream_before(
    conn: &mut PgConnection,
    aggregate_type: &str,
    aggregate_id: &str,
    from_sequence: i64,
    before: Position,
) -> Result<Vec<StoredEvent>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(select_events!(
        "WHERE aggregate_type = $1 AND aggregate_id = $2 AND sequence >= $3
            AND (transaction_id, global_position) < ($4::text::xid8, $5)
          ORDER BY sequence"
    ))
    .bind(aggregate_type)
    .bind(aggregate_id)
    .bind(from_sequence)
    .bind(before.transaction_id.to_string())
    .bind(before.global_position)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(StoredEvent::from_row).collect())
}
