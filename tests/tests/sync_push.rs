//! Offline sync over GraphQL, server side: `pushChanges` (exactly once, all or nothing,
//! per-field merge by hybrid logical clock, deletion as a register, clock clamping) and the
//! `changes` pull (commit order, paging, cursors, RESET_REQUIRED).

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    clientId lastSeq committed
    results { seq entityType entityId status version lostFields code field message } } }";

const PULL: &str = "query($a: String, $l: Int!) { changes(after: $a, limit: $l) {
    cursor hasMore entries { cursor entityType entityId op version updatedAt data } } }";

/// A clock stamp `offset_ms` after the test's start (one base per test process, so offsets
/// order stamps however long the pushes between them take).
fn hlc(offset_ms: i64, node: &str) -> String {
    static BASE: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| chrono::Utc::now().timestamp_millis() + 1_000);
    format!("{:015}-{:06}-{node}", base + offset_ms, 0)
}

fn mutation(seq: i64, id: &str, op: &str, fields: Value, hlc: &str) -> Value {
    json!({"seq": seq, "entityType": "Note", "entityId": id, "op": op, "fields": fields,
           "hlc": hlc, "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
}

async fn push(client: &GqlClient, device: &str, mutations: Vec<Value>) -> anyhow::Result<Value> {
    let body = client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

async fn note(client: &GqlClient, id: &str) -> anyhow::Result<Value> {
    let body = client.run("query($id: ID!) { note(id: $id) { id version deletedAt title body pinned tags } }", json!({"id": id})).await?;
    Ok(body["data"]["note"].clone())
}

async fn event_count(server: &TestServer, id: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_id LIKE '%' || $1").bind(id).fetch_one(&server.db.pool).await?)
}

fn statuses(result: &Value) -> Vec<&str> {
    result["results"].as_array().map(|r| r.iter().filter_map(|m| m["status"].as_str()).collect()).unwrap_or_default()
}

#[tokio::test]
async fn a_push_retried_three_times_is_applied_once_and_answers_the_same() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    let batch = vec![
        mutation(1, &id, "UPSERT", json!({"title": "draft", "body": "x"}), &hlc(0, "DEV1")),
        mutation(2, &id, "UPSERT", json!({"title": "final"}), &hlc(1, "DEV1")),
    ];
    let first = push(&owner.client, "DEV1", batch.clone()).await?;
    assert_eq!(first["committed"], true);
    assert_eq!(first["lastSeq"], 2);
    assert_eq!(statuses(&first), ["APPLIED", "APPLIED"]);
    for _ in 0..3 {
        let again = push(&owner.client, "DEV1", batch.clone()).await?;
        assert_eq!(again, first, "a retried push answers exactly as the first time");
    }
    assert_eq!(event_count(&server, &id).await?, 2, "nothing applied twice");
    let stored = note(&owner.client, &id).await?;
    assert_eq!((stored["title"].as_str(), stored["body"].as_str(), stored["version"].as_i64()), (Some("final"), Some("x"), Some(2)));
    // A retry that carries one new mutation applies only that one.
    let mut more = batch;
    more.push(mutation(3, &id, "UPSERT", json!({"pinned": true}), &hlc(2, "DEV1")));
    let third = push(&owner.client, "DEV1", more).await?;
    assert_eq!((third["lastSeq"].as_i64(), statuses(&third)), (Some(3), vec!["APPLIED", "APPLIED", "APPLIED"]));
    assert_eq!(event_count(&server, &id).await?, 3);
    server.stop().await
}

#[tokio::test]
async fn a_rejected_mutation_leaves_nothing_of_its_push_applied() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let (a, b) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    let bad = vec![
        mutation(1, &a, "UPSERT", json!({"title": "fine"}), &hlc(0, "DEV1")),
        mutation(2, &b, "UPSERT", json!({"title": "x".repeat(501)}), &hlc(1, "DEV1")),
        mutation(3, &a, "DELETE", Value::Null, &hlc(2, "DEV1")),
    ];
    let result = push(&owner.client, "DEV1", bad).await?;
    assert_eq!(result["committed"], false);
    assert_eq!(result["lastSeq"], 0);
    assert_eq!(statuses(&result), ["SKIPPED", "REJECTED", "SKIPPED"]);
    assert_eq!((result["results"][1]["code"].as_str(), result["results"][1]["field"].as_str()), (Some("VALIDATION"), Some("title")));
    assert_eq!(event_count(&server, &a).await? + event_count(&server, &b).await?, 0, "nothing half-applied");
    assert!(note(&owner.client, &a).await?.is_null());
    let clients: i64 = sqlx::query_scalar("SELECT count(*) FROM sync_mutations").fetch_one(&server.db.pool).await?;
    assert_eq!(clients, 0);

    // The device drops the rejected mutation and pushes the rest.
    let rest = vec![mutation(1, &a, "UPSERT", json!({"title": "fine"}), &hlc(0, "DEV1")), mutation(3, &a, "DELETE", Value::Null, &hlc(2, "DEV1"))];
    let result = push(&owner.client, "DEV1", rest).await?;
    assert_eq!((result["committed"].as_bool(), result["lastSeq"].as_i64()), (Some(true), Some(3)));
    assert!(note(&owner.client, &a).await?["deletedAt"].is_string());
    server.stop().await
}

#[tokio::test]
async fn malformed_pushes_are_validation_errors_that_write_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    let cases = [
        ("DEV1", vec![mutation(2, &id, "UPSERT", json!({}), &hlc(0, "D")), mutation(1, &id, "UPSERT", json!({}), &hlc(0, "D"))], "seq"),
        ("bad device!", vec![mutation(1, &id, "UPSERT", json!({}), &hlc(0, "D"))], "clientId"),
    ];
    for (device, mutations, field) in cases {
        let body = owner.client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations}})).await?;
        assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    // A kind that is not registered is not an `EntityType`: the variables are refused whole.
    let spaceship = json!({"seq": 1, "entityType": "Spaceship", "entityId": id, "op": "UPSERT", "hlc": hlc(0, "D"), "clientUpdatedAt": "2026-01-01T00:00:00Z"});
    let body = owner.client.run(PUSH, json!({"i": {"clientId": "DEV1", "mutations": [spaceship]}})).await?;
    assert!(body["data"].is_null(), "{body}");
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Spaceship")), "{body}");
    // Per-mutation problems are typed rejections.
    let rejected = [
        (mutation(1, "not-a-ulid", "UPSERT", json!({}), &hlc(0, "D")), "id"),
        (mutation(1, &id, "UPSERT", json!({}), "yesterday"), "hlc"),
        (mutation(1, &id, "UPSERT", json!([1, 2]), &hlc(0, "D")), "fields"),
        (mutation(1, &id, "UPSERT", json!({"colour": "red"}), &hlc(0, "D")), "colour"),
    ];
    for (m, field) in rejected {
        let result = push(&owner.client, "DEV1", vec![m]).await?;
        assert_eq!(result["results"][0]["status"], "REJECTED", "{result}");
        assert_eq!(result["results"][0]["field"], field, "{result}");
    }
    let missing = push(&owner.client, "DEV1", vec![mutation(1, &id, "DELETE", Value::Null, &hlc(0, "D"))]).await?;
    assert_eq!(missing["results"][0]["code"], "NOT_FOUND");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(&server.db.pool).await?, 0);
    server.stop().await
}

#[tokio::test]
async fn two_devices_editing_different_fields_offline_both_keep_their_edits() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    push(&owner.client, "PHONE", vec![mutation(1, &id, "UPSERT", json!({"title": "t0", "body": "b0"}), &hlc(0, "PHONE"))]).await?;
    // Both edit offline from version 1; the laptop's clock is later but it touched only the body.
    let phone = push(&owner.client, "PHONE", vec![mutation(2, &id, "UPSERT", json!({"title": "phone title"}), &hlc(10, "PHONE"))]).await?;
    let laptop = push(&owner.client, "LAPTOP", vec![mutation(1, &id, "UPSERT", json!({"body": "laptop body"}), &hlc(20, "LAPTOP"))]).await?;
    assert_eq!((statuses(&phone), statuses(&laptop)), (vec!["APPLIED"], vec!["APPLIED"]));
    let merged = note(&owner.client, &id).await?;
    assert_eq!((merged["title"].as_str(), merged["body"].as_str()), (Some("phone title"), Some("laptop body")));

    // The same field: the later clock wins whatever the arrival order; the loser learns it.
    let late = push(&owner.client, "PHONE", vec![mutation(3, &id, "UPSERT", json!({"title": "later"}), &hlc(40, "PHONE"))]).await?;
    let early = push(&owner.client, "LAPTOP", vec![mutation(2, &id, "UPSERT", json!({"title": "earlier", "pinned": true}), &hlc(30, "LAPTOP"))]).await?;
    assert_eq!((statuses(&late), statuses(&early)), (vec!["APPLIED"], vec!["MERGED"]));
    assert_eq!(early["results"][0]["lostFields"], json!(["title"]));
    let merged = note(&owner.client, &id).await?;
    assert_eq!((merged["title"].as_str(), merged["pinned"].as_bool()), (Some("later"), Some(true)));
    server.stop().await
}

#[tokio::test]
async fn deletion_is_a_register_an_older_edit_does_not_resurrect_a_newer_one_does() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    push(&owner.client, "A", vec![mutation(1, &id, "UPSERT", json!({"title": "t"}), &hlc(0, "A"))]).await?;
    push(&owner.client, "A", vec![mutation(2, &id, "DELETE", Value::Null, &hlc(20, "A"))]).await?;
    let older = push(&owner.client, "B", vec![mutation(1, &id, "UPSERT", json!({"body": "offline edit"}), &hlc(10, "B"))]).await?;
    assert_eq!(older["results"][0]["lostFields"], json!(["deletedAt"]));
    let after_older = note(&owner.client, &id).await?;
    assert!(after_older["deletedAt"].is_string(), "an edit older than the delete does not resurrect");
    assert_eq!(after_older["body"], "offline edit", "its field still merges");
    push(&owner.client, "B", vec![mutation(2, &id, "UPSERT", json!({"title": "back"}), &hlc(30, "B"))]).await?;
    assert!(note(&owner.client, &id).await?["deletedAt"].is_null(), "a later edit resurrects");
    // A delete older than the resurrecting edit loses.
    let stale_delete = push(&owner.client, "C", vec![mutation(1, &id, "DELETE", Value::Null, &hlc(25, "C"))]).await?;
    assert_eq!(stale_delete["results"][0]["status"], "MERGED");
    assert!(note(&owner.client, &id).await?["deletedAt"].is_null());
    server.stop().await
}

#[tokio::test]
async fn a_device_clock_far_in_the_future_is_clamped() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    push(&owner.client, "A", vec![mutation(1, &id, "UPSERT", json!({"title": "t"}), &hlc(0, "A"))]).await?;
    let next_year = hlc(365 * 24 * 3_600_000, "FAST");
    push(&owner.client, "FAST", vec![mutation(1, &id, "UPSERT", json!({"title": "from the future"}), &next_year)]).await?;
    let clock: String = sqlx::query_scalar("SELECT payload -> 'Merged' ->> 'clock' FROM events WHERE aggregate_id LIKE '%' || $1 AND sequence = 2")
        .bind(&id)
        .fetch_one(&server.db.pool)
        .await?;
    let millis: i64 = clock.split('-').next().unwrap_or_default().parse()?;
    assert!(millis <= chrono::Utc::now().timestamp_millis() + 60_000, "stored clock {clock} is clamped to now + 60 s");
    server.stop().await
}

#[tokio::test]
async fn changes_pull_in_commit_order_with_current_rows_paging_and_resets() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let ids: Vec<String> = (0..5).map(|_| ulid::Ulid::new().to_string()).collect();
    let mutations: Vec<Value> =
        ids.iter().enumerate().map(|(i, id)| mutation(i as i64 + 1, id, "UPSERT", json!({"title": format!("n{i}")}), &hlc(i as i64, "A"))).collect();
    push(&owner.client, "A", mutations).await?;
    push(&owner.client, "A", vec![mutation(6, &ids[0], "DELETE", Value::Null, &hlc(10, "A"))]).await?;

    let mut after: Option<String> = None;
    let mut seen = Vec::new();
    loop {
        let body = owner.client.run(PULL, json!({"a": after, "l": 2})).await?;
        let page = &body["data"]["changes"];
        anyhow::ensure!(body["errors"].is_null(), "{body}");
        for entry in page["entries"].as_array().into_iter().flatten() {
            seen.push((entry["entityId"].as_str().unwrap_or_default().to_owned(), entry["op"].clone(), entry["data"].clone()));
        }
        after = page["cursor"].as_str().map(str::to_owned);
        if page["hasMore"] != true {
            break;
        }
    }
    let order: Vec<&str> = seen.iter().map(|(id, _, _)| id.as_str()).collect();
    let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
    expected.push(&ids[0]);
    assert_eq!(order, expected, "every change once, in commit order");
    let (_, op, data) = &seen[5];
    assert_eq!(op, "DELETE");
    assert!(data["deletedAt"].is_string() && data["title"] == "n0" && data["version"] == 2, "{data}");
    assert!(data.get("workspaceId").is_none());
    // Entries carry the row's current state (the first one already shows the delete).
    assert!(seen[0].2["deletedAt"].is_string());

    // Caught up: the same cursor gives an empty page and stays put.
    let body = owner.client.run(PULL, json!({"a": after, "l": 10})).await?;
    assert_eq!(body["data"]["changes"]["entries"], json!([]));
    assert_eq!(body["data"]["changes"]["cursor"].as_str(), after.as_deref());

    // Cursors the server cannot continue from are RESET_REQUIRED, never a silent gap.
    let other = server.invite(&owner, "other@lifeos.test", "Other").await?;
    let foreign = other.client.run(PULL, json!({"a": after, "l": 10})).await?;
    assert_eq!(GqlClient::error_code(&foreign), Some("RESET_REQUIRED"));
    let garbage = owner.client.run(PULL, json!({"a": "not-a-cursor", "l": 10})).await?;
    assert_eq!(GqlClient::error_code(&garbage), Some("RESET_REQUIRED"));
    let bad_limit = owner.client.run(PULL, json!({"a": null, "l": 0})).await?;
    assert_eq!(GqlClient::error_code(&bad_limit), Some("VALIDATION"));
    let anonymous = server.client().run(PULL, json!({"a": null, "l": 10})).await?;
    assert_eq!(GqlClient::error_code(&anonymous), Some("UNAUTHENTICATED"));
    // The other user's feed is their own (empty).
    let theirs = other.client.run(PULL, json!({"a": null, "l": 10})).await?;
    assert_eq!(theirs["data"]["changes"]["entries"], json!([]));
    server.stop().await
}
