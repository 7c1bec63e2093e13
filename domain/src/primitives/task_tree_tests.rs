//! Given/when/then tests of the TaskTree rule aggregate (cqrs-es `TestFramework`), its
//! trigger, and its stored event's pinned payload.

use chrono::{DateTime, TimeZone, Utc};
use cqrs_es::test::TestFramework;
use cqrs_es::DomainEvent;
use serde_json::json;

use super::*;
use crate::entity::Fields;

type Given = TestFramework<TaskTree>;

const A: &str = "01J0000000000000000000000A";
const B: &str = "01J0000000000000000000000B";
const C: &str = "01J0000000000000000000000C";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
}

fn set(task: &str, parent: Option<&str>) -> TaskTreeCommand {
    TaskTreeCommand::SetParent { task_id: task.into(), parent_id: parent.map(Into::into), at: at() }
}

fn parent_set(task: &str, parent: Option<&str>) -> TaskTreeEvent {
    TaskTreeEvent::ParentSet { task_id: task.into(), parent_id: parent.map(Into::into), at: at() }
}

fn cycle() -> RuleError {
    RuleError::Conflict { field: "parentId", message: "would make a cycle: the parent is this task or one of its subtasks".into() }
}

#[test]
fn setting_a_parent_records_it() {
    Given::with(()).given_no_previous_events().when(set(A, Some(B))).then_expect_events(vec![parent_set(A, Some(B))]);
}

#[test]
fn a_task_cannot_be_its_own_parent() {
    Given::with(()).given_no_previous_events().when(set(A, Some(A))).then_expect_error(cycle());
}

#[test]
fn a_parent_whose_chain_reaches_the_task_is_a_cycle() {
    // B's parent is A: A under B would close the loop.
    Given::with(()).given(vec![parent_set(B, Some(A))]).when(set(A, Some(B))).then_expect_error(cycle());
    // C under B under A: A under C too, however long the chain.
    Given::with(())
        .given(vec![parent_set(B, Some(A)), parent_set(C, Some(B))])
        .when(set(A, Some(C)))
        .then_expect_error(cycle());
}

#[test]
fn moving_a_task_elsewhere_in_the_tree_is_allowed() {
    // C under B under A; moving C directly under A keeps a tree.
    Given::with(())
        .given(vec![parent_set(B, Some(A)), parent_set(C, Some(B))])
        .when(set(C, Some(A)))
        .then_expect_events(vec![parent_set(C, Some(A))]);
}

#[test]
fn setting_the_same_parent_again_is_a_no_op() {
    Given::with(()).given(vec![parent_set(A, Some(B))]).when(set(A, Some(B))).then_expect_events(vec![]);
    Given::with(()).given_no_previous_events().when(set(A, None)).then_expect_events(vec![]);
}

#[test]
fn clearing_a_parent_breaks_the_edge_so_the_reverse_is_allowed_after() {
    Given::with(()).given(vec![parent_set(A, Some(B))]).when(set(A, None)).then_expect_events(vec![parent_set(A, None)]);
    Given::with(())
        .given(vec![parent_set(A, Some(B)), parent_set(A, None)])
        .when(set(B, Some(A)))
        .then_expect_events(vec![parent_set(B, Some(A))]);
}

#[test]
fn evolve_keeps_only_tasks_that_have_a_parent() {
    let mut tree = TaskTree::default();
    for event in [parent_set(A, Some(B)), parent_set(C, Some(B)), parent_set(A, None)] {
        tree.evolve(&event);
    }
    assert_eq!(tree.parents, BTreeMap::from([(C.to_owned(), B.to_owned())]));
}

fn write(changes: serde_json::Value) -> Option<RuleCall> {
    let changes: Fields = changes.as_object().cloned().expect("an object");
    NoCycles.triggered(&EntityWrite { workspace_id: "W", entity_id: A, changes, at: at(), before: None, after: None }).pop()
}

#[test]
fn the_rule_is_triggered_only_by_a_change_of_parent_id() {
    assert_eq!(write(json!({"title": "x"})), None);
    assert_eq!(write(json!({"parentId": B})), Some(RuleCall::TaskTree { stream: "W".into(), command: set(A, Some(B)) }));
    assert_eq!(write(json!({"parentId": null})), Some(RuleCall::TaskTree { stream: "W".into(), command: set(A, None) }));
}

#[test]
fn task_declares_the_rule() {
    use crate::entity::EntityKind;
    let names: Vec<_> = crate::task::TaskKind::rules().iter().map(|r| r.name()).collect();
    assert_eq!(names, ["task tree without cycles"]);
    assert!(crate::note::NoteKind::rules().is_empty());
}

/// The stored form of `TaskTreeParentSet` v1, pinned: a change of shape needs a new version
/// and an upcaster, never an edit of this payload.
#[test]
fn parent_set_v1_payload_is_pinned() -> Result<(), serde_json::Error> {
    let event = parent_set(A, Some(B));
    assert_eq!((event.event_type().as_str(), event.event_version().as_str()), ("TaskTreeParentSet", "1"));
    let stored = r#"{"ParentSet":{"task_id":"01J0000000000000000000000A","parent_id":"01J0000000000000000000000B","at":"2026-01-02T03:04:05Z"}}"#;
    assert_eq!(serde_json::to_string(&event)?, stored);
    assert_eq!(serde_json::from_str::<TaskTreeEvent>(stored)?, event);
    Ok(())
}
