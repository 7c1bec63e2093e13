//! Given/when/then tests of field groups in merges (`merge.rs` rule 7): a place's
//! latitude+longitude is one register, so no merge mixes two devices' halves.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};

use super::patch::defaults;
use super::*;
use crate::note::NoteKind;
use crate::person::PersonKind;
use crate::place::PlaceKind;
use crate::task::TaskKind;

const ID: &str = "01JAAAAAAAAAAAAAAAAAAAAAAA";

type Place = Entity<PlaceKind>;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
}

fn clock(offset_ms: i64, node: &str) -> Hlc {
    Hlc { millis: at().timestamp_millis() + offset_ms, counter: 0, node: node.into() }
}

fn fields(v: Value) -> Fields {
    v.as_object().cloned().expect("an object")
}

fn upsert(v: Value) -> MergeOp {
    MergeOp::Upsert(fields(v))
}

fn run(place: &mut Place, command: EntityCommand) -> Result<(), EntityError> {
    for e in place.decide(command)? {
        place.evolve(&e);
    }
    Ok(())
}

/// Given a place the server created at `at()` at (1, 2).
fn given_place() -> Result<Place, EntityError> {
    let mut place = Place::default();
    let create = fields(json!({"name": "Home", "latitude": 1.0, "longitude": 2.0}));
    run(&mut place, EntityCommand::Create { workspace_id: "W".into(), id: ID.into(), fields: create, at: at() })?;
    Ok(place)
}

/// When these device writes are merged in order: the place, and each write's merge.
fn when_merged(mut place: Place, writes: &[(MergeOp, Hlc)]) -> Result<(Place, Vec<Merge<PlaceKind>>), EntityError> {
    let mut merges = Vec::new();
    for (op, clock) in writes {
        let merge = place.merge("W".into(), ID.into(), op.clone(), clock.clone(), at() + Duration::seconds(1))?;
        merge.events.iter().for_each(|e| place.evolve(e));
        merges.push(merge);
    }
    Ok((place, merges))
}

fn location(place: &Place) -> (Value, Value) {
    (place.fields["latitude"].clone(), place.fields["longitude"].clone())
}

fn both() -> Vec<String> {
    vec!["latitude".to_owned(), "longitude".to_owned()]
}

#[test]
fn a_write_of_half_a_group_is_refused_naming_the_missing_member_and_changes_nothing() -> Result<(), EntityError> {
    let place = given_place()?;
    for (half, missing) in [(json!({"latitude": 10.0}), "longitude"), (json!({"longitude": 20.0, "name": "x"}), "latitude")] {
        let refused = when_merged(place.clone(), &[(upsert(half), clock(10, "A"))]).err();
        assert_eq!(refused.as_ref().and_then(|e| e.field()), Some(missing));
        assert_eq!(refused.map(|e| e.to_string()), Some(format!("{missing}: fields of the group latitude+longitude must be written together")));
    }
    // Creating one offline is no different.
    let create = Place::default().merge("W".into(), ID.into(), upsert(json!({"name": "N", "latitude": 1.0})), clock(1, "A"), at());
    assert_eq!(create.err().and_then(|e| e.field().map(str::to_owned)), Some("longitude".to_owned()));
    Ok(())
}

#[test]
fn two_devices_each_writing_the_whole_group_leave_the_newer_pair_whole_in_either_order() -> Result<(), EntityError> {
    let a = (upsert(json!({"latitude": 10.0, "longitude": 11.0})), clock(10, "A"));
    let b = (upsert(json!({"latitude": 20.0, "longitude": 21.0})), clock(20, "B"));
    let (a_then_b, first) = when_merged(given_place()?, &[a.clone(), b.clone()])?;
    let (b_then_a, second) = when_merged(given_place()?, &[b, a])?;
    assert_eq!(location(&a_then_b), (json!(20.0), json!(21.0)));
    assert_eq!(b_then_a.fields, a_then_b.fields);
    assert_eq!(b_then_a.register_clock("latitude"), clock(20, "B"));
    assert!(first.iter().all(|m| m.lost.is_empty()));
    assert_eq!(second[1].lost, both());
    Ok(())
}

#[test]
fn a_losing_group_write_sets_no_member_and_reports_all_of_them_lost_while_its_other_fields_merge() -> Result<(), EntityError> {
    let b = (upsert(json!({"latitude": 20.0, "longitude": 21.0})), clock(20, "B"));
    let a = (upsert(json!({"latitude": 10.0, "longitude": 11.0, "address": "A's"})), clock(10, "A"));
    let (place, merges) = when_merged(given_place()?, &[b, a])?;
    assert_eq!(location(&place), (json!(20.0), json!(21.0)));
    assert_eq!(place.fields["address"], json!("A's"), "the group is one register; other fields stay independent");
    assert_eq!(merges[1].lost, both());
    match &merges[1].events[..] {
        [EntityEvent::Merged { changes, .. }] => assert_eq!(changes.keys().collect::<Vec<_>>(), ["address"]),
        other => panic!("expected one Merged event, got {other:?}"),
    }
    Ok(())
}

#[test]
fn whatever_the_arrival_order_of_three_devices_the_place_is_the_same() -> Result<(), EntityError> {
    let writes = [
        (upsert(json!({"latitude": 10.0, "longitude": 11.0, "name": "A"})), clock(10, "A")),
        (upsert(json!({"latitude": 30.0, "longitude": 31.0})), clock(30, "B")),
        (upsert(json!({"latitude": null, "longitude": null, "radiusM": 5})), clock(20, "C")),
    ];
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    let mut results = Vec::new();
    for order in orders {
        let (place, _) = when_merged(given_place()?, &order.map(|i| writes[i].clone()))?;
        results.push(place.fields);
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:?}");
    assert_eq!((results[0]["latitude"].clone(), results[0]["longitude"].clone()), (json!(30.0), json!(31.0)));
    assert_eq!((results[0]["name"].clone(), results[0]["radiusM"].clone()), (json!("A"), json!(5)));
    Ok(())
}

#[test]
fn a_server_update_of_one_member_is_accepted_and_stamps_the_whole_group() -> Result<(), EntityError> {
    let mut place = given_place()?;
    let patch = fields(json!({"latitude": 5.0}));
    run(&mut place, EntityCommand::Update { expected_version: None, patch, at: at() + Duration::milliseconds(50) })?;
    assert_eq!(place.clock_of("longitude"), Hlc::at(at() + Duration::milliseconds(50)));
    let (place, merges) = when_merged(place, &[(upsert(json!({"latitude": 9.0, "longitude": 9.0})), clock(30, "A"))])?;
    assert_eq!(location(&place), (json!(5.0), json!(2.0)));
    assert_eq!(merges[0].lost, both());
    Ok(())
}

#[test]
fn members_stamped_apart_before_the_group_existed_compete_with_the_newest_members_clock() -> Result<(), EntityError> {
    let mut legacy = given_place()?;
    legacy.clocks.insert("latitude".into(), clock(30, "OLD"));
    legacy.clocks.insert("longitude".into(), clock(10, "OLD"));
    let group = |offset| (upsert(json!({"latitude": 7.0, "longitude": 8.0})), clock(offset, "A"));
    let (kept, merges) = when_merged(legacy.clone(), &[group(20)])?;
    assert_eq!((location(&kept), merges[0].lost.clone()), ((json!(1.0), json!(2.0)), both()));
    let (won, merges) = when_merged(legacy, &[group(40)])?;
    assert_eq!((location(&won), merges[0].lost.is_empty()), ((json!(7.0), json!(8.0)), true));
    assert_eq!((won.clock_of("latitude"), won.clock_of("longitude")), (clock(40, "A"), clock(40, "A")));
    // A snapshot from before clocks were kept: every register counts as of `updated_at`.
    let mut ancient = given_place()?;
    ancient.clocks.clear();
    let (place, merges) = when_merged(ancient, &[group(-1)])?;
    assert_eq!((location(&place), merges[0].lost.clone()), ((json!(1.0), json!(2.0)), both()));
    Ok(())
}

fn declared_groups_are_valid<K: EntityKind>() -> Result<(), FieldError> {
    let fields = defaults::<K>()?;
    check_groups(&fields.keys().map(String::as_str).collect::<Vec<_>>(), K::groups())
}

#[test]
fn every_kind_declares_well_formed_groups_and_bad_declarations_name_the_field() -> Result<(), FieldError> {
    declared_groups_are_valid::<NoteKind>()?;
    declared_groups_are_valid::<TaskKind>()?;
    declared_groups_are_valid::<PersonKind>()?;
    declared_groups_are_valid::<PlaceKind>()?;
    let fields = ["a", "b", "c"];
    let field = |groups: &[&[&str]]| check_groups(&fields, groups).err().map(|e| e.field);
    assert_eq!(field(&[&["a", "b"], &["c"]]), Some("c".to_owned()), "a group of one is no group");
    assert_eq!(field(&[&["a", "z"]]), Some("z".to_owned()), "an unknown field");
    assert_eq!(field(&[&["a", "b"], &["b", "c"]]), Some("b".to_owned()), "a field in two groups");
    assert_eq!(field(&[&["a", "a"]]), Some("a".to_owned()), "a field twice in one group");
    assert_eq!(field(&[&[]]), Some("groups".to_owned()));
    assert_eq!(field(&[&["a", "b"]]), None);
    Ok(())
}
