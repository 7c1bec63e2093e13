//! `trickle`: one client sending createNote at a steady 50 commands/s for ~10 s (`--quick`:
//! 1 s), each waiting for its answer: the latency when there is nothing to group, so group
//! commit must add no waiting here (p99 within 1.2× of the figure before it landed; compare
//! with BENCHMARKS.md's earlier rows, and with `createNote conc=1` in the same run).

use std::time::{Duration, Instant};

use crate::changes::create_note;
use crate::commands::{row, sign_up};
use crate::database::BenchDb;
use crate::report::Report;
use crate::server::Server;
use crate::stats::Samples;
use crate::Args;

const EVERY: Duration = Duration::from_millis(20);

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let client = sign_up(&server).await?;
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut samples = Samples::default();
    let started = Instant::now();
    for i in 0..args.size(500, 50) {
        tick.tick().await;
        let t = Instant::now();
        create_note(&client, &format!("trickle {i}")).await?;
        samples.latencies.push(t.elapsed());
    }
    samples.elapsed = started.elapsed();
    let p50_conc1 = report.rows.iter().find(|r| r.scenario == "lifeos: createNote HTTP" && r.setting == "conc=1").and_then(|r| r.p50_ms);
    let mut ratios = Vec::new();
    if let Some(p50) = p50_conc1 {
        ratios.push(("p50 vs createNote conc=1 p50".to_owned(), samples.percentile_ms(0.5) / p50));
    }
    report.add(row("lifeos: createNote trickle", "50 cmd/s, 1 client".to_owned(), &samples, ratios));
    drop(server);
    db.drop_now().await
}
