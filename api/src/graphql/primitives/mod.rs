//! The primitives over GraphQL (notes, tasks, people, places, links): their generated
//! operations (`kinds`) merged with the custom ones — `completeTask` / `reopenTask`, and
//! Link's (`links.rs`).

mod links;

use async_graphql::{Context, MergedObject, Object};
use lifeos_domain::task::TaskKind;

use super::kinds::inputs::versioned_input;
use super::kinds::operations::{change, Change};
use super::kinds::task::Task;
use super::kinds::{PrimitivesKindMutation, PrimitivesKindQuery};
use crate::auth::{Access, WorkspaceRole};

#[derive(MergedObject, Default)]
pub struct PrimitivesQuery(PrimitivesKindQuery, links::LinkQuery);

#[derive(MergedObject, Default)]
pub struct PrimitivesMutation(PrimitivesKindMutation, TaskTransitions, links::LinkMutation);

versioned_input!(
    /// Which task to complete, at which version.
    CompleteTaskInput
);
versioned_input!(
    /// Which task to reopen, at which version.
    ReopenTaskInput
);

#[derive(Default)]
pub struct TaskTransitions;

#[Object]
impl TaskTransitions {
    /// Mark done: status DONE, `completedAt` = now.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn complete_task(&self, ctx: &Context<'_>, #[graphql(desc = "The task and its current version.")] input: CompleteTaskInput) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &input.id, Some(input.expected_version), Change::Transition("Completed")).await
    }

    /// Back to OPEN, clearing `completedAt`.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn reopen_task(&self, ctx: &Context<'_>, #[graphql(desc = "The task and its current version.")] input: ReopenTaskInput) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &input.id, Some(input.expected_version), Change::Transition("Reopened")).await
    }
}
