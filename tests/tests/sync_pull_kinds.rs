//! The `changes` pull across every entity kind: a page mixing Note, Task, Person and Place
//! changes carries each entity's current row (the same as its `note`/`task`/… query), pages
//! chain without gaps or duplicates at any page size, and a `sync_log` entry whose row or
//! kind is missing carries null instead of failing its page.

use lifeos_tests::entities::{Kind, NOTE, PERSON, PLACE, TASK};
use lifeos_tests::sync::sync_log;
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const PULL: &str = "query($a: String, $l: Int!) { changes(after: $a, limit: $l) {
    cursor hasMore entries { cursor entityType entityId op version updatedAt data } } }";

/// Every entry after `after` pulled `limit` at a time, checking that the pages chain: each
/// page's cursor is its last entry's (or the one it continued from, if empty), and only the
/// last page says `hasMore: false`.
async fn pull_all(client: &GqlClient, limit: i64) -> anyhow::Result<Vec<Value>> {
    let mut after: Option<String> = None;
    let mut entries = Vec::new();
    loop {
        let body = client.run(PULL, json!({"a": after, "l": limit})).await?;
        anyhow::ensure!(body["errors"].is_null(), "changes failed: {body}");
        let page = &body["data"]["changes"];
        let page_entries = page["entries"].as_array().cloned().unwrap_or_default();
        anyhow::ensure!(page_entries.len() as i64 <= limit, "page over its limit: {page}");
        let continued = page_entries.last().map_or(after.clone(), |e| e["cursor"].as_str().map(str::to_owned));
        anyhow::ensure!(page["cursor"].as_str().map(str::to_owned) == continued, "page cursor is not its last entry's: {page}");
        entries.extend(page_entries);
        after = continued;
        if page["hasMore"] != true {
            return Ok(entries);
        }
    }
}

/// Equal as the wire would mean them: instants compared as instants (Postgres writes
/// `+00:00`, GraphQL `Z`), numbers as numbers, everything else exactly.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            x == y || matches!((chrono::DateTime::parse_from_rfc3339(x), chrono::DateTime::parse_from_rfc3339(y)), (Ok(p), Ok(q)) if p == q)
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The entry's `data` has exactly the fields of the entity's current state, with equal values.
fn assert_is_current_row(entry: &Value, current: &Value) {
    let (Some(data), Some(current)) = (entry["data"].as_object(), current.as_object()) else {
        panic!("entry or entity missing: {entry} / {current}");
    };
    let mut data_keys: Vec<&String> = data.keys().collect();
    let mut current_keys: Vec<&String> = current.keys().collect();
    data_keys.sort();
    current_keys.sort();
    assert_eq!(data_keys, current_keys, "{entry}");
    for (key, value) in current {
        assert!(same(&data[key], value), "{key}: {} in the feed, {value} in the entity ({entry})", data[key]);
    }
}

#[tokio::test]
async fn pages_mixing_all_four_kinds_carry_current_rows_and_chain_at_any_size() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let mut created: Vec<(&Kind, String)> = Vec::new();
    for round in 0..2 {
        let inputs = [
            (&NOTE, json!({"title": format!("note {round}"), "body": "b", "tags": ["x", "y"]})),
            (&TASK, json!({"title": format!("task {round}"), "dueAt": "2031-04-05T06:07:08.123456Z", "priority": "HIGH"})),
            (&PERSON, json!({"displayName": format!("person {round}"), "emails": ["p@lifeos.test"], "birthday": "1990-05-17"})),
            (&PLACE, json!({"name": format!("place {round}"), "latitude": 52.52, "longitude": 13.405, "radiusM": 150})),
        ];
        for (kind, input) in inputs {
            let entity = kind.create(client, input).await?.ok()?;
            created.push((kind, entity["id"].as_str().unwrap_or_default().to_owned()));
        }
    }
    let id = |i: usize| created[i].1.as_str();
    NOTE.update(client, json!({"id": id(0), "expectedVersion": 1, "title": "note 0 again", "pinned": true})).await?.ok()?;
    TASK.by_version(client, "complete", id(1), 1).await?.ok()?;
    PERSON.update(client, json!({"id": id(6), "expectedVersion": 1, "phones": ["+49 30 1234"], "notes": "met twice"})).await?.ok()?;
    PLACE.update(client, json!({"id": id(3), "expectedVersion": 1, "address": "Unter den Linden"})).await?.ok()?;
    NOTE.delete(client, id(4), 1).await?.ok()?;
    PLACE.delete(client, id(7), 1).await?.ok()?;
    PERSON.delete(client, id(2), 1).await?.ok()?;
    PERSON.restore(client, id(2), 2).await?.ok()?;
    TASK.update(client, json!({"id": id(5), "expectedVersion": 1, "notes": "later"})).await?.ok()?;
    client.read_own_writes().await?;

    let truth = sync_log(&server.db.pool, &owner.personal_workspace).await?;
    assert_eq!(truth.len(), 8 + 9, "one change per event");
    let mut current = std::collections::HashMap::new();
    for (kind, id) in &created {
        current.insert(id.clone(), kind.get(client, id).await?.ok()?);
    }
    for limit in [1, 2, 3, 5, 1000] {
        let entries = pull_all(client, limit).await?;
        let keys: Vec<(String, i64)> =
            entries.iter().map(|e| (e["entityId"].as_str().unwrap_or_default().to_owned(), e["version"].as_i64().unwrap_or(-1))).collect();
        assert_eq!(keys, truth, "limit {limit}: every change once, in feed order");
        for entry in &entries {
            let id = entry["entityId"].as_str().unwrap_or_default();
            let (kind, _) = created.iter().find(|(_, c)| c == id).expect("a change of a created entity");
            assert_eq!(entry["entityType"], kind.name, "{entry}");
            assert_is_current_row(entry, &current[id]);
        }
        // The kinds really are interleaved within pages (the case one query per kind serves).
        if limit == 5 {
            let first_page: std::collections::BTreeSet<&str> = entries[..5].iter().filter_map(|e| e["entityType"].as_str()).collect();
            assert_eq!(first_page.len(), 4, "the first page spans all four kinds");
        }
    }
    // A deleted entity's earlier changes already show it deleted; the restored one shows alive.
    let entries = pull_all(client, 1000).await?;
    let created_note = entries.iter().find(|e| e["entityId"] == id(4)).expect("the deleted note's create");
    assert!(created_note["data"]["deletedAt"].is_string());
    let restored = entries.iter().filter(|e| e["entityId"] == id(2)).collect::<Vec<_>>();
    assert_eq!(restored.iter().map(|e| e["op"].as_str().unwrap_or_default()).collect::<Vec<_>>(), ["UPSERT", "DELETE", "UPSERT"]);
    assert!(restored.iter().all(|e| e["data"]["deletedAt"].is_null() && e["data"]["version"] == 3));
    server.stop().await
}

#[tokio::test]
async fn a_change_whose_row_is_missing_carries_null_and_one_of_an_unregistered_kind_is_left_out() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let note = NOTE.create(client, json!({"title": "real"})).await?.ok()?;
    client.read_own_writes().await?;
    // Entries the projection would never write: a Note without a row, and a kind without a
    // table — in the real note's transaction, at positions no event will take.
    sqlx::query(
        "INSERT INTO sync_log (workspace_id, transaction_id, global_position, entity_type, entity_id, version, op, updated_at)
         SELECT workspace_id, transaction_id, global_position + 1000000 + n, kind, id, 1, 'upsert', updated_at
           FROM (SELECT * FROM sync_log WHERE workspace_id = $1 ORDER BY transaction_id DESC, global_position DESC LIMIT 1) last,
                (VALUES (1, 'Note', '01ARZ3NDEKTSV4RRFFQ69G5FAV'), (2, 'Ghost', '01BX5ZZKBKACTAV9WEVGEMMVRZ')) AS extra(n, kind, id)",
    )
    .bind(&owner.personal_workspace)
    .execute(&server.db.pool)
    .await?;
    let then = NOTE.create(client, json!({"title": "after"})).await?.ok()?;
    client.read_own_writes().await?;

    for limit in [1, 2, 1000] {
        let entries = pull_all(client, limit).await?;
        let seen: Vec<(&str, &str, bool)> = entries
            .iter()
            .map(|e| (e["entityType"].as_str().unwrap_or_default(), e["entityId"].as_str().unwrap_or_default(), e["data"].is_null()))
            .collect();
        let (real, after) = (note["id"].as_str().unwrap_or_default(), then["id"].as_str().unwrap_or_default());
        assert_eq!(
            seen,
            // `Ghost` is no `EntityType`: passed over, and the feed goes on after it.
            [("Note", real, false), ("Note", "01ARZ3NDEKTSV4RRFFQ69G5FAV", true), ("Note", after, false)],
            "limit {limit}"
        );
        assert_eq!(entries[0]["data"]["title"], "real");
        assert_eq!(entries[2]["data"]["title"], "after");
    }
    server.stop().await
}
