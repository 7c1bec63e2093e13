//! The habits domain over GraphQL: the generic operations of `Habit`, `CheckIn` and `Pause`
//! (generated from their declarations), and the reads of the `habit_stats` projection —
//! `habitHistory` (per-day entries, score and streak over a range: a calendar month is one
//! call) and `habitsToday` (every habit with today's entry, score and streak). "Today" is
//! the caller's local day: their `Settings` time zone and day-start hour, at the server's clock.

use async_graphql::{Context, MergedObject, Object, SimpleObject, ID};
use chrono::NaiveDate;
use lifeos_domain::habits::day::local_day;
use lifeos_domain::habits::habit::HabitKind;
use lifeos_projections::habits::{history, HabitDay as Day};

use super::kinds::{HabitsKindMutation, HabitsKindQuery};
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::kinds::habit::{Habit, HabitOrder};
use crate::graphql::kinds::list::{page, KindFilter, ListArgs};
use crate::graphql::scalars::Date;

#[derive(MergedObject, Default)]
pub struct HabitsQuery(HabitsKindQuery, HabitStatsQuery);

#[derive(MergedObject, Default)]
pub struct HabitsMutation(HabitsKindMutation);

/// The longest range one `habitHistory` answers.
const MAX_DAYS: i64 = 3_700;
/// The most habits `habitsToday` answers.
const MAX_HABITS: i32 = 500;

#[derive(Default)]
pub struct HabitStatsQuery;

/// One day of a habit.
#[derive(SimpleObject, Clone)]
pub struct HabitDay {
    /// The local day.
    pub date: Date,
    /// The day's check-in (`YES`, `NO`, `SKIP`, `VALUE`); null: none.
    pub state: Option<String>,
    /// A measurable habit's value that day (a decimal string).
    pub value: Option<String>,
    /// Habit strength from 0 to 1 (Loop Habit Tracker's score).
    pub score: f64,
    /// The streak as of this day: days, or periods for an N-per-period habit.
    pub streak: i32,
    /// The longest streak up to this day.
    pub best_streak: i32,
    /// Whether the day (or its period so far) is met; null when neutral (skipped, paused, not scheduled).
    pub met: Option<bool>,
    /// Whether a pause covers the day.
    pub paused: bool,
}

impl From<Day> for HabitDay {
    fn from(d: Day) -> Self {
        Self { date: Date(d.date), state: d.state, value: d.value, score: d.score, streak: d.streak, best_streak: d.best_streak, met: d.met, paused: d.paused }
    }
}

/// A habit with today's figures.
#[derive(SimpleObject, Clone)]
pub struct HabitToday {
    #[graphql(flatten)]
    pub habit: Habit,
    /// The caller's local day.
    pub today: Date,
    /// Today's check-in state; null: not checked in yet.
    pub today_state: Option<String>,
    /// Today's value (measurable habits).
    pub today_value: Option<String>,
    /// Today's score, or — not checked in yet — the score at the end of yesterday.
    pub score: f64,
    /// The current streak: today's, or — not checked in yet — yesterday's (a day not over breaks nothing).
    pub streak: i32,
    /// The longest streak so far.
    pub best_streak: i32,
}

/// The caller's local day now.
async fn today(ctx: &Context<'_>, workspace_id: &str, user_id: &str) -> async_graphql::Result<NaiveDate> {
    let app = app(ctx)?;
    let settings_id = lifeos_domain::ids::natural_id("Settings", workspace_id, &[user_id]);
    let row: Option<(Option<String>, i32)> =
        sqlx::query_as("SELECT time_zone, day_start_hour FROM settings WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL")
            .bind(workspace_id)
            .bind(&settings_id)
            .fetch_optional(&app.pool)
            .await
            .map_err(ApiError::from)?;
    let (zone, hour) = row.unwrap_or((None, 0));
    let zone = zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok()).unwrap_or(chrono_tz::UTC);
    Ok(local_day(app.services.clock.now(), zone, hour))
}

#[Object]
impl HabitStatsQuery {
    /// A habit's days from `from` through `to` (at most 3,700; none before its first check-in
    /// or after your today): each day's entry, score, streak and whether it was met.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn habit_history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The habit.")] habit_id: ID,
        #[graphql(desc = "The first day.")] from: Date,
        #[graphql(desc = "The last day (inclusive; at most your today is answered).")] to: Date,
    ) -> async_graphql::Result<Vec<HabitDay>> {
        if to.0 < from.0 {
            return Err(ApiError::validation("to", "must not be before from").into());
        }
        if (to.0 - from.0).num_days() >= MAX_DAYS {
            return Err(ApiError::validation("to", format!("a range spans at most {MAX_DAYS} days")).into());
        }
        let habit = lifeos_domain::values::parse_ulid(&habit_id).ok_or_else(|| ApiError::validation("habitId", "must be a ULID"))?.to_string();
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let today = today(ctx, workspace_id, &user.user_id).await?;
        let mut conn = app(ctx)?.pool.acquire().await.map_err(ApiError::from)?;
        let days = history(&mut conn, workspace_id, &habit, from.0, to.0, today).await.map_err(|e| ApiError::internal("habit history", e))?;
        Ok(days.into_iter().map(HabitDay::from).collect())
    }

    /// Every habit (archived ones if asked) with today's entry, score and streak, oldest first.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn habits_today(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false, desc = "Include archived habits.")] include_archived: bool,
    ) -> async_graphql::Result<Vec<HabitToday>> {
        let mut filter = KindFilter::<HabitKind>::default();
        if !include_archived {
            filter = filter.with("archived", async_graphql::Value::Boolean(false));
        }
        let args = ListArgs {
            first: Some(MAX_HABITS),
            after: None,
            last: None,
            before: None,
            filter,
            order: HabitOrder::ordering(None),
            include_deleted: false,
            extra: Vec::new(),
        };
        let habits = page::<HabitKind, Habit>(ctx, args).await?;
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let today = today(ctx, workspace_id, &user.user_id).await?;
        let yesterday = today.pred_opt().unwrap_or(today);
        let mut conn = app(ctx)?.pool.acquire().await.map_err(ApiError::from)?;
        let mut out = Vec::with_capacity(habits.edges.len());
        for edge in habits.edges {
            let id = edge.node.kernel.id.to_string();
            let days = history(&mut conn, workspace_id, &id, yesterday, today, today).await.map_err(|e| ApiError::internal("habits today", e))?;
            let of_today = days.iter().find(|d| d.date == today);
            let shown = of_today.filter(|d| d.state.is_some()).or_else(|| days.iter().find(|d| d.date == yesterday));
            out.push(HabitToday {
                habit: edge.node,
                today: Date(today),
                today_state: of_today.and_then(|d| d.state.clone()),
                today_value: of_today.and_then(|d| d.value.clone()),
                score: shown.map_or(0.0, |d| d.score),
                streak: shown.map_or(0, |d| d.streak),
                best_streak: days.iter().map(|d| d.best_streak).max().unwrap_or(0),
            });
        }
        Ok(out)
    }
}
