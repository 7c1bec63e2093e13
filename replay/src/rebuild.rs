//! Blue/green projection rebuilds. A projection is replayed from position zero into a fresh
//! schema (`rebuild_<name>`) holding empty copies of its tables — `search_path` points its
//! unqualified SQL there — in large batches, while the live projection keeps serving and
//! keeping up. Then, in one transaction: pause the live projector (its checkpoint row lock),
//! catch up to its position, optionally verify (row count + checksum per table), move the
//! live tables out and the rebuilt ones in, set the checkpoint, drop the old tables. Readers
//! block for the swap at most and never see an empty or half-built table. A rebuild that dies
//! half-way leaves the live projection untouched; the next run starts over. Rebuilds emit no
//! notifications (side effects stay off during replay).
//!
//! A rebuild corrects stored payloads and parks what it cannot apply exactly like the live
//! projector ([`lifeos_projections::runtime::isolate`]): its parked streams go to its own copy
//! of `projection_parked` and replace the live projection's at the switch.

use std::time::{Duration, Instant};

use lifeos_events::correct::Corrections;
use lifeos_projections::feed::{read_partition, Partition, Position, StoredEvent};
use lifeos_projections::runtime::isolate::{self, Mode};
use lifeos_projections::runtime::parking::{is_poison, Parked};
use lifeos_projections::{Projection, ProjectionError};
use sqlx::{Connection, PgConnection, PgPool};

#[derive(Debug, Clone, Copy)]
pub struct RebuildOptions {
    pub batch_size: i64,
    pub verify: bool,
    /// Parallel catch-up workers (each owns a hash partition of the streams).
    pub workers: usize,
}

impl Default for RebuildOptions {
    fn default() -> Self {
        Self { batch_size: 10_000, verify: false, workers: 2 }
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
    #[error("reader task failed: {0}")]
    Task(String),
}

pub async fn rebuild<P: Projection + Clone>(
    pool: &PgPool,
    projection: &P,
    options: RebuildOptions,
    mut progress: impl FnMut(Progress),
) -> Result<RebuildReport, RebuildError> {
    let started = Instant::now();
    let name = projection.name().to_owned();
    let schema = format!("rebuild_{name}");
    let mut conn = pool.acquire().await?.detach();
    prepare_schema(&mut conn, &schema, &projection.tables()).await?;
    prepare_schema(&mut conn, &schema, &[PARKED]).await?;
    let head: i64 = sqlx::query_scalar("SELECT COALESCE(max(global_position), 0) FROM events").fetch_one(&mut conn).await?;

    // Catch up in parallel workers, each owning a partition of the streams, in large batches
    // (each its own transaction: a crash just means "start over").
    let workers = i64::try_from(options.workers.max(1)).unwrap_or(1);
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let handles: Vec<_> = (0..workers)
        .map(|index| {
            let part = Partition { index, of: workers };
            tokio::spawn(worker(pool.clone(), projection.clone(), schema.clone(), part, options.batch_size, sender.clone()))
        })
        .collect();
    drop(sender);
    let mut events = 0u64;
    while let Some(applied) = receiver.recv().await {
        events += applied;
        progress(Progress { events, position: Position { transaction_id: 0, global_position: i64::try_from(events).unwrap_or(0) }, head });
    }
    let mut parts = Vec::new();
    for (index, handle) in (0..workers).zip(handles) {
        let reached = handle.await.map_err(|e| RebuildError::Task(e.to_string()))??;
        parts.push((Partition { index, of: workers }, reached));
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
    // Bring both sides to the same position T: every partition of the rebuild up to T, and — if
    // the rebuild got ahead of a lagging live projector — the live tables up to T too (we hold
    // the projector's checkpoint lock, so we act as the projector).
    let target = parts.iter().map(|(_, reached)| *reached).chain([live]).max().unwrap_or(live);
    for (part, mut reached) in parts {
        while reached < target {
            let applied = batch(&mut tx, projection, &schema, &mut reached, options.batch_size, Some(target), part, Durability::Full).await?;
            events += applied;
            if applied == 0 {
                break;
            }
        }
    }
    while live < target {
        if batch(&mut tx, projection, "public", &mut live, options.batch_size, Some(target), Partition::ALL, Durability::Full).await? == 0 {
            break;
        }
    }
    let position = target;
    progress(Progress { events, position, head });
    add_secondary_indexes(&mut tx, &schema, &projection.tables()).await?;
    let checks = if options.verify { Some(verify(&mut tx, &schema, &projection.tables()).await?) } else { None };
    replace_parked(&mut tx, &schema, &name).await?;
    swap(&mut tx, &schema, &projection.tables()).await?;
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

/// A fresh schema with empty copies of the tables: columns, defaults, constraints (so the
/// primary keys the upserts rely on) — but not the secondary indexes, which
/// [`add_secondary_indexes`] builds once at the end (cheaper than row-by-row maintenance).
async fn prepare_schema(conn: &mut PgConnection, schema: &str, tables: &[&str]) -> Result<(), sqlx::Error> {
    if tables != [PARKED] {
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(&mut *conn).await?;
        sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&mut *conn).await?;
    }
    for table in tables {
        sqlx::query(&format!(
            "CREATE TABLE {schema}.{table} (LIKE public.{table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)"
        ))
        .execute(&mut *conn)
        .await?;
        // Primary key (constraints above copy CHECKs, not keys).
        let pk: Option<String> = sqlx::query_scalar(
            "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
              WHERE c.conrelid = ('public.' || $1)::regclass AND c.contype = 'p'",
        )
        .bind(table)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(pk) = pk {
            sqlx::query(&format!("ALTER TABLE {schema}.{table} ADD {pk}")).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// The live tables' other indexes, recreated on the rebuilt tables (same names: the live ones
/// are moved out of `public` before the rebuilt ones move in).
async fn add_secondary_indexes(conn: &mut PgConnection, schema: &str, tables: &[&str]) -> Result<(), sqlx::Error> {
    for table in tables {
        let definitions: Vec<String> = sqlx::query_scalar(
            "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
              WHERE i.indrelid = ('public.' || $1)::regclass AND NOT i.indisprimary",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
        for definition in definitions {
            let on_rebuilt = definition.replacen(&format!(" ON public.{table} "), &format!(" ON {schema}.{table} "), 1);
            sqlx::query(&on_rebuilt).execute(&mut *conn).await?;
        }
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

/// One catch-up worker: replays its partition until a short read, prefetching the next batch
/// on a second connection while the current one is written. Returns how far it got.
async fn worker<P: Projection + Clone>(
    pool: PgPool,
    projection: P,
    schema: String,
    part: Partition,
    size: i64,
    applied: tokio::sync::mpsc::UnboundedSender<u64>,
) -> Result<Position, RebuildError> {
    let mut writer = pool.acquire().await?.detach();
    let mut position = Position::default();
    let mut pending = Some(tokio::spawn(read_owned(pool.acquire().await?.detach(), position, size, part)));
    while let Some(reading) = pending.take() {
        let (reader, events) = reading.await.map_err(|e| RebuildError::Task(e.to_string()))??;
        let full = i64::try_from(events.len()).unwrap_or(i64::MAX) >= size;
        let Some(last) = events.last().map(|e| e.position) else {
            let _ = reader.close().await;
            break;
        };
        if full {
            pending = Some(tokio::spawn(read_owned(reader, last, size, part)));
        } else {
            let _ = reader.close().await; // the switch picks up whatever arrives from here on
        }
        let count = u64::try_from(events.len()).unwrap_or(0);
        apply(&mut writer, &projection, &schema, events, Durability::Relaxed).await?;
        position = last;
        let _ = applied.send(count);
    }
    let _ = writer.close().await;
    Ok(position)
}

/// Reads a batch on a connection it owns (so it can run beside a write).
async fn read_owned(
    mut conn: PgConnection,
    after: Position,
    size: i64,
    part: Partition,
) -> Result<(PgConnection, Vec<StoredEvent>), sqlx::Error> {
    let events = read_partition(&mut conn, after, size, part).await?;
    Ok((conn, events))
}

/// Reads and applies one batch into `schema`'s tables; with `upto`, stops at that position.
#[allow(clippy::too_many_arguments)]
async fn batch<P: Projection>(
    conn: &mut PgConnection,
    projection: &P,
    schema: &str,
    position: &mut Position,
    size: i64,
    upto: Option<Position>,
    part: Partition,
    durability: Durability,
) -> Result<u64, RebuildError> {
    let mut events = read_partition(conn, *position, size, part).await?;
    if let Some(upto) = upto {
        events.retain(|e| e.position <= upto);
    }
    let Some(last) = events.last().map(|e| e.position) else { return Ok(0) };
    let count = u64::try_from(events.len()).unwrap_or(0);
    apply(conn, projection, schema, events, durability).await?;
    *position = last;
    Ok(count)
}

/// The parked-streams table; the rebuild keeps its own copy beside the projection's tables.
const PARKED: &str = "projection_parked";

/// Applies events into `schema`'s tables (its own transaction, or a savepoint inside one),
/// corrected, and parking what cannot be applied in the schema's own `projection_parked`.
async fn apply<P: Projection>(
    conn: &mut PgConnection,
    projection: &P,
    schema: &str,
    mut events: Vec<StoredEvent>,
    durability: Durability,
) -> Result<(), RebuildError> {
    let corrections = Corrections::builtin();
    isolate::correct(&mut events, &corrections);
    let mut mode = Mode::Fast;
    loop {
        let mut tx = Connection::begin(&mut *conn).await?;
        if durability == Durability::Relaxed {
            sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
        }
        sqlx::query(&format!("SET LOCAL search_path = {schema}, public")).execute(&mut *tx).await?;
        let mut parked = Parked::load(&mut tx, projection.name()).await?;
        match isolate::apply_batch(&mut tx, projection, &events, &mut parked, &corrections, mode).await {
            Ok(()) => {}
            Err(e) if mode == Mode::Fast && is_poison(&e) => {
                tx.rollback().await?;
                mode = Mode::Isolating;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
        sqlx::query("SET LOCAL search_path = public").execute(&mut *tx).await?;
        tx.commit().await?;
        return Ok(());
    }
}

/// The rebuilt projection's parked streams replace the live one's (inside the switch).
async fn replace_parked(conn: &mut PgConnection, schema: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("DELETE FROM public.{PARKED} WHERE projection = $1")).bind(name).execute(&mut *conn).await?;
    sqlx::query(&format!("INSERT INTO public.{PARKED} SELECT * FROM {schema}.{PARKED} WHERE projection = $1"))
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
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
