//! Blue/green projection rebuilds. A projection is replayed from position zero into a fresh
//! schema (`rebuild_<name>`) holding empty copies of its tables — `search_path` points its
//! unqualified SQL there — in large batches, while the live projection keeps serving and
//! keeping up. Then, in one transaction: pause the live projector (its checkpoint row lock),
//! catch up to its position, optionally verify (row count + checksum per table), move the
//! live tables out and the rebuilt ones in, set the checkpoint, drop the old tables. Readers
//! block for the swap at most and never see an empty or half-built table. A rebuild that dies
//! half-way leaves the live projection untouched; the next run starts over. Rebuilds emit no
//! notifications (side effects stay off during replay).

use std::time::{Duration, Instant};

use lifeos_projections::feed::{read_after, Position};
use lifeos_projections::{Projection, ProjectionError};
use sqlx::{Connection, PgConnection, PgPool};

#[derive(Debug, Clone, Copy)]
pub struct RebuildOptions {
    pub batch_size: i64,
    pub verify: bool,
}

impl Default for RebuildOptions {
    fn default() -> Self {
        Self { batch_size: 10_000, verify: false }
    }
}

/// Progress after each batch.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub events: u64,
    pub position: Position,
    /// The newest global position when the rebuild started (for ETA).
    pub head: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    pub table: String,
    pub live_rows: i64,
    pub rebuilt_rows: i64,
    pub live_checksum: String,
    pub rebuilt_checksum: String,
}

impl TableCheck {
    pub fn matches(&self) -> bool {
        self.live_rows == self.rebuilt_rows && self.live_checksum == self.rebuilt_checksum
    }
}

#[derive(Debug, Clone)]
pub struct RebuildReport {
    pub events: u64,
    pub elapsed: Duration,
    pub position: Position,
    /// Present with `verify`: one entry per table, compared at the same feed position.
    pub checks: Option<Vec<TableCheck>>,
}

#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    #[error(transparent)]
    Projection(#[from] ProjectionError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

pub async fn rebuild<P: Projection>(
    pool: &PgPool,
    projection: &P,
    options: RebuildOptions,
    mut progress: impl FnMut(Progress),
) -> Result<RebuildReport, RebuildError> {
    let started = Instant::now();
    let name = projection.name().to_owned();
    let schema = format!("rebuild_{name}");
    let mut conn = pool.acquire().await?.detach();
    prepare_schema(&mut conn, &schema, projection.tables()).await?;
    let head: i64 = sqlx::query_scalar("SELECT COALESCE(max(global_position), 0) FROM events").fetch_one(&mut conn).await?;

    // Catch up in large batches, each its own transaction (a crash just means "start over").
    let mut position = Position::default();
    let mut events = 0u64;
    loop {
        let applied = batch(&mut conn, projection, &schema, &mut position, options.batch_size, None, Durability::Relaxed).await?;
        events += applied;
        progress(Progress { events, position, head });
        if applied < u64::try_from(options.batch_size).unwrap_or(u64::MAX) {
            break;
        }
    }

    // Switch: one transaction, live projector paused on its checkpoint row.
    let mut tx = Connection::begin(&mut conn).await?;
    sqlx::query("INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(&name)
        .execute(&mut *tx)
        .await?;
    let (live_tx, live_pos): (i64, i64) = sqlx::query_as(
        "SELECT last_transaction_id::text::bigint, last_position FROM projection_checkpoints WHERE projection = $1 FOR UPDATE",
    )
    .bind(&name)
    .fetch_one(&mut *tx)
    .await?;
    let mut live = Position { transaction_id: live_tx, global_position: live_pos };
    // Bring both sides to the same position: the rebuild up to the live checkpoint, or — if the
    // rebuild got ahead of a lagging live projector — the live tables up to the rebuild (we hold
    // the projector's checkpoint lock, so we act as the projector).
    while position < live {
        let applied = batch(&mut tx, projection, &schema, &mut position, options.batch_size, Some(live), Durability::Full).await?;
        events += applied;
        if applied == 0 {
            break;
        }
    }
    let target = position;
    while live < target {
        if batch(&mut tx, projection, "public", &mut live, options.batch_size, Some(target), Durability::Full).await? == 0 {
            break;
        }
    }
    progress(Progress { events, position, head });
    let checks = if options.verify { Some(verify(&mut tx, &schema, projection.tables()).await?) } else { None };
    swap(&mut tx, &schema, projection.tables()).await?;
    let final_position = position.max(live);
    sqlx::query(
        "UPDATE projection_checkpoints SET last_transaction_id = $2::text::xid8, last_position = $3, updated_at = now()
          WHERE projection = $1",
    )
    .bind(&name)
    .bind(final_position.transaction_id.to_string())
    .bind(final_position.global_position)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let _ = conn.close().await;
    Ok(RebuildReport { events, elapsed: started.elapsed(), position: final_position, checks })
}

/// A fresh schema with empty copies (columns, defaults, constraints, indexes) of the tables.
async fn prepare_schema(conn: &mut PgConnection, schema: &str, tables: &[&str]) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&mut *conn).await?;
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&mut *conn).await?;
    for table in tables {
        sqlx::query(&format!("CREATE TABLE {schema}.{table} (LIKE public.{table} INCLUDING ALL)")).execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    /// Catch-up batches: a crash just restarts the rebuild, so commits need not wait for WAL.
    Relaxed,
    /// Inside the switch transaction.
    Full,
}

/// Applies one batch into `schema`'s tables; with `upto`, stops at that position.
async fn batch<P: Projection>(
    conn: &mut PgConnection,
    projection: &P,
    schema: &str,
    position: &mut Position,
    size: i64,
    upto: Option<Position>,
    durability: Durability,
) -> Result<u64, RebuildError> {
    let mut tx = Connection::begin(conn).await?;
    if durability == Durability::Relaxed {
        sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    }
    sqlx::query(&format!("SET LOCAL search_path = {schema}, public")).execute(&mut *tx).await?;
    let mut events = read_after(&mut tx, *position, size).await?;
    if let Some(upto) = upto {
        events.retain(|e| e.position <= upto);
    }
    if let Some(last) = events.last() {
        projection.apply(&mut tx, &events).await?;
        *position = last.position;
    }
    sqlx::query("SET LOCAL search_path = public").execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(u64::try_from(events.len()).unwrap_or(0))
}

/// Row count and an order-independent checksum of every row, live vs rebuilt.
async fn verify(conn: &mut PgConnection, schema: &str, tables: &[&str]) -> Result<Vec<TableCheck>, sqlx::Error> {
    let mut checks = Vec::new();
    for table in tables {
        let sql = |s: &str| {
            format!("SELECT count(*), COALESCE(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM {s}.{table} t")
        };
        let (live_rows, live_checksum): (i64, String) = sqlx::query_as(&sql("public")).fetch_one(&mut *conn).await?;
        let (rebuilt_rows, rebuilt_checksum): (i64, String) = sqlx::query_as(&sql(schema)).fetch_one(&mut *conn).await?;
        checks.push(TableCheck { table: (*table).to_owned(), live_rows, rebuilt_rows, live_checksum, rebuilt_checksum });
    }
    Ok(checks)
}

/// Moves the live tables into a retired schema and the rebuilt ones into `public`, then drops
/// the retired ones. Runs inside the switch transaction.
async fn swap(conn: &mut PgConnection, schema: &str, tables: &[&str]) -> Result<(), sqlx::Error> {
    let retired = format!("{schema}_retired");
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {retired} CASCADE")).execute(&mut *conn).await?;
    sqlx::query(&format!("CREATE SCHEMA {retired}")).execute(&mut *conn).await?;
    for table in tables {
        sqlx::query(&format!("ALTER TABLE public.{table} SET SCHEMA {retired}")).execute(&mut *conn).await?;
        sqlx::query(&format!("ALTER TABLE {schema}.{table} SET SCHEMA public")).execute(&mut *conn).await?;
    }
    sqlx::query(&format!("DROP SCHEMA {retired} CASCADE")).execute(&mut *conn).await?;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut *conn).await?;
    Ok(())
}
