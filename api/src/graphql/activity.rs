//! `activityDaily`: the analytics projection — per UTC day and entity type, how many entities
//! were created, updated and deleted in the current workspace.

use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;

use super::app;
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;

#[derive(SimpleObject, sqlx::FromRow)]
pub struct ActivityDay {
    pub day: NaiveDate,
    pub entity_type: String,
    pub created: i64,
    pub updated: i64,
    pub deleted: i64,
}

#[derive(Default)]
pub struct ActivityQuery;

#[Object]
impl ActivityQuery {
    /// Days in `[from, to]` (both optional), oldest first.
    #[graphql(guard = "WorkspaceRole(Access::Read)", complexity = "super::cost::days(from, to, child_complexity)")]
    async fn activity_daily(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<ActivityDay>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        for (field, day) in [("from", &from), ("to", &to)] {
            day.as_ref().map_or(Ok(()), |d| lifeos_domain::values::date(field, d)).map_err(ApiError::from)?;
        }
        let rows = sqlx::query_as(
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
        Ok(rows)
    }
}
