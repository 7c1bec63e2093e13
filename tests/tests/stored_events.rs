//! What is stored with events, end to end: an old event version in the store is upcast for
//! both the aggregate (commands) and the projector (read tables), and every event carries its
//! workspace, actor, request and device. Lifecycles are in `spine.rs`.

use lifeos_tests::TestServer;
use serde_json::json;

#[tokio::test]
async fn an_old_version_event_in_the_store_is_upcast_for_commands_and_projections() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let id = ulid::Ulid::new().to_string();
    // A NoteCreated written by an older release: version "0", title/body flat.
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         VALUES ('Note', $1, 1, 'NoteCreated', '0', $2, $3)",
    )
    .bind(format!("{}:{id}", owner.personal_workspace))
    .bind(json!({"Created": {"workspace_id": owner.personal_workspace, "id": id, "title": "old", "body": "text", "at": "2020-01-01T00:00:00Z"}}))
    .bind(json!({"workspace_id": owner.personal_workspace, "actor": owner.user_id, "request_id": "legacy"}))
    .execute(&server.db.pool)
    .await?;
    // The aggregate loads it (cqrs-es upcaster) and accepts a command on top of it…
    let updated = owner
        .client
        .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { title body pinned tags version } }", json!({"i": {"id": id, "expectedVersion": 1, "pinned": true}}))
        .await?;
    // …and the projector (same upcaster) built the row from it.
    assert_eq!(updated["data"]["updateNote"], json!({"title": "old", "body": "text", "pinned": true, "tags": [], "version": 2}), "{updated}");
    server.stop().await
}

#[tokio::test]
async fn events_record_workspace_actor_request_and_the_sending_device() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let query = "mutation { createNote(input: {title: \"from phone\"}) { id } }";
    let request = reqwest::Client::new()
        .post(server.url("/graphql"))
        .bearer_auth(&owner.token)
        .header("x-lifeos-client-id", "phone-01")
        .json(&json!({"query": query}));
    let body: serde_json::Value = request.send().await?.json().await?;
    let id = body["data"]["createNote"]["id"].as_str().expect("id").to_owned();
    let metadata: serde_json::Value = sqlx::query_scalar("SELECT metadata::jsonb FROM events WHERE aggregate_id = $1")
        .bind(format!("{}:{id}", owner.personal_workspace))
        .fetch_one(&server.db.pool)
        .await?;
    assert_eq!(metadata["workspace_id"], owner.personal_workspace.as_str());
    assert_eq!(metadata["actor"], owner.user_id.as_str());
    assert_eq!(metadata["client_id"], "phone-01");
    assert!(metadata["request_id"].as_str().is_some_and(|r| ulid::Ulid::from_string(r).is_ok()));
    server.stop().await
}

#[tokio::test]
async fn versions_stay_exact_across_snapshot_boundaries() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let created = c.run("mutation { createNote(input: {title: \"v1\"}) { id } }", json!({})).await?;
    let id = created["data"]["createNote"]["id"].as_str().expect("id").to_owned();
    // Snapshots are taken every 100 events: cross two boundaries.
    for version in 1..=210 {
        let updated = c
            .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { version } }", json!({"i": {"id": id, "expectedVersion": version, "title": format!("v{}", version + 1)}}))
            .await?;
        assert_eq!(updated["data"]["updateNote"]["version"], version + 1, "{updated}");
    }
    let (sequence, snapshot): (i64, serde_json::Value) = sqlx::query_as(
        "SELECT last_sequence, payload::jsonb FROM snapshots WHERE aggregate_type = 'Note' AND aggregate_id = $1",
    )
    .bind(format!("{}:{id}", owner.personal_workspace))
    .fetch_one(&server.db.pool)
    .await?;
    assert_eq!(sequence, 200);
    assert_eq!(snapshot["version"], 200, "the snapshot counts each event once");
    assert_eq!(snapshot["fields"]["title"], "v200");
    server.stop().await
}
