//! The rows of a staged batch as postgres-es stores them (events, snapshots), and the SQL that
//! appends them: one multi-row INSERT for the events, then the due snapshots. Only `staging`
//! uses it; must never decide anything (a duplicate key is the caller's conflict).

use lifeos_projections::feed::Position;
use serde_json::Value;
use sqlx::PgConnection;

/// Why a batch did not commit.
#[derive(Debug)]
pub enum CommitError {
    /// Another transaction appended to one of the batch's streams first.
    Conflict,
    Database(sqlx::Error),
    Encode(serde_json::Error),
}

impl From<sqlx::Error> for CommitError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.code().as_deref() == Some("23505") => CommitError::Conflict,
            _ => CommitError::Database(e),
        }
    }
}

/// An event row as postgres-es stores it.
pub(super) struct EventRow {
    pub(super) aggregate_type: &'static str,
    pub(super) aggregate_id: String,
    pub(super) sequence: i64,
    pub(super) event_type: String,
    pub(super) event_version: String,
    pub(super) payload: String,
    pub(super) metadata: String,
}

pub(super) struct SnapshotRow {
    pub(super) aggregate_type: &'static str,
    pub(super) aggregate_id: String,
    pub(super) last_sequence: i64,
    /// The snapshot number being replaced (`None`: the entity has none yet).
    pub(super) previous: Option<usize>,
    pub(super) payload: Value,
}

/// The batch's event rows in one multi-row INSERT, then its due snapshots.
pub(super) async fn write(rows: &[EventRow], snapshots: &[SnapshotRow], tx: &mut PgConnection) -> Result<Option<Position>, CommitError> {
    if rows.is_empty() {
        return Ok(None);
    }
    let last: (i64, i64) = sqlx::query_as(
        "WITH inserted AS (
           INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
           SELECT a, i, s, t, v, p::json, m::json
             FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
               AS r(a, i, s, t, v, p, m)
           RETURNING transaction_id, global_position)
         SELECT transaction_id::text::bigint, max(global_position) FROM inserted GROUP BY transaction_id",
    )
    .bind(rows.iter().map(|r| r.aggregate_type).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.aggregate_id.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.sequence).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.event_type.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.event_version.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.payload.as_str()).collect::<Vec<_>>())
    .bind(rows.iter().map(|r| r.metadata.as_str()).collect::<Vec<_>>())
    .fetch_one(&mut *tx)
    .await?;
    for snapshot in snapshots {
        write_snapshot(tx, snapshot).await?;
    }
    Ok(Some(Position { transaction_id: last.0, global_position: last.1 }))
}

async fn write_snapshot(tx: &mut PgConnection, s: &SnapshotRow) -> Result<(), CommitError> {
    let written = match s.previous {
        None => {
            sqlx::query(
                "INSERT INTO snapshots (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload)
                 VALUES ($1, $2, $3, 1, $4)",
            )
            .bind(s.aggregate_type)
            .bind(&s.aggregate_id)
            .bind(s.last_sequence)
            .bind(&s.payload)
            .execute(&mut *tx)
            .await?
        }
        Some(previous) => {
            let previous = i64::try_from(previous).unwrap_or(i64::MAX);
            sqlx::query(
                "UPDATE snapshots SET last_sequence = $3, payload = $4, current_snapshot = $5 + 1
                  WHERE aggregate_type = $1 AND aggregate_id = $2 AND current_snapshot = $5",
            )
            .bind(s.aggregate_type)
            .bind(&s.aggregate_id)
            .bind(s.last_sequence)
            .bind(&s.payload)
            .bind(previous)
            .execute(&mut *tx)
            .await?
        }
    };
    if written.rows_affected() == 1 {
        Ok(())
    } else {
        Err(CommitError::Conflict)
    }
}
