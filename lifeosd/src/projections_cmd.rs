//! `lifeosd projections status|retry|skip`: what an operator sees of the projections and how
//! they bring a parked stream back. `status` reads the tables (it works beside a running
//! server); `retry` and `skip` submit repair requests, which the projection's own projector
//! carries out in feed order (wherever it runs) — this command never writes read tables.

use clap::{Args, Subcommand, ValueEnum};
use lifeos_projections::repair::{RepairAction, RepairRequest};
use lifeos_projections::status::{self, ProjectionStatus};
use lifeos_replay::audit::cursor;
use sqlx::PgPool;

use crate::config::{DatabaseCommand, LogFormat};
use crate::output::summary;

#[derive(Args)]
pub struct ProjectionsArgs {
    #[command(subcommand)]
    pub action: ProjectionsAction,
    #[command(flatten)]
    pub settings: DatabaseCommand,
}

#[derive(Subcommand, Clone)]
pub enum ProjectionsAction {
    /// Each projection's position, lag and parked streams (with the error and held events).
    Status {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Applies a parked stream again from its parked event (after a release with a correction).
    Retry(Target),
    /// Leaves a parked stream's parked event out and applies the events held after it.
    Skip(Target),
}

/// Which parked streams: one (`--stream`), or every one (`--all`), of one projection or all.
#[derive(Args, Clone)]
pub struct Target {
    /// Only this projection's parked streams.
    #[arg(long)]
    pub projection: Option<String>,
    /// The stream (its id as `status` prints it, e.g. `W…:N…`).
    #[arg(long, required_unless_present = "all", conflicts_with = "all")]
    pub stream: Option<String>,
    /// Every parked stream (of `--projection`, if given).
    #[arg(long)]
    pub all: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub async fn run(pool: &PgPool, action: ProjectionsAction, format: LogFormat) -> anyhow::Result<()> {
    match action {
        ProjectionsAction::Status { format } => {
            let statuses = status::read(pool).await?;
            match format {
                Format::Table => print!("{}", table(&statuses)),
                Format::Json => println!("{}", serde_json::to_string_pretty(&json(&statuses))?),
            }
            Ok(())
        }
        ProjectionsAction::Retry(target) => request(pool, &target, RepairAction::Retry, format).await,
        ProjectionsAction::Skip(target) => request(pool, &target, RepairAction::Skip, format).await,
    }
}

async fn request(pool: &PgPool, target: &Target, action: RepairAction, format: LogFormat) -> anyhow::Result<()> {
    let statuses = status::read(pool).await?;
    let actor = format!("operator:{}", std::env::var("USER").unwrap_or_else(|_| "lifeosd".to_owned()));
    let mut submitted = 0;
    for s in statuses.iter().filter(|s| target.projection.as_deref().is_none_or(|p| p == s.projection)) {
        for parked in s.parked.iter().filter(|p| target.all || target.stream.as_deref() == Some(p.aggregate_id.as_str())) {
            let request = RepairRequest {
                projection: s.projection.clone(),
                aggregate_type: parked.aggregate_type.clone(),
                aggregate_id: parked.aggregate_id.clone(),
                action,
            };
            request.submit(pool, &parked.workspace_id, &ulid::Ulid::new().to_string(), &actor).await?;
            summary(format, &format!("requested: {action:?} {} {}/{}", s.projection, parked.aggregate_type, parked.aggregate_id));
            submitted += 1;
        }
    }
    if submitted == 0 {
        anyhow::bail!("no parked stream matches (see `lifeosd projections status`)");
    }
    summary(format, &format!("{submitted} repair request(s) submitted; the projectors apply them in feed order"));
    Ok(())
}

fn table(statuses: &[ProjectionStatus]) -> String {
    let mut out = format!("{:<16} {:>24} {:>8} {:>7}\n", "PROJECTION", "POSITION", "LAG", "PARKED");
    for s in statuses {
        out += &format!("{:<16} {:>24} {:>8} {:>7}\n", s.projection, cursor(s.position), s.lag, s.parked.len());
    }
    for s in statuses {
        for p in &s.parked {
            out += &format!(
                "\nparked: {} {}/{} at #{} ({} at {}), {} held, {} attempt(s), since {}\n  error: {}\n",
                s.projection,
                p.aggregate_type,
                p.aggregate_id,
                p.sequence,
                p.event_type,
                cursor(p.position),
                p.held,
                p.attempts,
                p.parked_at.to_rfc3339(),
                p.error
            );
        }
    }
    out
}

fn json(statuses: &[ProjectionStatus]) -> serde_json::Value {
    statuses
        .iter()
        .map(|s| {
            let parked: Vec<serde_json::Value> = s
                .parked
                .iter()
                .map(|p| {
                    serde_json::json!({"workspaceId": p.workspace_id, "aggregateType": p.aggregate_type,
                        "stream": p.aggregate_id, "sequence": p.sequence, "position": cursor(p.position),
                        "eventType": p.event_type, "error": p.error, "attempts": p.attempts, "held": p.held,
                        "parkedAt": p.parked_at.to_rfc3339()})
                })
                .collect();
            serde_json::json!({"projection": s.projection, "position": cursor(s.position), "lag": s.lag, "parked": parked})
        })
        .collect()
}
