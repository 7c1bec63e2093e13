//! Applying pulled changes and push verdicts to an in-memory mirror (no server).

use std::sync::Arc;

use serde_json::{json, Value};

use super::settle;
use crate::clock::ManualClock;
use crate::error::ClientError;
use lifeos_proto::hlc::MAX_COUNTER;
use crate::store;
use crate::wire::{Change, Outcome, PushOutcome, Status};
use crate::Client;

const NOTE: &str = "Note";
const ID: &str = "01JDZZZZZZZZZZZZZZZZZZZZZZ";

fn client(clock: &ManualClock) -> Result<Client, ClientError> {
    Client::builder("http://127.0.0.1:9/graphql", "token").in_memory().clock(Arc::new(clock.clone())).open()
}

fn change(cursor: &str, version: i64, data: Value) -> Change {
    Change {
        cursor: cursor.into(),
        entity_type: NOTE.into(),
        entity_id: ID.into(),
        version,
        updated_at: data["updatedAt"].as_str().unwrap_or_default().into(),
        data,
    }
}

fn note(version: i64, title: &str, deleted_at: Value) -> Value {
    json!({
        "id": ID, "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:10.500Z",
        "deletedAt": deleted_at, "version": version,
        "title": title, "body": "server body", "pinned": false, "tags": []
    })
}

fn outcome(seq: i64, status: Status, version: Option<i64>, lost: &[&str]) -> Outcome {
    Outcome {
        seq,
        status,
        version,
        lost_fields: lost.iter().map(|f| (*f).to_owned()).collect(),
        code: Some("VALIDATION".into()),
        field: Some("title".into()),
        message: Some("too long".into()),
    }
}

#[test]
fn pulled_rows_replace_older_versions_only_and_move_the_cursor() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(0))?;
    client.apply_changes(&[change("c1", 2, note(2, "v2", Value::Null))], "c1")?;
    client.apply_changes(&[change("c0", 1, note(1, "stale", Value::Null))], "c2")?;
    let row = client.get(NOTE, ID)?.ok_or(ClientError::Corrupt("missing".into()))?;
    assert_eq!((row.version, row.fields["title"].clone()), (2, json!("v2")));
    assert!(!row.fields.contains_key("version") && !row.fields.contains_key("id"), "{:?}", row.fields);
    assert_eq!(client.cursor()?, Some("c2".into()));

    client.apply_changes(&[change("c3", 3, note(3, "v3", json!("2025-01-01T00:00:11Z")))], "c3")?;
    let row = client.get(NOTE, ID)?.ok_or(ClientError::Corrupt("missing".into()))?;
    assert!(row.is_deleted(), "data.deletedAt drives the soft delete");
    assert!(client.list(NOTE, false)?.is_empty());
    Ok(())
}

#[test]
fn pulled_updated_at_advances_the_hlc_past_it() -> Result<(), ClientError> {
    let clock = ManualClock::new(1_000);
    let client = client(&clock)?;
    client.apply_changes(&[change("c1", 1, note(1, "t", Value::Null))], "c1")?;
    let hlc = client.with_store(|conn| Ok(store::meta(conn)?.hlc))?;
    assert_eq!((hlc.millis, hlc.counter), (1_735_689_610_500, MAX_COUNTER));
    client.upsert(NOTE, ID, json!({"title": "mine"}))?;
    let stamp = &client.pending()?[0].hlc;
    assert!(stamp.millis > 1_735_689_610_500, "{stamp}");
    Ok(())
}

#[test]
fn pending_edits_lay_over_the_mirror_row_field_by_field() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(1_000))?;
    client.apply_changes(&[change("c1", 4, note(4, "server", Value::Null))], "c1")?;
    client.upsert(NOTE, ID, json!({"body": "local"}))?;
    let row = client.get(NOTE, ID)?.ok_or(ClientError::Corrupt("missing".into()))?;
    assert_eq!(row.fields["title"], json!("server"));
    assert_eq!(row.fields["body"], json!("local"));
    assert_eq!((row.version, row.pending), (4, 1));
    assert_eq!(client.pending()?[0].base_version, Some(4), "the version last seen travels along");
    Ok(())
}

#[test]
fn a_refused_push_moves_rejected_mutations_aside_and_keeps_skipped_ones() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(1_000))?;
    client.upsert(NOTE, ID, json!({"title": "x".repeat(600)}))?;
    client.upsert(NOTE, ID, json!({"body": "fine"}))?;
    let batch = client.pending()?;
    let verdict = PushOutcome {
        last_seq: 0,
        committed: false,
        results: vec![outcome(1, Status::Rejected, None, &[]), outcome(2, Status::Skipped, None, &[])],
    };
    let counts = client.with_tx(|tx| settle(tx, &batch, &verdict))?;
    assert_eq!(counts, (0, 1));
    let rejected = client.rejected()?;
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0].mutation.seq, rejected[0].code.as_str(), rejected[0].field.as_deref()), (1, "VALIDATION", Some("title")));
    let left: Vec<i64> = client.pending()?.iter().map(|m| m.seq).collect();
    assert_eq!(left, vec![2]);
    Ok(())
}

#[test]
fn an_acknowledged_push_leaves_the_outbox_and_shows_what_won() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(1_000))?;
    client.apply_changes(&[change("c1", 1, note(1, "server", Value::Null))], "c1")?;
    client.upsert(NOTE, ID, json!({"title": "mine", "body": "mine too"}))?;
    client.delete(NOTE, ID)?;
    let batch = client.pending()?;
    let verdict = PushOutcome {
        last_seq: 0,
        committed: true,
        results: vec![outcome(1, Status::Merged, Some(2), &["title"]), outcome(2, Status::Merged, Some(2), &[])],
    };
    assert_eq!(client.with_tx(|tx| settle(tx, &batch, &verdict))?, (2, 0));
    assert!(client.pending()?.is_empty());
    let row = client.get(NOTE, ID)?.ok_or(ClientError::Corrupt("missing".into()))?;
    assert_eq!(row.fields["title"], json!("server"), "a lost field keeps the server's value");
    assert_eq!(row.fields["body"], json!("mine too"));
    assert!(!row.is_deleted(), "a delete that lost does not show");
    assert_eq!((row.version, row.pending), (2, 0));
    Ok(())
}

#[test]
fn an_edit_that_lost_the_deletion_register_does_not_resurrect_locally() -> Result<(), ClientError> {
    let client = client(&ManualClock::new(1_000))?;
    client.apply_changes(&[change("c1", 3, note(3, "server", json!("2025-01-01T00:00:11Z")))], "c1")?;
    client.upsert(NOTE, ID, json!({"title": "mine"}))?;
    client.upsert(NOTE, ID, json!({"body": "mine"}))?;
    let batch = client.pending()?;
    let verdict = PushOutcome {
        last_seq: 0,
        committed: true,
        results: vec![
            // Lost everything: no event, the version stays.
            outcome(1, Status::Merged, Some(3), &["title", "deletedAt"]),
            // The body won, the entity stays deleted.
            outcome(2, Status::Merged, Some(4), &["deletedAt"]),
        ],
    };
    assert_eq!(client.with_tx(|tx| settle(tx, &batch, &verdict))?, (2, 0));
    let row = client.get(NOTE, ID)?.ok_or(ClientError::Corrupt("missing".into()))?;
    assert!(row.is_deleted());
    assert_eq!((row.fields["title"].clone(), row.fields["body"].clone(), row.version), (json!("server"), json!("mine"), 4));
    Ok(())
}
