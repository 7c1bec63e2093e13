//! Local writes and reads without a server: the outbox, HLC stamps and pending edits merged
//! into `get`/`list` (in-memory and file-backed mirrors).

use std::sync::Arc;

use lifeos_client::{Client, ClientError, ManualClock, Op, Record};
use serde_json::json;

const NOTE: &str = "Note";

fn client(clock: &ManualClock) -> Result<Client, ClientError> {
    Client::builder("http://127.0.0.1:9/graphql", "token").in_memory().clock(Arc::new(clock.clone())).open()
}

fn found(record: Option<Record>) -> Result<Record, ClientError> {
    record.ok_or_else(|| ClientError::Corrupt("expected a record".into()))
}

#[test]
fn a_local_create_is_readable_before_any_sync() -> Result<(), ClientError> {
    let clock = ManualClock::new(1_700_000_000_000);
    let client = client(&clock)?;
    let id = client.new_id();
    let written = client.upsert(NOTE, &id, json!({"title": "draft", "tags": ["a"]}))?;
    let read = found(client.get(NOTE, &id)?)?;
    assert_eq!(read, written);
    assert_eq!((read.version, read.pending, read.is_deleted()), (0, 1, false));
    assert_eq!(read.fields["title"], json!("draft"));
    assert_eq!(read.created_at.timestamp_millis(), 1_700_000_000_000);
    assert_eq!(client.list(NOTE, false)?, vec![read]);
    assert!(client.list("Task", true)?.is_empty());
    Ok(())
}

#[test]
fn partial_edits_merge_field_by_field_in_order() -> Result<(), ClientError> {
    let clock = ManualClock::new(1_000);
    let client = client(&clock)?;
    let id = client.new_id();
    client.upsert(NOTE, &id, json!({"title": "one", "body": "b1"}))?;
    clock.advance(5);
    client.upsert(NOTE, &id, json!({"body": "b2", "pinned": true}))?;
    client.upsert(NOTE, &id, json!({"title": "two"}))?;
    let read = found(client.get(NOTE, &id)?)?;
    assert_eq!(serde_json::Value::Object(read.fields.clone()), json!({"title": "two", "body": "b2", "pinned": true}));
    assert_eq!(read.pending, 3);
    assert_eq!(read.updated_at.timestamp_millis(), 1_005);
    Ok(())
}

#[test]
fn a_pending_delete_shows_as_deleted_until_restored_or_edited() -> Result<(), ClientError> {
    let clock = ManualClock::new(1_000);
    let client = client(&clock)?;
    let (kept, gone) = (client.new_id(), client.new_id());
    client.upsert(NOTE, &kept, json!({"title": "kept"}))?;
    client.upsert(NOTE, &gone, json!({"title": "gone"}))?;
    clock.advance(1);
    let deleted = client.delete(NOTE, &gone)?;
    assert_eq!(deleted.deleted_at.map(|at| at.timestamp_millis()), Some(1_001));
    assert_eq!(client.list(NOTE, false)?.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), vec![kept.clone()]);
    assert_eq!(client.list(NOTE, true)?.len(), 2);

    assert!(!client.restore(NOTE, &gone)?.is_deleted());
    client.delete(NOTE, &gone)?;
    let edited = client.upsert(NOTE, &gone, json!({"body": "back"}))?;
    assert!(!edited.is_deleted(), "a later edit resurrects");
    assert_eq!(edited.fields["title"], json!("gone"));
    Ok(())
}

#[test]
fn stamps_are_strictly_increasing_even_when_the_wall_clock_goes_back() -> Result<(), ClientError> {
    let clock = ManualClock::new(5_000);
    let client = client(&clock)?;
    let id = client.new_id();
    client.upsert(NOTE, &id, json!({"title": "a"}))?;
    clock.set(4_000);
    client.upsert(NOTE, &id, json!({"title": "b"}))?;
    client.delete(NOTE, &id)?;
    clock.set(6_000);
    client.restore(NOTE, &id)?;
    let pending = client.pending()?;
    let ops: Vec<Op> = pending.iter().map(|m| m.op).collect();
    assert_eq!(ops, vec![Op::Upsert, Op::Upsert, Op::Delete, Op::Restore]);
    assert!(pending.windows(2).all(|w| w[0].seq < w[1].seq && w[0].hlc < w[1].hlc), "{pending:#?}");
    assert!(pending.iter().all(|m| m.hlc.node == client.client_id() && m.base_version.is_none()));
    assert_eq!((pending[1].hlc.millis, pending[1].hlc.counter), (5_000, 1));
    assert_eq!((pending[3].hlc.millis, pending[3].hlc.counter), (6_000, 0));
    Ok(())
}

#[test]
fn invalid_local_writes_are_refused_without_touching_the_outbox() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(1))?;
    let id = client.new_id();
    assert!(matches!(client.upsert(NOTE, &id, json!(["not", "an", "object"])), Err(ClientError::InvalidInput(_))));
    assert!(matches!(client.upsert(NOTE, "not-a-ulid", json!({})), Err(ClientError::InvalidInput(_))));
    assert!(matches!(client.delete(NOTE, &id), Err(ClientError::NotFound { .. })));
    assert!(matches!(client.restore(NOTE, &id), Err(ClientError::NotFound { .. })));
    assert!(client.pending()?.is_empty());
    Ok(())
}

#[test]
fn a_file_mirror_keeps_identity_outbox_and_clock_across_reopen() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("mirror.sqlite");
    let clock = ManualClock::new(9_000);
    let open = || Client::builder("http://127.0.0.1:9/graphql", "t").path(&path).clock(Arc::new(clock.clone())).open();
    let first = open()?;
    let id = first.new_id();
    first.upsert(NOTE, &id, json!({"title": "persisted"}))?;
    let client_id = first.client_id().to_owned();
    drop(first);

    let again = open()?;
    assert_eq!(again.client_id(), client_id);
    assert_eq!(found(again.get(NOTE, &id)?)?.fields["title"], json!("persisted"));
    again.upsert(NOTE, &id, json!({"title": "later"}))?;
    let pending = again.pending()?;
    assert_eq!(pending.iter().map(|m| m.seq).collect::<Vec<_>>(), vec![1, 2]);
    assert!(pending[0].hlc < pending[1].hlc, "the HLC state survived the reopen");
    Ok(())
}
