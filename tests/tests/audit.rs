//! Auditors: history with before → after, as-of reads folded from events matching what the
//! API returned at each version, and the owner-only audit log.

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const NOTE: &str = "id version title body pinned tags deletedAt createdAt updatedAt";

#[tokio::test]
async fn history_and_as_of_replay_a_note_exactly() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let mut seen: Vec<Value> = Vec::new(); // what the API answered after each write
    let created = c.run(&format!("mutation {{ createNote(input: {{title: \"v1\"}}) {{ {NOTE} }} }}"), json!({})).await?;
    seen.push(created["data"]["createNote"].clone());
    let id = seen[0]["id"].as_str().expect("id").to_owned();
    for (v, title) in [(1, "v2"), (2, "v3"), (3, "v4")] {
        let updated = c
            .run(&format!("mutation($i: UpdateNoteInput!) {{ updateNote(input: $i) {{ {NOTE} }} }}"), json!({"i": {"id": id, "expectedVersion": v, "title": title}}))
            .await?;
        seen.push(updated["data"]["updateNote"].clone());
    }
    let deleted = c.run(&format!("mutation($id: ID!) {{ deleteNote(input: {{id: $id, expectedVersion: 4}}) {{ {NOTE} }} }}"), json!({"id": id})).await?;
    seen.push(deleted["data"]["deleteNote"].clone());
    let restored = c.run(&format!("mutation($id: ID!) {{ restoreNote(input: {{id: $id, expectedVersion: 5}}) {{ {NOTE} }} }}"), json!({"id": id})).await?;
    seen.push(restored["data"]["restoreNote"].clone());

    let history = c
        .run("query($id: ID!) { history(entityType: Note, id: $id) { version eventType actor changes { field before after } } }", json!({"id": id}))
        .await?;
    let entries = history["data"]["history"].as_array().expect("entries");
    assert_eq!(entries.len(), 6, "{history}");
    let types: Vec<&str> = entries.iter().filter_map(|e| e["eventType"].as_str()).collect();
    assert_eq!(types, ["NoteCreated", "NoteUpdated", "NoteUpdated", "NoteUpdated", "NoteDeleted", "NoteRestored"]);
    assert!(entries.iter().all(|e| e["actor"] == owner.user_id.as_str()));
    assert_eq!(entries[2]["changes"], json!([{"field": "title", "before": "v2", "after": "v3"}]));
    assert_eq!(entries[4]["changes"][0]["field"], "deletedAt");
    assert!(entries[4]["changes"][0]["before"].is_null());
    assert_eq!(entries[5]["changes"][0]["after"], Value::Null);

    for (i, answered) in seen.iter().enumerate() {
        let as_of = c
            .run("query($id: ID!, $v: Int) { entityAsOf(entityType: Note, id: $id, version: $v) }", json!({"id": id, "v": i + 1}))
            .await?;
        let state = &as_of["data"]["entityAsOf"];
        for key in ["title", "body", "pinned", "tags", "version"] {
            assert_eq!(state[key], answered[key], "version {}: {key}", i + 1);
        }
        assert_eq!(state["deletedAt"].is_null(), answered["deletedAt"].is_null(), "version {}", i + 1);
    }
    let before_creation = c
        .run("query($id: ID!) { entityAsOf(entityType: Note, id: $id, at: \"2000-01-01T00:00:00Z\") }", json!({"id": id}))
        .await?;
    assert!(before_creation["data"]["entityAsOf"].is_null());
    server.stop().await
}

#[tokio::test]
async fn the_audit_log_pages_the_workspace_events_for_owners_only() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let mut owner = server.owner().await?;
    let mut bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let home = owner.client.run("mutation { createWorkspace(name: \"Home\") { id } }", json!({})).await?;
    let home = home["data"]["createWorkspace"]["id"].as_str().expect("id").to_owned();
    owner.client.workspace = Some(home.clone());
    owner.client.run("mutation { addMember(email: \"bob@x.test\", role: EDITOR) { id } }", json!({})).await?;
    for i in 0..3 {
        owner.client.run(&format!("mutation {{ createNote(input: {{title: \"n{i}\"}}) {{ id }} }}"), json!({})).await?;
    }
    let query = "query($after: String) { auditLog(first: 2, after: $after) { edges { cursor node { eventType entityType actor } } pageInfo { hasNextPage endCursor } } }";
    let mut after: Option<String> = None;
    let mut types = Vec::new();
    loop {
        let page = owner.client.run(query, json!({"after": after})).await?;
        let log = &page["data"]["auditLog"];
        for edge in log["edges"].as_array().expect("edges") {
            types.push(edge["node"]["eventType"].as_str().unwrap_or_default().to_owned());
        }
        if log["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = log["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(types, ["WorkspaceCreated", "MemberAdded", "MemberAdded", "NoteCreated", "NoteCreated", "NoteCreated"]);
    let notes_only = owner.client.run("{ auditLog(entityType: \"Note\") { edges { node { eventType } } } }", json!({})).await?;
    assert_eq!(notes_only["data"]["auditLog"]["edges"].as_array().map(Vec::len), Some(3));

    bob.client.workspace = Some(home);
    let denied = bob.client.run("{ auditLog { edges { cursor } } }", json!({})).await?;
    assert_eq!(GqlClient::error_code(&denied), Some("FORBIDDEN"), "editors are not owners: {denied}");
    server.stop().await
}

#[tokio::test]
async fn lifeosd_replay_prints_history_and_the_log_as_table_json_and_ndjson() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let created = owner.client.run("mutation { createNote(input: {title: \"a\"}) { id } }", json!({})).await?;
    let id = created["data"]["createNote"]["id"].as_str().expect("id").to_owned();
    owner
        .client
        .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }", json!({"i": {"id": id, "expectedVersion": 1, "title": "b"}}))
        .await?;
    // The log hands out only events no older open transaction can precede (gap-free); let
    // the projectors' batches over these writes finish first.
    owner.client.read_own_writes().await?;
    let replay = |extra: &[&str]| {
        let mut cmd = lifeos_tests::lifeosd!();
        cmd.args(["replay", "--workspace", &owner.personal_workspace]).args(extra).env("LIFEOS_DATABASE_URL", server.db.url());
        cmd.output()
    };
    let entity = format!("Note/{id}");
    let ndjson = replay(&["--entity", &entity, "--format", "ndjson"])?;
    assert!(ndjson.status.success(), "{ndjson:?}");
    let lines: Vec<Value> = String::from_utf8(ndjson.stdout)?.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["eventType"], "NoteUpdated");
    assert_eq!(lines[1]["changes"], json!([{"field": "title", "before": "a", "after": "b"}]));

    let table = String::from_utf8(replay(&["--entity", &entity])?.stdout)?;
    assert!(table.starts_with("VERSION") && table.contains("title: \"a\" → \"b\""), "{table}");

    let log: Vec<Value> = serde_json::from_slice(&replay(&["--format", "json"])?.stdout)?;
    let types: Vec<&str> = log.iter().filter_map(|r| r["eventType"].as_str()).collect();
    assert_eq!(types, ["WorkspaceCreated", "MemberAdded", "NoteCreated", "NoteUpdated"]);
    let early: Vec<Value> = serde_json::from_slice(&replay(&["--format", "json", "--until", "2000-01-01T00:00:00Z"])?.stdout)?;
    assert!(early.is_empty());
    server.stop().await
}
