//! `lifeosd rebuild <projection> [--verify]`: a blue/green rebuild from position zero with a
//! progress bar (events/s, ETA) on a terminal, or one `progress:` line per batch otherwise
//! (in json mode, every line is a log line instead: see `output.rs`).

use std::io::IsTerminal;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use lifeos_projections::activity::ActivityDailyProjection;
use lifeos_projections::finance::FinanceProjection;
use lifeos_projections::habits::HabitStatsProjection;
use lifeos_projections::kernel::KernelProjection;
use lifeos_projections::workspaces::WorkspacesProjection;
use lifeos_projections::Projection;
use lifeos_replay::rebuild::{rebuild, Progress, RebuildOptions, RebuildReport};
use sqlx::PgPool;

use crate::config::{DatabaseCommand, LogFormat};
use crate::output::summary;

#[derive(Args)]
pub struct RebuildArgs {
    /// The projection to rebuild.
    #[arg(value_enum)]
    pub projection: ProjectionName,
    /// Compare the rebuilt tables with the live ones (row count + checksum per table).
    #[arg(long)]
    pub verify: bool,
    /// Events per batch (one transaction each).
    #[arg(long, default_value_t = 10_000)]
    pub batch_size: i64,
    /// Parallel catch-up workers, each replaying a hash partition of the entity streams.
    #[arg(long, default_value_t = 2)]
    pub workers: usize,
    #[command(flatten)]
    pub settings: DatabaseCommand,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ProjectionName {
    /// notes, tasks, people, places and sync_log
    Kernel,
    /// workspaces and memberships
    Workspaces,
    /// per-day activity counts (analytics)
    #[value(name = "activity_daily")]
    ActivityDaily,
    /// account balances and daily changes, budget activity and periods, the net-worth series
    /// (one fold: `account_balances`, `budget_periods` and `net_worth` name it too)
    #[value(alias = "account_balances", alias = "budget_periods", alias = "net_worth")]
    Finance,
    /// every habit's days (score, streaks) and fold state
    #[value(name = "habit_stats")]
    HabitStats,
}

pub async fn run(pool: &PgPool, args: &RebuildArgs, format: LogFormat) -> anyhow::Result<()> {
    let options = RebuildOptions { batch_size: args.batch_size, verify: args.verify, workers: args.workers };
    let report = match args.projection {
        ProjectionName::Kernel => run_one(pool, &KernelProjection, options, format).await?,
        ProjectionName::Workspaces => run_one(pool, &WorkspacesProjection, options, format).await?,
        ProjectionName::ActivityDaily => run_one(pool, &ActivityDailyProjection, options, format).await?,
        ProjectionName::Finance => run_one(pool, &FinanceProjection, options, format).await?,
        ProjectionName::HabitStats => run_one(pool, &HabitStatsProjection, options, format).await?,
    };
    let seconds = report.elapsed.as_secs_f64().max(f64::EPSILON);
    #[allow(clippy::cast_precision_loss)]
    let rate = report.events as f64 / seconds;
    summary(format, &format!("rebuilt: {} events in {seconds:.2}s ({rate:.0} events/s), switched in at {:?}", report.events, report.position));
    let Some(checks) = report.checks else { return Ok(()) };
    let mut differences = 0;
    for check in &checks {
        let verdict = if check.matches() { "same" } else { "DIFFERENT" };
        differences += usize::from(!check.matches());
        let line = format!(
            "verify {:<18} live {:>8} rows {}  rebuilt {:>8} rows {}  {verdict}",
            check.table, check.live_rows, check.live_checksum, check.rebuilt_rows, check.rebuilt_checksum
        );
        summary(format, &line);
    }
    summary(format, &format!("verify: {differences} difference(s)"));
    anyhow::ensure!(differences == 0, "verification found {differences} differing table(s); the rebuilt tables are live");
    Ok(())
}

async fn run_one<P: Projection + Clone>(pool: &PgPool, projection: &P, options: RebuildOptions, format: LogFormat) -> anyhow::Result<RebuildReport> {
    let bar = (std::io::stderr().is_terminal() && format == LogFormat::Human).then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} events  {per_sec}  ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let on_progress = |p: Progress| match &bar {
        Some(bar) => {
            bar.set_length(u64::try_from(p.head).unwrap_or(0));
            bar.set_position(p.events);
        }
        None => summary(format, &format!("progress: {} events", p.events)),
    };
    let report = rebuild(pool, projection, options, on_progress).await?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report)
}
