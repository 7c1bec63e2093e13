//! Reading one entity stream in order, upcast to the current event shapes and corrected
//! ([`lifeos_events::correct`]).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgPool;

/// One stored event of a stream, payload already upcast.
#[derive(Debug, Clone)]
pub struct RawEvent {
    pub sequence: i64,
    pub event_type: String,
    pub payload: Value,
    pub metadata: Value,
    pub recorded_at: DateTime<Utc>,
}

/// Every event of `aggregate_type`/`stream_id`, oldest first, in its workspace only.
pub async fn load(pool: &PgPool, workspace_id: &str, aggregate_type: &str, stream_id: &str) -> Result<Vec<RawEvent>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT sequence, event_type, event_version, payload::text, metadata::text, recorded_at FROM events
          WHERE workspace_id = $1 AND aggregate_type = $2 AND aggregate_id = $3 ORDER BY sequence",
    )
    .bind(workspace_id)
    .bind(aggregate_type)
    .bind(stream_id)
    .fetch_all(pool)
    .await?;
    let corrections = lifeos_events::correct::Corrections::builtin();
    Ok(rows
        .into_iter()
        .map(|(sequence, event_type, version, payload, metadata, recorded_at)| {
            // Parsed here, not cast to jsonb in SQL: a stored NUL escape (which jsonb refuses)
            // must reach the corrections instead of failing the whole read.
            let parse = |text: &str| serde_json::from_str(text).unwrap_or(Value::Null);
            let (_, mut payload) = lifeos_events::upcast::upcast_payload(aggregate_type, &event_type, &version, parse(&payload));
            corrections.correct_value(&mut payload);
            RawEvent { sequence, event_type, payload, metadata: parse(&metadata), recorded_at }
        })
        .collect())
}
