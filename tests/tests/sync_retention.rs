//! Retention of stored push results: a device sends `acknowledgedSeq` (the last seq whose
//! result it has durably applied) and the server drops its results at or below it, in the
//! push's transaction. A retried push above the mark answers exactly as before; a mutation at
//! or below it answers `APPLIED` without a version; other devices' results stay; a bad mark
//! is a `VALIDATION` error on `acknowledgedSeq` that writes nothing. Also: a 500-mutation push
//! with one rejection commits nothing.

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};
use sqlx::PgPool;

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    clientId lastSeq committed
    results { seq entityType entityId status version lostFields code field message } } }";

/// Mutation `seq` of device `device`: an UPSERT of note `id`.
fn upsert(device: &str, seq: i64, id: &str, fields: Value) -> Value {
    let now = chrono::Utc::now();
    json!({"seq": seq, "entityType": "Note", "entityId": id, "op": "UPSERT", "fields": fields,
           "hlc": format!("{:015}-{:06}-{device}", now.timestamp_millis() + 1_000, seq % 1_000_000),
           "clientUpdatedAt": now.to_rfc3339()})
}

fn new_note(device: &str, seq: i64) -> Value {
    upsert(device, seq, &ulid::Ulid::new().to_string(), json!({"title": format!("note {seq}"), "body": "b"}))
}

async fn push_raw(client: &GqlClient, device: &str, mutations: &[Value], acknowledged: Option<i64>) -> anyhow::Result<Value> {
    client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations, "acknowledgedSeq": acknowledged}})).await
}

async fn push(client: &GqlClient, device: &str, mutations: &[Value], acknowledged: Option<i64>) -> anyhow::Result<Value> {
    let body = push_raw(client, device, mutations, acknowledged).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

/// The seqs of the device's stored results, in order.
async fn stored(pool: &PgPool, device: &str) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT seq FROM sync_mutations WHERE client_id = $1 ORDER BY seq").bind(device).fetch_all(pool).await?)
}

/// `(last_seq, acknowledged_seq)` of the device.
async fn marks(pool: &PgPool, device: &str) -> anyhow::Result<Option<(i64, i64)>> {
    Ok(sqlx::query_as("SELECT last_seq, acknowledged_seq FROM sync_clients WHERE client_id = $1").bind(device).fetch_optional(pool).await?)
}

#[tokio::test]
async fn acknowledged_results_are_dropped_and_a_retry_above_the_mark_answers_the_same() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    let first: Vec<Value> = (1..=3).map(|seq| new_note("DEV1", seq)).collect();
    let answered = push(&owner.client, "DEV1", &first, None).await?;
    assert_eq!((answered["committed"].as_bool(), answered["lastSeq"].as_i64()), (Some(true), Some(3)));
    assert_eq!(stored(pool, "DEV1").await?, [1, 2, 3]);

    // The next push acknowledges the first one's results.
    let second: Vec<Value> = (4..=5).map(|seq| new_note("DEV1", seq)).collect();
    let answered = push(&owner.client, "DEV1", &second, Some(3)).await?;
    assert_eq!(answered["lastSeq"], 5);
    assert_eq!(stored(pool, "DEV1").await?, [4, 5], "results at or below the mark are dropped");
    assert_eq!(marks(pool, "DEV1").await?, Some((5, 3)));

    // Its answer lost, the device retries it as it was: the same answer, nothing applied twice.
    let events_before: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(pool).await?;
    let again = push(&owner.client, "DEV1", &second, Some(3)).await?;
    assert_eq!(again, answered, "a retried push above the mark answers exactly as the first time");
    let events_after: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(pool).await?;
    assert_eq!(events_before, events_after);

    // An older mark than the stored one changes nothing.
    push(&owner.client, "DEV1", &[], Some(1)).await?;
    assert_eq!((stored(pool, "DEV1").await?, marks(pool, "DEV1").await?), (vec![4, 5], Some((5, 3))));
    server.stop().await
}

#[tokio::test]
async fn a_replay_at_or_below_the_mark_is_applied_without_a_version_and_applies_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    let id = ulid::Ulid::new().to_string();
    let first = vec![upsert("DEV1", 1, &id, json!({"title": "one"})), new_note("DEV1", 2)];
    push(&owner.client, "DEV1", &first, None).await?;
    push(&owner.client, "DEV1", &[], Some(2)).await?;
    assert!(stored(pool, "DEV1").await?.is_empty());

    // A device that (wrongly) sends seq 1 again, with a new one.
    let replay = vec![upsert("DEV1", 1, &id, json!({"title": "changed"})), new_note("DEV1", 3)];
    let answered = push(&owner.client, "DEV1", &replay, None).await?;
    assert_eq!((answered["committed"].as_bool(), answered["lastSeq"].as_i64()), (Some(true), Some(3)));
    let old = &answered["results"][0];
    assert_eq!((old["seq"].as_i64(), old["status"].as_str(), old["entityId"].as_str()), (Some(1), Some("APPLIED"), Some(id.as_str())));
    assert!(old["version"].is_null() && old["code"].is_null() && old["message"].is_null(), "no result body: {old}");
    assert_eq!(answered["results"][1]["status"], "APPLIED");
    assert!(answered["results"][1]["version"].is_i64());
    let title: String = sqlx::query_scalar("SELECT title FROM notes WHERE id = $1").bind(&id).fetch_one(pool).await?;
    assert_eq!(title, "one", "an acknowledged seq is never applied again");
    server.stop().await
}

#[tokio::test]
async fn another_devices_results_are_untouched() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    push(&owner.client, "DEV1", &[new_note("DEV1", 1), new_note("DEV1", 2)], None).await?;
    push(&owner.client, "DEV2", &[new_note("DEV2", 1), new_note("DEV2", 2)], None).await?;
    push(&owner.client, "DEV1", &[], Some(2)).await?;
    assert!(stored(pool, "DEV1").await?.is_empty());
    assert_eq!(stored(pool, "DEV2").await?, [1, 2]);
    assert_eq!(marks(pool, "DEV2").await?, Some((2, 0)));
    server.stop().await
}

#[tokio::test]
async fn a_bad_acknowledged_seq_is_a_validation_error_that_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    push(&owner.client, "DEV1", &[new_note("DEV1", 1), new_note("DEV1", 2)], None).await?;
    for acknowledged in [-1, 3] {
        let body = push_raw(&owner.client, "DEV1", &[new_note("DEV1", 3)], Some(acknowledged)).await?;
        assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "acknowledgedSeq", "{body}");
        assert_eq!(stored(pool, "DEV1").await?, [1, 2], "nothing dropped");
        assert_eq!(marks(pool, "DEV1").await?, Some((2, 0)), "nothing applied");
    }
    // A first push cannot acknowledge anything either, and leaves no device row behind.
    let body = push_raw(&owner.client, "NEW", &[new_note("NEW", 1)], Some(1)).await?;
    assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");
    assert_eq!(marks(pool, "NEW").await?, None);
    let notes: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(pool).await?;
    assert_eq!(notes, 2);
    server.stop().await
}

#[tokio::test]
async fn a_rejected_push_keeps_its_acknowledgement_for_the_next_one() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    push(&owner.client, "DEV1", &[new_note("DEV1", 1)], None).await?;
    let bad = upsert("DEV1", 2, &ulid::Ulid::new().to_string(), json!({"title": "x".repeat(501)}));
    let answered = push(&owner.client, "DEV1", &[bad], Some(1)).await?;
    assert_eq!(answered["committed"], false);
    assert_eq!(stored(pool, "DEV1").await?, [1], "a push that commits nothing drops nothing");
    server.stop().await
}

#[tokio::test]
async fn a_500_mutation_push_with_one_rejection_commits_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let pool = &server.db.pool;
    let claims_before: i64 = sqlx::query_scalar("SELECT count(*) FROM entity_ids").fetch_one(pool).await?;
    let mut batch: Vec<Value> = (1..=500).map(|seq| new_note("BULK", seq)).collect();
    batch[249] = upsert("BULK", 250, &ulid::Ulid::new().to_string(), json!({"title": "x".repeat(501)}));
    let answered = push(&owner.client, "BULK", &batch, None).await?;
    assert_eq!((answered["committed"].as_bool(), answered["lastSeq"].as_i64()), (Some(false), Some(0)));
    let results = answered["results"].as_array().map(Vec::len);
    assert_eq!(results, Some(500));
    for (i, result) in answered["results"].as_array().into_iter().flatten().enumerate() {
        let want = if i == 249 { "REJECTED" } else { "SKIPPED" };
        assert_eq!(result["status"], want, "{result}");
    }
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(pool).await?;
    let claims: i64 = sqlx::query_scalar("SELECT count(*) FROM entity_ids").fetch_one(pool).await?;
    assert_eq!((events, claims - claims_before, stored(pool, "BULK").await?.len()), (0, 0, 0));

    // Without the bad one, all 499 others commit, each once, answered in order.
    batch.remove(249);
    let answered = push(&owner.client, "BULK", &batch, None).await?;
    assert_eq!((answered["committed"].as_bool(), answered["lastSeq"].as_i64()), (Some(true), Some(500)));
    assert!(answered["results"].as_array().into_iter().flatten().all(|r| r["status"] == "APPLIED" && r["version"] == 1));
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(pool).await?;
    assert_eq!(events, 499);
    server.stop().await
}
