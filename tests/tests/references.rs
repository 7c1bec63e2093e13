//! References, black box (Task's `parentId`): checked on the write side on every path, so a
//! target made earlier in the same push, or a moment ago by another session (its row not
//! projected yet), is accepted; one of another workspace, one deleted a moment ago (until it
//! is restored) and one that never existed are refused with `VALIDATION` on `parentId`, and
//! nothing of the refused write is stored.
//!
//! "Not projected yet" is made deterministic by holding the kernel projector between batches
//! (`lifeos_tests::projectors`, its checkpoint row locked as a rebuild's switch does) and
//! checking the read table really lags while the reference is checked.

use lifeos_tests::entities::TASK;
use lifeos_tests::projectors::HeldProjector;
use lifeos_tests::{GqlClient, TestServer, OWNER_EMAIL, PASSWORD};
use serde_json::{json, Value};

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    committed results { seq entityId status version code field message } } }";

fn upsert_task(seq: i64, device: &str, id: &str, fields: Value) -> Value {
    let millis = chrono::Utc::now().timestamp_millis();
    json!({"seq": seq, "entityType": "Task", "entityId": id, "op": "UPSERT", "fields": fields,
           "hlc": format!("{millis:015}-{seq:06}-{device}"), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
}

async fn push(client: &GqlClient, device: &str, mutations: Vec<Value>) -> anyhow::Result<Value> {
    let body = client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

/// Task events of the workspace in the store.
async fn task_events(server: &TestServer, workspace_id: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Task' AND workspace_id = $1")
        .bind(workspace_id)
        .fetch_one(&server.db.pool)
        .await?)
}

/// Whether the kernel projection has written task `id`'s row (and whether it is deleted).
async fn task_row(server: &TestServer, id: &str) -> anyhow::Result<Option<bool>> {
    let row: Option<Option<chrono::DateTime<chrono::Utc>>> =
        sqlx::query_scalar("SELECT deleted_at FROM tasks WHERE id = $1").bind(id).fetch_optional(&server.db.pool).await?;
    Ok(row.map(|deleted_at| deleted_at.is_some()))
}

async fn create_task(client: &GqlClient, input: Value) -> anyhow::Result<Value> {
    TASK.create(client, input).await?.ok()
}

#[tokio::test]
async fn a_push_may_reference_a_task_created_earlier_in_the_same_push() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let (parent, child) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    let result = push(
        &owner.client,
        "DEV1",
        vec![upsert_task(1, "DEV1", &parent, json!({"title": "parent"})), upsert_task(2, "DEV1", &child, json!({"title": "child", "parentId": parent}))],
    )
    .await?;
    assert_eq!(result["committed"], true, "{result}");
    assert_eq!(result["results"][0]["status"], "APPLIED", "{result}");
    assert_eq!(result["results"][1]["status"], "APPLIED", "{result}");
    let read = TASK.get(&owner.client, &child).await?.ok()?;
    assert_eq!(read["parentId"], json!(parent), "{read}");
    Ok(())
}

#[tokio::test]
async fn a_push_referencing_another_workspaces_task_is_rejected_whole() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let other = server.invite(&owner, "other@lifeos.test", "Other").await?;
    let foreign = create_task(&other.client, json!({"title": "theirs"})).await?;
    let foreign_id = foreign["id"].as_str().unwrap_or_default().to_owned();
    let before = task_events(&server, &owner.personal_workspace).await?;

    let (mine, child) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    let result = push(
        &owner.client,
        "DEV1",
        vec![upsert_task(1, "DEV1", &mine, json!({"title": "mine"})), upsert_task(2, "DEV1", &child, json!({"title": "child", "parentId": foreign_id}))],
    )
    .await?;
    assert_eq!(result["committed"], false, "{result}");
    assert_eq!(result["results"][0]["status"], "SKIPPED", "{result}");
    let rejected = &result["results"][1];
    assert_eq!((&rejected["status"], &rejected["code"], &rejected["field"]), (&json!("REJECTED"), &json!("VALIDATION"), &json!("parentId")), "{result}");
    assert_eq!(task_events(&server, &owner.personal_workspace).await?, before, "nothing of the push is stored");
    let recorded: i64 = sqlx::query_scalar("SELECT count(*) FROM sync_mutations").fetch_one(&server.db.pool).await?;
    assert_eq!(recorded, 0, "no mutation result recorded");
    assert!(TASK.get(&owner.client, &mine).await?.ok()?.is_null());
    Ok(())
}

#[tokio::test]
async fn create_task_may_reference_a_task_another_session_created_before_it_is_projected() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let signed_in = owner.client.run("mutation($i: SignInInput!) { signIn(input: $i) { token } }", json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD}})).await?;
    let token = signed_in["data"]["signIn"]["token"].as_str().ok_or_else(|| anyhow::anyhow!("{signed_in}"))?;
    let mut other_session = server.client();
    other_session.bearer = Some(token.to_owned());

    let held = HeldProjector::hold(&server.db.pool, "kernel").await?;
    let parent = create_task(&owner.client, json!({"title": "parent"})).await?;
    let parent_id = parent["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(task_row(&server, &parent_id).await?, None, "the parent is not projected yet");
    let child = create_task(&other_session, json!({"title": "child", "parentId": parent_id})).await?;
    assert_eq!(child["parentId"], json!(parent_id), "{child}");
    assert_eq!(task_row(&server, &parent_id).await?, None, "checked without the read table");
    held.release().await?;

    let child_id = child["id"].as_str().unwrap_or_default();
    let read = TASK.get(&other_session, child_id).await?.ok()?;
    assert_eq!(read["parentId"], json!(parent_id), "{read}");
    Ok(())
}

#[tokio::test]
async fn a_task_deleted_a_moment_ago_cannot_be_referenced_until_restored() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let parent = create_task(c, json!({"title": "parent"})).await?;
    let parent_id = parent["id"].as_str().unwrap_or_default().to_owned();
    c.read_own_writes().await?;

    let held = HeldProjector::hold(&server.db.pool, "kernel").await?;
    TASK.delete(c, &parent_id, 1).await?.ok()?;
    assert_eq!(task_row(&server, &parent_id).await?, Some(false), "the read table still shows it alive");
    let before = task_events(&server, &owner.personal_workspace).await?;
    let refused = TASK.create(c, json!({"title": "child", "parentId": parent_id})).await?;
    assert_eq!((refused.code(), refused.extension("field")), (Some("VALIDATION"), &json!("parentId")), "{:?}", refused.body);
    assert_eq!(task_events(&server, &owner.personal_workspace).await?, before, "nothing written");
    held.release().await?;

    TASK.restore(c, &parent_id, 2).await?.ok()?;
    let child = create_task(c, json!({"title": "child", "parentId": parent_id})).await?;
    assert_eq!(child["parentId"], json!(parent_id), "{child}");
    Ok(())
}

#[tokio::test]
async fn update_task_to_a_nonexistent_parent_is_refused_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let task = create_task(c, json!({"title": "orphan"})).await?;
    let id = task["id"].as_str().unwrap_or_default().to_owned();
    let before = task_events(&server, &owner.personal_workspace).await?;
    let nowhere = "01J0NEXR5TENTPAR3NT0000000";
    let refused = TASK.update(c, json!({"id": id, "expectedVersion": 1, "parentId": nowhere})).await?;
    assert_eq!((refused.code(), refused.extension("field")), (Some("VALIDATION"), &json!("parentId")), "{:?}", refused.body);
    assert_eq!(task_events(&server, &owner.personal_workspace).await?, before, "nothing written");
    let read = TASK.get(c, &id).await?.ok()?;
    assert_eq!((read["version"].as_i64(), &read["parentId"]), (Some(1), &Value::Null), "{read}");
    Ok(())
}

#[tokio::test]
async fn a_resent_create_answers_as_before_though_its_parent_was_deleted_since() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let parent = create_task(c, json!({"title": "parent"})).await?;
    let parent_id = parent["id"].as_str().unwrap_or_default().to_owned();
    let child_id = ulid::Ulid::new().to_string();
    let input = json!({"id": child_id, "title": "child", "parentId": parent_id});
    let first = create_task(c, input.clone()).await?;
    TASK.delete(c, &parent_id, 1).await?.ok()?;
    // The answer to the first create was lost; the client sends it again.
    let again = create_task(c, input).await?;
    assert_eq!(again, first, "a re-sent create is idempotent: it changes no reference");
    // An update that keeps the reference as it is is not refused for it either.
    let kept = TASK.update(c, json!({"id": child_id, "expectedVersion": 1, "title": "renamed", "parentId": parent_id})).await?.ok()?;
    assert_eq!((kept["title"].as_str(), kept["version"].as_i64()), (Some("renamed"), Some(2)), "{kept}");
    Ok(())
}
