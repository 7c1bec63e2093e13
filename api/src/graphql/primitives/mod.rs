//! The primitives over GraphQL (notes, tasks, people, places, links): their generated
//! operations (`kinds`) merged with the custom ones — `completeTask` / `reopenTask`, and
//! Link's (`links.rs`).

mod links;

use async_graphql::{Context, MergedObject, Object, ID};
use lifeos_domain::task::TaskKind;

use super::kinds::operations::{change, Change};
use super::kinds::task::Task;
use super::kinds::{PrimitivesKindMutation, PrimitivesKindQuery};
use crate::auth::{Access, WorkspaceRole};

#[derive(MergedObject, Default)]
pub struct PrimitivesQuery(PrimitivesKindQuery, links::LinkQuery);

#[derive(MergedObject, Default)]
pub struct PrimitivesMutation(PrimitivesKindMutation, TaskTransitions, links::LinkMutation);

#[derive(Default)]
pub struct TaskTransitions;

#[Object]
impl TaskTransitions {
    /// Mark done: status DONE, `completedAt` = now.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn complete_task(&self, ctx: &Context<'_>, #[graphql(desc = "The entity's id.")] id: ID, #[graphql(desc = "Its current version.")] expected_version: i64) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &id, Some(expected_version), Change::Transition("Completed")).await
    }

    /// Back to OPEN, clearing `completedAt`.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn reopen_task(&self, ctx: &Context<'_>, #[graphql(desc = "The entity's id.")] id: ID, #[graphql(desc = "Its current version.")] expected_version: i64) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &id, Some(expected_version), Change::Transition("Reopened")).await
    }
}
