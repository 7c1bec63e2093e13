//! `sync`, live side: (c) commit→subscriber latency — from a createNote's HTTP response to
//! that change's arrival at each of 1,000 `changes` subscribers (quick: 20) — and (d) the
//! server's resident memory with 1k and 10k idle subscribers (quick: 20 and 50), read from
//! `/proc/<lifeosd pid>/status`. Subscribers count as live once a marker change written after
//! they subscribed has reached them. Too few sockets (fd limits, ports) is reported in the row,
//! never a failed run.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::changes;
use crate::commands::Client;
use crate::crowd::{Crowd, Target};
use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::Server;
use crate::stats::{count, Samples};
use crate::Args;

/// The latency target for p99.
const LATENCY_TARGET_MS: f64 = 50.0;
/// Time between measured writes.
const SPACING: Duration = Duration::from_millis(50);
/// How long every subscriber may take to receive a marker, or all measured changes.
const DELIVER_WITHIN: Duration = Duration::from_secs(60);
const MIB: f64 = 1024.0 * 1024.0;

/// (c) Latency over every (subscriber, change) pair; returns the feed's cursor afterwards.
pub async fn latency(args: &Args, server: &Server, client: &Client, cursor: &str, report: &mut Report) -> anyhow::Result<String> {
    let (wanted, writes) = (args.size(1000, 20), args.size(100, 10));
    let mut crowd = Crowd::default();
    let opened = crowd.open(&Target::new(&server.base, &client.token, cursor), wanted, true).await;
    anyhow::ensure!(opened > 0, "no subscriber could connect: {}", crowd.first_error.as_deref().unwrap_or("-"));
    changes::create_note(client, "marker").await?;
    crowd.wait_received(opened, DELIVER_WITHIN).await;
    let live = crowd.received();

    let started = Instant::now();
    let mut answered = HashMap::new();
    let mut spacing = tokio::time::interval(SPACING);
    for i in 0..writes {
        spacing.tick().await;
        let id = changes::create_note(client, &format!("live {i}")).await?;
        answered.insert(id, Instant::now());
    }
    crowd.wait_received(live + opened * writes, DELIVER_WITHIN).await;
    let mut samples = Samples { elapsed: started.elapsed(), ..Samples::default() };
    let short = shortfall(&crowd, wanted);
    for (id, arrived) in crowd.close().await.iter().flatten() {
        // An arrival before the HTTP response was read counts as 0.
        if let Some(sent) = answered.get(id) {
            samples.latencies.push(arrived.saturating_duration_since(*sent));
        }
    }
    let missing = (opened * writes).saturating_sub(samples.ops());
    let mut setting = format!("{opened} subs x {writes} writes");
    if missing > 0 {
        setting.push_str(&format!(", {missing} deliveries missing"));
    }
    setting.push_str(&short);
    let p99 = samples.percentile_ms(0.99);
    report.add(Row {
        scenario: "lifeos: commit->subscriber".into(),
        setting,
        ops: samples.ops(),
        rate: samples.rate(),
        unit: "deliv/s",
        p50_ms: Some(samples.percentile_ms(0.5)),
        p99_ms: Some(p99),
        ratios: vec![("p99 / 50 ms target".to_owned(), p99 / LATENCY_TARGET_MS)],
    });
    Ok(changes::pull_all(client, Some(cursor)).await?.1)
}

/// (d) A fresh server's RSS idle, then with 1k and 10k idle live subscribers.
pub async fn idle_memory(args: &Args, db: &BenchDb, client: &Client, cursor: &str, report: &mut Report) -> anyhow::Result<()> {
    let server = Server::start(args, &db.url)?;
    let client = Client { endpoint: format!("{}/graphql", server.base), ..client.clone() };
    let mut cursor = changes::pull_all(&client, Some(cursor)).await?.1;
    let baseline = rss_bytes(server.pid())?;
    report.add(memory_row("0 subscribers".into(), 0, baseline));

    let mut crowd = Crowd::default();
    for wanted in [args.size(1000, 20), args.size(10_000, 50)] {
        // New subscribers start at the head, so each live one receives exactly the next marker.
        let target = Target::new(&server.base, &client.token, &cursor);
        crowd.open(&target, wanted.saturating_sub(crowd.opened()), false).await;
        let before = crowd.received();
        changes::create_note(&client, "marker").await?;
        crowd.wait_received(before + crowd.opened(), DELIVER_WITHIN).await;
        let live = crowd.received() - before;
        cursor = changes::pull_all(&client, Some(&cursor)).await?.1;
        let rss = rss_bytes(server.pid())?;
        let per = (rss.saturating_sub(baseline) as f64 / 1024.0) / count(live.max(1));
        let setting = format!("{live} idle (+{per:.0} KiB each){}", shortfall(&crowd, wanted));
        let mut row = memory_row(setting, live, rss);
        if wanted >= 10_000 {
            row.ratios.push(("of the 1 GiB target".to_owned(), row.rate / 1024.0));
        }
        report.add(row);
    }
    crowd.close().await;
    Ok(())
}

/// Why fewer subscribers than `wanted` are live, for the row's setting ("" if none are missing).
fn shortfall(crowd: &Crowd, wanted: usize) -> String {
    let mut why = String::new();
    if crowd.opened() < wanted {
        let error = crowd.first_error.as_deref().unwrap_or("-");
        why.push_str(&format!("; {} of {wanted} opened, {} failed: {error}", crowd.opened(), crowd.failed));
    }
    if crowd.ended() > 0 {
        why.push_str(&format!("; {} ended by the server", crowd.ended()));
    }
    why
}

fn memory_row(setting: String, subscribers: usize, rss: u64) -> Row {
    Row {
        scenario: "lifeos: server RSS".into(),
        setting,
        ops: subscribers,
        rate: rss as f64 / MIB,
        unit: "MiB",
        p50_ms: None,
        p99_ms: None,
        ratios: Vec::new(),
    }
}

/// `VmRSS` of a process, in bytes.
fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmRSS for pid {pid}"))?;
    Ok(kib * 1024)
}
