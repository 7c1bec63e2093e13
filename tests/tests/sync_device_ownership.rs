//! A `clientId` belongs to the user whose push first committed under it in that workspace:
//! a co-member pushing under someone else's device id is `FORBIDDEN` and changes nothing (so
//! they can neither jam the device's `seq` nor read its stored results), and two users racing
//! the first push end with exactly one owner.

use lifeos_tests::sync::Device;
use lifeos_tests::{Account, GqlClient, TestServer};
use serde_json::{json, Value};
use sqlx::PgPool;

const PUSH: &str = "mutation($i: PushInput!) {
  pushChanges(input: $i) { lastSeq committed results { seq entityId status version code message } } }";

/// The owner and an EDITOR in a shared workspace; both clients point at it.
async fn household(server: &TestServer) -> anyhow::Result<(Account, Account, String)> {
    let mut owner = server.owner().await?;
    let mut editor = server.invite(&owner, "editor@x.test", "Editor").await?;
    let home = owner.client.run("mutation { createWorkspace(name: \"Home\") { id } }", json!({})).await?;
    let home = home["data"]["createWorkspace"]["id"].as_str().unwrap_or_default().to_owned();
    owner.client.workspace = Some(home.clone());
    let added = owner.client.run("mutation { addMember(email: \"editor@x.test\", role: EDITOR) { id } }", json!({})).await?;
    anyhow::ensure!(added["errors"].is_null(), "addMember failed: {added}");
    editor.client.workspace = Some(home.clone());
    Ok((owner, editor, home))
}

/// One UPSERT of a new note with an explicit `seq`, as device `client_id`.
fn note_mutation(client_id: &str, seq: i64, title: &str) -> Value {
    let now = chrono::Utc::now();
    json!({
        "seq": seq,
        "entityType": "Note",
        "entityId": ulid::Ulid::new().to_string(),
        "op": "UPSERT",
        "fields": { "title": title },
        "hlc": format!("{:015}-{:06}-{client_id}", now.timestamp_millis(), seq % 1_000_000),
        "clientUpdatedAt": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

async fn push(client: &GqlClient, client_id: &str, mutations: Vec<Value>) -> anyhow::Result<Value> {
    client.run(PUSH, json!({"i": {"clientId": client_id, "mutations": mutations}})).await
}

/// `(user_id, last_seq)` of the device row, the number of stored results and of events in the workspace.
async fn device_state(pool: &PgPool, workspace: &str, client_id: &str) -> anyhow::Result<(Option<(String, i64)>, i64, i64)> {
    let row = sqlx::query_as("SELECT user_id, last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2")
        .bind(workspace)
        .bind(client_id)
        .fetch_optional(pool)
        .await?;
    let results: i64 = sqlx::query_scalar("SELECT count(*) FROM sync_mutations WHERE workspace_id = $1 AND client_id = $2")
        .bind(workspace)
        .bind(client_id)
        .fetch_one(pool)
        .await?;
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(pool)
        .await?;
    Ok((row, results, events))
}

#[tokio::test]
async fn a_co_member_pushing_under_the_owners_device_id_is_forbidden_and_changes_nothing() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (owner, editor, home) = household(&server).await?;
    let phone = Device::default();
    let first = push(&owner.client, &phone.client_id, vec![note_mutation(&phone.client_id, 1, "from the phone")]).await?;
    assert_eq!(first["data"]["pushChanges"]["results"][0]["status"], "APPLIED", "{first}");
    let before = device_state(&server.db.pool, &home, &phone.client_id).await?;
    assert_eq!(before.0, Some((owner.user_id.clone(), 1)));

    // The jam: a huge seq under the owner's phone's id.
    let jam = push(&editor.client, &phone.client_id, vec![note_mutation(&phone.client_id, 1 << 62, "jam")]).await?;
    assert_eq!(GqlClient::error_code(&jam), Some("FORBIDDEN"), "{jam}");
    assert!(jam["data"].is_null() || jam["data"]["pushChanges"].is_null(), "{jam}");
    // Replaying the owner's seq to read its stored result is refused the same way.
    let peek = push(&editor.client, &phone.client_id, vec![note_mutation(&phone.client_id, 1, "peek")]).await?;
    assert_eq!(GqlClient::error_code(&peek), Some("FORBIDDEN"), "{peek}");
    assert!(!peek.to_string().contains(first["data"]["pushChanges"]["results"][0]["entityId"].as_str().unwrap_or("-")));
    assert_eq!(device_state(&server.db.pool, &home, &phone.client_id).await?, before, "no events, results or seq moved");

    // The phone carries on as if nothing happened; seq keeps the any-increase rule.
    let next = push(&owner.client, &phone.client_id, vec![note_mutation(&phone.client_id, 2, "still mine")]).await?;
    assert_eq!(next["data"]["pushChanges"]["results"][0]["status"], "APPLIED", "{next}");
    assert_eq!(next["data"]["pushChanges"]["lastSeq"], 2);
    let jump = push(&owner.client, &phone.client_id, vec![note_mutation(&phone.client_id, 1 << 40, "jump")]).await?;
    assert_eq!(jump["data"]["pushChanges"]["results"][0]["status"], "APPLIED", "{jump}");

    // The editor's own device works as before.
    let tablet = Device::default();
    let own = push(&editor.client, &tablet.client_id, vec![note_mutation(&tablet.client_id, 1, "tablet")]).await?;
    assert_eq!(own["data"]["pushChanges"]["results"][0]["status"], "APPLIED", "{own}");
    server.stop().await
}

#[tokio::test]
async fn two_users_racing_the_first_push_under_one_client_id_yield_exactly_one_owner() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let (owner, editor, home) = household(&server).await?;
    let users = [(&owner, "owner"), (&editor, "editor")];
    for round in 0..8 {
        let client_id = Device::default().client_id;
        let (a, b) = tokio::join!(
            push(&owner.client, &client_id, vec![note_mutation(&client_id, 1, "owner's")]),
            push(&editor.client, &client_id, vec![note_mutation(&client_id, 1, "editor's")]),
        );
        let answers = [a?, b?];
        let applied: Vec<usize> =
            (0..2).filter(|i| answers[*i]["data"]["pushChanges"]["results"][0]["status"] == "APPLIED").collect();
        let forbidden: Vec<usize> = (0..2).filter(|i| GqlClient::error_code(&answers[*i]) == Some("FORBIDDEN")).collect();
        assert_eq!(applied.len(), 1, "round {round}: exactly one push applies: {answers:?}");
        assert_eq!(forbidden.len(), 1, "round {round}: the other is FORBIDDEN: {answers:?}");
        let (winner, name) = users[applied[0]];
        let (row, results, _) = device_state(&server.db.pool, &home, &client_id).await?;
        assert_eq!(row, Some((winner.user_id.clone(), 1)), "round {round}: {name} owns the device");
        assert_eq!(results, 1, "round {round}: only the winner's result is stored");
    }
    server.stop().await
}
