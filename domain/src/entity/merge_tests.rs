//! Given/when/then tests of merging devices' offline writes (the rules in `merge.rs`).

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};

use super::*;
use crate::note::NoteKind;

const ID: &str = "01JAAAAAAAAAAAAAAAAAAAAAAA";

type Note = Entity<NoteKind>;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
}

/// A device clock `offset_ms` after the server's creation time.
fn clock(offset_ms: i64, node: &str) -> Hlc {
    Hlc { millis: at().timestamp_millis() + offset_ms, counter: 0, node: node.into() }
}

fn fields(v: Value) -> Fields {
    v.as_object().cloned().expect("an object")
}

fn upsert(v: Value) -> MergeOp {
    MergeOp::Upsert(fields(v))
}

/// Given a note created by the server at `at()`, when the writes are merged in order.
fn given_note_then(writes: &[(MergeOp, Hlc)]) -> Result<(Note, Vec<Merge<NoteKind>>), EntityError> {
    let mut note = Note::default();
    let create = EntityCommand::Create { workspace_id: "W".into(), id: ID.into(), fields: fields(json!({"title": "t0", "body": "b0"})), at: at() };
    for e in note.decide(create)? {
        note.evolve(&e);
    }
    let mut merges = Vec::new();
    for (op, clock) in writes {
        let merge = note.merge("W".into(), ID.into(), op.clone(), clock.clone(), at() + Duration::seconds(1))?;
        for e in &merge.events {
            note.evolve(e);
        }
        merges.push(merge);
    }
    Ok((note, merges))
}

#[test]
fn two_devices_editing_different_fields_both_keep_their_edits() -> Result<(), EntityError> {
    let (note, merges) = given_note_then(&[(upsert(json!({"title": "A"})), clock(10, "A")), (upsert(json!({"body": "B"})), clock(5, "B"))])?;
    assert_eq!((note.fields["title"].clone(), note.fields["body"].clone()), (json!("A"), json!("B")));
    assert!(merges.iter().all(|m| m.lost.is_empty()));
    Ok(())
}

#[test]
fn the_same_field_keeps_the_greatest_clock_whatever_the_arrival_order() -> Result<(), EntityError> {
    let a = (upsert(json!({"title": "A"})), clock(10, "A"));
    let b = (upsert(json!({"title": "B"})), clock(20, "B"));
    let (first, _) = given_note_then(&[a.clone(), b.clone()])?;
    let (second, merges) = given_note_then(&[b, a])?;
    assert_eq!(first.fields["title"], json!("B"));
    assert_eq!(second.fields, first.fields);
    assert_eq!(merges[1].lost, vec!["title".to_owned()]);
    assert!(merges[1].events.is_empty(), "a write that lost everything appends nothing");
    Ok(())
}

#[test]
fn exact_clock_ties_are_broken_by_node_id() -> Result<(), EntityError> {
    let (note, _) = given_note_then(&[(upsert(json!({"title": "Z"})), clock(10, "Z")), (upsert(json!({"title": "A"})), clock(10, "A"))])?;
    assert_eq!(note.fields["title"], json!("Z"));
    Ok(())
}

#[test]
fn an_edit_older_than_a_delete_merges_its_fields_but_does_not_resurrect() -> Result<(), EntityError> {
    let (note, merges) = given_note_then(&[(MergeOp::Delete, clock(20, "A")), (upsert(json!({"body": "late"})), clock(10, "B"))])?;
    assert!(note.deleted_at.is_some());
    assert_eq!(note.fields["body"], json!("late"));
    assert_eq!(merges[1].lost, vec!["deletedAt".to_owned()]);
    Ok(())
}

#[test]
fn an_edit_newer_than_a_delete_resurrects() -> Result<(), EntityError> {
    let (note, merges) = given_note_then(&[(MergeOp::Delete, clock(10, "A")), (upsert(json!({"body": "new"})), clock(20, "B"))])?;
    assert!(note.deleted_at.is_none());
    assert!(matches!(&merges[1].events[..], [EntityEvent::Merged { deleted: Some(false), .. }]));
    Ok(())
}

#[test]
fn a_delete_older_than_an_edit_loses_and_a_restore_needs_a_newer_clock() -> Result<(), EntityError> {
    let (note, merges) = given_note_then(&[(upsert(json!({"title": "x"})), clock(20, "A")), (MergeOp::Delete, clock(10, "B"))])?;
    assert!(note.deleted_at.is_none());
    assert_eq!(merges[1].lost, vec!["deletedAt".to_owned()]);
    let (note, _) = given_note_then(&[(MergeOp::Delete, clock(20, "A")), (MergeOp::Restore, clock(10, "B"))])?;
    assert!(note.deleted_at.is_some());
    let (note, _) = given_note_then(&[(MergeOp::Delete, clock(10, "A")), (MergeOp::Restore, clock(20, "B"))])?;
    assert!(note.deleted_at.is_none());
    Ok(())
}

#[test]
fn a_clock_far_in_the_future_is_clamped_so_a_later_honest_write_wins() -> Result<(), EntityError> {
    let server_now = at() + Duration::seconds(1);
    let year_ahead = clock(365 * 24 * 3_600_000, "FAST");
    // A device that has seen the clamped stamp ticks past it (the fast device's year is gone).
    let honest = Hlc { millis: server_now.timestamp_millis() + MAX_CLOCK_DRIFT_MS, counter: 1, node: "B".into() };
    let (note, _) = given_note_then(&[(upsert(json!({"title": "fast"})), year_ahead), (upsert(json!({"title": "honest"})), honest)])?;
    assert_eq!(note.fields["title"], json!("honest"));
    Ok(())
}

#[test]
fn an_upsert_of_a_new_id_creates_it_with_the_device_clock_and_a_delete_of_one_is_not_found() -> Result<(), EntityError> {
    let fresh = Note::default();
    let merge = fresh.merge("W".into(), ID.into(), upsert(json!({"title": "new"})), clock(5, "A"), at())?;
    let mut note = Note::default();
    merge.events.iter().for_each(|e| note.evolve(e));
    assert_eq!((note.version, note.fields["title"].clone(), note.fields["body"].clone()), (1, json!("new"), json!("")));
    assert_eq!(note.clock_of("title"), clock(5, "A"));
    assert_eq!(fresh.merge("W".into(), ID.into(), MergeOp::Delete, clock(5, "A"), at()), Err(EntityError::NotFound));
    Ok(())
}

#[test]
fn an_invalid_field_rejects_the_whole_write_even_if_it_would_lose() {
    let result = given_note_then(&[(upsert(json!({"title": "ok"})), clock(20, "A")), (upsert(json!({"body": "b", "title": 7})), clock(10, "B"))]);
    assert_eq!(result.err().and_then(|e| e.field().map(str::to_owned)), Some("title".to_owned()));
    let result = given_note_then(&[(upsert(json!({"nope": 1})), clock(10, "B"))]);
    assert_eq!(result.err().and_then(|e| e.field().map(str::to_owned)), Some("nope".to_owned()));
}

#[test]
fn merged_events_survive_a_snapshot_round_trip_with_their_clocks() -> Result<(), Box<dyn std::error::Error>> {
    let (note, _) = given_note_then(&[(upsert(json!({"title": "A"})), clock(10, "A")), (MergeOp::Delete, clock(11, "A"))])?;
    let restored: Note = serde_json::from_value(serde_json::to_value(&note)?)?;
    assert_eq!(restored, note);
    assert_eq!(restored.clock_of(DELETED), clock(11, "A"));
    Ok(())
}
