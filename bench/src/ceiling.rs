//! The PostgreSQL ceiling on this machine: single-row INSERT transactions (1 and 8
//! connections) and 100-row transactions, into a scratch table of a fresh database.

use std::time::Instant;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};

use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::stats::{concurrently, count, Samples};
use crate::Args;

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let options: PgConnectOptions = db.url.parse()?;
    let mut conn = options.connect().await?;
    sqlx::query("CREATE TABLE ceiling (id bigserial PRIMARY KEY, payload text NOT NULL)").execute(&mut conn).await?;
    conn.close().await?;
    for conc in [1usize, 8] {
        let samples = single_rows(&options, conc, args.size(4000, 200)).await?;
        report.add(Row {
            scenario: "ceiling: 1-row tx".into(),
            setting: format!("conc={conc}"),
            ops: samples.ops(),
            rate: samples.rate(),
            unit: "tx/s",
            p50_ms: Some(samples.percentile_ms(0.5)),
            p99_ms: Some(samples.percentile_ms(0.99)),
            ratios: vec![],
        });
    }
    let (rows, secs) = hundred_row_batches(&options, args.size(1000, 20)).await?;
    report.add(Row {
        scenario: "ceiling: 100-row tx".into(),
        setting: "conc=1".into(),
        ops: rows,
        rate: count(rows) / secs,
        unit: "rows/s",
        p50_ms: None,
        p99_ms: None,
        ratios: vec![],
    });
    db.drop_now().await
}

async fn single_rows(options: &PgConnectOptions, conc: usize, total: usize) -> anyhow::Result<Samples> {
    concurrently(conc, || {
        let options = options.clone();
        async move {
            let mut conn: PgConnection = options.connect().await?;
            let mut latencies = Vec::new();
            for _ in 0..total / conc {
                let t = Instant::now();
                sqlx::query("INSERT INTO ceiling (payload) VALUES ('x')").execute(&mut conn).await?;
                latencies.push(t.elapsed());
            }
            conn.close().await?;
            Ok(latencies)
        }
    })
    .await
}

async fn hundred_row_batches(options: &PgConnectOptions, batches: usize) -> anyhow::Result<(usize, f64)> {
    let mut conn: PgConnection = options.connect().await?;
    let started = Instant::now();
    for _ in 0..batches {
        let mut tx = Connection::begin(&mut conn).await?;
        sqlx::query("INSERT INTO ceiling (payload) SELECT 'x' FROM generate_series(1, 100)").execute(&mut *tx).await?;
        tx.commit().await?;
    }
    let secs = started.elapsed().as_secs_f64();
    conn.close().await?;
    Ok((batches * 100, secs))
}
