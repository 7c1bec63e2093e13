//! Parked streams: where a projection records an event it cannot apply, so that one bad event
//! stops only its own stream and never the projection for everyone else.
//!
//! A stream is parked at its first unappliable event (the error, the event's feed position and
//! stream are kept in `projection_parked`); later events of the same stream are held — skipped
//! by the projector, left in the store — so nothing is ever applied without its predecessors.
//! A repair request in the feed ([`crate::repair`]) re-applies the held events in order.
//! The projector keeps the parked set in memory (it is the only writer) and reloads it when
//! its checkpoint was moved by someone else (a blue/green rebuild's switch).

use std::collections::HashMap;

use sqlx::PgConnection;

use super::ProjectionError;
use crate::feed::{Position, StoredEvent};

/// A stream, as the event store names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StreamKey {
    pub aggregate_type: String,
    pub aggregate_id: String,
}

impl StreamKey {
    pub fn of(event: &StoredEvent) -> Self {
        Self { aggregate_type: event.aggregate_type.clone(), aggregate_id: event.aggregate_id.clone() }
    }
}

/// Where a parked stream stopped: its first event the projection could not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedAt {
    pub workspace_id: String,
    pub sequence: i64,
    pub position: Position,
}

/// The parked streams of one projection, by aggregate type and then stream id (so checking an
/// event is two lookups by `&str`, without building a key per event).
#[derive(Debug, Default)]
pub struct Parked {
    projection: String,
    streams: HashMap<String, HashMap<String, ParkedAt>>,
}

/// Whether an error is caused by the event's data (park its stream) rather than by the
/// database or the connection (retry the batch): a payload that does not decode, or a value
/// the tables refuse — SQLSTATE classes 22 (data exception: out-of-range dates, NUL in text,
/// bad numbers), 23 (integrity: NOT NULL, CHECK) and 54 (a value too large to index or store).
pub fn is_poison(error: &ProjectionError) -> bool {
    match error {
        ProjectionError::Decode { .. } | ProjectionError::Invariant(_) => true,
        ProjectionError::Database(sqlx::Error::Database(db)) => {
            db.code().is_some_and(|code| ["22", "23", "54"].iter().any(|class| code.starts_with(class)))
        }
        ProjectionError::Database(_) => false,
    }
}

impl Parked {
    pub async fn load(conn: &mut PgConnection, projection: &str) -> Result<Self, sqlx::Error> {
        let rows: Vec<(String, String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT workspace_id, aggregate_type, aggregate_id, sequence, transaction_id, global_position
               FROM projection_parked WHERE projection = $1",
        )
        .bind(projection)
        .fetch_all(conn)
        .await?;
        let mut parked = Self { projection: projection.to_owned(), streams: HashMap::new() };
        for (workspace_id, aggregate_type, aggregate_id, sequence, transaction_id, global_position) in rows {
            let at = ParkedAt { workspace_id, sequence, position: Position { transaction_id, global_position } };
            parked.streams.entry(aggregate_type).or_default().insert(aggregate_id, at);
        }
        Ok(parked)
    }

    pub fn is_empty(&self) -> bool {
        self.streams.is_empty()
    }

    pub fn len(&self) -> usize {
        self.streams.values().map(HashMap::len).sum()
    }

    /// Whether the event's stream is parked (the event is then held).
    pub fn holds(&self, event: &StoredEvent) -> bool {
        self.streams.get(event.aggregate_type.as_str()).is_some_and(|ids| ids.contains_key(event.aggregate_id.as_str()))
    }

    pub fn get(&self, stream: &StreamKey) -> Option<&ParkedAt> {
        self.streams.get(stream.aggregate_type.as_str()).and_then(|ids| ids.get(stream.aggregate_id.as_str()))
    }

    /// Parks the event's stream at this event.
    pub async fn park(&mut self, conn: &mut PgConnection, event: &StoredEvent, error: &ProjectionError) -> Result<(), sqlx::Error> {
        let message = describe(error);
        tracing::error!(
            projection = %self.projection, stream = %event.aggregate_id, aggregate_type = %event.aggregate_type,
            sequence = event.sequence, position = ?event.position, error = %message,
            "projection parked a stream it cannot apply; other streams go on"
        );
        sqlx::query(
            "INSERT INTO projection_parked (workspace_id, projection, aggregate_type, aggregate_id, sequence,
                                            transaction_id, global_position, event_type, error)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (workspace_id, projection, aggregate_type, aggregate_id) DO UPDATE
                SET sequence = EXCLUDED.sequence, transaction_id = EXCLUDED.transaction_id,
                    global_position = EXCLUDED.global_position, event_type = EXCLUDED.event_type,
                    error = EXCLUDED.error, attempts = projection_parked.attempts + 1, updated_at = now()",
        )
        .bind(&event.workspace_id)
        .bind(&self.projection)
        .bind(&event.aggregate_type)
        .bind(&event.aggregate_id)
        .bind(event.sequence)
        .bind(event.position.transaction_id)
        .bind(event.position.global_position)
        .bind(&event.event_type)
        .bind(&message)
        .execute(conn)
        .await?;
        let at = ParkedAt { workspace_id: event.workspace_id.clone(), sequence: event.sequence, position: event.position };
        self.streams.entry(event.aggregate_type.clone()).or_default().insert(event.aggregate_id.clone(), at);
        Ok(())
    }

    /// A repair of the stream failed again: the stream stays parked with the new error.
    pub async fn failed_again(&mut self, conn: &mut PgConnection, stream: &StreamKey, error: &ProjectionError) -> Result<(), sqlx::Error> {
        let message = describe(error);
        tracing::error!(projection = %self.projection, stream = %stream.aggregate_id, error = %message, "repair failed; the stream stays parked");
        sqlx::query(
            "UPDATE projection_parked SET error = $4, attempts = attempts + 1, updated_at = now()
              WHERE projection = $1 AND aggregate_type = $2 AND aggregate_id = $3",
        )
        .bind(&self.projection)
        .bind(&stream.aggregate_type)
        .bind(&stream.aggregate_id)
        .bind(&message)
        .execute(conn)
        .await?;
        Ok(())
    }

    /// The stream was repaired: its events flow again.
    pub async fn release(&mut self, conn: &mut PgConnection, stream: &StreamKey) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM projection_parked WHERE projection = $1 AND aggregate_type = $2 AND aggregate_id = $3")
            .bind(&self.projection)
            .bind(&stream.aggregate_type)
            .bind(&stream.aggregate_id)
            .execute(conn)
            .await?;
        tracing::info!(projection = %self.projection, stream = %stream.aggregate_id, "parked stream repaired");
        if let Some(ids) = self.streams.get_mut(stream.aggregate_type.as_str()) {
            ids.remove(stream.aggregate_id.as_str());
            if ids.is_empty() {
                self.streams.remove(stream.aggregate_type.as_str());
            }
        }
        Ok(())
    }
}

/// The error as an operator reads it: the database's message and SQLSTATE, or the decode error.
fn describe(error: &ProjectionError) -> String {
    match error {
        ProjectionError::Database(sqlx::Error::Database(db)) => {
            format!("{} (SQLSTATE {})", db.message(), db.code().unwrap_or_default())
        }
        other => other.to_string(),
    }
}
