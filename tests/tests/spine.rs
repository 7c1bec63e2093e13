//! The event spine end to end: GraphQL command → aggregate → events → projector → read
//! tables and `sync_log` → GraphQL, for Note, Task, Person and Place. Versions, soft delete,
//! absent vs null patches, client ids, optimistic concurrency, workspace isolation, input
//! validation and projection bookkeeping.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use lifeos_tests::entities::{bearer_client, Kind, Reply, NOTE, PERSON, PLACE, TASK};
use lifeos_tests::{Account, TestServer};
use serde_json::{json, Value};

/// Generous bound for read-your-writes on a busy 2-core box: a timed-out wait would let a
/// response overtake its projection and make the counting tests flaky.
async fn server() -> anyhow::Result<TestServer> {
    TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await
}

fn instant(value: &Value) -> anyhow::Result<DateTime<Utc>> {
    let text = value.as_str().ok_or_else(|| anyhow::anyhow!("not a timestamp: {value}"))?;
    Ok(DateTime::parse_from_rfc3339(text)?.with_timezone(&Utc))
}

fn id_of(node: &Value) -> anyhow::Result<String> {
    node["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("no id in {node}"))
}

/// Every field the input set is echoed by the node (timestamps compared as instants).
fn assert_echoes(node: &Value, input: &Value) -> anyhow::Result<()> {
    let Some(fields) = input.as_object() else { anyhow::bail!("input is not an object: {input}") };
    for (key, sent) in fields.iter().filter(|(k, _)| !matches!(k.as_str(), "id" | "expectedVersion")) {
        let got = &node[key];
        if key.ends_with("At") && sent.is_string() {
            assert_eq!(instant(got)?, instant(sent)?, "{key} in {node}");
        } else {
            assert_eq!(got, sent, "{key} in {node}");
        }
    }
    Ok(())
}

/// The kind's own fields the patch did not mention are as they were.
fn assert_untouched(kind: &Kind, before: &Value, after: &Value, patch: &Value) {
    for field in kind.fields().into_iter().filter(|f| patch.get(*f).is_none()) {
        assert_eq!(after[field], before[field], "{} {field} changed without being in the patch", kind.name);
    }
}

async fn page_ids(kind: &Kind, account: &Account, include_deleted: bool) -> anyhow::Result<Vec<Value>> {
    let page = kind.list(&account.client, 500, None, include_deleted).await?.ok()?;
    Ok(page["edges"].as_array().map(|edges| edges.iter().map(|e| e["node"].clone()).collect()).unwrap_or_default())
}

fn find<'a>(nodes: &'a [Value], id: &str) -> Option<&'a Value> {
    nodes.iter().find(|n| n["id"] == id)
}

/// create → update → delete → restore, checking versions, echoes, soft delete in lists and
/// reads, and that an immediately following query agrees with each response. Returns the
/// restored node (version 4).
async fn lifecycle(kind: &Kind, account: &Account, create: Value, update: Value) -> anyhow::Result<Value> {
    let client = &account.client;
    let created = kind.create(client, create.clone()).await?.ok()?;
    let id = id_of(&created)?;
    assert_eq!(created["version"], 1, "{created}");
    assert!(created["deletedAt"].is_null());
    assert_echoes(&created, &create)?;
    assert_eq!(kind.get(client, &id).await?.ok()?, created, "the next query sees the create");

    let mut patch = update.clone();
    patch["id"] = json!(id);
    patch["expectedVersion"] = json!(1);
    let updated = kind.update(client, patch).await?.ok()?;
    assert_eq!(updated["version"], 2, "{updated}");
    assert_echoes(&updated, &update)?;
    assert_untouched(kind, &created, &updated, &update);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(instant(&updated["updatedAt"])? >= instant(&created["updatedAt"])?);
    assert_eq!(kind.get(client, &id).await?.ok()?, updated, "the next query sees the update");

    let deleted = kind.delete(client, &id, 2).await?.ok()?;
    assert_eq!(deleted["version"], 3, "{deleted}");
    assert!(instant(&deleted["deletedAt"]).is_ok(), "deletedAt set: {deleted}");
    assert_untouched(kind, &updated, &deleted, &json!({}));
    assert_eq!(kind.get(client, &id).await?.ok()?, deleted, "a deleted entity is still readable by id");
    assert!(find(&page_ids(kind, account, false).await?, &id).is_none(), "{} list hides the deleted one", kind.many);
    let with_deleted = page_ids(kind, account, true).await?;
    let listed = find(&with_deleted, &id).ok_or_else(|| anyhow::anyhow!("includeDeleted lists it"))?;
    assert_eq!(listed["deletedAt"], deleted["deletedAt"]);

    let restored = kind.restore(client, &id, 3).await?.ok()?;
    assert_eq!(restored["version"], 4, "{restored}");
    assert!(restored["deletedAt"].is_null(), "{restored}");
    assert_untouched(kind, &updated, &restored, &json!({}));
    assert_eq!(kind.get(client, &id).await?.ok()?, restored);
    assert!(find(&page_ids(kind, account, false).await?, &id).is_some(), "restored one is listed again");
    Ok(restored)
}

/// One `sync_log` row per event in feed order (versions 1..n, op `delete` only for deletes,
/// positions equal to the events'), and the read row's version equals the event count.
async fn assert_bookkeeping(server: &TestServer, owner: &Account, kind: &Kind, id: &str, ops: &[&str]) -> anyhow::Result<()> {
    owner.client.read_own_writes().await?;
    let workspace = owner.personal_workspace.as_str();
    let pool = &server.db.pool;
    let events: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT sequence, event_type, transaction_id::text::bigint, global_position FROM events
          WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY sequence",
    )
    .bind(kind.name)
    .bind(Kind::aggregate_id(workspace, id))
    .fetch_all(pool)
    .await?;
    let sequences: Vec<i64> = events.iter().map(|e| e.0).collect();
    let expected: Vec<i64> = (1..=i64::try_from(ops.len())?).collect();
    assert_eq!(sequences, expected, "{} {id} events", kind.name);
    assert_eq!(events[0].1, format!("{}Created", kind.name));

    let log: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT transaction_id, global_position, version, op FROM sync_log
          WHERE workspace_id = $1 AND entity_type = $2 AND entity_id = $3
          ORDER BY transaction_id, global_position",
    )
    .bind(workspace)
    .bind(kind.name)
    .bind(id)
    .fetch_all(pool)
    .await?;
    let versions: Vec<i64> = log.iter().map(|r| r.2).collect();
    assert_eq!(versions, expected, "one sync_log row per event");
    let logged_ops: Vec<&str> = log.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(logged_ops, ops);
    let logged_positions: Vec<(i64, i64)> = log.iter().map(|r| (r.0, r.1)).collect();
    let event_positions: Vec<(i64, i64)> = events.iter().map(|e| (e.2, e.3)).collect();
    assert_eq!(logged_positions, event_positions, "sync_log rows carry their events' feed positions");

    let version: i64 = sqlx::query_scalar(&format!("SELECT version FROM {} WHERE workspace_id = $1 AND id = $2", kind.table))
        .bind(workspace)
        .bind(id)
        .fetch_one(pool)
        .await?;
    assert_eq!(version, i64::try_from(events.len())?, "read-row version is the event count");
    Ok(())
}

const LIFECYCLE_OPS: [&str; 4] = ["upsert", "upsert", "delete", "upsert"];

#[tokio::test]
async fn note_lifecycle_counts_versions_and_soft_deletes() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let create = json!({"title": "Groceries", "body": "milk, eggs", "pinned": false, "tags": ["home"]});
    let update = json!({"pinned": true, "tags": ["home", "weekly"]});
    let note = lifecycle(&NOTE, &owner, create, update).await?;
    assert_eq!(note["title"], "Groceries", "absent title kept through the lifecycle");
    assert_eq!(note["body"], "milk, eggs");
    assert_eq!(note["tags"], json!(["home", "weekly"]));
    server.stop().await
}

#[tokio::test]
async fn task_lifecycle_and_complete_reopen() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let create = json!({"title": "File taxes", "notes": "receipts in the blue folder", "priority": "HIGH",
                        "dueAt": "2030-04-15T12:00:00Z"});
    let update = json!({"title": "File taxes today", "priority": "MEDIUM"});
    let task = lifecycle(&TASK, &owner, create, update).await?;
    let id = id_of(&task)?;
    assert_eq!(task["status"], "OPEN", "{task}");
    assert!(task["completedAt"].is_null());

    let done = TASK.by_version(&owner.client, "complete", &id, 4).await?.ok()?;
    assert_eq!(done["version"], 5, "{done}");
    assert_eq!(done["status"], "DONE");
    assert!(instant(&done["completedAt"]).is_ok(), "completedAt set: {done}");
    assert_eq!(TASK.get(&owner.client, &id).await?.ok()?, done);

    let reopened = TASK.by_version(&owner.client, "reopen", &id, 5).await?.ok()?;
    assert_eq!(reopened["version"], 6, "{reopened}");
    assert_eq!(reopened["status"], "OPEN");
    assert!(reopened["completedAt"].is_null(), "{reopened}");
    assert_eq!(reopened["title"], "File taxes today");

    let ops = ["upsert", "upsert", "delete", "upsert", "upsert", "upsert"];
    assert_bookkeeping(&server, &owner, &TASK, &id, &ops).await?;
    server.stop().await
}

#[tokio::test]
async fn person_lifecycle_keeps_birthday_and_emails() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let create = json!({"displayName": "Ada Lovelace", "emails": ["ada@example.test"], "birthday": "1990-05-17"});
    let update = json!({"emails": ["ada@example.test", "ada@work.test"], "phones": ["+44 20 7946 0000"]});
    let person = lifecycle(&PERSON, &owner, create, update).await?;
    assert_eq!(person["birthday"], "1990-05-17");
    assert_eq!(person["displayName"], "Ada Lovelace");
    let id = id_of(&person)?;
    assert_bookkeeping(&server, &owner, &PERSON, &id, &LIFECYCLE_OPS).await?;
    server.stop().await
}

#[tokio::test]
async fn place_lifecycle_keeps_coordinates() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let create = json!({"name": "Brandenburg Gate", "address": "Pariser Platz, Berlin",
                        "latitude": 52.5163, "longitude": 13.3777, "radiusM": 50});
    let update = json!({"latitude": 52.5164, "radiusM": null});
    let place = lifecycle(&PLACE, &owner, create, update).await?;
    assert_eq!(place["longitude"], 13.3777);
    assert!(place["radiusM"].is_null(), "explicit null cleared radiusM: {place}");
    let id = id_of(&place)?;
    assert_bookkeeping(&server, &owner, &PLACE, &id, &LIFECYCLE_OPS).await?;
    server.stop().await
}

#[tokio::test]
async fn sync_log_has_one_row_per_event_and_read_version_is_the_event_count() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let note = lifecycle(&NOTE, &owner, json!({"title": "Bookkeeping"}), json!({"body": "first edit"})).await?;
    let id = id_of(&note)?;
    let again = NOTE.update(&owner.client, json!({"id": id, "expectedVersion": 4, "body": "second edit"})).await?.ok()?;
    assert_eq!(again["version"], 5);
    let ops = ["upsert", "upsert", "delete", "upsert", "upsert"];
    assert_bookkeeping(&server, &owner, &NOTE, &id, &ops).await?;
    server.stop().await
}

#[tokio::test]
async fn update_keeps_absent_fields_clears_explicit_nulls_and_rejects_null_title() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let client = &owner.client;
    let task = TASK
        .create(client, json!({"title": "Renew passport", "priority": "LOW", "dueAt": "2030-01-02T03:04:05Z"}))
        .await?
        .ok()?;
    let id = id_of(&task)?;

    let absent = TASK.update(client, json!({"id": id, "expectedVersion": 1, "notes": "photo booth first"})).await?.ok()?;
    assert_eq!(absent["version"], 2);
    assert_eq!(absent["notes"], "photo booth first");
    assert_eq!(absent["title"], "Renew passport", "absent title unchanged");
    assert_eq!(absent["priority"], "LOW");
    assert_eq!(instant(&absent["dueAt"])?, instant(&json!("2030-01-02T03:04:05Z"))?, "absent dueAt unchanged");

    let cleared = TASK.update(client, json!({"id": id, "expectedVersion": 2, "dueAt": null})).await?.ok()?;
    assert_eq!(cleared["version"], 3);
    assert!(cleared["dueAt"].is_null(), "explicit null clears dueAt: {cleared}");
    assert_eq!(cleared["title"], "Renew passport");
    assert_eq!(cleared["notes"], "photo booth first");

    let invalid = TASK.update(client, json!({"id": id, "expectedVersion": 3, "title": null})).await?;
    assert_eq!(invalid.code(), Some("VALIDATION"), "{:?}", invalid.body);
    assert_eq!(invalid.extension("field"), "title");
    let unchanged = TASK.get(client, &id).await?.ok()?;
    assert_eq!(unchanged, cleared, "a rejected patch changes nothing");
    server.stop().await
}

async fn event_count(server: &TestServer, kind: &Kind, workspace: &str, id: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1 AND aggregate_id = $2")
        .bind(kind.name)
        .bind(Kind::aggregate_id(workspace, id))
        .fetch_one(&server.db.pool)
        .await?)
}

#[tokio::test]
async fn client_supplied_id_makes_create_idempotent_and_different_content_conflicts() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let id = ulid::Ulid::new().to_string();
    let input = json!({"id": id, "title": "Offline draft", "body": "written on the train"});

    let first = NOTE.create(&owner.client, input.clone()).await?.ok()?;
    assert_eq!(first["id"], id.as_str(), "{first}");
    assert_eq!(first["version"], 1);
    let resent = NOTE.create(&owner.client, input).await?.ok()?;
    assert_eq!(resent, first, "a re-sent create returns the same note");
    assert_eq!(event_count(&server, &NOTE, &owner.personal_workspace, &id).await?, 1, "and writes no second event");

    let different = NOTE.create(&owner.client, json!({"id": id, "title": "Something else"})).await?;
    assert_eq!(different.code(), Some("CONFLICT"), "{:?}", different.body);
    assert_eq!(NOTE.get(&owner.client, &id).await?.ok()?, first);
    assert_eq!(event_count(&server, &NOTE, &owner.personal_workspace, &id).await?, 1);
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_at_the_same_version_have_exactly_one_winner() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let note = NOTE.create(&owner.client, json!({"title": "Contended"})).await?.ok()?;
    let id = id_of(&note)?;

    let attempts = (0..8).map(|i| {
        let client = bearer_client(server.url("/graphql"), &owner.token);
        let id = id.clone();
        tokio::spawn(async move {
            let title = format!("writer {i}");
            let reply = NOTE.update(&client, json!({"id": id, "expectedVersion": 1, "title": title})).await;
            reply.map(|reply| (title, reply))
        })
    });
    let mut winners: Vec<(String, Value)> = Vec::new();
    let mut losers: Vec<Reply> = Vec::new();
    for attempt in futures::future::join_all(attempts).await {
        let (title, reply) = attempt??;
        if reply.body["errors"].is_null() {
            winners.push((title, reply.ok()?));
        } else {
            losers.push(reply);
        }
    }
    assert_eq!(winners.len(), 1, "exactly one update wins: {winners:?}");
    assert_eq!(losers.len(), 7);
    for loser in &losers {
        assert_eq!(loser.code(), Some("CONFLICT"), "{:?}", loser.body);
        assert_eq!(loser.extension("currentVersion"), 2, "{:?}", loser.body);
    }
    let (title, won) = &winners[0];
    assert_eq!(won["title"], title.as_str());
    assert_eq!(won["version"], 2);
    let stored = NOTE.get(&owner.client, &id).await?.ok()?;
    assert_eq!(stored["title"], title.as_str());
    assert_eq!(stored["version"], 2);
    assert_eq!(event_count(&server, &NOTE, &owner.personal_workspace, &id).await?, 2);
    server.stop().await
}

#[tokio::test]
async fn another_workspaces_id_addresses_nothing_of_theirs() -> anyhow::Result<()> {
    let server = server().await?;
    let alice = server.owner().await?;
    let mut bob = server.invite(&alice, "bob@x.test", "Bob").await?;
    let original = NOTE.create(&alice.client, json!({"title": "Alice's secret", "body": "diary"})).await?.ok()?;
    let id = id_of(&original)?;

    let update = NOTE.update(&bob.client, json!({"id": id, "expectedVersion": 1, "title": "pwned"})).await?;
    assert_eq!(update.code(), Some("NOT_FOUND"), "{:?}", update.body);
    let delete = NOTE.delete(&bob.client, &id, 1).await?;
    assert_eq!(delete.code(), Some("NOT_FOUND"), "{:?}", delete.body);
    assert!(NOTE.get(&bob.client, &id).await?.ok()?.is_null(), "Bob cannot read Alice's note by id");

    let bobs = NOTE.create(&bob.client, json!({"id": id, "title": "Bob's own"})).await?.ok()?;
    assert_eq!(bobs["id"], id.as_str());
    assert_eq!(bobs["version"], 1);
    assert_eq!(bobs["title"], "Bob's own");
    assert_eq!(NOTE.get(&bob.client, &id).await?.ok()?["title"], "Bob's own");

    // Alice's note and its history are untouched; Bob's is a separate stream and row.
    assert_eq!(NOTE.get(&alice.client, &id).await?.ok()?, original);
    assert_eq!(event_count(&server, &NOTE, &alice.personal_workspace, &id).await?, 1);
    assert_eq!(event_count(&server, &NOTE, &bob.personal_workspace, &id).await?, 1);
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT workspace_id, title FROM notes WHERE id = $1 ORDER BY title")
        .bind(&id)
        .fetch_all(&server.db.pool)
        .await?;
    let mut expected = vec![(alice.personal_workspace.clone(), "Alice's secret".to_owned()), (bob.personal_workspace.clone(), "Bob's own".to_owned())];
    expected.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(rows, expected);

    // Naming Alice's workspace outright is FORBIDDEN, not an empty answer.
    bob.client.workspace = Some(alice.personal_workspace.clone());
    assert_eq!(NOTE.get(&bob.client, &id).await?.code(), Some("FORBIDDEN"));
    assert_eq!(NOTE.update(&bob.client, json!({"id": id, "expectedVersion": 1, "title": "x"})).await?.code(), Some("FORBIDDEN"));
    assert_eq!(NOTE.delete(&bob.client, &id, 1).await?.code(), Some("FORBIDDEN"));
    assert_eq!(NOTE.create(&bob.client, json!({"title": "planted"})).await?.code(), Some("FORBIDDEN"));
    assert_eq!(NOTE.list(&bob.client, 10, None, true).await?.code(), Some("FORBIDDEN"));
    // And without any session, UNAUTHENTICATED.
    let anonymous = server.client();
    assert_eq!(NOTE.create(&anonymous, json!({"title": "anon"})).await?.code(), Some("UNAUTHENTICATED"));
    assert_eq!(NOTE.get(&anonymous, &id).await?.code(), Some("UNAUTHENTICATED"));

    assert_eq!(NOTE.get(&alice.client, &id).await?.ok()?, original);
    assert_eq!(event_count(&server, &NOTE, &alice.personal_workspace, &id).await?, 1);
    server.stop().await
}

async fn workspace_events(server: &TestServer, workspace: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(&server.db.pool)
        .await?)
}

#[tokio::test]
async fn bad_input_is_a_validation_error_and_writes_nothing() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let client = &owner.client;
    let before = workspace_events(&server, &owner.personal_workspace).await?;

    let bad_id = NOTE.create(client, json!({"id": "not-a-ulid", "title": "x"})).await?;
    assert_eq!(bad_id.code(), Some("VALIDATION"), "{:?}", bad_id.body);
    assert_eq!(bad_id.extension("field"), "id");
    let bad_update_id = NOTE.update(client, json!({"id": "not-a-ulid", "expectedVersion": 1, "title": "x"})).await?;
    assert_eq!(bad_update_id.code(), Some("VALIDATION"), "{:?}", bad_update_id.body);
    assert_eq!(bad_update_id.extension("field"), "id");

    let off_the_globe = PLACE.create(client, json!({"name": "Nowhere", "latitude": 200.0, "longitude": 0.0})).await?;
    assert_eq!(off_the_globe.code(), Some("VALIDATION"), "{:?}", off_the_globe.body);
    assert_eq!(off_the_globe.extension("field"), "latitude");

    // 2 MiB of title: under the 4 MiB body limit, so the domain (not the transport) refuses it.
    let huge = "x".repeat(2 * 1024 * 1024);
    let too_long = NOTE.create(client, json!({"title": huge})).await?;
    assert_eq!(too_long.code(), Some("VALIDATION"), "{}", too_long.body.to_string().chars().take(300).collect::<String>());
    assert_eq!(too_long.extension("field"), "title");

    assert_eq!(workspace_events(&server, &owner.personal_workspace).await?, before, "rejected commands append no events");
    for table in ["notes", "places"] {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&server.db.pool).await?;
        assert_eq!(rows, 0, "{table}");
    }
    server.stop().await
}

#[tokio::test]
async fn unknown_id_is_not_found_for_update_and_delete() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let nobody = ulid::Ulid::new().to_string();
    let update = NOTE.update(&owner.client, json!({"id": nobody, "expectedVersion": 1, "title": "x"})).await?;
    assert_eq!(update.code(), Some("NOT_FOUND"), "{:?}", update.body);
    let delete = NOTE.delete(&owner.client, &nobody, 1).await?;
    assert_eq!(delete.code(), Some("NOT_FOUND"), "{:?}", delete.body);
    assert!(NOTE.get(&owner.client, &nobody).await?.ok()?.is_null());
    assert_eq!(event_count(&server, &NOTE, &owner.personal_workspace, &nobody).await?, 0);
    server.stop().await
}

#[tokio::test]
async fn notes_page_through_with_end_cursor() -> anyhow::Result<()> {
    let server = server().await?;
    let owner = server.owner().await?;
    let mut created = Vec::new();
    for i in 0..5 {
        created.push(id_of(&NOTE.create(&owner.client, json!({"title": format!("note {i}")})).await?.ok()?)?);
    }

    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..5 {
        let page = NOTE.list(&owner.client, 2, after.as_deref(), false).await?.ok()?;
        let edges = page["edges"].as_array().cloned().unwrap_or_default();
        pages.push((edges.len(), page["pageInfo"]["hasNextPage"].clone()));
        for edge in &edges {
            seen.push(id_of(&edge["node"])?);
        }
        if let Some(last) = edges.last() {
            assert_eq!(page["pageInfo"]["endCursor"], last["cursor"], "{page}");
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        assert!(after.is_some(), "hasNextPage without an endCursor: {page}");
    }
    assert_eq!(pages, [(2, json!(true)), (2, json!(true)), (1, json!(false))]);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 5, "no note twice: {seen:?}");
    let mut expected = created.clone();
    expected.sort();
    seen.sort();
    assert_eq!(seen, expected);
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projection_count_matches_the_store_under_concurrent_writers() -> anyhow::Result<()> {
    const CLIENTS: usize = 8;
    const EACH: usize = 100;
    let server = server().await?;
    let owner = server.owner().await?;
    let writers = (0..CLIENTS).map(|c| {
        let client = bearer_client(server.url("/graphql"), &owner.token);
        tokio::spawn(async move {
            for i in 0..EACH {
                NOTE.create(&client, json!({"title": format!("client {c} note {i}")})).await?.ok()?;
            }
            anyhow::Ok(())
        })
    });
    for writer in futures::future::join_all(writers).await {
        writer??;
    }
    owner.client.read_own_writes().await?;

    let workspace = &owner.personal_workspace;
    let pool = &server.db.pool;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM notes WHERE workspace_id = $1").bind(workspace).fetch_one(pool).await?;
    let created: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE workspace_id = $1 AND event_type = 'NoteCreated'")
            .bind(workspace)
            .fetch_one(pool)
            .await?;
    let (logged, distinct): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(DISTINCT (entity_id, version)) FROM sync_log WHERE workspace_id = $1 AND entity_type = 'Note'",
    )
    .bind(workspace)
    .fetch_one(pool)
    .await?;
    let total = i64::try_from(CLIENTS * EACH)?;
    assert_eq!(created, total, "events");
    assert_eq!(rows, total, "read rows");
    assert_eq!((logged, distinct), (total, total), "sync_log rows");
    server.stop().await
}
