//! The rows of a staged batch as postgres-es stores them (events, snapshots), and the SQL that
//! appends them: one multi-row INSERT for the events, then the due snapshots — either failing
//! on a duplicate key ([`write`]: the caller's conflict) or skipping the duplicates and saying
//! which rows went in ([`insert_new`], for group commit to tell winners from losers). Only
//! `staging` and the group commit use it; must never decide anything.

use lifeos_projections::feed::Position;
use serde_json::Value;
use sqlx::postgres::{PgArguments, Postgres};
use sqlx::query::QueryAs;
use sqlx::PgConnection;

use super::staging::Claim;

/// A staged batch reduced to what its commit writes: claims, event rows, due snapshots.
pub struct Batch {
    pub(super) claims: Vec<Claim>,
    pub(super) rows: Vec<EventRow>,
    pub(super) snapshots: Vec<SnapshotRow>,
}

impl Batch {
    /// Whether committing it writes nothing (the command changed nothing).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.claims.is_empty() && self.snapshots.is_empty()
    }

    /// Commits it on its own: one autocommitted statement when it creates nothing and no
    /// snapshot falls due (a multi-row INSERT is atomic by itself), else a transaction.
    pub(super) async fn commit_alone(&self, pool: &sqlx::PgPool) -> Result<Option<Position>, CommitError> {
        if self.is_empty() {
            return Ok(None);
        }
        if self.snapshots.is_empty() && self.claims.is_empty() {
            let mut conn = pool.acquire().await?;
            return write(&self.rows, &self.snapshots, &mut conn).await;
        }
        let mut tx = pool.begin().await?;
        super::ids::write_claims(&self.claims, &mut tx).await?;
        let position = write(&self.rows, &self.snapshots, &mut tx).await?;
        tx.commit().await?;
        Ok(position)
    }
}

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
    let last: (i64, i64) = bind_rows(
        sqlx::query_as(
            "WITH inserted AS (
               INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
               SELECT a, i, s, t, v, p::json, m::json
                 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
                   AS r(a, i, s, t, v, p, m)
               RETURNING transaction_id, global_position)
             SELECT transaction_id::text::bigint, max(global_position) FROM inserted GROUP BY transaction_id",
        ),
        rows,
    )
    .fetch_one(&mut *tx)
    .await?;
    for snapshot in snapshots {
        write_snapshot(tx, snapshot).await?;
    }
    Ok(Some(Position { transaction_id: last.0, global_position: last.1 }))
}

/// An event row that went in: its key, and its feed position.
pub(super) struct Inserted {
    pub(super) aggregate_type: String,
    pub(super) aggregate_id: String,
    pub(super) sequence: i64,
    pub(super) position: Position,
}

/// The rows in one multi-row INSERT that skips every row whose key is already stored (or
/// taken by a racing transaction, once that commits); returns the rows that went in.
pub(super) async fn insert_new(rows: &[&EventRow], tx: &mut PgConnection) -> Result<Vec<Inserted>, CommitError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let inserted: Vec<(String, String, i64, i64, i64)> = bind_rows(
        sqlx::query_as(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
             SELECT a, i, s, t, v, p::json, m::json
               FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
                 AS r(a, i, s, t, v, p, m)
             ON CONFLICT (aggregate_type, aggregate_id, sequence) DO NOTHING
             RETURNING aggregate_type, aggregate_id, sequence, transaction_id::text::bigint, global_position",
        ),
        rows.iter().copied(),
    )
    .fetch_all(&mut *tx)
    .await?;
    Ok(inserted
        .into_iter()
        .map(|(aggregate_type, aggregate_id, sequence, transaction_id, global_position)| Inserted {
            aggregate_type,
            aggregate_id,
            sequence,
            position: Position { transaction_id, global_position },
        })
        .collect())
}

/// Binds the rows' columns as the seven arrays both INSERTs unnest.
fn bind_rows<'q, 'r: 'q, O>(
    query: QueryAs<'q, Postgres, O, PgArguments>,
    rows: impl IntoIterator<Item = &'r EventRow> + Clone,
) -> QueryAs<'q, Postgres, O, PgArguments> {
    let column = |f: fn(&'r EventRow) -> &'r str| rows.clone().into_iter().map(f).collect::<Vec<_>>();
    query
        .bind(column(|r| r.aggregate_type))
        .bind(column(|r| r.aggregate_id.as_str()))
        .bind(rows.clone().into_iter().map(|r| r.sequence).collect::<Vec<_>>())
        .bind(column(|r| r.event_type.as_str()))
        .bind(column(|r| r.event_version.as_str()))
        .bind(column(|r| r.payload.as_str()))
        .bind(column(|r| r.metadata.as_str()))
}

/// Writes one due snapshot; `Conflict` if the stream's snapshot moved on (or a racing first
/// snapshot went in first) — the batch's stream was stale.
pub(super) async fn write_snapshot(tx: &mut PgConnection, s: &SnapshotRow) -> Result<(), CommitError> {
    let written = match s.previous {
        None => {
            // DO NOTHING: inside a group's transaction a duplicate must not abort the others.
            sqlx::query(
                "INSERT INTO snapshots (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload)
                 VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING",
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
