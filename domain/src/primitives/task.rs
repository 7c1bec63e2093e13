//! Task: `title`, `notes`, `status`, `priority`, `dueAt`, `completedAt` (set by completing),
//! `parentId` (a task of the same workspace; its existence is checked by the API; no cycles:
//! the `task_tree` rule aggregate). Invariant: status DONE exactly when `completedAt` is set,
//! on every path (GraphQL and push).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{EntityError, EntityKind, FieldError, Fields};
use crate::primitives::task_tree::NoCycles;
use crate::rule::CrossRule;

crate::field_enum! {
    /// Where a task stands.
    pub enum TaskStatus {
        /// Still to do (the default).
        Open,
        /// Done; `completedAt` says when.
        Done,
        /// Given up; no longer to do.
        Cancelled,
    }
}

crate::field_enum! {
    /// How much a task matters.
    pub enum TaskPriority {
        /// No priority set (the default).
        None,
        /// Low priority.
        Low,
        /// Medium priority.
        Medium,
        /// High priority.
        High,
    }
}

/// Task's declaration (see `kind::declare`).
#[macro_export]
macro_rules! task_kind {
    ($then:path) => { $then! {
        /// Something to do; tasks nest by `parentId`.
        kind Task (TaskKind, TaskFields) in primitives { type: "Task", table: "tasks", one: task, many: tasks, api: crud }
        groups []
        key []
        fields {
            /// What to do.
            title: req String [search, filter],
            /// Free-form notes on the task.
            notes: opt String [search],
            /// Where the task stands; setting `DONE` stamps `completedAt`.
            status: opt $crate::primitives::task::TaskStatus [filter],
            /// How much the task matters.
            priority: opt $crate::primitives::task::TaskPriority [filter],
            /// When the task is due, if it has a deadline.
            due_at: opt Option<$crate::values::Timestamp> [filter],
            /// Set by completing (or setting status DONE); cleared by reopening.
            completed_at: ro Option<$crate::values::Timestamp> [filter],
            /// The parent task (same workspace).
            parent_id: opt Option<$crate::values::Id> [references("Task"), filter],
        }
    } };
}
crate::task_kind!(crate::declare_kind);

impl EntityKind for TaskKind {
    fn validate(f: &TaskFields) -> Result<(), FieldError> {
        required_text("title", &f.title, 500)?;
        max_chars("notes", &f.notes, 100_000)?;
        // The invariant every path keeps: a task is DONE exactly when it has a completion time.
        match (f.status, f.completed_at) {
            (TaskStatus::Done, None) => Err(FieldError::new("completedAt", "is required when status is DONE")),
            (TaskStatus::Open | TaskStatus::Cancelled, Some(_)) => {
                Err(FieldError::new("completedAt", "must be null unless status is DONE"))
            }
            _ => Ok(()),
        }
    }

    /// Setting `status` without `completedAt`: to DONE stamps the command's time (unless the
    /// task already is DONE with a time), to any other status clears it — so
    /// `updateTask(status: DONE)` completes, and heals a task stored DONE without a time.
    fn implied(before: &TaskFields, given: &Fields, at: DateTime<Utc>) -> Fields {
        let Some(status) = given.get("status").and_then(Value::as_str) else { return Fields::new() };
        let completed_at = match status {
            _ if given.contains_key("completedAt") => return Fields::new(),
            "DONE" if before.status == TaskStatus::Done && before.completed_at.is_some() => return Fields::new(),
            "DONE" => json!(at),
            _ => Value::Null,
        };
        Fields::from_iter([("completedAt".to_owned(), completed_at)])
    }

    /// A parent change must keep the workspace's task tree free of cycles.
    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&NoCycles]
    }

    fn transition(name: &str, f: &TaskFields, at: DateTime<Utc>) -> Result<Fields, EntityError> {
        let changes = match (name, f.status) {
            ("Completed", TaskStatus::Done) => return Err(EntityError::InvalidTransition("task is already done".into())),
            ("Completed", _) => json!({"status": "DONE", "completedAt": at}),
            ("Reopened", TaskStatus::Open) => return Err(EntityError::InvalidTransition("task is already open".into())),
            ("Reopened", _) => json!({"status": "OPEN", "completedAt": null}),
            _ => return Err(EntityError::UnknownTransition(name.to_owned())),
        };
        Ok(changes.as_object().cloned().unwrap_or_default())
    }
}
