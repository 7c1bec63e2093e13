//! `sync`: offline sync against lifeosd. The pull side here — (a) the initial pull of a
//! workspace seeded with 100k notes (as events, projected by the server itself), (b) an
//! incremental pull right after each of the client's own writes — and the live side in
//! `live.rs`: commit→subscriber latency with 1,000 subscribers, server memory with 1k and 10k
//! idle ones. Seeds through SQL only; every measured read goes through GraphQL.

use std::time::{Duration, Instant};

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use crate::changes::{self, PAGE_MAX};
use crate::commands::{sign_up, Client};
use crate::database::BenchDb;
use crate::live;
use crate::report::{Report, Row};
use crate::server::Server;
use crate::stats::{count, Samples};
use crate::Args;

/// `NoteCreated` events for workspace $1 by actor $2, ids `000…1` to `$3`.
const SEED: &str = "
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT 'Note', $1 || ':' || id, 1, 'NoteCreated', '1',
       json_build_object('Created', json_build_object('workspace_id', $1, 'id', id, 'at', '2026-01-01T00:00:00Z',
           'fields', json_build_object('title', 'note ' || i, 'body', 'some body text ' || i, 'pinned', false, 'tags', json_build_array('a', 'b')))),
       json_build_object('workspace_id', $1, 'actor', $2, 'request_id', 'seed')
  FROM (SELECT i, lpad(i::text, 26, '0') AS id FROM generate_series(1, $3::int) i) s";

/// The initial pull's target.
const INITIAL_PULL_TARGET_SECS: f64 = 3.0;
/// How long the projector may take to catch up with the seeded history.
const PROJECT_WITHIN: Duration = Duration::from_secs(600);

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let client = sign_up(&server).await?;
    let pool = PgPoolOptions::new().max_connections(2).connect(&db.url).await?;
    let cursor = initial_pull(args, &client, &pool, report).await?;
    pool.close().await;
    let cursor = incremental_pulls(args, &client, cursor, report).await?;
    let cursor = live::latency(args, &server, &client, &cursor, report).await?;
    drop(server);
    live::idle_memory(args, &db, &client, &cursor, report).await?;
    db.drop_now().await
}

/// (a) Seeds the workspace, waits for the projection, then times one client pulling it all.
async fn initial_pull(args: &Args, client: &Client, pool: &PgPool, report: &mut Report) -> anyhow::Result<String> {
    let rows = args.size(100_000, 2_000);
    let (workspace, user) = changes::whoami(client).await?;
    sqlx::query(SEED).bind(&workspace).bind(&user).bind(i32::try_from(rows)?).execute(pool).await?;
    wait_projected(pool, &workspace, rows).await?;
    // Right after a bulk load the planner may have no statistics yet (autovacuum may not
    // have got to the tables): measure that state first, then the steady state after ANALYZE.
    pull_timed(client, rows, "unanalysed", report).await?;
    sqlx::query("ANALYZE sync_log, notes").execute(pool).await?;
    let cursor = pull_timed(client, rows, "after ANALYZE", report).await?;
    Ok(cursor)
}

/// One client pulling the whole feed from the start, timed; its last cursor.
async fn pull_timed(client: &Client, rows: usize, state: &str, report: &mut Report) -> anyhow::Result<String> {
    let started = Instant::now();
    let (pulled, cursor) = changes::pull_all(client, None).await?;
    let secs = started.elapsed().as_secs_f64();
    anyhow::ensure!(pulled >= rows, "pulled {pulled} of {rows} seeded rows");
    report.add(Row {
        scenario: "lifeos: sync initial pull".into(),
        setting: format!("{pulled} rows/{PAGE_MAX}, {state}: {secs:.2} s"),
        ops: pulled,
        rate: count(pulled) / secs,
        unit: "rows/s",
        p50_ms: None,
        p99_ms: None,
        ratios: vec![("time / 3 s target".to_owned(), secs / INITIAL_PULL_TARGET_SECS)],
    });
    Ok(cursor)
}

/// Polls until the workspace's `sync_log` holds at least `rows` entries.
async fn wait_projected(pool: &PgPool, workspace: &str, rows: usize) -> anyhow::Result<()> {
    let deadline = Instant::now() + PROJECT_WITHIN;
    let rows = i64::try_from(rows)?;
    loop {
        let done: i64 =
            sqlx::query_scalar("SELECT count(*) FROM sync_log WHERE workspace_id = $1").bind(workspace).fetch_one(pool).await?;
        if done >= rows {
            return Ok(());
        }
        anyhow::ensure!(Instant::now() < deadline, "only {done} of {rows} seeded notes projected within {PROJECT_WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// (b) One createNote, then one pull after the last cursor, timed; the pull's request waits
/// for the session's own write to be projected (read-your-writes), which the figure includes.
async fn incremental_pulls(args: &Args, client: &Client, mut cursor: String, report: &mut Report) -> anyhow::Result<String> {
    let mut samples = Samples::default();
    for i in 0..args.size(200, 20) {
        let id = changes::create_note(client, &format!("incremental {i}")).await?;
        let started = Instant::now();
        let page = changes::pull(client, Some(&cursor), PAGE_MAX).await?;
        samples.latencies.push(started.elapsed());
        anyhow::ensure!(page.entity_ids.contains(&id), "the pull after createNote missed {id}");
        cursor = page.cursor;
    }
    samples.elapsed = samples.latencies.iter().sum();
    report.add(Row {
        scenario: "lifeos: sync incr. pull".into(),
        setting: "after own write, incl. RYW".into(),
        ops: samples.ops(),
        rate: samples.rate(),
        unit: "pull/s",
        p50_ms: Some(samples.percentile_ms(0.5)),
        p99_ms: Some(samples.percentile_ms(0.99)),
        ratios: Vec::new(),
    });
    Ok(cursor)
}
