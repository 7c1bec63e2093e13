//! The storable-value contract, black-box: a value PostgreSQL cannot hold (NUL in a text, a
//! year outside 1–9999, a time finer than microseconds, a ULID beyond 128 bits, a DONE task
//! without a completion time) is `VALIDATION` naming the field — over GraphQL and through
//! `pushChanges` alike — nothing is written, and the kernel projection keeps applying the
//! writes that follow (once, such values were stored and stalled it for every workspace).

use lifeos_tests::{Account, GqlClient, TestServer, PASSWORD};
use serde_json::{json, Value};

use lifeos_tests::entities::{Kind, NOTE, PERSON, TASK};

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    committed results { seq status code field message } } }";

async fn count(server: &TestServer, table: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&server.db.pool).await?)
}

/// `VALIDATION` on `field`, as the first error of a GraphQL response.
fn assert_validation(body: &Value, field: &str) {
    assert_eq!(GqlClient::error_code(body), Some("VALIDATION"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
}

/// The kernel projection still applies new writes: a note created now is readable from the
/// read table (a session's read waits for its own writes to be projected).
async fn kernel_keeps_going(client: &GqlClient) -> anyhow::Result<()> {
    let created = NOTE.create(client, json!({"title": "after"})).await?.ok()?;
    let id = created["id"].as_str().unwrap_or_default();
    let read = NOTE.get(client, id).await?.ok()?;
    anyhow::ensure!(read == created, "the note written after is not projected: {read} vs {created}");
    Ok(())
}

/// `mutation` on a new entity of `kind`, then the same with `value` in `field`: refused with
/// VALIDATION on `field`, no event written.
async fn graphql_refuses(server: &TestServer, owner: &Account, kind: &Kind, base: Value, field: &str, value: Value) -> anyhow::Result<()> {
    let before = count(server, "events").await?;
    let mut input = base.clone();
    input[field] = value.clone();
    assert_validation(&kind.create(&owner.client, input).await?.body, field);
    let entity = kind.create(&owner.client, base).await?.ok()?;
    let written = count(server, "events").await?;
    assert_eq!(written, before + 1, "only the valid create was written");
    let update = json!({"id": entity["id"], "expectedVersion": 1, field: value});
    assert_validation(&kind.update(&owner.client, update).await?.body, field);
    assert_eq!(count(server, "events").await?, written, "the refused update wrote nothing");
    Ok(())
}

#[tokio::test]
async fn a_task_due_in_year_99999_is_refused_over_graphql_and_the_projection_keeps_going() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let due = json!("+99999-01-01T00:00:00Z");
    graphql_refuses(&server, &owner, &TASK, json!({"title": "t"}), "dueAt", due).await?;
    graphql_refuses(&server, &owner, &TASK, json!({"title": "t"}), "dueAt", json!("0000-06-01T00:00:00Z")).await?;
    kernel_keeps_going(&owner.client).await?;
    server.stop().await
}

#[tokio::test]
async fn a_note_title_with_nul_is_refused_over_graphql() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    graphql_refuses(&server, &owner, &NOTE, json!({"title": "t"}), "title", json!("nul\u{0}byte")).await?;
    graphql_refuses(&server, &owner, &NOTE, json!({"title": "t"}), "tags", json!(["fine", "nul\u{0}"])).await?;
    graphql_refuses(&server, &owner, &PERSON, json!({"displayName": "Ada"}), "emails", json!(["a\u{0}@x.test"])).await?;
    kernel_keeps_going(&owner.client).await?;
    server.stop().await
}

#[tokio::test]
async fn a_birthday_in_year_zero_is_refused_over_graphql() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    graphql_refuses(&server, &owner, &PERSON, json!({"displayName": "Ada"}), "birthday", json!("0000-01-01")).await?;
    kernel_keeps_going(&owner.client).await?;
    server.stop().await
}

#[tokio::test]
async fn a_time_finer_than_microseconds_is_refused_so_the_answer_always_equals_the_row() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let before = count(&server, "events").await?;
    let refused = TASK.create(&owner.client, json!({"title": "t", "dueAt": "2026-01-01T00:00:00.123456789Z"})).await?;
    assert_validation(&refused.body, "dueAt");
    assert!(refused.body["errors"][0]["message"].as_str().unwrap_or_default().contains("microsecond"), "{}", refused.body);
    assert_eq!(count(&server, "events").await?, before);
    // Microseconds are kept exactly: the answer and the read row agree.
    let task = TASK.create(&owner.client, json!({"title": "t", "dueAt": "2026-01-01T00:00:00.123456Z"})).await?.ok()?;
    assert_eq!(TASK.get(&owner.client, task["id"].as_str().unwrap_or_default()).await?.ok()?, task);
    server.stop().await
}

#[tokio::test]
async fn an_id_beyond_128_bits_is_refused_instead_of_wrapping_around() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let before = count(&server, "events").await?;
    let refused = NOTE.create(&owner.client, json!({"id": "8ZZZZZZZZZZZZZZZZZZZZZZZZZ", "title": "t"})).await?;
    assert_validation(&refused.body, "id");
    assert_eq!(count(&server, "events").await?, before);
    assert_eq!(count(&server, "notes").await?, 0);
    // The largest ULID there is still works.
    let top = NOTE.create(&owner.client, json!({"id": "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "title": "t"})).await?.ok()?;
    assert_eq!(top["id"], "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    server.stop().await
}

#[tokio::test]
async fn setting_a_task_done_over_graphql_stamps_its_completion_time() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let task = TASK.create(&owner.client, json!({"title": "t"})).await?.ok()?;
    let done = TASK.update(&owner.client, json!({"id": task["id"], "expectedVersion": 1, "status": "DONE"})).await?.ok()?;
    assert_eq!(done["status"], "DONE");
    assert!(done["completedAt"].is_string(), "a DONE task has a completion time: {done}");
    assert_eq!(TASK.get(&owner.client, task["id"].as_str().unwrap_or_default()).await?.ok()?, done);
    let cancelled = TASK.update(&owner.client, json!({"id": task["id"], "expectedVersion": 2, "status": "CANCELLED"})).await?.ok()?;
    assert!(cancelled["completedAt"].is_null(), "{cancelled}");
    let created_done = TASK.create(&owner.client, json!({"title": "t", "status": "DONE"})).await?.ok()?;
    assert!(created_done["completedAt"].is_string(), "{created_done}");
    server.stop().await
}

#[tokio::test]
async fn nul_in_a_workspace_name_is_validation_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let before = count(&server, "events").await?;
    let body = owner.client.run("mutation($n: String!) { createWorkspace(name: $n) { id } }", json!({"n": "Ho\u{0}me"})).await?;
    assert_validation(&body, "name");
    assert_eq!(count(&server, "events").await?, before);
    let fine = owner.client.run("mutation { createWorkspace(name: \"Home\") { name } }", json!({})).await?;
    assert_eq!(fine["data"]["createWorkspace"]["name"], "Home", "{fine}");
    server.stop().await
}

#[tokio::test]
async fn nul_in_a_display_name_or_session_label_is_validation_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let allowed = owner.client.run("mutation { allowSignup(email: \"bob@x.test\") }", json!({})).await?;
    anyhow::ensure!(allowed["errors"].is_null(), "{allowed}");
    let (users, sessions) = (count(&server, "users").await?, count(&server, "sessions").await?);
    let sign_up = "mutation($i: SignUpInput!) { signUp(input: $i) { token } }";
    let bad_name = json!({"i": {"email": "bob@x.test", "password": PASSWORD, "displayName": "B\u{0}ob"}});
    assert_validation(&server.client().run(sign_up, bad_name).await?, "displayName");
    let bad_label = json!({"i": {"email": "bob@x.test", "password": PASSWORD, "displayName": "Bob", "clientName": "phone\u{0}"}});
    assert_validation(&server.client().run(sign_up, bad_label).await?, "clientName");
    assert_eq!((count(&server, "users").await?, count(&server, "sessions").await?), (users, sessions));
    let bob = server.sign_up("bob@x.test", "Bob").await?;
    let sign_in = "mutation($i: SignInInput!) { signIn(input: $i) { token } }";
    let bad_label = json!({"i": {"email": "bob@x.test", "password": PASSWORD, "clientName": "\u{0}"}});
    let sessions = count(&server, "sessions").await?;
    assert_validation(&server.client().run(sign_in, bad_label).await?, "clientName");
    assert_eq!(count(&server, "sessions").await?, sessions);
    anyhow::ensure!(!bob.token.is_empty());
    server.stop().await
}

#[tokio::test]
async fn out_of_range_times_in_queries_are_validation_not_internal() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let note = NOTE.create(&owner.client, json!({"title": "t"})).await?.ok()?;
    let as_of = owner
        .client
        .run("query($id: ID!) { entityAsOf(entityType: Note, id: $id, at: \"+99999-01-01T00:00:00Z\") }", json!({"id": note["id"]}))
        .await?;
    assert_validation(&as_of, "at");
    let audit = owner.client.run("{ auditLog(from: \"+99999-01-01T00:00:00Z\") { edges { cursor } } }", json!({})).await?;
    assert_validation(&audit, "from");
    // A kind is an enum value: anything else is refused by validation, before any resolver.
    let history = owner.client.run("query($id: ID!) { history(entityType: \"No\\u0000te\", id: $id) { version } }", json!({"id": note["id"]})).await?;
    assert!(history["data"].is_null(), "{history}");
    assert!(history["errors"][0]["message"].as_str().is_some_and(|m| m.contains("EntityType")), "{history}");
    server.stop().await
}

/// A device's push of one mutation; the whole `pushChanges` payload.
async fn push_one(client: &GqlClient, mutation: Value) -> anyhow::Result<Value> {
    let body = client.run(PUSH, json!({"i": {"clientId": "phone", "mutations": [mutation]}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

fn upsert(entity_type: &str, id: &str, fields: Value) -> Value {
    let now = chrono::Utc::now();
    json!({"seq": 1, "entityType": entity_type, "entityId": id, "op": "UPSERT", "fields": fields,
           "hlc": format!("{:015}-000000-phone", now.timestamp_millis()),
           "clientUpdatedAt": now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)})
}

/// The mutation with a `clientUpdatedAt` in year 99999.
fn late_clock(mut mutation: Value) -> Value {
    mutation["clientUpdatedAt"] = json!("+99999-01-01T00:00:00Z");
    mutation
}

#[tokio::test]
async fn the_same_values_pushed_are_rejected_naming_the_field_and_nothing_is_written() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let id = ulid::Ulid::new().to_string();
    let cases = [
        upsert("Task", &id, json!({"title": "t", "dueAt": "+99999-01-01T00:00:00Z"})),
        upsert("Task", &id, json!({"title": "t", "dueAt": "2026-01-01T00:00:00.000000001Z"})),
        upsert("Task", &id, json!({"title": "t", "status": "DONE"})),
        upsert("Task", &id, json!({"title": "t", "parentId": "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"})),
        upsert("Note", &id, json!({"title": "nul\u{0}byte"})),
        upsert("Note", &id, json!({"tags": ["a", "\u{0}"]})),
        upsert("Person", &id, json!({"displayName": "Ada", "birthday": "0000-01-01"})),
        upsert("Place", &id, json!({"name": "Home\u{0}"})),
        upsert("Note", "8ZZZZZZZZZZZZZZZZZZZZZZZZZ", json!({"title": "t"})),
        late_clock(upsert("Note", &id, json!({"title": "t"}))),
    ];
    let fields = ["dueAt", "dueAt", "completedAt", "parentId", "title", "tags", "birthday", "name", "id", "clientUpdatedAt"];
    let before = count(&server, "events").await?;
    for (mutation, field) in cases.into_iter().zip(fields) {
        let pushed = push_one(&owner.client, mutation.clone()).await?;
        assert_eq!(pushed["committed"], false, "{mutation}: {pushed}");
        let result = &pushed["results"][0];
        assert_eq!((result["status"].as_str(), result["code"].as_str()), (Some("REJECTED"), Some("VALIDATION")), "{mutation}: {pushed}");
        assert_eq!(result["field"], field, "{mutation}: {pushed}");
    }
    assert_eq!(count(&server, "events").await?, before, "nothing of a rejected push is written");
    assert_eq!(count(&server, "sync_mutations").await?, 0);
    // The same device's next, valid push applies, and the kernel projection keeps going.
    let pushed = push_one(&owner.client, upsert("Note", &id, json!({"title": "fine"}))).await?;
    assert_eq!(pushed["results"][0]["status"], "APPLIED", "{pushed}");
    assert_eq!(NOTE.get(&owner.client, &id).await?.ok()?["title"], "fine");
    kernel_keeps_going(&owner.client).await?;
    server.stop().await
}
