//! TaskTree: the rule aggregate keeping a workspace's task tree free of cycles (setting
//! A.parentId = B while B.parentId = A, or any longer loop). One stream per workspace
//! (aggregate type "TaskTree", id = the workspace id) holding the parent of every task that has
//! one. Every Task write whose effective changes include `parentId` (for a push merge: only if
//! `parentId` won its register) also decides here and appends in the same batch (`rule.rs`),
//! so racing parent changes serialise on this stream.
//!
//! Pure: must never look at anything but its own events. Deleting a task leaves its edge in
//! place (its `parentId` still stands and comes back with a restore), so the tree holds the
//! `parentId` of every task, deleted or not.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::rule::{CrossRule, EntityWrite, RuleAggregate, RuleCall, RuleError};

/// The field the rule guards.
const PARENT_ID: &str = "parentId";

/// A workspace's task tree: the parent of each task that has one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskTree {
    pub parents: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TaskTreeCommand {
    SetParent { task_id: String, parent_id: Option<String>, at: DateTime<Utc> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TaskTreeEvent {
    ParentSet { task_id: String, parent_id: Option<String>, at: DateTime<Utc> },
}

impl DomainEvent for TaskTreeEvent {
    fn event_type(&self) -> String {
        match self {
            TaskTreeEvent::ParentSet { .. } => "TaskTreeParentSet",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

impl TaskTree {
    /// Whether `task_id` is `node` or one of its ancestors.
    fn is_ancestor_or_self(&self, task_id: &str, node: &str) -> bool {
        let mut node = node;
        // The tree is acyclic (this aggregate's invariant), so the walk ends; the bound only
        // guards against a corrupted history, and treats it as a cycle.
        for _ in 0..=self.parents.len() {
            if node == task_id {
                return true;
            }
            match self.parents.get(node) {
                Some(parent) => node = parent,
                None => return false,
            }
        }
        true
    }
}

impl RuleAggregate for TaskTree {
    fn decide(&self, command: TaskTreeCommand) -> Result<Vec<TaskTreeEvent>, RuleError> {
        let TaskTreeCommand::SetParent { task_id, parent_id, at } = command;
        if self.parents.get(&task_id) == parent_id.as_ref() {
            return Ok(Vec::new());
        }
        if let Some(parent) = &parent_id {
            if self.is_ancestor_or_self(&task_id, parent) {
                return Err(RuleError::Conflict {
                    field: PARENT_ID,
                    message: "would make a cycle: the parent is this task or one of its subtasks".into(),
                });
            }
        }
        Ok(vec![TaskTreeEvent::ParentSet { task_id, parent_id, at }])
    }

    fn evolve(&mut self, event: &TaskTreeEvent) {
        let TaskTreeEvent::ParentSet { task_id, parent_id, .. } = event;
        match parent_id {
            Some(parent) => self.parents.insert(task_id.clone(), parent.clone()),
            None => self.parents.remove(task_id),
        };
    }
}

impl Aggregate for TaskTree {
    const TYPE: &'static str = "TaskTree";
    type Command = TaskTreeCommand;
    type Event = TaskTreeEvent;
    type Error = RuleError;
    type Services = ();

    async fn handle(&mut self, command: TaskTreeCommand, _: &(), sink: &EventSink<Self>) -> Result<(), RuleError> {
        crate::emit::emit(sink, RuleAggregate::decide(self, command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: TaskTreeEvent) {
        RuleAggregate::evolve(self, &event);
    }
}

/// Task's cross-entity rule: no cycles. Triggered by a write that changes `parentId`.
#[derive(Debug, Clone, Copy)]
pub struct NoCycles;

impl CrossRule for NoCycles {
    fn name(&self) -> &'static str {
        "task tree without cycles"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let Some(parent_id) = write.changes.get(PARENT_ID) else { return Vec::new() };
        let parent_id = match parent_id {
            Value::String(parent) => Some(parent.clone()),
            // Validation refuses anything but an id or null before any rule runs.
            _ => None,
        };
        let task_id = write.entity_id.to_owned();
        let command = TaskTreeCommand::SetParent { task_id, parent_id, at: write.at };
        vec![RuleCall::TaskTree { stream: write.workspace_id.to_owned(), command }]
    }
}

#[cfg(test)]
#[path = "task_tree_tests.rs"]
mod tests;
