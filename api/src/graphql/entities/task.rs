//! Task: `title`, `notes`, `status`, `priority`, `dueAt`, `completedAt` (set by completing),
//! `parentId` (a task of the same workspace). Plus `completeTask` / `reopenTask`.

use async_graphql::{Context, Enum, InputObject, MaybeUndefined, Object, SimpleObject, ID};
use chrono::{DateTime, Utc};
use lifeos_domain::task::TaskKind;
use serde::{Deserialize, Serialize};

use super::{change, Change, Kernel};
use crate::auth::{Access, WorkspaceRole};

#[derive(Enum, Copy, Clone, Eq, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskStatus {
    Open,
    Done,
    Cancelled,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskPriority {
    None,
    Low,
    Medium,
    High,
}

#[derive(SimpleObject, Deserialize, Clone)]
pub struct Task {
    #[graphql(flatten)]
    #[serde(flatten)]
    pub kernel: Kernel,
    pub title: String,
    pub notes: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub parent_id: Option<ID>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateTaskInput {
    #[serde(skip)]
    pub id: Option<ID>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<TaskPriority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<ID>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateTaskInput {
    #[serde(skip)]
    pub id: ID,
    #[serde(skip)]
    pub expected_version: i64,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub title: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub notes: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub status: MaybeUndefined<TaskStatus>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub priority: MaybeUndefined<TaskPriority>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub due_at: MaybeUndefined<DateTime<Utc>>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub parent_id: MaybeUndefined<ID>,
}

super::entity_resolvers! {
    kind: TaskKind, node: Task, create_input: CreateTaskInput, update_input: UpdateTaskInput,
    query: TaskQuery { one: task, many: tasks },
    mutation: TaskMutation { create: create_task, update: update_task, delete: delete_task, restore: restore_task },
}

#[derive(Default)]
pub struct TaskTransitions;

#[Object]
impl TaskTransitions {
    /// Mark done: status DONE, `completedAt` = now.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn complete_task(&self, ctx: &Context<'_>, id: ID, expected_version: i64) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &id, expected_version, Change::Transition("Completed")).await
    }

    /// Back to OPEN, clearing `completedAt`.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn reopen_task(&self, ctx: &Context<'_>, id: ID, expected_version: i64) -> async_graphql::Result<Task> {
        change::<TaskKind, Task>(ctx, &id, expected_version, Change::Transition("Reopened")).await
    }
}
