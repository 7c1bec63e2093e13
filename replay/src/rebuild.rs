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
use lifeos_projections::feed::{partition, read_after, Position, StoredEvent};
use lifeos_projections::runtime::isolate::{self, Mode};
use lifeos_projections::runtime::parking::{is_poison, Parked};
use lifeos_projections::{Projection, ProjectionError};
use sqlx::{Connection, PgConnection, PgPool};

#[derive(Debug, Clone, Copy)]
pub struct RebuildOptions {
    pub batch_size: i64,
    pub verify: bool,
    /// Parallel catch-up writers (each applies one hash partition of the streams of every
    /// batch) and index builders.
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

    // Catch up: the feed is read once, in large batches, on this connection, and each batch
    // is split by stream among parallel writers (each batch its own transaction: a crash just
    // means "start over"). Every writer gets every batch — its share may be empty — so all of
    // them reach the same position.
    let (mut events, mut reached) = catch_up(pool, &mut conn, projection, &schema, options, head, &mut progress).await?;
    add_secondary_indexes(pool, &schema, &projection.tables(), options.workers).await?;

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
    // Bring both sides to the same position T: the rebuild up to T, and — if the rebuild got
    // ahead of a lagging live projector — the live tables up to T too (we hold the
    // projector's checkpoint lock, so we act as the projector).
    let target = reached.max(live);
    while reached < target {
        let applied = batch(&mut tx, projection, &schema, &mut reached, options.batch_size, Some(target), Durability::Full).await?;
        events += applied;
        if applied == 0 {
            break;
        }
    }
    while live < target {
        if batch(&mut tx, projection, "public", &mut live, options.batch_size, Some(target), Durability::Full).await? == 0 {
            break;
        }
    }
    let position = target;
    progress(Progress { events, position, head });
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
/// are moved out of `public` before the rebuilt ones move in) once the bulk of the rows is in
/// — cheaper than row-by-row maintenance — built side by side on `parallel` connections; the
/// switch's catch-up then maintains them for its few rows.
async fn add_secondary_indexes(pool: &PgPool, schema: &str, tables: &[&str], parallel: usize) -> Result<(), RebuildError> {
    let mut conn = pool.acquire().await?;
    let mut statements = Vec::new();
    for table in tables {
        let definitions: Vec<String> = sqlx::query_scalar(
            "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
              WHERE i.indrelid = ('public.' || $1)::regclass AND NOT i.indisprimary
              ORDER BY pg_relation_size(i.indexrelid) DESC",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
        statements.extend(
            definitions.into_iter().map(|d| d.replacen(&format!(" ON public.{table} "), &format!(" ON {schema}.{table} "), 1)),
        );
    }
    drop(conn);
    // Largest first, dealt round-robin: the connections finish at about the same time.
    let parallel = parallel.max(1);
    let mut builders = Vec::with_capacity(parallel);
    for lane in 0..parallel {
        let mine: Vec<String> = statements.iter().skip(lane).step_by(parallel).cloned().collect();
        let pool = pool.clone();
        builders.push(tokio::spawn(async move {
            let mut conn = pool.acquire().await?;
            for statement in mine {
                sqlx::query(&statement).execute(&mut *conn).await?;
            }
            Ok::<(), sqlx::Error>(())
        }));
    }
    for builder in builders {
        builder.await.map_err(|e| RebuildError::Task(e.to_string()))??;
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

/// Replays the feed into `schema` up to its current end: reads batches on `conn` while the
/// writers apply the previous ones. Returns the events applied and the position reached.
async fn catch_up<P: Projection + Clone>(
    pool: &PgPool,
    conn: &mut PgConnection,
    projection: &P,
    schema: &str,
    options: RebuildOptions,
    head: i64,
    progress: &mut impl FnMut(Progress),
) -> Result<(u64, Position), RebuildError> {
    let workers = if projection.partitionable() { options.workers.max(1) } else { 1 };
    let mut senders = Vec::with_capacity(workers);
    let mut handles = Vec::with_capacity(workers);
    for _ in 0..workers {
        // Two batches in flight per writer: reading overlaps writing, memory stays bounded.
        let (sender, receiver) = tokio::sync::mpsc::channel::<Vec<StoredEvent>>(2);
        senders.push(sender);
        handles.push(tokio::spawn(writer(pool.clone(), projection.clone(), schema.to_owned(), receiver)));
    }
    let mut events = 0u64;
    let mut reached = Position::default();
    let read = async {
        loop {
            let batch = read_after(conn, reached, options.batch_size).await?;
            let Some(last) = batch.last().map(|e| e.position) else { break };
            let full = i64::try_from(batch.len()).unwrap_or(i64::MAX) >= options.batch_size;
            events += u64::try_from(batch.len()).unwrap_or(0);
            for (sender, share) in senders.iter().zip(partition(batch, workers)) {
                if sender.send(share).await.is_err() {
                    return Ok::<bool, RebuildError>(false); // a writer failed: its error is below
                }
            }
            reached = last;
            progress(Progress { events, position: reached, head });
            if !full {
                break; // the switch picks up whatever arrives from here on
            }
        }
        Ok(true)
    };
    let completed = read.await;
    drop(senders);
    for handle in handles {
        handle.await.map_err(|e| RebuildError::Task(e.to_string()))??;
    }
    if !completed? {
        return Err(RebuildError::Task("a rebuild writer stopped".into()));
    }
    Ok((events, reached))
}

/// One writer: applies each share of the batches it is handed, in its own transaction.
async fn writer<P: Projection + Clone>(
    pool: PgPool,
    projection: P,
    schema: String,
    mut shares: tokio::sync::mpsc::Receiver<Vec<StoredEvent>>,
) -> Result<(), RebuildError> {
    let mut conn = pool.acquire().await?.detach();
    while let Some(share) = shares.recv().await {
        if !share.is_empty() {
            apply(&mut conn, &projection, &schema, share, Durability::Relaxed).await?;
        }
    }
    let _ = conn.close().await;
    Ok(())
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
    durability: Durability,
) -> Result<u64, RebuildError> {
    let mut events = read_after(conn, *position, size).await?;
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
    // Into the private tables, the projection may bulk-load; into the live ones (the switch
    // catching up a lagging live projector) it applies as the live projector does.
    let mut mode = if schema == "public" { Mode::Fast } else { Mode::Rebuilding };
    loop {
        let mut tx = Connection::begin(&mut *conn).await?;
        if durability == Durability::Relaxed {
            sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
        }
        sqlx::query(&format!("SET LOCAL search_path = {schema}, public")).execute(&mut *tx).await?;
        let mut parked = Parked::load(&mut tx, projection.name()).await?;
        match isolate::apply_batch(&mut tx, projection, &events, &mut parked, &corrections, mode).await {
            Ok(()) => {}
            Err(e) if mode != Mode::Isolating && is_poison(&e) => {
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
