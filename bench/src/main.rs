//! `lifeos-bench`: measures LifeOS against its references in one run — the PostgreSQL ceiling
//! on this machine, plain cqrs-es + postgres-es (`../shared/baseline-cqrs-es`, when built), and
//! lifeosd itself (a child process on port 0, fresh database): commands over GraphQL HTTP and
//! a projection rebuild; projection lag under load; offline sync (initial and incremental
//! pulls, commit→subscriber latency, server memory with many idle subscribers). Prints a table
//! with ratios and writes JSON under `target/bench/`.
//! `--quick` shrinks every size (CI checks the harness works; it asserts no timing).

mod baseline;
mod ceiling;
mod changes;
mod commands;
mod crowd;
mod database;
mod finance;
mod lag;
mod lanes;
mod list;
mod live;
mod postgraphile;
mod projections;
mod push;
mod storage;
mod rebuild;
mod report;
mod server;
mod stats;
mod sync;
mod trickle;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser, Clone)]
#[command(name = "lifeos-bench", about = "LifeOS benchmarks beside their references, in one run")]
pub struct Args {
    /// A PostgreSQL role that may create databases.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pub admin_url: String,
    /// The lifeosd binary [default: next to this one].
    #[arg(long)]
    pub lifeosd: Option<PathBuf>,
    /// The baseline-cqrs-es binary; skipped when absent.
    #[arg(long, default_value = "target/baseline/release/baseline-cqrs-es")]
    pub baseline: PathBuf,
    /// Small sizes everywhere (to check the harness, not to measure).
    #[arg(long)]
    pub quick: bool,
    /// Run only these scenarios (comma-separated: ceiling,baseline,commands,rebuild,lag,sync,
    /// push,list,projections,lanes,trickle,finance).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
}

impl Args {
    fn runs(&self, scenario: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == scenario)
    }

    /// `full` normally, `quick` with `--quick`.
    pub fn size(&self, full: usize, quick: usize) -> usize {
        if self.quick { quick } else { full }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // Thousands of websockets: as many descriptors as allowed (lifeosd inherits the limit).
    if let Err(e) = crowd::raise_fd_limit() {
        eprintln!("could not raise RLIMIT_NOFILE: {e}");
    }
    let mut report = report::Report::default();
    if args.runs("ceiling") {
        ceiling::run(&args, &mut report).await?;
    }
    if args.runs("baseline") {
        baseline::run(&args, &mut report)?;
    }
    if args.runs("commands") {
        commands::run(&args, &mut report).await?;
    }
    if args.runs("rebuild") {
        rebuild::run(&args, &mut report).await?;
    }
    if args.runs("lag") {
        lag::run(&args, &mut report).await?;
    }
    if args.runs("sync") {
        sync::run(&args, &mut report).await?;
    }
    // bulk writes: push rate, bytes per create, retention
    if args.runs("push") {
        push::run(&args, &mut report).await?;
    }
    // Reads at scale, write cost vs projections, the trickle (issue 15, reads part).
    if args.runs("list") {
        list::run(&args, &mut report).await?;
    }
    if args.runs("projections") {
        projections::run(&args, &mut report).await?;
    }
    if args.runs("lanes") {
        lanes::run(&args, &mut report).await?;
    }
    if args.runs("trickle") {
        trickle::run(&args, &mut report).await?;
    }
    // Finance: bank-file import, accounts and budget reads at 10k vs 100k transactions.
    if args.runs("finance") {
        finance::run(&args, &mut report).await?;
    }
    report.print();
    let path = report.write_json()?;
    println!("results: {}", path.display());
    Ok(())
}
