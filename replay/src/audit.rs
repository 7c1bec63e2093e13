//! The workspace audit log: its events in commit order (the gap-free feed rule), filtered,
//! paged by feed cursor. Shared by the `auditLog` query and `lifeosd replay`.

use chrono::{DateTime, Utc};
use lifeos_projections::Position;
use serde_json::Value;
use sqlx::PgPool;

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub actor: Option<String>,
    pub entity_type: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    #[serde(skip)]
    pub position: Position,
    pub cursor: String,
    pub entity_type: String,
    pub entity_id: String,
    pub version: i64,
    pub event_type: String,
    pub recorded_at: DateTime<Utc>,
    pub actor: Option<String>,
    pub client_id: Option<String>,
    pub request_id: Option<String>,
    pub payload: Value,
}

/// `"{transaction_id}.{global_position}"`.
pub fn cursor(position: Position) -> String {
    format!("{}.{}", position.transaction_id, position.global_position)
}

pub fn parse_cursor(cursor: &str) -> Option<Position> {
    let (tx, pos) = cursor.split_once('.')?;
    Some(Position { transaction_id: tx.parse().ok()?, global_position: pos.parse().ok()? })
}

type Row = (i64, i64, String, String, i64, String, DateTime<Utc>, String, String);

/// Up to `limit` events of the workspace after `after`, committed and matching `filter`.
pub async fn log(pool: &PgPool, workspace_id: &str, filter: &AuditFilter, after: Position, limit: i64) -> Result<Vec<AuditRecord>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.transaction_id::text::bigint AS tx, e.global_position, aggregate_type, aggregate_id, sequence, event_type,
                recorded_at, payload::text, metadata::text
           FROM events e
          WHERE workspace_id = $1
            AND (transaction_id, global_position) > ($2::text::xid8, $3)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND ($4::timestamptz IS NULL OR recorded_at >= $4)
            AND ($5::timestamptz IS NULL OR recorded_at < $5)
            AND ($6::text IS NULL OR metadata->>'actor' = $6)
            AND ($7::text IS NULL OR aggregate_type = $7)
          -- the table's columns (not the bigint output column): walks events_workspace_feed_idx
          ORDER BY e.transaction_id, e.global_position
          LIMIT $8",
    )
    .bind(workspace_id)
    .bind(after.transaction_id.to_string())
    .bind(after.global_position)
    .bind(filter.from)
    .bind(filter.to)
    .bind(&filter.actor)
    .bind(&filter.entity_type)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(record).collect())
}

fn record((tx, pos, aggregate_type, aggregate_id, sequence, event_type, recorded_at, payload, metadata): Row) -> AuditRecord {
    // Parsed here rather than cast to jsonb in SQL, which refuses a stored NUL escape: auditors
    // see every event exactly as recorded, corrected or not.
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let (payload, metadata) = (parse(&payload), parse(&metadata));
    let meta = |key: &str| metadata.get(key).and_then(Value::as_str).map(str::to_owned);
    let position = Position { transaction_id: tx, global_position: pos };
    AuditRecord {
        position,
        cursor: cursor(position),
        entity_id: aggregate_id.rsplit_once(':').map_or(aggregate_id.as_str(), |(_, id)| id).to_owned(),
        entity_type: aggregate_type,
        version: sequence,
        event_type,
        recorded_at,
        actor: meta("actor"),
        client_id: meta("client_id"),
        request_id: meta("request_id"),
        payload,
    }
}
