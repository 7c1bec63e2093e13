//! The four primitives end to end: lifecycle with versions, read-your-writes, soft delete in
//! lists, and the projection bookkeeping (read table version, sync_log rows).

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

/// One kind's GraphQL names and a valid create input.
struct Kind {
    node: &'static str,
    list: &'static str,
    table: &'static str,
    create: Value,
    update: Value,
    selection: &'static str,
}

fn kinds() -> Vec<Kind> {
    vec![
        Kind { node: "Note", list: "notes", table: "notes", create: json!({"title": "Groceries", "tags": ["home"]}), update: json!({"body": "milk"}), selection: "title body tags" },
        Kind { node: "Task", list: "tasks", table: "tasks", create: json!({"title": "Call mum", "priority": "HIGH"}), update: json!({"dueAt": "2026-12-01T09:00:00+00:00"}), selection: "title status priority dueAt" },
        Kind { node: "Person", list: "people", table: "people", create: json!({"displayName": "Ada", "birthday": "1990-05-17"}), update: json!({"emails": ["ada@x.test"]}), selection: "displayName birthday emails" },
        Kind { node: "Place", list: "places", table: "places", create: json!({"name": "Home", "latitude": 52.5, "longitude": 13.4}), update: json!({"radiusM": 100}), selection: "name latitude longitude radiusM" },
    ]
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_lowercase().to_string() + c.as_str()).unwrap_or_default()
}

#[tokio::test]
async fn every_kind_goes_through_create_update_delete_restore_with_versions_1_to_4() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    for kind in kinds() {
        let fields = format!("id version deletedAt {}", kind.selection);
        let created = c
            .run(&format!("mutation($i: Create{n}Input!) {{ create{n}(input: $i) {{ {fields} }} }}", n = kind.node), json!({"i": kind.create}))
            .await?;
        let node = &created["data"][format!("create{}", kind.node)];
        assert_eq!(node["version"], 1, "{created}");
        let id = node["id"].as_str().expect("id").to_owned();

        let mut update = kind.update.clone();
        update["id"] = json!(id);
        update["expectedVersion"] = json!(1);
        let updated = c
            .run(&format!("mutation($i: Update{n}Input!) {{ update{n}(input: $i) {{ {fields} }} }}", n = kind.node), json!({"i": update}))
            .await?;
        let node = &updated["data"][format!("update{}", kind.node)];
        assert_eq!(node["version"], 2, "{updated}");
        for (key, value) in kind.update.as_object().expect("object") {
            assert_eq!(&node[key], value, "{key} updated");
        }

        let deleted = c
            .run(&format!("mutation($id: ID!) {{ delete{n}(id: $id, expectedVersion: 2) {{ {fields} }} }}", n = kind.node), json!({"id": id}))
            .await?;
        let node = &deleted["data"][format!("delete{}", kind.node)];
        assert_eq!(node["version"], 3, "{deleted}");
        assert!(node["deletedAt"].is_string());

        let list = format!("query($all: Boolean) {{ {l}(includeDeleted: $all) {{ edges {{ node {{ id }} }} }} }}", l = kind.list);
        let hidden = c.run(&list, json!({"all": false})).await?;
        assert_eq!(hidden["data"][kind.list]["edges"], json!([]), "deleted hidden: {hidden}");
        let shown = c.run(&list, json!({"all": true})).await?;
        assert_eq!(shown["data"][kind.list]["edges"][0]["node"]["id"], id.as_str());
        let one = c.run(&format!("query($id: ID!) {{ {q}(id: $id) {{ deletedAt }} }}", q = lower_first(kind.node)), json!({"id": id})).await?;
        assert!(one["data"][lower_first(kind.node)]["deletedAt"].is_string(), "{one}");

        let restored = c
            .run(&format!("mutation($id: ID!) {{ restore{n}(id: $id, expectedVersion: 3) {{ {fields} }} }}", n = kind.node), json!({"id": id}))
            .await?;
        let node = &restored["data"][format!("restore{}", kind.node)];
        assert_eq!(node["version"], 4, "{restored}");
        assert!(node["deletedAt"].is_null());

        let version: i64 = sqlx::query_scalar(&format!("SELECT version FROM {} WHERE id = $1", kind.table))
            .bind(&id)
            .fetch_one(&server.db.pool)
            .await?;
        assert_eq!(version, 4);
        let ops: Vec<(i64, String)> = sqlx::query_as("SELECT version, op FROM sync_log WHERE entity_id = $1 ORDER BY transaction_id, global_position")
            .bind(&id)
            .fetch_all(&server.db.pool)
            .await?;
        let expected: Vec<(i64, String)> =
            vec![(1, "upsert".into()), (2, "upsert".into()), (3, "delete".into()), (4, "upsert".into())];
        assert_eq!(ops, expected, "{}", kind.node);
    }
    server.stop().await
}

#[tokio::test]
async fn stale_versions_conflict_and_bad_input_names_the_field() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let created = c.run("mutation { createNote(input: {title: \"a\"}) { id } }", json!({})).await?;
    let id = created["data"]["createNote"]["id"].as_str().expect("id").to_owned();
    let stale = c
        .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }", json!({"i": {"id": id, "expectedVersion": 7, "title": "b"}}))
        .await?;
    assert_eq!(code(&stale), Some("CONFLICT"));
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 1);
    let null_title = c
        .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }", json!({"i": {"id": id, "expectedVersion": 1, "title": null}}))
        .await?;
    assert_eq!(code(&null_title), Some("VALIDATION"), "{null_title}");
    assert_eq!(null_title["errors"][0]["extensions"]["field"], "title");
    let bad_id = c.run("mutation { createNote(input: {id: \"nope\", title: \"a\"}) { id } }", json!({})).await?;
    assert_eq!(bad_id["errors"][0]["extensions"]["field"], "id");
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'Note'").fetch_one(&server.db.pool).await?;
    assert_eq!(events, 1, "rejected commands wrote nothing");
    server.stop().await
}

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
