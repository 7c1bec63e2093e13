//! Projection `habit_stats`: for every habit, each day from its first check-in to its last —
//! Loop's score, the streak and best streak, whether the day (or its period so far) is met,
//! and the day's mark (`habit_days`) — and the fold's state after the last day
//! (`habit_folds`), so a read goes on to today without the history
//! (`lifeos_domain::habits::score`). A write to a habit, one of its check-ins or a pause
//! covering it recomputes that habit's days from its first check-in: a backdated check-in or
//! an edit to a past day re-projects every later day. Paused days count as SKIP.
//!
//! Joins the `live` group (read-your-writes covers a check-in's score). A check-in costs the
//! habit's history (a few thousand rows at most); other domains' writes never reach it.
//!
//! Must never: read the kernel tables or the clock (a rebuild must give the same rows).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::{json, Value};
use sqlx::PgConnection;

use lifeos_domain::habits::habit::{HabitFields, HabitKind};
use lifeos_domain::habits::pause::PauseFields;
use lifeos_domain::habits::score::{Folder, Mark};

use crate::feed::StoredEvent;
use crate::mirror::{Mirror, Mirrored};
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "habit_stats";

/// The kinds whose events it folds.
pub const KINDS: [&str; 3] = ["Habit", "CheckIn", "Pause"];

const MIRROR: Mirror = Mirror::new("habit_entities");

#[derive(Debug, Default, Clone, Copy)]
pub struct HabitStatsProjection;

impl Projection for HabitStatsProjection {
    fn name(&self) -> &str {
        NAME
    }

    fn tables(&self) -> Vec<&'static str> {
        vec!["habit_entities", "habit_days", "habit_folds"]
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(KINDS.to_vec())
    }

    /// A habit's days fold all its check-ins' streams: one writer.
    fn partitionable(&self) -> bool {
        false
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        let events: Vec<&StoredEvent> = events.iter().filter(|e| KINDS.contains(&e.aggregate_type.as_str())).collect();
        if events.is_empty() {
            return Ok(());
        }
        let (before, after) = MIRROR.apply(tx, &events).await?;
        let mut touched: BTreeSet<(String, String)> = BTreeSet::new();
        let mut every_habit_of: BTreeSet<String> = BTreeSet::new();
        for snapshot in [&before, &after] {
            for ((workspace, kind, id), entity) in snapshot {
                match kind.as_str() {
                    "Habit" => {
                        touched.insert((workspace.clone(), id.clone()));
                    }
                    "CheckIn" => touched.extend(entity.text("habitId").map(|h| (workspace.clone(), h.to_owned()))),
                    _ => match entity.text("habitId") {
                        Some(habit) => {
                            touched.insert((workspace.clone(), habit.to_owned()));
                        }
                        None => {
                            every_habit_of.insert(workspace.clone());
                        }
                    },
                }
            }
        }
        let workspaces: Vec<String> = every_habit_of.into_iter().collect();
        for (workspace, habit) in MIRROR.load_kind(tx, &workspaces, "Habit").await?.into_keys() {
            touched.insert((workspace, habit));
        }
        for (workspace, habit) in touched {
            recompute(tx, &workspace, &habit).await?;
        }
        Ok(())
    }
}

/// A mirrored habit's typed fields (None: not a habit this release can read).
fn habit_fields(entity: &Mirrored) -> Option<HabitFields> {
    let mut all = lifeos_domain::entity::defaults::<HabitKind>().ok()?;
    all.extend(entity.live()?.clone());
    serde_json::from_value(Value::Object(all)).ok()
}

fn pause_fields(entity: &Mirrored) -> Option<PauseFields> {
    serde_json::from_value(Value::Object(entity.live()?.clone())).ok()
}

/// A live check-in's day and mark.
fn check_in(entity: &Mirrored) -> Option<(NaiveDate, Mark, Option<String>)> {
    let fields = entity.live()?;
    let date = NaiveDate::parse_from_str(fields.get("date")?.as_str()?, "%Y-%m-%d").ok()?;
    let value = fields.get("value").and_then(Value::as_str).map(str::to_owned);
    let mark = match fields.get("state").and_then(Value::as_str).unwrap_or("YES") {
        "YES" => Mark::Yes,
        "NO" => Mark::No,
        "SKIP" => Mark::Skip,
        _ => Mark::Value(value.as_deref().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)),
    };
    Some((date, mark, value))
}

fn state_name(mark: Mark) -> Option<&'static str> {
    match mark {
        Mark::Unknown => None,
        Mark::Yes => Some("YES"),
        Mark::No => Some("NO"),
        Mark::Skip => Some("SKIP"),
        Mark::Value(_) => Some("VALUE"),
    }
}

/// Recomputes one habit's days and fold state (or removes them: no habit, no check-ins).
async fn recompute(tx: &mut PgConnection, workspace: &str, habit: &str) -> Result<(), ProjectionError> {
    sqlx::query("DELETE FROM habit_days WHERE workspace_id = $1 AND habit_id = $2").bind(workspace).bind(habit).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM habit_folds WHERE workspace_id = $1 AND habit_id = $2").bind(workspace).bind(habit).execute(&mut *tx).await?;
    let key = (workspace.to_owned(), "Habit".to_owned(), habit.to_owned());
    let Some(fields) = MIRROR.load(tx, std::slice::from_ref(&key)).await?.get(&key).and_then(habit_fields) else {
        return Ok(());
    };
    let entries: BTreeMap<NaiveDate, (Mark, Option<String>)> = MIRROR
        .load_by(tx, workspace, "CheckIn", "habitId", habit)
        .await?
        .values()
        .filter_map(check_in)
        .map(|(date, mark, value)| (date, (mark, value)))
        .collect();
    let (Some(first), Some(last)) = (entries.keys().next().copied(), entries.keys().next_back().copied()) else {
        return Ok(());
    };
    let pauses: Vec<PauseFields> = MIRROR.load_kind(tx, &[workspace.to_owned()], "Pause").await?.values().filter_map(pause_fields).collect();
    let rule = fields.rule();
    let mut folder = Folder::new(&rule, first);
    let mut rows = Vec::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let (mark, value) = entries.get(&date).cloned().unwrap_or((Mark::Unknown, None));
        let folded = if pauses.iter().any(|p| p.covers(habit, date)) { Mark::Skip } else { mark };
        let day = folder.push(&rule, folded);
        rows.push(json!({
            "workspace_id": workspace, "habit_id": habit, "date": date, "score": day.score,
            "streak": day.streak, "best_streak": day.best_streak, "met": day.met,
            "state": state_name(mark), "value": value,
        }));
    }
    sqlx::query("INSERT INTO habit_days SELECT * FROM jsonb_populate_recordset(NULL::habit_days, $1)")
        .bind(Value::Array(rows))
        .execute(&mut *tx)
        .await?;
    let fold = serde_json::to_value(&folder).map_err(|e| ProjectionError::Invariant(format!("habit fold state: {e}")))?;
    sqlx::query("INSERT INTO habit_folds (workspace_id, habit_id, first_day, last_day, fold) VALUES ($1, $2, $3, $4, $5)")
        .bind(workspace)
        .bind(habit)
        .bind(first)
        .bind(last)
        .bind(fold)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// A `habit_days` row: date, state, value, score, streak, best streak, met.
type DayRow = (NaiveDate, Option<String>, Option<String>, f64, i32, i32, Option<bool>);

/// One day of a habit as reads show it.
#[derive(Debug, Clone, PartialEq)]
pub struct HabitDay {
    pub date: NaiveDate,
    /// The day's check-in state (`YES`, `NO`, `SKIP`, `VALUE`); None: no check-in.
    pub state: Option<String>,
    pub value: Option<String>,
    /// Habit strength, 0.0–1.0 (Loop's score).
    pub score: f64,
    pub streak: i32,
    pub best_streak: i32,
    /// Whether the day (or its period so far) is met; None: neutral (skipped, paused, unscheduled).
    pub met: Option<bool>,
    /// Whether a pause covers the day.
    pub paused: bool,
}

/// The days of `habit` from `from` through `to` (inclusive), none before its first check-in or
/// after `today`: the stored days, then — past the last check-in — the stored fold continued
/// with empty (or paused) days, so the score decays and a streak ends as it would with the
/// history, without reading it. A habit with no check-ins has no days.
pub async fn history(conn: &mut PgConnection, workspace: &str, habit: &str, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<HabitDay>, ProjectionError> {
    let to = to.min(today);
    let stored: Option<(NaiveDate, NaiveDate, Value)> =
        sqlx::query_as("SELECT first_day, last_day, fold FROM habit_folds WHERE workspace_id = $1 AND habit_id = $2")
            .bind(workspace)
            .bind(habit)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((_, last_day, fold)) = stored else { return Ok(Vec::new()) };
    let pauses: Vec<PauseFields> = MIRROR.load_kind(conn, &[workspace.to_owned()], "Pause").await?.values().filter_map(pause_fields).collect();
    let paused = |date: NaiveDate| pauses.iter().any(|p| p.covers(habit, date));
    let rows: Vec<DayRow> = sqlx::query_as(
        "SELECT date, state, value, score, streak, best_streak, met FROM habit_days
          WHERE workspace_id = $1 AND habit_id = $2 AND date BETWEEN $3 AND $4 ORDER BY date",
    )
    .bind(workspace)
    .bind(habit)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut days: Vec<HabitDay> = rows
        .into_iter()
        .map(|(date, state, value, score, streak, best_streak, met)| HabitDay { date, state, value, score, streak, best_streak, met, paused: paused(date) })
        .collect();
    if to > last_day {
        let key = (workspace.to_owned(), "Habit".to_owned(), habit.to_owned());
        let fields = MIRROR.load(conn, std::slice::from_ref(&key)).await?.get(&key).and_then(habit_fields);
        let folder: Option<Folder> = serde_json::from_value(fold).ok();
        if let (Some(fields), Some(mut folder)) = (fields, folder) {
            let rule = fields.rule();
            while folder.next <= to {
                let date = folder.next;
                let day = folder.push(&rule, if paused(date) { Mark::Skip } else { Mark::Unknown });
                if date >= from {
                    days.push(HabitDay {
                        date,
                        state: None,
                        value: None,
                        score: day.score,
                        streak: i32::try_from(day.streak).unwrap_or(i32::MAX),
                        best_streak: i32::try_from(day.best_streak).unwrap_or(i32::MAX),
                        met: day.met,
                        paused: paused(date),
                    });
                }
            }
        }
    }
    Ok(days)
}
