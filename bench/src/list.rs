//! `list`: a list page (`notes(first: 20)`) at concurrency 8 — on an empty table, then right
//! after 100k notes were written by `createNote` at concurrency 8 (the planner has no
//! statistics yet: no manual ANALYZE, and autovacuum has had no time) — plain, with a filter
//! and with an ordering. Target: p99 at 100k ≤ 1.5× p99 at 0 rows (floor 3×). Then the same
//! load against PostGraphile v4 over the same database and table (`postgraphile.rs`).
//! Reads go through their own session, so they never wait for the writer's projections.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sqlx::postgres::PgPoolOptions;

use crate::commands::{creates, row, sign_up, Client};
use crate::database::BenchDb;
use crate::lag::sign_in;
use crate::postgraphile;
use crate::report::{Report, Row};
use crate::server::Server;
use crate::stats::{concurrently, Samples};
use crate::Args;

const CONC: usize = 8;
const PROJECT_WITHIN: Duration = Duration::from_secs(600);

/// The page shapes measured: label and GraphQL document.
const SHAPES: [(&str, &str); 3] = [
    ("notes(first: 20)", "{ notes(first: 20) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }"),
    (
        "filter pinned: false",
        "{ notes(first: 20, filter: {pinned: false}) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "orderBy updatedAt DESC",
        "{ notes(first: 20, orderBy: {field: UPDATED_AT, direction: DESC}) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }",
    ),
];

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let writer = sign_up(&server).await?;
    let reader = sign_in(&writer).await?;
    let requests = args.size(4000, 80);

    let mut empty = Vec::new();
    for (label, document) in SHAPES {
        let samples = reads(&reader, requests, document).await?;
        empty.push(samples.percentile_ms(0.99));
        report.add(row("lifeos: list page", format!("{label}, 0 rows, c=8"), &samples, Vec::new()).with_unit("req/s"));
    }

    let rows = args.size(100_000, 2_000);
    let written = creates(&writer, CONC, rows).await?;
    report.add(row("lifeos: list page (writes)", format!("{rows} createNote, c=8"), &written, Vec::new()));
    let pool = PgPoolOptions::new().max_connections(1).connect(&db.url).await?;
    wait_projected(&pool, rows).await?;
    pool.close().await;

    let mut plain_rate = None;
    for ((label, document), p99_empty) in SHAPES.into_iter().zip(empty) {
        let samples = reads(&reader, requests, document).await?;
        plain_rate.get_or_insert(samples.rate());
        let ratio = vec![("p99 vs 0 rows (target 1.5, floor 3)".to_owned(), samples.percentile_ms(0.99) / p99_empty)];
        report.add(row("lifeos: list page", format!("{label}, {rows} rows unanalysed"), &samples, ratio).with_unit("req/s"));
    }
    drop(server);

    match postgraphile::start(&db.url)? {
        None => println!("postgraphile: skipped (node or bench/node/node_modules missing: run `npm ci` in bench/node)"),
        Some(graphile) => {
            let client = Client { http: reqwest::Client::new(), endpoint: graphile.endpoint.clone(), token: String::new() };
            let samples = reads(&client, requests, postgraphile::ALL_NOTES).await?;
            let mut ratios = Vec::new();
            if let Some(lifeos) = plain_rate {
                ratios.push(("lifeos rate / this (target 2)".to_owned(), lifeos / samples.rate()));
            }
            report.add(row("postgraphile v4: list page", format!("allNotes(first: 20), {rows} rows"), &samples, ratios).with_unit("req/s"));
        }
    }
    db.drop_now().await
}

/// `total` requests of `document`, `CONC` at a time; every answer must be free of errors.
pub async fn reads(client: &Client, total: usize, document: &'static str) -> anyhow::Result<Samples> {
    concurrently(CONC, || {
        let client = client.clone();
        async move {
            let mut latencies = Vec::new();
            for _ in 0..total / CONC {
                let t = Instant::now();
                let body: Value = client.run(document, json!({})).await?;
                anyhow::ensure!(body["data"].is_object(), "no data: {body}");
                latencies.push(t.elapsed());
            }
            Ok(latencies)
        }
    })
    .await
}

/// Polls (count only: a count never gathers statistics) until `notes` holds `rows` rows.
async fn wait_projected(pool: &sqlx::PgPool, rows: usize) -> anyhow::Result<()> {
    let deadline = Instant::now() + PROJECT_WITHIN;
    let rows = i64::try_from(rows)?;
    loop {
        let done: i64 = sqlx::query_scalar("SELECT count(*) FROM notes").fetch_one(pool).await?;
        if done >= rows {
            return Ok(());
        }
        anyhow::ensure!(Instant::now() < deadline, "only {done} of {rows} notes projected within {PROJECT_WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Row {
    fn with_unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }
}
