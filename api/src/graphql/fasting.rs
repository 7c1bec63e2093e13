//! The fasting domain over GraphQL: the generic operations of `Fast` (a second running fast,
//! or an edit making two overlap, is `CONFLICT` on `startedAt`: the `FastLog` rule) and
//! `currentFast` — your running fast with its elapsed time, goal progress and fasting zone.

use async_graphql::{Context, Enum, MergedObject, Object, SimpleObject, ID};
use rust_decimal::prelude::ToPrimitive;

use super::kinds::{FastingKindMutation, FastingKindQuery};
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::kinds::fast::Fast;
use crate::graphql::kinds::operations::get;
use lifeos_domain::fasting::fast::{FastKind, FastProtocol};

#[derive(MergedObject, Default)]
pub struct FastingQuery(FastingKindQuery, CurrentFastQuery);

#[derive(MergedObject, Default)]
pub struct FastingMutation(FastingKindMutation);

/// Where a fast is by its elapsed hours (the zones fasting trackers show).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum FastingZone {
    /// 0–4 h: digesting.
    Anabolic,
    /// 4–16 h: blood sugar falls.
    Catabolic,
    /// 16–24 h.
    FatBurning,
    /// 24–72 h.
    Ketosis,
    /// 72 h and more.
    DeepKetosis,
}

impl FastingZone {
    fn of(hours: f64) -> Self {
        match hours {
            h if h < 4.0 => FastingZone::Anabolic,
            h if h < 16.0 => FastingZone::Catabolic,
            h if h < 24.0 => FastingZone::FatBurning,
            h if h < 72.0 => FastingZone::Ketosis,
            _ => FastingZone::DeepKetosis,
        }
    }
}

/// A running fast and where it stands now.
#[derive(SimpleObject, Clone)]
pub struct CurrentFast {
    /// The fast.
    pub fast: Fast,
    /// Hours since it started.
    pub elapsed_hours: f64,
    /// The goal in hours (the protocol's, or `goalHours`).
    pub goal_hours: Option<String>,
    /// `elapsedHours / goal`, from 0 (may pass 1).
    pub progress: Option<f64>,
    /// The fasting zone by elapsed hours.
    pub zone: FastingZone,
}

/// A running fast's id, start, protocol and goal hours.
type RunningRow = (String, Option<chrono::DateTime<chrono::Utc>>, String, Option<String>);

#[derive(Default)]
pub struct CurrentFastQuery;

#[Object]
impl CurrentFastQuery {
    /// Your running fast in this workspace (null when none runs).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn current_fast(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CurrentFast>> {
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let app = app(ctx)?;
        let running: Option<RunningRow> = sqlx::query_as(
            "SELECT id, started_at, protocol, goal_hours FROM fasts
              WHERE workspace_id = $1 AND user_id = $2 AND ended_at IS NULL AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1",
        )
        .bind(workspace_id)
        .bind(&user.user_id)
        .fetch_optional(&app.pool)
        .await
        .map_err(ApiError::from)?;
        let Some((id, started, protocol, goal_hours)) = running else { return Ok(None) };
        let Some(fast) = get::<FastKind, Fast>(ctx, &ID(id)).await? else { return Ok(None) };
        let protocol: FastProtocol = serde_json::from_value(serde_json::Value::String(protocol)).unwrap_or_default();
        let goal = protocol.hours().or_else(|| goal_hours.and_then(|g| g.parse::<rust_decimal::Decimal>().ok()));
        let now = app.services.clock.now();
        #[allow(clippy::cast_precision_loss)]
        let elapsed_hours = started.map_or(0.0, |s| (now - s).num_seconds().max(0) as f64 / 3600.0);
        let progress = goal.and_then(|g| g.to_f64()).filter(|g| *g > 0.0).map(|g| elapsed_hours / g);
        Ok(Some(CurrentFast { zone: FastingZone::of(elapsed_hours), elapsed_hours, goal_hours: goal.map(|g| g.to_string()), progress, fast }))
    }
}
