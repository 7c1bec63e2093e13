//! The global feed is gap-free in commit order (DESIGN-NOTES §1): identity values are handed
//! out at INSERT time, not at COMMIT time, so a reader that trusted `global_position` alone
//! would skip a slower transaction's events. `read_after` only hands out rows whose
//! transaction is older than every running one, ordered by `(transaction_id, global_position)`.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use lifeos_projections::feed::{read_after, Position};
use lifeos_tests::TestDb;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

const WRITERS: u64 = 8;
const EVENTS_PER_WRITER: u64 = 2_560; // 20,480 in all
const READ_BATCH: i64 = 500;
const METADATA: &str = r#"{"workspace_id": "feed-test"}"#;

/// Appends events `from..=to` of one stream in a single statement (one identity value each).
const INSERT_RANGE: &str = "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
     SELECT 'FeedTest', $1, s, 'Tick', '1', '{}', $2::json FROM generate_series($3::bigint, $4::bigint) s";

/// A tiny deterministic PRNG (xorshift64): reproducible interleavings without `rand`.
struct XorShift(u64);

impl XorShift {
    fn seeded(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Uniform-enough in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// One writer: transactions of 1–20 events, some split over two statements with the
/// transaction held open in between or before COMMIT, so later transactions take higher
/// positions yet commit first.
async fn write(options: PgConnectOptions, writer: u64) -> anyhow::Result<u64> {
    let mut conn = PgConnection::connect_with(&options).await?;
    let mut rng = XorShift::seeded(writer + 1);
    let mut written = 0;
    let mut batch = 0;
    while written < EVENTS_PER_WRITER {
        let size = (1 + rng.below(20)).min(EVENTS_PER_WRITER - written);
        let first_part = 1 + rng.below(size);
        let slow = rng.below(5) == 0;
        let stream = format!("w{writer}-b{batch}");
        let mut tx = conn.begin().await?;
        let first = sqlx::query(INSERT_RANGE).bind(&stream).bind(METADATA).bind(1_i64).bind(i64::try_from(first_part)?);
        first.execute(&mut *tx).await?;
        if slow {
            sqlx::query("SELECT pg_sleep(0.005)").execute(&mut *tx).await?;
        }
        if first_part < size {
            let rest = sqlx::query(INSERT_RANGE)
                .bind(&stream)
                .bind(METADATA)
                .bind(i64::try_from(first_part + 1)?)
                .bind(i64::try_from(size)?);
            rest.execute(&mut *tx).await?;
        }
        if slow && rng.below(2) == 0 {
            sqlx::query("SELECT pg_sleep(0.005)").execute(&mut *tx).await?;
        }
        tx.commit().await?;
        written += size;
        batch += 1;
    }
    conn.close().await?;
    Ok(written)
}

/// The newest transaction that wrote an event is older than every running transaction:
/// from now on, an empty read means the feed is exhausted.
async fn horizon_passed(conn: &mut PgConnection) -> anyhow::Result<bool> {
    let passed: Option<bool> = sqlx::query_scalar(
        "SELECT pg_snapshot_xmin(pg_current_snapshot()) > max(transaction_id) FROM events",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(passed.unwrap_or(true))
}

/// Tails the feed in batches until the writers are done and nothing more can appear.
async fn tail(options: PgConnectOptions, writers_done: Arc<AtomicBool>) -> anyhow::Result<Vec<Position>> {
    let mut conn = PgConnection::connect_with(&options).await?;
    let mut cursor = Position::default();
    let mut seen = Vec::new();
    loop {
        // Checked before the read: if every writer had finished and the horizon had passed
        // them, this read sees everything there will ever be.
        let exhausted = writers_done.load(Ordering::Acquire) && horizon_passed(&mut conn).await?;
        let batch = read_after(&mut conn, cursor, READ_BATCH).await?;
        match batch.last() {
            Some(last) => {
                cursor = last.position;
                seen.extend(batch.iter().map(|e| e.position));
            }
            None if exhausted => break,
            // Poll interval of a tailing reader, not a readiness wait.
            None => tokio::time::sleep(Duration::from_millis(1)).await,
        }
    }
    conn.close().await?;
    Ok(seen)
}

#[tokio::test]
async fn gap_free_feed_sees_every_event_exactly_once_under_concurrent_writers() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let writers_done = Arc::new(AtomicBool::new(false));
    let reader = tokio::spawn(tail(db.options.clone(), writers_done.clone()));
    let writers: Vec<_> = (0..WRITERS).map(|w| tokio::spawn(write(db.options.clone(), w))).collect();
    let mut written = 0;
    for writer in futures::future::join_all(writers).await {
        written += writer??;
    }
    writers_done.store(true, Ordering::Release);
    let seen = reader.await??;

    let mut stored: Vec<i64> = sqlx::query_scalar("SELECT global_position FROM events").fetch_all(&db.pool).await?;
    stored.sort_unstable();
    assert_eq!(u64::try_from(stored.len())?, written, "every acknowledged insert is stored");
    assert!(written >= 20_000, "{written}");

    // Exactly once: as many deliveries as rows, no position twice, and the same set.
    assert_eq!(seen.len(), stored.len(), "the reader saw every event once");
    let distinct: HashSet<i64> = seen.iter().map(|p| p.global_position).collect();
    assert_eq!(distinct.len(), seen.len(), "no event was delivered twice");
    let mut delivered: Vec<i64> = distinct.into_iter().collect();
    delivered.sort_unstable();
    assert_eq!(delivered, stored, "the reader saw exactly the stored events");

    // In feed order, strictly increasing by (transaction_id, global_position).
    if let Some(pair) = seen.windows(2).find(|w| w[0] >= w[1]) {
        panic!("feed went backwards: {:?} then {:?}", pair[0], pair[1]);
    }
    // The writers really did interleave: some events reached the reader after an event
    // with a higher global_position — exactly the ones a position-only cursor skips.
    let mut highest = 0;
    let mut late = 0;
    for position in &seen {
        if position.global_position < highest {
            late += 1;
        }
        highest = highest.max(position.global_position);
    }
    assert!(late > 0, "no out-of-order commits happened; the test exercised nothing");
    Ok(())
}

async fn insert_returning_position(conn: &mut PgConnection, stream: &str) -> anyhow::Result<Position> {
    let (transaction_id, global_position): (i64, i64) = sqlx::query_as(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         VALUES ('TrapTest', $1, 1, 'Tick', '1', '{}', $2::json)
         RETURNING transaction_id::text::bigint, global_position",
    )
    .bind(stream)
    .bind(METADATA)
    .fetch_one(conn)
    .await?;
    Ok(Position { transaction_id, global_position })
}

async fn trap_events(conn: &mut PgConnection) -> anyhow::Result<Vec<Position>> {
    let batch = read_after(conn, Position::default(), READ_BATCH).await?;
    Ok(batch.iter().filter(|e| e.aggregate_type == "TrapTest").map(|e| e.position).collect())
}

#[tokio::test]
async fn a_newer_commit_is_held_back_until_an_older_open_transaction_commits() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut a = PgConnection::connect_with(&db.options).await?;
    let mut b = PgConnection::connect_with(&db.options).await?;
    let mut reader = PgConnection::connect_with(&db.options).await?;

    // A takes the lower position and stays open; B takes a higher one and commits first.
    let mut tx_a = a.begin().await?;
    let pos_a = insert_returning_position(&mut tx_a, "a").await?;
    let mut tx_b = b.begin().await?;
    let pos_b = insert_returning_position(&mut tx_b, "b").await?;
    tx_b.commit().await?;
    assert!(pos_a.global_position < pos_b.global_position);
    assert!(pos_a.transaction_id < pos_b.transaction_id);

    // B is committed and visible to any query: a `global_position > last` cursor would take
    // it now and move past A's position for good.
    let visible: Vec<i64> = sqlx::query_scalar("SELECT global_position FROM events WHERE aggregate_type = 'TrapTest'")
        .fetch_all(&mut reader)
        .await?;
    assert_eq!(visible, [pos_b.global_position]);
    // The feed holds B back: A's transaction is still running, so the snapshot's xmin is at
    // most A's xid and B's newer xid does not qualify.
    assert_eq!(trap_events(&mut reader).await?, Vec::<Position>::new(), "B must wait for the older open A");

    tx_a.commit().await?;
    // Wait until no transaction older than B is running anywhere in the cluster.
    loop {
        let xmin: i64 = sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            .fetch_one(&mut reader)
            .await?;
        if xmin > pos_b.transaction_id {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let past_b: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE global_position > $1")
        .bind(pos_b.global_position)
        .fetch_one(&mut reader)
        .await?;
    assert_eq!(past_b, 0, "a position-only cursor standing on B would never see A");
    assert_eq!(trap_events(&mut reader).await?, [pos_a, pos_b], "A, then B, in commit order");
    Ok(())
}
