//! Scheduled transactions, materialised by the **server** (devices never do): every tick, each
//! live, unpaused `ScheduledTransaction`'s occurrences from `startsOn` through today in its
//! time zone (at most `recurrence::MAX_OCCURRENCES`, never past `endsOn`) become Transactions
//! at a deterministic id per (schedule, occurrence date), source `SCHEDULE`, external id
//! `"{schedule}/{date}"`. Each is created through the write path like any command — its
//! existence checked on the write side, so a crash between two creates, a restart, or two
//! `lifeosd` nodes ticking at once create each occurrence exactly once (the second writer loses
//! the append race, is decided again, and finds it). An occurrence the ledger refuses (a
//! closed account) is logged and tried again next tick.
//!
//! Must never: create an occurrence whose local day has not begun, or read the clock other
//! than through `Services`.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use lifeos_domain::entity::EntityCommand;
use lifeos_domain::finance::recurrence;
use lifeos_domain::finance::transaction::TransactionKind;
use lifeos_domain::ids::natural_id;
use lifeos_events::EventMetadata;
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::commands::staging::{CommitError, Staging};
use crate::commands::{entity_error, entity_stream, references, rules, MAX_ATTEMPTS};
use crate::error::ApiError;
use crate::state::AppContext;

/// The actor recorded on the transactions the scheduler creates.
pub const ACTOR: &str = "lifeosd:scheduler";

/// One schedule as the kernel row holds it.
#[derive(sqlx::FromRow)]
struct Schedule {
    workspace_id: String,
    id: String,
    rrule: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    time_zone: Option<String>,
    payee_id: Option<String>,
    memo: String,
    postings: Value,
}

/// What one tick did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    pub created: usize,
    pub refused: usize,
}

/// Runs [`materialise_due`] every `interval` until the task is aborted.
pub fn spawn(ctx: Arc<AppContext>, interval: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match materialise_due(&ctx).await {
                Ok(tick) if tick.created > 0 => tracing::info!(created = tick.created, refused = tick.refused, "scheduled transactions created"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e.server_error().message, "scheduled transactions: tick failed"),
            }
            tokio::time::sleep(interval).await;
        }
    })
}

/// Creates every due occurrence not created yet.
pub async fn materialise_due(ctx: &AppContext) -> Result<Tick, ApiError> {
    let schedules: Vec<Schedule> = sqlx::query_as(
        "SELECT workspace_id, id, rrule, starts_on, ends_on, time_zone, payee_id, memo, postings
           FROM scheduled_transactions WHERE deleted_at IS NULL AND NOT paused ORDER BY workspace_id, id",
    )
    .fetch_all(&ctx.pool)
    .await?;
    let now = ctx.services.clock.now();
    let mut tick = Tick::default();
    for schedule in schedules {
        let zone: chrono_tz::Tz = schedule.time_zone.as_deref().and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::UTC);
        let today = now.with_timezone(&zone).date_naive();
        let through = schedule.ends_on.map_or(today, |end| end.min(today));
        let Ok(days) = recurrence::occurrences(&schedule.rrule, schedule.starts_on, schedule.starts_on, through) else { continue };
        let ids: Vec<String> = days.iter().map(|d| occurrence_id(&schedule, *d)).collect();
        // Those already projected need no write-side look.
        let projected: Vec<String> = sqlx::query_scalar("SELECT id FROM transactions WHERE workspace_id = $1 AND id = ANY($2)")
            .bind(&schedule.workspace_id)
            .bind(&ids)
            .fetch_all(&ctx.pool)
            .await?;
        for (day, id) in days.into_iter().zip(ids) {
            if projected.contains(&id) {
                continue;
            }
            match create(ctx, &schedule, day, &id).await {
                Ok(true) => tick.created += 1,
                Ok(false) => {}
                Err(e) => {
                    tick.refused += 1;
                    tracing::warn!(schedule = %schedule.id, %day, error = ?e.server_error().message, "a scheduled transaction was refused");
                }
            }
        }
    }
    Ok(tick)
}

fn occurrence_id(schedule: &Schedule, day: NaiveDate) -> String {
    natural_id("ScheduledOccurrence", &schedule.workspace_id, &[&schedule.id, &day.format("%Y-%m-%d").to_string()])
}

/// Creates one occurrence unless it exists (false).
async fn create(ctx: &AppContext, schedule: &Schedule, day: NaiveDate, id: &str) -> Result<bool, ApiError> {
    let meta = EventMetadata { workspace_id: schedule.workspace_id.clone(), actor: ACTOR.to_owned(), request_id: String::new(), client_id: None };
    let metadata = meta.to_json();
    let loaders = &ctx.commands.loaders;
    let stream = entity_stream(&schedule.workspace_id, id);
    let date = day.format("%Y-%m-%d").to_string();
    let fields = json!({"date": date, "payeeId": schedule.payee_id, "memo": schedule.memo, "postings": schedule.postings,
                        "source": "SCHEDULE", "externalId": format!("{}/{date}", schedule.id)});
    let fields = fields.as_object().cloned().unwrap_or_default();
    for _ in 0..MAX_ATTEMPTS {
        let mut staging = Staging::default();
        let entity = staging.entity::<TransactionKind>(loaders, &stream).await?;
        if entity.exists() {
            return Ok(false);
        }
        let current = entity.fields.clone();
        references::check_write::<TransactionKind>(&mut staging, loaders, &schedule.workspace_id, ACTOR, Some(&fields), &current).await?;
        let command = EntityCommand::Create { workspace_id: schedule.workspace_id.clone(), id: id.to_owned(), fields: fields.clone(), at: ctx.services.clock.now() };
        let entity = staging.staged::<TransactionKind>(&stream).ok_or_else(|| ApiError::internal("staged entity vanished", &stream))?;
        let events = entity.decide(command).map_err(|e| entity_error(&e))?;
        rules::check::<TransactionKind>(&mut staging, loaders, &stream, &events, &metadata).await?;
        staging.append::<TransactionKind>(&stream, events, &metadata)?;
        match staging.commit_alone(&ctx.pool).await {
            Ok(_) => return Ok(true),
            Err(CommitError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Conflict { message: "the schedule's accounts changed concurrently".into(), current_version: None })
}
