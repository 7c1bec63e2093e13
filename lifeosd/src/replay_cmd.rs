//! `lifeosd replay`: an auditor's view from the shell — one entity's history, or the
//! workspace's event log — as a table, a JSON array or NDJSON. Read-only.

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use lifeos_projections::Position;
use lifeos_replay::audit::{self, AuditFilter};
use serde::Serialize;
use sqlx::PgPool;

use crate::config::DatabaseCommand;

#[derive(Args)]
pub struct ReplayArgs {
    /// The workspace whose events to print.
    #[arg(long)]
    pub workspace: String,
    /// Only events recorded at or before this time (RFC 3339).
    #[arg(long)]
    pub until: Option<DateTime<Utc>>,
    /// One entity's history instead of the whole log, as TYPE/ID (e.g. Note/01J…).
    #[arg(long, value_name = "TYPE/ID")]
    pub entity: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub settings: DatabaseCommand,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Ndjson,
}

const PAGE: i64 = 1000;

pub async fn run(pool: &PgPool, args: &ReplayArgs) -> anyhow::Result<()> {
    match &args.entity {
        Some(entity) => {
            let (entity_type, id) =
                entity.split_once('/').ok_or_else(|| anyhow::anyhow!("--entity must be TYPE/ID, e.g. Note/01J…"))?;
            let entries: Vec<_> = lifeos_replay::history(pool, &args.workspace, entity_type, id)
                .await?
                .into_iter()
                .filter(|e| args.until.is_none_or(|until| e.recorded_at <= until))
                .collect();
            let rows = entries.iter().map(|e| {
                let changes: Vec<String> = e.changes.iter().map(|c| format!("{}: {} → {}", c.field, c.before, c.after)).collect();
                [e.version.to_string(), e.event_type.clone(), e.recorded_at.to_rfc3339(), e.actor.clone().unwrap_or_default(), changes.join("; ")]
            });
            print(args.format, &entries, ["VERSION", "EVENT", "RECORDED AT", "ACTOR", "CHANGES"], rows.collect())
        }
        None => {
            let filter = AuditFilter { to: args.until.map(|u| u + chrono::Duration::microseconds(1)), ..AuditFilter::default() };
            let mut records = Vec::new();
            let mut after = Position::default();
            loop {
                let page = audit::log(pool, &args.workspace, &filter, after, PAGE).await?;
                let Some(last) = page.last() else { break };
                after = last.position;
                records.extend(page);
            }
            let rows = records.iter().map(|r| {
                [r.cursor.clone(), format!("{}/{}", r.entity_type, r.entity_id), r.event_type.clone(), r.recorded_at.to_rfc3339(), r.actor.clone().unwrap_or_default()]
            });
            print(args.format, &records, ["CURSOR", "ENTITY", "EVENT", "RECORDED AT", "ACTOR"], rows.collect())
        }
    }
}

fn print<T: Serialize>(format: Format, items: &[T], header: [&str; 5], rows: Vec<[String; 5]>) -> anyhow::Result<()> {
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(items)?),
        Format::Ndjson => {
            for item in items {
                println!("{}", serde_json::to_string(item)?);
            }
        }
        Format::Table => {
            let mut widths = header.map(str::len);
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let line = |cells: [&str; 5]| {
                cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_owned()
            };
            println!("{}", line(header));
            for row in &rows {
                println!("{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]].map(String::as_str)));
            }
        }
    }
    Ok(())
}
