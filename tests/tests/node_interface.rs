//! The Relay `Node` interface, black box: every registered kind implements it; `node(id:)` and
//! `nodes(ids:)` resolve ids of any kind in the current workspace (deleted ones with
//! `deletedAt`, another workspace's ids as null, input order kept, malformed ids and too many
//! ids refused with `VALIDATION`); and ids are unique across kinds within a workspace — a
//! create at an id another kind has is `CONFLICT` on `id` over GraphQL and REJECTED in a push,
//! writing nothing, while re-sending the same create stays accepted, and two racing creates of
//! one id as two kinds let exactly one through.

use lifeos_domain::registry::KINDS;
use lifeos_tests::entities::{NOTE, PERSON, PLACE, TASK};
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const NODES: &str = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
    ... on Note { title deletedAt } ... on Task { title } ... on Person { displayName } ... on Place { name } } }";
const NODE: &str = "query($id: ID!) { node(id: $id) { __typename id ... on Note { title deletedAt version } } }";
const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    committed results { seq entityType entityId status code field message } } }";

fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

async fn ok(client: &GqlClient, query: &str, variables: Value) -> anyhow::Result<Value> {
    let body = client.run(query, variables).await?;
    anyhow::ensure!(body["errors"].is_null(), "{query} failed: {body}");
    Ok(body["data"].clone())
}

fn upsert(seq: i64, device: &str, entity_type: &str, id: &str, fields: Value) -> Value {
    let millis = chrono::Utc::now().timestamp_millis();
    json!({"seq": seq, "entityType": entity_type, "entityId": id, "op": "UPSERT", "fields": fields,
           "hlc": format!("{millis:015}-{seq:06}-{device}"), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
}

async fn push(client: &GqlClient, device: &str, mutations: Vec<Value>) -> anyhow::Result<Value> {
    let body = client.run(PUSH, json!({"i": {"clientId": device, "mutations": mutations}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

/// Events of any aggregate type for entity `id` in the workspace.
async fn events_of(server: &TestServer, workspace_id: &str, id: &str) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT aggregate_type FROM events WHERE aggregate_id = $1 ORDER BY global_position")
        .bind(format!("{workspace_id}:{id}"))
        .fetch_all(&server.db.pool)
        .await?)
}

#[tokio::test]
async fn every_registered_kind_implements_node() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let data = ok(&owner.client, r#"{ __type(name: "Node") { kind fields { name } possibleTypes { name } } }"#, Value::Null).await?;
    assert_eq!(data["__type"]["kind"], "INTERFACE");
    assert_eq!(data["__type"]["fields"], json!([{"name": "id"}]));
    let mut types: Vec<&str> = data["__type"]["possibleTypes"].as_array().into_iter().flatten().filter_map(|t| t["name"].as_str()).collect();
    let mut kinds: Vec<&str> = KINDS.iter().map(|k| k.type_name).collect();
    types.sort_unstable();
    kinds.sort_unstable();
    assert_eq!(types, kinds);
    let sdl = lifeos_api::sdl();
    assert!(sdl.contains("type Note implements Node"), "{sdl}");
    Ok(())
}

#[tokio::test]
async fn nodes_resolve_every_kind_in_the_order_asked_with_nulls_for_unknown_ids() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let note = NOTE.create(client, json!({"title": "a note"})).await?.ok()?;
    let task = TASK.create(client, json!({"title": "a task"})).await?.ok()?;
    let person = PERSON.create(client, json!({"displayName": "Ada"})).await?.ok()?;
    let place = PLACE.create(client, json!({"name": "Home"})).await?.ok()?;
    let (note, task, person, place) = (&note["id"], &task["id"], &person["id"], &place["id"]);
    let unknown = new_id();

    let data = ok(client, NODES, json!({"ids": [task, unknown, note, person, place, note]})).await?;
    let got: Vec<Value> = data["nodes"].as_array().cloned().unwrap_or_default();
    let shape: Vec<(Value, Value)> = got.iter().map(|n| (n["__typename"].clone(), n["id"].clone())).collect();
    assert_eq!(
        shape,
        [
            (json!("Task"), task.clone()),
            (Value::Null, Value::Null),
            (json!("Note"), note.clone()),
            (json!("Person"), person.clone()),
            (json!("Place"), place.clone()),
            (json!("Note"), note.clone()),
        ]
    );
    assert!(got[1].is_null());
    assert_eq!((&got[0]["title"], &got[2]["title"], &got[3]["displayName"], &got[4]["name"]), (&json!("a task"), &json!("a note"), &json!("Ada"), &json!("Home")));

    // An id in lower case names the same entity (ids are answered upper case).
    let lower = note.as_str().unwrap_or_default().to_lowercase();
    let data = ok(client, NODE, json!({"id": lower})).await?;
    assert_eq!(data["node"]["id"], *note);

    // A deleted entity is still a node, with `deletedAt` (like `note(id:)`).
    NOTE.delete(client, note.as_str().unwrap_or_default(), 1).await?.ok()?;
    let data = ok(client, NODE, json!({"id": note})).await?;
    assert_eq!((&data["node"]["__typename"], data["node"]["deletedAt"].is_string(), &data["node"]["version"]), (&json!("Note"), true, &json!(2)));
    let data = ok(client, NODE, json!({"id": unknown})).await?;
    assert!(data["node"].is_null());
    Ok(())
}

#[tokio::test]
async fn another_workspaces_ids_are_null() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let theirs = NOTE.create(&bob.client, json!({"title": "bob's"})).await?.ok()?;
    bob.client.read_own_writes().await?;
    let data = ok(&bob.client, NODE, json!({"id": theirs["id"]})).await?;
    assert_eq!(data["node"]["title"], "bob's");

    let data = ok(&owner.client, NODE, json!({"id": theirs["id"]})).await?;
    assert!(data["node"].is_null(), "{data}");
    let data = ok(&owner.client, NODES, json!({"ids": [theirs["id"]]})).await?;
    assert_eq!(data["nodes"], json!([null]));
    Ok(())
}

#[tokio::test]
async fn malformed_ids_and_too_many_ids_are_validation() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let body = client.run(NODE, json!({"id": "not-a-ulid"})).await?;
    assert_eq!((GqlClient::error_code(&body), &body["errors"][0]["extensions"]["field"]), (Some("VALIDATION"), &json!("id")), "{body}");
    let body = client.run(NODE, json!({"id": "8ZZZZZZZZZZZZZZZZZZZZZZZZZ"})).await?;
    assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");

    let body = client.run(NODES, json!({"ids": [new_id(), "nope"]})).await?;
    assert_eq!((GqlClient::error_code(&body), &body["errors"][0]["extensions"]["field"]), (Some("VALIDATION"), &json!("ids")), "{body}");
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("ids[1]")), "{body}");

    let many: Vec<String> = (0..101).map(|_| new_id()).collect();
    let body = client.run(NODES, json!({"ids": many})).await?;
    assert_eq!((GqlClient::error_code(&body), &body["errors"][0]["extensions"]["field"]), (Some("VALIDATION"), &json!("ids")), "{body}");
    let data = ok(client, NODES, json!({"ids": &many[..100]})).await?;
    assert_eq!(data["nodes"].as_array().map(Vec::len), Some(100));
    Ok(())
}

#[tokio::test]
async fn a_create_at_an_id_another_kind_has_is_refused_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let ws = &owner.personal_workspace;
    let id = new_id();
    NOTE.create(client, json!({"id": id, "title": "first"})).await?.ok()?;

    // GraphQL: CONFLICT on `id`, no Task event.
    let refused = TASK.create(client, json!({"id": id, "title": "second"})).await?;
    assert_eq!((refused.code(), refused.extension("field")), (Some("CONFLICT"), &json!("id")), "{:?}", refused.body);
    assert!(refused.body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Note")), "{:?}", refused.body);
    assert_eq!(events_of(&server, ws, &id).await?, ["Note"]);

    // Re-sending the same create of the same kind stays accepted (idempotent).
    let again = NOTE.create(client, json!({"id": id, "title": "first"})).await?.ok()?;
    assert_eq!(again["version"], 1);

    // A push: the mutation is REJECTED with the same code and field, nothing commits.
    let device = new_id();
    let other = new_id();
    let result = push(client, &device, vec![upsert(1, &device, "Note", &other, json!({"title": "ok"})), upsert(2, &device, "Person", &id, json!({"displayName": "x"}))]).await?;
    assert_eq!(result["committed"], false, "{result}");
    let statuses: Vec<(&Value, &Value, &Value)> = result["results"].as_array().into_iter().flatten().map(|r| (&r["status"], &r["code"], &r["field"])).collect();
    assert_eq!(statuses, [(&json!("SKIPPED"), &Value::Null, &Value::Null), (&json!("REJECTED"), &json!("CONFLICT"), &json!("id"))], "{result}");
    assert_eq!(events_of(&server, ws, &id).await?, ["Note"]);
    assert!(events_of(&server, ws, &other).await?.is_empty());

    // The same push without it applies; a push of the note itself is an update, not a create.
    let result = push(client, &device, vec![upsert(1, &device, "Note", &other, json!({"title": "ok"})), upsert(2, &device, "Note", &id, json!({"body": "pushed"}))]).await?;
    assert_eq!(result["committed"], true, "{result}");

    // Within one push: the second kind creating an id the first created is REJECTED.
    let shared = new_id();
    let result = push(client, &device, vec![upsert(3, &device, "Task", &shared, json!({"title": "t"})), upsert(4, &device, "Place", &shared, json!({"name": "p"}))]).await?;
    assert_eq!((&result["committed"], &result["results"][1]["status"], &result["results"][1]["field"]), (&json!(false), &json!("REJECTED"), &json!("id")), "{result}");
    assert!(events_of(&server, ws, &shared).await?.is_empty());

    // Ids are unique per workspace, not across workspaces: another workspace may use it.
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    TASK.create(&bob.client, json!({"id": id, "title": "bob's"})).await?.ok()?;
    Ok(())
}

/// Writers blocked on their claim of an id (behind the test's lock on `entity_ids`).
async fn waiting_claims(server: &TestServer) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM pg_locks
          WHERE NOT granted AND relation = 'entity_ids'::regclass
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    .fetch_one(&server.db.pool)
    .await?)
}

#[tokio::test]
async fn racing_creates_of_one_id_as_two_kinds_let_exactly_one_through() -> anyhow::Result<()> {
    // Two racing transactions: each command commits on its own (grouped in one transaction,
    // the same race is decided inside the group: `group_commit.rs`).
    let server = TestServer::start_with(|c| c.group_commit_max = 1).await?;
    let owner = server.owner().await?;
    let other = server.client_as(&owner);
    let ws = &owner.personal_workspace;
    for round in 0..3 {
        let id = new_id();
        // The barrier: while the test holds a SHARE lock on `entity_ids`, both writers check
        // the id (free), decide, and wait on their claim — so neither can have seen the other.
        let mut lock = server.db.pool.begin().await?;
        sqlx::query("LOCK TABLE entity_ids IN SHARE MODE").execute(&mut *lock).await?;
        let release = async {
            let mut polls = 0;
            while waiting_claims(&server).await? < 2 {
                polls += 1;
                anyhow::ensure!(polls < 100_000, "the two writers never reached their claim");
                tokio::task::yield_now().await;
            }
            lock.commit().await?;
            anyhow::Ok(())
        };
        let (note, task, released) =
            tokio::join!(NOTE.create(&owner.client, json!({"id": id, "title": "n"})), TASK.create(&other, json!({"id": id, "title": "t"})), release);
        released?;
        let (note, task) = (note?, task?);
        let won: Vec<&str> = [(&note, "Note"), (&task, "Task")].into_iter().filter(|(r, _)| r.body["errors"].is_null()).map(|(_, k)| k).collect();
        assert_eq!(won.len(), 1, "round {round}: exactly one wins: {:?} / {:?}", note.body, task.body);
        let lost = if won == ["Note"] { &task } else { &note };
        assert_eq!((lost.code(), lost.extension("field")), (Some("CONFLICT"), &json!("id")), "round {round}: {:?}", lost.body);
        assert_eq!(events_of(&server, ws, &id).await?, won, "round {round}");
        let kind: Option<String> = sqlx::query_scalar("SELECT entity_type FROM entity_ids WHERE workspace_id = $1 AND id = $2")
            .bind(ws)
            .bind(&id)
            .fetch_optional(&server.db.pool)
            .await?;
        assert_eq!(kind.as_deref(), won.first().copied(), "round {round}");
    }
    Ok(())
}
