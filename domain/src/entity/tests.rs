//! Given/when/then tests of the entity kernel, through the Note, Task and Place kinds.

use chrono::{DateTime, TimeZone, Utc};
use cqrs_es::test::TestFramework;
use cqrs_es::DomainEvent;
use serde_json::{json, Value};

use super::*;
use crate::note::NoteKind;
use crate::place::PlaceKind;
use crate::task::TaskKind;

const ID: &str = "01JAAAAAAAAAAAAAAAAAAAAAAA";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
}

fn fields(v: Value) -> Fields {
    v.as_object().cloned().expect("an object")
}

fn create(v: Value) -> EntityCommand {
    EntityCommand::Create { workspace_id: "W".into(), id: ID.into(), fields: fields(v), at: at() }
}

fn note_created() -> EntityEvent<NoteKind> {
    EntityEvent::Created {
        workspace_id: "W".into(),
        id: ID.into(),
        fields: fields(json!({"title": "hi", "body": "", "pinned": false, "tags": []})),
        at: at(),
        clock: None,
    }
}

fn update(version: i64, patch: Value) -> EntityCommand {
    EntityCommand::Update { expected_version: Some(version), patch: fields(patch), at: at() }
}

fn validation(field: &str, e: &EntityError) {
    assert_eq!(e.field(), Some(field), "{e:?}");
    assert_eq!(e.kind(), crate::ErrorKind::Validation);
}

#[test]
fn create_fills_defaults_and_normalises_fields() {
    TestFramework::<Entity<NoteKind>>::with(())
        .given_no_previous_events()
        .when(create(json!({"title": "hi"})))
        .then_expect_events(vec![note_created()]);
}

#[test]
fn re_sending_the_same_create_is_idempotent_and_a_different_one_conflicts() {
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(create(json!({"title": "hi"})))
        .then_expect_events(vec![]);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(create(json!({"title": "other"})))
        .then_expect_error(EntityError::AlreadyExists);
}

#[test]
fn update_emits_only_the_changed_fields_and_a_no_op_emits_nothing() {
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(update(1, json!({"title": "hi", "pinned": true})))
        .then_expect_events(vec![EntityEvent::Updated { changes: fields(json!({"pinned": true})), at: at() }]);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(update(1, json!({"title": "hi"})))
        .then_expect_events(vec![]);
}

#[test]
fn a_stale_expected_version_is_a_conflict_reporting_the_current_one() {
    let result = TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created(), EntityEvent::Deleted { at: at() }])
        .when(update(1, json!({"title": "x"})))
        .inspect_result();
    let err = result.expect_err("stale");
    assert_eq!(err, EntityError::VersionConflict { expected: 1, actual: 2 });
    assert_eq!(err.current_version(), Some(2));
}

#[test]
fn delete_restore_and_their_misuse() {
    let deleted = vec![note_created(), EntityEvent::Deleted { at: at() }];
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(EntityCommand::Delete { expected_version: Some(1), at: at() })
        .then_expect_events(vec![EntityEvent::Deleted { at: at() }]);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(deleted.clone())
        .when(EntityCommand::Restore { expected_version: Some(2), at: at() })
        .then_expect_events(vec![EntityEvent::Restored { at: at() }]);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(deleted.clone())
        .when(EntityCommand::Delete { expected_version: Some(2), at: at() })
        .then_expect_error(EntityError::AlreadyDeleted);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(deleted)
        .when(update(2, json!({"title": "x"})))
        .then_expect_error(EntityError::Deleted);
    TestFramework::<Entity<NoteKind>>::with(())
        .given(vec![note_created()])
        .when(EntityCommand::Restore { expected_version: Some(1), at: at() })
        .then_expect_error(EntityError::NotDeleted);
}

#[test]
fn commands_on_a_missing_entity_are_not_found() {
    TestFramework::<Entity<NoteKind>>::with(())
        .given_no_previous_events()
        .when(update(0, json!({"title": "x"})))
        .then_expect_error(EntityError::NotFound);
}

#[test]
fn bad_fields_are_rejected_naming_the_field() {
    let cases = [
        (json!({"nope": 1}), "nope"),
        (json!({"title": null}), "title"),
        (json!({"pinned": "yes"}), "pinned"),
        (json!({"title": "x".repeat(2_000_000)}), "title"),
        (json!({"tags": ["a", "a"]}), "tags"),
    ];
    for (patch, field) in cases {
        let result = TestFramework::<Entity<NoteKind>>::with(()).given(vec![note_created()]).when(update(1, patch)).inspect_result();
        validation(field, &result.expect_err("invalid"));
    }
    let bad_id = EntityCommand::Create { workspace_id: "W".into(), id: "not-a-ulid".into(), fields: Fields::new(), at: at() };
    let result = TestFramework::<Entity<NoteKind>>::with(()).given_no_previous_events().when(bad_id).inspect_result();
    validation("id", &result.expect_err("bad id"));
    let result = TestFramework::<Entity<PlaceKind>>::with(())
        .given_no_previous_events()
        .when(create(json!({"name": "Home", "latitude": 200.0})))
        .inspect_result();
    validation("latitude", &result.expect_err("out of range"));
}

#[test]
fn tasks_complete_and_reopen_once_each() {
    let created = EntityEvent::<TaskKind>::Created {
        workspace_id: "W".into(),
        id: ID.into(),
        fields: fields(json!({"title": "t", "notes": "", "status": "OPEN", "priority": "NONE",
                              "dueAt": null, "completedAt": null, "parentId": null})),
        at: at(),
        clock: None,
    };
    let completed = EntityEvent::<TaskKind>::Transitioned {
        name: "Completed".into(),
        changes: fields(json!({"status": "DONE", "completedAt": "2026-01-02T03:04:05Z"})),
        at: at(),
    };
    let complete = |v| EntityCommand::Transition { name: "Completed".into(), expected_version: Some(v), at: at() };
    TestFramework::<Entity<TaskKind>>::with(()).given(vec![created.clone()]).when(complete(1)).then_expect_events(vec![completed.clone()]);
    let twice = TestFramework::<Entity<TaskKind>>::with(()).given(vec![created.clone(), completed.clone()]).when(complete(2)).inspect_result();
    assert!(matches!(twice, Err(EntityError::InvalidTransition(_))));
    TestFramework::<Entity<TaskKind>>::with(())
        .given(vec![created, completed])
        .when(EntityCommand::Transition { name: "Reopened".into(), expected_version: Some(2), at: at() })
        .then_expect_events(vec![EntityEvent::Transitioned {
            name: "Reopened".into(),
            changes: fields(json!({"status": "OPEN", "completedAt": null})),
            at: at(),
        }]);
}

#[test]
fn event_types_and_stored_payload_shapes() {
    assert_eq!(note_created().event_type(), "NoteCreated");
    assert_eq!(EntityEvent::<TaskKind>::Transitioned { name: "Completed".into(), changes: Fields::new(), at: at() }.event_type(), "TaskCompleted");
    assert_eq!(EntityEvent::<NoteKind>::Deleted { at: at() }.event_version(), "1");
    let stored = serde_json::to_value(EntityEvent::<NoteKind>::Updated { changes: fields(json!({"title": "x"})), at: at() }).expect("json");
    assert_eq!(stored, json!({"Updated": {"changes": {"title": "x"}, "at": "2026-01-02T03:04:05Z"}}));
}

#[test]
fn versions_count_events_and_delete_sets_deleted_at() {
    let mut note = Entity::<NoteKind>::default();
    for e in [note_created(), EntityEvent::Deleted { at: at() }, EntityEvent::Restored { at: at() }] {
        note.evolve(&e);
    }
    assert_eq!(note.version, 3);
    assert!(note.deleted_at.is_none());
}
