//! What a request leaves behind and what it is told: a client's `X-Request-Id` reaches the
//! immutable event metadata only when bounded and well formed (else a ULID replaces it), and
//! a read whose own earlier writes could not be waited for says so (`extensions.stale`).

use lifeos_tests::entities::NOTE;
use lifeos_tests::{Account, TestServer};
use serde_json::{json, Value};
use sqlx::Connection;

/// `createNote` with `x-request-id: sent` (if any); the echoed id and the id in the event's metadata.
async fn create_with_request_id(server: &TestServer, owner: &Account, sent: Option<&str>) -> anyhow::Result<(String, String)> {
    let mut request = reqwest::Client::new().post(server.url("/graphql")).bearer_auth(&owner.token).json(&json!({
        "query": "mutation { createNote(input: {title: \"traced\"}) { id } }",
    }));
    if let Some(sent) = sent {
        request = request.header("x-request-id", sent);
    }
    let response = request.send().await?;
    let echoed = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body: Value = response.json().await?;
    let id = body["data"]["createNote"]["id"].as_str().ok_or_else(|| anyhow::anyhow!("createNote failed: {body}"))?;
    let stream = format!("{}:{id}", owner.personal_workspace);
    let stored: String = sqlx::query_scalar("SELECT metadata->>'request_id' FROM events WHERE aggregate_id = $1")
        .bind(&stream)
        .fetch_one(&server.db.pool)
        .await?;
    Ok((echoed, stored))
}

fn is_ulid(id: &str) -> bool {
    id.len() == 26 && ulid::Ulid::from_string(id).is_ok()
}

#[tokio::test]
async fn a_malformed_or_overlong_request_id_is_replaced_and_a_well_formed_one_kept() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;

    for bad in ["r".repeat(2019), "x".repeat(65), "has spaces; and=stuff".to_owned(), "quote\"d".to_owned()] {
        let (echoed, stored) = create_with_request_id(&server, &owner, Some(&bad)).await?;
        assert!(is_ulid(&echoed), "{bad:.40}… was echoed as {echoed:.40}");
        assert_eq!(stored, echoed, "the event records the id the client was told");
    }
    for good in ["3f2b6c1e-8a4d-4e7b-9c2a-1b2c3d4e5f60", "web:req.42_a-b", &"k".repeat(64)] {
        let (echoed, stored) = create_with_request_id(&server, &owner, Some(good)).await?;
        assert_eq!(echoed, good);
        assert_eq!(stored, good);
    }
    let (echoed, stored) = create_with_request_id(&server, &owner, None).await?;
    assert!(is_ulid(&echoed));
    assert_eq!(stored, echoed);
    server.stop().await
}

#[tokio::test]
async fn a_read_whose_own_writes_are_held_back_is_flagged_stale_not_served_silently() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 2000).await?;
    let owner = server.owner().await?;
    let list = "{ notes(first: 10) { edges { node { id } } } }";
    let fresh = owner.client.run(list, json!({})).await?;
    assert!(fresh["errors"].is_null() && fresh["extensions"]["stale"].is_null(), "nothing pending: {fresh}");

    // An older open transaction holds the gap-free feed: the projector cannot see the note.
    let mut holder = sqlx::PgConnection::connect_with(&server.db.options).await?;
    let mut held = holder.begin().await?;
    sqlx::query("SELECT pg_current_xact_id()").execute(&mut *held).await?;
    let note = NOTE.create(&owner.client, json!({"title": "mine"})).await?.ok()?;
    let id = note["id"].as_str().unwrap_or_default();

    let stale = owner.client.run(list, json!({})).await?;
    assert!(stale["errors"].is_null(), "{stale}");
    assert_eq!(stale["extensions"]["stale"], true, "the answer says it may miss the session's own write: {stale}");

    // Released, the feed moves on; a later read sees the write and is not flagged.
    held.rollback().await?;
    let mut attempts = 0;
    let caught_up = loop {
        attempts += 1;
        let body = owner.client.run(list, json!({})).await?;
        if body["extensions"]["stale"].is_null() || attempts == 50 {
            break body;
        }
    };
    assert!(caught_up["extensions"]["stale"].is_null(), "{caught_up}");
    assert_eq!(caught_up["data"]["notes"]["edges"][0]["node"]["id"], id, "{caught_up}");
    server.stop().await
}
