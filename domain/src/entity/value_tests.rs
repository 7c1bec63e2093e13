//! Given/when/then tests of the storable-value contract (`crate::values`) on every command
//! path — create, update, merge — and of the Task invariant (DONE ⇔ `completedAt`).

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};

use super::*;
use crate::note::NoteKind;
use crate::person::PersonKind;
use crate::place::PlaceKind;
use crate::task::TaskKind;

const ID: &str = "01JAAAAAAAAAAAAAAAAAAAAAAA";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().unwrap_or_default()
}

fn fields(v: Value) -> Fields {
    v.as_object().cloned().unwrap_or_default()
}

fn create(v: Value) -> EntityCommand {
    EntityCommand::Create { workspace_id: "W".into(), id: ID.into(), fields: fields(v), at: at() }
}

fn update(version: i64, v: Value) -> EntityCommand {
    EntityCommand::Update { expected_version: Some(version), patch: fields(v), at: at() }
}

fn upsert(v: Value) -> EntityCommand {
    upsert_later(v, 0)
}

/// A device's write, `ms` later than [`upsert`]'s.
fn upsert_later(v: Value, ms: i64) -> EntityCommand {
    let clock = Hlc { millis: at().timestamp_millis() - 1_000 + ms, counter: 0, node: "DEV".into() };
    EntityCommand::Merge { workspace_id: "W".into(), id: ID.into(), op: MergeOp::Upsert(fields(v)), clock, at: at() }
}

/// The entity after `commands` (each must succeed).
fn given<K: EntityKind>(commands: &[EntityCommand]) -> Entity<K> {
    let mut entity = Entity::<K>::default();
    for command in commands {
        let events = entity.decide(command.clone()).unwrap_or_else(|e| panic!("{command:?}: {e}"));
        for e in &events {
            entity.evolve(e);
        }
    }
    entity
}

fn refused<K: EntityKind>(entity: &Entity<K>, command: EntityCommand, field: &str) {
    match entity.decide(command.clone()) {
        Err(e) => {
            assert_eq!(e.kind(), crate::ErrorKind::Validation, "{command:?}: {e}");
            assert_eq!(e.field(), Some(field), "{command:?}: {e}");
        }
        Ok(events) => panic!("{command:?} was accepted: {events:?}"),
    }
}

#[test]
fn nul_is_refused_in_every_text_on_create_update_and_merge() {
    let none = Entity::<NoteKind>::default();
    let note = given::<NoteKind>(&[create(json!({"title": "t"}))]);
    for (patch, field) in [(json!({"title": "nul\u{0}byte"}), "title"), (json!({"body": "\u{0}"}), "body"), (json!({"tags": ["ok", "a\u{0}"]}), "tags")] {
        refused(&none, create(patch.clone()), field);
        refused(&note, update(1, patch.clone()), field);
        refused(&note, upsert(patch.clone()), field);
        refused(&none, upsert(patch), field);
    }
    let person = given::<PersonKind>(&[create(json!({"displayName": "Ada"}))]);
    refused(&person, update(1, json!({"emails": ["a@b\u{0}"]})), "emails");
    refused(&person, update(1, json!({"phones": ["\u{0}1"]})), "phones");
    let place = given::<PlaceKind>(&[create(json!({"name": "Home"}))]);
    refused(&place, upsert(json!({"address": "x\u{0}"})), "address");
}

#[test]
fn times_outside_years_1_to_9999_or_finer_than_microseconds_are_refused_on_every_path() {
    let task = given::<TaskKind>(&[create(json!({"title": "t"}))]);
    for due in ["+99999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-01-01T00:00:00.123456789Z"] {
        refused(&Entity::<TaskKind>::default(), create(json!({"title": "t", "dueAt": due})), "dueAt");
        refused(&task, update(1, json!({"dueAt": due})), "dueAt");
        refused(&task, upsert(json!({"dueAt": due})), "dueAt");
    }
    let fine = task.decide(update(1, json!({"dueAt": "9999-12-31T23:59:59.999999Z"})));
    assert!(fine.is_ok_and(|e| e.len() == 1));
}

#[test]
fn birthdays_outside_years_1_to_9999_are_refused() {
    let person = given::<PersonKind>(&[create(json!({"displayName": "Ada"}))]);
    for day in ["0000-01-01", "+10000-01-01", "-0044-03-15"] {
        refused(&person, update(1, json!({"birthday": day})), "birthday");
        refused(&person, upsert(json!({"birthday": day})), "birthday");
    }
    assert!(person.decide(update(1, json!({"birthday": "0001-01-01"}))).is_ok());
}

#[test]
fn ids_beyond_128_bits_are_refused() {
    let none = Entity::<NoteKind>::default();
    let create = EntityCommand::Create { workspace_id: "W".into(), id: "8ZZZZZZZZZZZZZZZZZZZZZZZZZ".into(), fields: Fields::new(), at: at() };
    refused(&none, create, "id");
    let task = given::<TaskKind>(&[self::create(json!({"title": "t"}))]);
    refused(&task, update(1, json!({"parentId": "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"})), "parentId");
}

#[test]
fn a_pushed_task_cannot_be_done_without_a_completion_time_nor_open_with_one() {
    let none = Entity::<TaskKind>::default();
    refused(&none, upsert(json!({"title": "t", "status": "DONE"})), "completedAt");
    refused(&none, upsert(json!({"title": "t", "completedAt": "2026-01-01T00:00:00Z"})), "completedAt");
    let done = given::<TaskKind>(&[upsert(json!({"title": "t", "status": "DONE", "completedAt": "2026-01-01T00:00:00Z"}))]);
    // Merge rule 6: the merged result must be valid, so reopening needs completedAt: null too.
    refused(&done, upsert_later(json!({"status": "OPEN"}), 10), "completedAt");
    let reopened = done.decide(upsert_later(json!({"status": "OPEN", "completedAt": null}), 10));
    assert!(reopened.is_ok_and(|e| e.len() == 1));
}

#[test]
fn setting_a_task_s_status_over_graphql_implies_its_completion_time() {
    let created = given::<TaskKind>(&[create(json!({"title": "t", "status": "DONE"}))]);
    assert_eq!(created.fields["completedAt"], json!(at()));
    let open = given::<TaskKind>(&[create(json!({"title": "t"}))]);
    let done = given::<TaskKind>(&[create(json!({"title": "t"})), update(1, json!({"status": "DONE"}))]);
    assert_eq!((done.fields["status"].clone(), done.fields["completedAt"].clone()), (json!("DONE"), json!(at())));
    // Done again: the completion time stays; cancelled: it is cleared.
    assert_eq!(done.decide(update(2, json!({"status": "DONE"}))), Ok(Vec::new()));
    let cancelled = given::<TaskKind>(&[create(json!({"title": "t", "status": "DONE"})), update(1, json!({"status": "CANCELLED"}))]);
    assert!(cancelled.fields["completedAt"].is_null());
    assert!(open.fields["completedAt"].is_null());
}

#[test]
fn a_re_sent_create_of_a_done_task_is_still_idempotent() {
    let first = given::<TaskKind>(&[create(json!({"title": "t", "status": "DONE"}))]);
    let later = EntityCommand::Create {
        workspace_id: "W".into(),
        id: ID.into(),
        fields: fields(json!({"title": "t", "status": "DONE"})),
        at: at() + chrono::Duration::seconds(30),
    };
    assert_eq!(first.decide(later), Ok(Vec::new()));
}
