//! Task: `title`, `notes`, `status`, `priority`, `dueAt`, `completedAt` (set by completing),
//! `parentId` (a task of the same workspace; its existence is checked by the API).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{Entity, EntityError, EntityKind, FieldError, Fields};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskKind;

pub type Task = Entity<TaskKind>;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskPriority {
    #[default]
    None,
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TaskFields {
    pub title: String,
    pub notes: String,
    pub status: TaskStatus,
    pub priority: TaskPriority,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub parent_id: Option<String>,
}

impl EntityKind for TaskKind {
    const TYPE: &'static str = "Task";
    type Fields = TaskFields;

    fn validate(f: &TaskFields) -> Result<(), FieldError> {
        required_text("title", &f.title, 500)?;
        max_chars("notes", &f.notes, 100_000)?;
        if let Some(parent) = &f.parent_id {
            if ulid::Ulid::from_string(parent).is_err() {
                return Err(FieldError::new("parentId", "must be a ULID"));
            }
        }
        Ok(())
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
