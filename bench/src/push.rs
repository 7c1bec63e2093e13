//! `push`: bulk writes through `pushChanges` against lifeosd — (a) pushes of 500 creates (one
//! note each, title + body) from one device, mutations/s against the 100-row ceiling of the
//! same run; (b) the bytes each of those creates costs, table by table (`storage.rs`); (c)
//! retention: a device whose every push acknowledges the previous one's results keeps
//! `sync_mutations` bounded (rows per device after N pushes). Measured writes go through
//! GraphQL only; the database is read only to weigh and count.

use std::time::Instant;

use serde_json::{json, Value};
use sqlx::postgres::PgPoolOptions;

use crate::commands::{sign_up, Client};
use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::Server;
use crate::stats::{count, Samples};
use crate::storage;
use crate::Args;

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) { lastSeq committed results { status } } }";
/// Mutations per push (the server's maximum).
const BATCH: usize = 500;

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let client = sign_up(&server).await?;
    let pool = PgPoolOptions::new().max_connections(2).connect(&db.url).await?;
    let creates = args.size(20_000, 1_000);
    let samples = pushes(&client, "BULK", creates / BATCH, BATCH, false).await?;
    let mutations = samples.ops() * BATCH;
    let rate = count(mutations) / samples.elapsed.as_secs_f64();
    let mut ratios = vec![("of the 20k/s target".to_owned(), rate / 20_000.0)];
    if let Some(c) = report.rate_of("ceiling: 100-row tx", "conc=1") {
        ratios.push(("ceiling 100-row rows/s".to_owned(), rate / c));
    }
    report.add(Row {
        scenario: "lifeos: push 500 creates".into(),
        setting: format!("{} pushes, 1 device", samples.ops()),
        ops: mutations,
        rate,
        unit: "mut/s",
        p50_ms: Some(samples.percentile_ms(0.5)),
        p99_ms: Some(samples.percentile_ms(0.99)),
        ratios,
    });
    storage::weigh(&pool, mutations, report).await?;
    retention(args, &client, &pool, report).await?;
    pool.close().await;
    drop(server);
    db.drop_now().await
}

/// `n` pushes of `batch` new notes from `device`, each timed; with `acknowledge`, every push
/// acknowledges the results of the one before (as the reference client does).
async fn pushes(client: &Client, device: &str, n: usize, batch: usize, acknowledge: bool) -> anyhow::Result<Samples> {
    let mut samples = Samples::default();
    let mut seq = 0i64;
    let mut acknowledged = None;
    let started = Instant::now();
    for _ in 0..n {
        let mutations: Vec<Value> = (0..batch).map(|_| { seq += 1; create(device, seq) }).collect();
        let t = Instant::now();
        let body = client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations, "acknowledgedSeq": acknowledged}})).await?;
        samples.latencies.push(t.elapsed());
        let answer = &body["data"]["pushChanges"];
        anyhow::ensure!(answer["committed"] == true && answer["lastSeq"] == seq, "push not applied: {body}");
        if acknowledge {
            acknowledged = Some(seq);
        }
    }
    samples.elapsed = started.elapsed();
    Ok(samples)
}

fn create(device: &str, seq: i64) -> Value {
    let now = chrono::Utc::now();
    json!({"seq": seq, "entityType": "Note", "entityId": ulid::Ulid::new().to_string(), "op": "UPSERT",
           "fields": {"title": format!("note {seq}"), "body": format!("some body text {seq}")},
           "hlc": format!("{:015}-{:06}-{device}", now.timestamp_millis(), seq % 1_000_000),
           "clientUpdatedAt": now.to_rfc3339()})
}

/// (c) Pushes that acknowledge their predecessor: stored results stay at one push's worth.
async fn retention(args: &Args, client: &Client, pool: &sqlx::PgPool, report: &mut Report) -> anyhow::Result<()> {
    let (n, batch) = (args.size(50, 5), 100);
    let samples = pushes(client, "RETAIN", n, batch, true).await?;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM sync_mutations WHERE client_id = 'RETAIN'").fetch_one(pool).await?;
    report.add(Row {
        scenario: "lifeos: push retention".into(),
        setting: format!("{n} pushes x {batch}, acked: {rows} rows kept"),
        ops: n * batch,
        rate: count(usize::try_from(rows)?),
        unit: "rows kept",
        p50_ms: Some(samples.percentile_ms(0.5)),
        p99_ms: Some(samples.percentile_ms(0.99)),
        ratios: vec![("of the pushed mutations".to_owned(), count(usize::try_from(rows)?) / count(n * batch))],
    });
    Ok(())
}
