//! `activityDaily`: the analytics projection — per UTC day and entity type, how many entities
//! were created, updated and deleted in the current workspace.

use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;

use super::app;
use super::entity_type::EntityType;
use super::scalars::Date;
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;

/// What happened to one kind of entity in the workspace on one UTC day.
#[derive(SimpleObject)]
pub struct ActivityDay {
    /// The UTC day.
    pub day: Date,
    /// The kind of entity counted.
    pub entity_type: EntityType,
    /// Entities of this kind created that day.
    pub created: i64,
    /// Updates (including transitions such as completing a task) that day.
    pub updated: i64,
    /// Soft deletes that day.
    pub deleted: i64,
}

/// A row of `activity_daily`.
type DayRow = (NaiveDate, String, i64, i64, i64);

impl TryFrom<DayRow> for ActivityDay {
    type Error = ApiError;

    fn try_from((day, entity_type, created, updated, deleted): DayRow) -> Result<Self, ApiError> {
        Ok(Self { day: Date(day), entity_type: EntityType::stored(&entity_type)?, created, updated, deleted })
    }
}

#[derive(Default)]
pub struct ActivityQuery;

#[Object]
impl ActivityQuery {
    /// Per UTC day and kind, how many entities of the current workspace were created,
    /// updated and deleted, for the days in `[from, to]` (both optional, inclusive), oldest
    /// first; days without activity are left out.
    #[graphql(guard = "WorkspaceRole(Access::Read)", complexity = "super::cost::days(from, to, child_complexity)")]
    async fn activity_daily(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The first day to include (UTC).")] from: Option<Date>,
        #[graphql(desc = "The last day to include (UTC).")] to: Option<Date>,
    ) -> async_graphql::Result<Vec<ActivityDay>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let (from, to) = (from.map(|d| d.0), to.map(|d| d.0));
        for (field, day) in [("from", &from), ("to", &to)] {
            day.as_ref().map_or(Ok(()), |d| lifeos_domain::values::date(field, d)).map_err(ApiError::from)?;
        }
        let rows: Vec<DayRow> = sqlx::query_as(
            "SELECT day, entity_type, created, updated, deleted FROM activity_daily
              WHERE workspace_id = $1 AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)
              ORDER BY day, entity_type",
        )
        .bind(workspace_id)
        .bind(from)
        .bind(to)
        .fetch_all(&app(ctx)?.pool)
        .await
        .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(ActivityDay::try_from).collect::<Result<_, _>>()?)
    }
}
