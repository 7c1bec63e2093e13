//! `lag`: projection lag under load. Eight clients (one shared session) create notes as fast
//! as they can; meanwhile an observer on its own session issues one createNote every ~20 ms
//! and polls Postgres directly — not GraphQL, whose reads wait for the session's writes —
//! until the note is in `notes` and its `sync_log` entry exists. The figure is the time from
//! the mutation's response to that point; polls are ~1 ms apart (tokio's timer), so that is
//! the resolution. The row's rate is the load's throughput.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use crate::changes::{self, create_note};
use crate::commands::{sign_up, Client};
use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::{Server, OWNER, PASSWORD};
use crate::stats::{concurrently, Samples};
use crate::Args;

const LOAD_CLIENTS: usize = 8;
const SAMPLE_EVERY: Duration = Duration::from_millis(20);
const POLL_EVERY: Duration = Duration::from_millis(1);
const VISIBLE_WITHIN: Duration = Duration::from_secs(30);

/// The note is projected: its row and its change-feed entry (past the feed's earlier end,
/// `$3`, so the `sync_log` probe is an index range scan, not a scan of the workspace).
const VISIBLE: &str = "
SELECT EXISTS (SELECT 1 FROM notes WHERE workspace_id = $1 AND id = $2)
   AND EXISTS (SELECT 1 FROM sync_log WHERE workspace_id = $1 AND global_position > $3 AND entity_id = $2)";
const FEED_END: &str = "SELECT coalesce(max(global_position), 0) FROM sync_log WHERE workspace_id = $1";

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let (load, lag) = under_load(args, &[]).await?;
    report.add(Row {
        scenario: "lifeos: projection lag".into(),
        setting: format!("createNote load conc={LOAD_CLIENTS}"),
        ops: lag.ops(),
        rate: load.rate(),
        unit: "cmd/s",
        p50_ms: Some(lag.percentile_ms(0.5)),
        p99_ms: Some(lag.percentile_ms(0.99)),
        ratios: Vec::new(),
    });
    Ok(())
}

/// A fresh server (with `env` for the child) under the createNote load: the load's
/// latencies and the lag samples taken meanwhile.
pub async fn under_load(args: &Args, env: &[(&str, &str)]) -> anyhow::Result<(Samples, Samples)> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start_with(args, &db.url, env)?;
    let load = sign_up(&server).await?;
    let observer = sign_in(&load).await?;
    let (workspace, _) = changes::whoami(&observer).await?;
    let pool = PgPoolOptions::new().max_connections(1).connect(&db.url).await?;

    let stop = Arc::new(AtomicBool::new(false));
    let loading = tokio::spawn(run_load(load, stop.clone()));
    let lag = sample(&observer, &pool, &workspace, args.size(300, 20)).await;
    stop.store(true, Ordering::Relaxed);
    let load = loading.await??;
    let lag = lag?;
    pool.close().await;
    drop(server);
    db.drop_now().await?;
    Ok((load, lag))
}

/// A second session of the bench owner.
pub async fn sign_in(client: &Client) -> anyhow::Result<Client> {
    let body = client
        .run(
            "mutation($i: SignInInput!) { signIn(input: $i) { token } }",
            json!({"i": {"email": OWNER, "password": PASSWORD, "clientName": "lag observer"}}),
        )
        .await?;
    let token = body["data"]["signIn"]["token"].as_str().ok_or_else(|| anyhow::anyhow!("signIn: {body}"))?;
    Ok(Client { token: token.to_owned(), ..client.clone() })
}

/// createNote from `LOAD_CLIENTS` clients until `stop`; each write's latency.
async fn run_load(client: Client, stop: Arc<AtomicBool>) -> anyhow::Result<Samples> {
    concurrently(LOAD_CLIENTS, || {
        let (client, stop) = (client.clone(), stop.clone());
        async move {
            let mut latencies = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                create_note(&client, "load").await?;
                latencies.push(started.elapsed());
            }
            Ok(latencies)
        }
    })
    .await
}

/// `n` lag samples, one every `SAMPLE_EVERY` (or right after the previous one if it was slower).
async fn sample(observer: &Client, pool: &PgPool, workspace: &str, n: usize) -> anyhow::Result<Samples> {
    let mut samples = Samples::default();
    let mut every = tokio::time::interval(SAMPLE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let started = Instant::now();
    for i in 0..n {
        every.tick().await;
        let feed_end: i64 = sqlx::query_scalar(FEED_END).bind(workspace).fetch_one(pool).await?;
        let id = create_note(observer, &format!("sample {i}")).await?;
        let answered = Instant::now();
        loop {
            let visible: bool =
                sqlx::query_scalar(VISIBLE).bind(workspace).bind(&id).bind(feed_end).fetch_one(pool).await?;
            if visible {
                break;
            }
            anyhow::ensure!(answered.elapsed() < VISIBLE_WITHIN, "note {id} not projected within {VISIBLE_WITHIN:?}");
            tokio::time::sleep(POLL_EVERY).await;
        }
        samples.latencies.push(answered.elapsed());
    }
    samples.elapsed = started.elapsed();
    Ok(samples)
}
