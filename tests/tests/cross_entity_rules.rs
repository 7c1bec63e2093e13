//! Rules that span entities, black box: the task tree never gets a cycle — not sequentially,
//! not when two parent changes race (they serialise on the workspace's `TaskTree` stream and
//! the loser, decided again, is `CONFLICT` on `parentId`), and not through `pushChanges`
//! (REJECTED with code CONFLICT; a `parentId` that loses its register triggers nothing).

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const CREATE: &str = "mutation($i: CreateTaskInput!) { createTask(input: $i) { id version } }";
const UPDATE: &str = "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id version parentId } }";
const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    committed results { seq status lostFields code field message } } }";

async fn task(client: &GqlClient, parent: Option<&str>) -> anyhow::Result<String> {
    let body = client.run(CREATE, json!({"i": {"title": "t", "parentId": parent}})).await?;
    body["data"]["createTask"]["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("createTask failed: {body}"))
}

async fn set_parent(client: &GqlClient, id: &str, version: i64, parent: Option<&str>) -> anyhow::Result<Value> {
    client.run(UPDATE, json!({"i": {"id": id, "expectedVersion": version, "parentId": parent}})).await
}

async fn parent_of(client: &GqlClient, id: &str) -> anyhow::Result<Value> {
    let body = client.run("query($id: ID!) { task(id: $id) { parentId } }", json!({"id": id})).await?;
    Ok(body["data"]["task"]["parentId"].clone())
}

fn assert_cycle_refused(body: &Value) {
    let ext = &body["errors"][0]["extensions"];
    assert_eq!((ext["code"].as_str(), ext["field"].as_str()), (Some("CONFLICT"), Some("parentId")), "{body}");
    assert!(body["data"].is_null() || body["data"]["updateTask"].is_null(), "{body}");
}

async fn tree_events(server: &TestServer, workspace_id: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = 'TaskTree' AND aggregate_id = $1")
        .bind(workspace_id)
        .fetch_one(&server.db.pool)
        .await?)
}

#[tokio::test]
async fn racing_parent_changes_that_would_make_a_cycle_let_exactly_one_through() -> anyhow::Result<()> {
    // Two racing transactions: each command commits on its own (grouped in one transaction,
    // the clash on the tree's stream is decided inside the group: `group_commit.rs`).
    let server = TestServer::start_with(|c| c.group_commit_max = 1).await?;
    let owner = server.owner().await?;
    let other = server.client_as(&owner);
    for round in 0..3 {
        let (a, b) = (task(&owner.client, None).await?, task(&owner.client, None).await?);
        // The barrier: while the test holds a SHARE lock on `events`, both writers load the
        // same tree and decide, then wait on their INSERT — so both decided before either
        // committed, and the loser can only learn of the winner by being decided again.
        let mut lock = server.db.pool.begin().await?;
        sqlx::query("LOCK TABLE events IN SHARE MODE").execute(&mut *lock).await?;
        let release = async {
            let mut polls = 0;
            while server.db.waiting_writers().await? < 2 {
                polls += 1;
                anyhow::ensure!(polls < 100_000, "the two writers never reached their INSERT");
                tokio::task::yield_now().await;
            }
            lock.commit().await?;
            anyhow::Ok(())
        };
        let (ab, ba, released) = tokio::join!(set_parent(&owner.client, &a, 1, Some(&b)), set_parent(&other, &b, 1, Some(&a)), release);
        released?;
        let (ab, ba) = (ab?, ba?);
        let ok: Vec<&Value> = [&ab, &ba].into_iter().filter(|r| r["errors"].is_null()).collect();
        assert_eq!(ok.len(), 1, "exactly one wins: {ab} / {ba}");
        let loser = if ab["errors"].is_null() { &ba } else { &ab };
        assert_cycle_refused(loser);
        // No cycle: exactly one of the two has the other as parent, and the tree recorded only
        // the winner's edge (the loser's first attempt was rolled back whole).
        let parents = (parent_of(&owner.client, &a).await?, parent_of(&owner.client, &b).await?);
        assert!(parents == (json!(b), Value::Null) || parents == (Value::Null, json!(a)), "{parents:?}");
        assert_eq!(tree_events(&server, &owner.personal_workspace).await?, round + 1);
    }
    server.stop().await
}

#[tokio::test]
async fn a_parent_change_that_closes_a_loop_is_a_conflict_on_parent_id() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let a = task(c, None).await?;
    let b = task(c, Some(&a)).await?;
    let child = task(c, Some(&b)).await?;
    // B under A: A under B is a cycle, and so is A under its grandchild, or under itself.
    assert_cycle_refused(&set_parent(c, &a, 1, Some(&b)).await?);
    assert_cycle_refused(&set_parent(c, &a, 1, Some(&child)).await?);
    assert_cycle_refused(&set_parent(c, &a, 1, Some(&a)).await?);
    assert_eq!(parent_of(c, &a).await?, Value::Null, "nothing of a refused write is stored");
    // Setting the same parent again changes nothing; moving the grandchild up keeps a tree.
    let same = set_parent(c, &b, 1, Some(&a)).await?;
    assert_eq!(same["data"]["updateTask"]["version"], 1, "{same}");
    let moved = set_parent(c, &child, 1, Some(&a)).await?;
    assert_eq!(moved["data"]["updateTask"]["parentId"], json!(a), "{moved}");
    // Once B leaves A, A may go under B.
    assert!(set_parent(c, &b, 1, None).await?["errors"].is_null());
    let reversed = set_parent(c, &a, 1, Some(&b)).await?;
    assert_eq!(reversed["data"]["updateTask"]["parentId"], json!(b), "{reversed}");
    server.stop().await
}

fn hlc(offset_ms: i64) -> String {
    static BASE: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| chrono::Utc::now().timestamp_millis() + 1_000);
    format!("{:015}-{:06}-DEV1", base + offset_ms, 0)
}

fn upsert(seq: i64, id: &str, fields: Value, offset_ms: i64) -> Value {
    json!({"seq": seq, "entityType": "Task", "entityId": id, "op": "UPSERT", "fields": fields,
           "hlc": hlc(offset_ms), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
}

async fn push(client: &GqlClient, mutations: Vec<Value>) -> anyhow::Result<Value> {
    let body = client.run(PUSH, json!({"i": {"clientId": "DEV1", "mutations": mutations}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    Ok(body["data"]["pushChanges"].clone())
}

#[tokio::test]
async fn a_push_that_would_make_a_cycle_is_rejected_as_a_conflict() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let (a, b) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    // In one push: A, B under A, then A under B — judged against the tree this push staged.
    let pushed = push(&owner.client, vec![
        upsert(1, &a, json!({"title": "a"}), 0),
        upsert(2, &b, json!({"title": "b", "parentId": a}), 1),
        upsert(3, &a, json!({"parentId": b}), 2),
    ])
    .await?;
    assert_eq!(pushed["committed"], false, "{pushed}");
    let third = &pushed["results"][2];
    assert_eq!((third["status"].as_str(), third["code"].as_str(), third["field"].as_str()), (Some("REJECTED"), Some("CONFLICT"), Some("parentId")), "{pushed}");
    // The device drops the rejected one; the rest commits. Against committed state, too:
    let pushed = push(&owner.client, vec![upsert(1, &a, json!({"title": "a"}), 0), upsert(2, &b, json!({"title": "b", "parentId": a}), 1)]).await?;
    assert_eq!(pushed["committed"], true, "{pushed}");
    let again = push(&owner.client, vec![upsert(3, &a, json!({"parentId": b}), 3)]).await?;
    assert_eq!((again["committed"].as_bool(), again["results"][0]["code"].as_str()), (Some(false), Some("CONFLICT")), "{again}");
    // A `parentId` that loses its register (an older clock than A's) changes nothing, so it
    // is no cycle: MERGED, with parentId lost.
    let stale = push(&owner.client, vec![upsert(3, &a, json!({"parentId": b}), -10)]).await?;
    let result = &stale["results"][0];
    assert_eq!((stale["committed"].as_bool(), result["status"].as_str()), (Some(true), Some("MERGED")), "{stale}");
    assert_eq!(result["lostFields"], json!(["parentId"]));
    assert_eq!(parent_of(&owner.client, &a).await?, Value::Null);
    assert_eq!(tree_events(&server, &owner.personal_workspace).await?, 1, "only B's edge");
    server.stop().await
}
