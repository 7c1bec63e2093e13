//! Full-text search, black box: `search(query:)` finds the current workspace's live entities by
//! the fields their kinds declare `search`, ranked (a title or name above a mention in a body,
//! ties by id), scoped to the workspace and to `kinds`, with search-box syntax (phrases,
//! `-exclusion`, `or`, the last word as a prefix while typed) and marked snippets; deleted
//! entities are not found and restored ones are again; an update re-indexes; pages follow
//! cursors and a garbled one is `VALIDATION`; and a blue/green rebuild of the kernel
//! projection yields the same documents.

use lifeos_events::correct::Corrections;
use lifeos_projections::kernel::KernelProjection;
use lifeos_replay::rebuild::{rebuild, RebuildOptions};
use lifeos_tests::entities::{NOTE, PERSON, PLACE, TASK};
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const SEARCH: &str = "query($q: String!, $kinds: [EntityType!], $first: Int, $after: String) {
    search(query: $q, kinds: $kinds, first: $first, after: $after) {
      edges { cursor node { entityType rank snippet { text highlighted } node { __typename id } } }
      pageInfo { hasNextPage hasPreviousPage endCursor } } }";

async fn search_page(client: &GqlClient, query: &str, kinds: Option<&[&str]>, first: Option<i64>, after: Option<&str>) -> anyhow::Result<Value> {
    let body = client.run(SEARCH, json!({"q": query, "kinds": kinds, "first": first, "after": after})).await?;
    anyhow::ensure!(body["errors"].is_null(), "search {query:?} failed: {body}");
    Ok(body["data"]["search"].clone())
}

/// The ids found, best first.
async fn found(client: &GqlClient, query: &str) -> anyhow::Result<Vec<String>> {
    found_in(client, query, None).await
}

async fn found_in(client: &GqlClient, query: &str, kinds: Option<&[&str]>) -> anyhow::Result<Vec<String>> {
    let page = search_page(client, query, kinds, Some(100), None).await?;
    Ok(page["edges"].as_array().into_iter().flatten().filter_map(|e| e["node"]["node"]["id"].as_str().map(str::to_owned)).collect())
}

fn id_of(entity: &Value) -> String {
    entity["id"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn hits_are_ranked_scoped_to_the_workspace_and_to_the_kinds_asked() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let titled = id_of(&NOTE.create(client, json!({"title": "Lovelace", "body": "notes on the engine"})).await?.ok()?);
    let mentioned = id_of(&NOTE.create(client, json!({"title": "Engines", "body": "Babbage wrote to Lovelace about it"})).await?.ok()?);
    let person = id_of(&PERSON.create(client, json!({"displayName": "Ada Lovelace", "emails": ["ada@example.test"]})).await?.ok()?);
    let task = id_of(&TASK.create(client, json!({"title": "buy milk", "notes": "and bread"})).await?.ok()?);
    let place = id_of(&PLACE.create(client, json!({"name": "Library", "address": "Lovelace Street 1"})).await?.ok()?);
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let theirs = id_of(&NOTE.create(&bob.client, json!({"title": "Lovelace"})).await?.ok()?);
    bob.client.read_own_writes().await?;

    let page = search_page(client, "lovelace", None, None, None).await?;
    let edges = page["edges"].as_array().cloned().unwrap_or_default();
    let ids: Vec<String> = edges.iter().filter_map(|e| e["node"]["node"]["id"].as_str().map(str::to_owned)).collect();
    // Title and name matches (weight A) rank above mentions in a body or an address.
    let mut first_two = ids[..2.min(ids.len())].to_vec();
    first_two.sort_unstable();
    let mut expected = vec![titled.clone(), person.clone()];
    expected.sort_unstable();
    assert_eq!(first_two, expected, "{page}");
    let mut rest = ids[2.min(ids.len())..].to_vec();
    rest.sort_unstable();
    let mut expected = vec![mentioned.clone(), place.clone()];
    expected.sort_unstable();
    assert_eq!(rest, expected, "{page}");
    assert!(!ids.contains(&theirs) && !ids.contains(&task), "{page}");
    let ranks: Vec<f64> = edges.iter().filter_map(|e| e["node"]["rank"].as_f64()).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]) && ranks[1] > ranks[2], "{ranks:?}");
    let typed: Vec<(&Value, &Value)> = edges.iter().map(|e| (&e["node"]["entityType"], &e["node"]["node"]["__typename"])).collect();
    assert!(typed.iter().all(|(a, b)| a == b), "{typed:?}");

    // The matching word is marked in the snippet.
    let snippet = &edges.iter().find(|e| e["node"]["node"]["id"] == json!(mentioned)).map(|e| e["node"]["snippet"].clone()).unwrap_or_default();
    let marked: Vec<&str> = snippet.as_array().into_iter().flatten().filter(|p| p["highlighted"] == true).filter_map(|p| p["text"].as_str()).collect();
    assert_eq!(marked, ["Lovelace"], "{snippet}");
    let whole: String = snippet.as_array().into_iter().flatten().filter_map(|p| p["text"].as_str()).collect();
    assert!(whole.contains("Babbage wrote to Lovelace"), "{whole}");

    // Kinds narrow it; an unknown kind is not an `EntityType` value: refused before resolving.
    assert_eq!(found_in(client, "lovelace", Some(&["Person", "Place"])).await?.len(), 2);
    assert_eq!(found_in(client, "lovelace", Some(&["Task"])).await?, Vec::<String>::new());
    let body = client.run(SEARCH, json!({"q": "x", "kinds": ["Nope"]})).await?;
    assert_eq!(GqlClient::error_code(&body), Some("GRAPHQL_VALIDATION_FAILED"), "{body}");

    // Other fields: a task's notes, a person's email.
    assert_eq!(found(client, "bread").await?, [task.as_str()]);
    assert_eq!(found(client, "ada@example.test").await?, [person.as_str()]);
    // Bob finds only his own.
    assert_eq!(found(&bob.client, "lovelace").await?, [theirs]);
    Ok(())
}

#[tokio::test]
async fn the_query_syntax_is_a_search_boxs() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let a = id_of(&NOTE.create(client, json!({"title": "big red cat"})).await?.ok()?);
    let b = id_of(&NOTE.create(client, json!({"title": "red big dog"})).await?.ok()?);
    let c = id_of(&NOTE.create(client, json!({"title": "Lovelace and Babbage"})).await?.ok()?);
    let sorted = |mut v: Vec<String>| {
        v.sort_unstable();
        v
    };
    assert_eq!(sorted(found(client, "big red").await?), sorted(vec![a.clone(), b.clone()]));
    assert_eq!(found(client, "\"big red\"").await?, [a.as_str()]);
    assert_eq!(found(client, "big -cat").await?, [b.as_str()]);
    assert_eq!(sorted(found(client, "cat or dog").await?), sorted(vec![a.clone(), b.clone()]));
    // The last word is a prefix while it is typed; a trailing space ends it.
    assert_eq!(found(client, "lovel").await?, [c.as_str()]);
    assert_eq!(found(client, "babbage lov").await?, [c.as_str()]);
    assert_eq!(found(client, "lovel ").await?, Vec::<String>::new());
    // Case does not matter; nothing to search for finds nothing.
    assert_eq!(found(client, "LOVELACE").await?, [c]);
    assert_eq!(found(client, "   ").await?, Vec::<String>::new());
    assert_eq!(found(client, "-").await?, Vec::<String>::new());
    // A query is a parameter, never SQL.
    assert_eq!(found(client, "'); DROP TABLE notes; --").await?, Vec::<String>::new());
    assert_eq!(NOTE.list(client, 10, None, false).await?.ok()?["edges"].as_array().map(Vec::len), Some(3));
    Ok(())
}

#[tokio::test]
async fn deleted_entities_are_not_found_restored_ones_are_and_updates_reindex() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let note = id_of(&NOTE.create(client, json!({"title": "quarterly report"})).await?.ok()?);
    assert_eq!(found(client, "quarterly").await?, [note.as_str()]);

    NOTE.delete(client, &note, 1).await?.ok()?;
    assert_eq!(found(client, "quarterly").await?, Vec::<String>::new());
    NOTE.restore(client, &note, 2).await?.ok()?;
    assert_eq!(found(client, "quarterly").await?, [note.as_str()]);

    NOTE.update(client, json!({"id": note, "expectedVersion": 3, "title": "annual summary"})).await?.ok()?;
    assert_eq!(found(client, "quarterly").await?, Vec::<String>::new());
    assert_eq!(found(client, "annual").await?, [note.as_str()]);

    // Pushed writes are indexed the same way.
    let device = ulid::Ulid::new().to_string();
    let millis = chrono::Utc::now().timestamp_millis() + 1000;
    let push = |seq: i64, op: &str, fields: Value| {
        json!({"seq": seq, "entityType": "Note", "entityId": note, "op": op, "fields": fields,
               "hlc": format!("{:015}-{seq:06}-{device}", millis), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
    };
    let doc = "mutation($i: PushInput!) { pushChanges(input: $i) { committed } }";
    let body = client.run(doc, json!({"i": {"clientId": device, "mutations": [push(1, "UPSERT", json!({"body": "offline words"}))]}})).await?;
    assert_eq!(body["data"]["pushChanges"]["committed"], true, "{body}");
    assert_eq!(found(client, "offline").await?, [note.as_str()]);
    let body = client.run(doc, json!({"i": {"clientId": device, "mutations": [push(2, "DELETE", Value::Null)]}})).await?;
    assert_eq!(body["data"]["pushChanges"]["committed"], true, "{body}");
    assert_eq!(found(client, "offline").await?, Vec::<String>::new());
    Ok(())
}

#[tokio::test]
async fn pages_follow_cursors_in_rank_then_id_order_and_a_garbled_cursor_is_validation() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(id_of(&NOTE.create(client, json!({"title": "same words"})).await?.ok()?));
    }
    ids.sort_unstable(); // equal ranks: by id
    let (mut seen, mut after): (Vec<String>, Option<String>) = (Vec::new(), None);
    loop {
        let page = search_page(client, "same words", None, Some(2), after.as_deref()).await?;
        seen.extend(page["edges"].as_array().into_iter().flatten().filter_map(|e| e["node"]["node"]["id"].as_str().map(str::to_owned)));
        assert_eq!(page["pageInfo"]["hasPreviousPage"], after.is_some());
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        anyhow::ensure!(seen.len() <= 5, "paging does not end: {seen:?}");
    }
    assert_eq!(seen, ids);

    for garbled in ["nope", "czE6MDAwMDAwMDA6bm9wZTpOb3Rl", ""] {
        let body = client.run(SEARCH, json!({"q": "same", "after": garbled})).await?;
        assert_eq!((GqlClient::error_code(&body), &body["errors"][0]["extensions"]["field"]), (Some("VALIDATION"), &json!("after")), "{garbled}: {body}");
    }
    for first in [-1, 101] {
        let body = client.run(SEARCH, json!({"q": "same", "first": first})).await?;
        assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");
    }
    let body = client.run(SEARCH, json!({"q": "x".repeat(501)})).await?;
    assert_eq!((GqlClient::error_code(&body), &body["errors"][0]["extensions"]["field"]), (Some("VALIDATION"), &json!("query")), "{body}");
    Ok(())
}

#[tokio::test]
async fn a_kernel_rebuild_yields_the_same_search_documents() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let kept = id_of(&NOTE.create(client, json!({"title": "rebuilt index", "body": "é accents kept"})).await?.ok()?);
    let gone = id_of(&TASK.create(client, json!({"title": "rebuilt task"})).await?.ok()?);
    TASK.delete(client, &gone, 1).await?.ok()?;
    let person = id_of(&PERSON.create(client, json!({"displayName": "Rebuilt Person", "phones": ["+49 30 1234"]})).await?.ok()?);
    client.read_own_writes().await?;
    let documents = |pool: sqlx::PgPool| async move {
        let rows: Vec<(String, String, i64, Option<String>)> =
            sqlx::query_as("SELECT entity_type, id, version, document::text FROM search_documents ORDER BY entity_type, id").fetch_all(&pool).await?;
        anyhow::Ok(rows)
    };
    let before = documents(server.db.pool.clone()).await?;
    assert_eq!(before.len(), 3, "{before:?}");
    assert!(before.iter().any(|(kind, id, _, doc)| kind == "Task" && *id == gone && doc.is_none()), "{before:?}");

    let options = RebuildOptions { batch_size: 2, verify: true, workers: 2 };
    let report = rebuild(&server.db.pool, &KernelProjection, options, |_| {}).await?;
    let checks = report.checks.ok_or_else(|| anyhow::anyhow!("verify gave no report"))?;
    let check = checks.iter().find(|c| c.table == "search_documents");
    assert!(check.is_some_and(|c| c.matches() && c.rebuilt_rows == 3), "{checks:?}");
    assert_eq!(documents(server.db.pool.clone()).await?, before);
    assert_eq!(found(client, "rebuilt").await?.len(), 2);
    assert_eq!(found(client, "1234").await?, [person]);

    // The live projection goes on indexing into the switched table.
    let later = id_of(&NOTE.create(client, json!({"title": "after the switch"})).await?.ok()?);
    assert_eq!(found(client, "switch").await?, [later]);
    assert_eq!(found(client, "accents").await?, [kept]);
    server.stop().await
}

#[tokio::test]
async fn rows_projected_before_search_existed_get_their_documents_when_the_projector_starts() -> anyhow::Result<()> {
    let (mut server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    let note = id_of(&NOTE.create(client, json!({"title": "written before the upgrade"})).await?.ok()?);
    let gone = id_of(&TASK.create(client, json!({"title": "deleted before the upgrade"})).await?.ok()?);
    TASK.delete(client, &gone, 1).await?.ok()?;
    client.read_own_writes().await?;
    // An instance upgraded from a release without search: rows, but no documents.
    sqlx::query("DELETE FROM search_documents").execute(&server.db.pool).await?;
    assert_eq!(found(client, "upgrade").await?, Vec::<String>::new());

    server.restart_with(&Corrections::builtin()).await?;
    let client = &server.client_as(&owner);
    // The kernel projector fills documents before it follows the feed: once a later write is
    // projected, the earlier rows are searchable (the deleted one has its empty document).
    let later = id_of(&NOTE.create(client, json!({"title": "written after the upgrade"})).await?.ok()?);
    client.read_own_writes().await?;
    let mut hits = found(client, "upgrade").await?;
    hits.sort();
    let mut expected = vec![note, later];
    expected.sort();
    assert_eq!(hits, expected);
    let documents: i64 = sqlx::query_scalar("SELECT count(*) FROM search_documents").fetch_one(&server.db.pool).await?;
    assert_eq!(documents, 3);
    server.stop().await
}

#[tokio::test]
async fn a_note_at_its_longest_is_projected_and_its_first_words_are_searchable() -> anyhow::Result<()> {
    let (_server, owner) = TestServer::with_owner().await?;
    let client = &owner.client;
    // A million characters of distinct four-letter words: indexed whole, it would not fit in a
    // tsvector (1 MB) and the note's own row would never be written.
    let word = |n: usize| -> String { (0..4).map(|i| char::from(b'a' + u8::try_from(n / 26usize.pow(i) % 26).unwrap_or(0))).collect() };
    let body: String = (0..200_000).map(|n| format!("{} ", word(n))).collect();
    assert_eq!(body.chars().count(), 1_000_000);
    let note = id_of(&NOTE.create(client, json!({"title": "longest", "body": body})).await?.ok()?);
    assert_eq!(found(client, "longest").await?, [note.as_str()]);
    assert_eq!(found(client, &format!("{} ", word(1000))).await?, [note.as_str()]);
    assert_eq!(found(client, &format!("{} ", word(150_000))).await?, Vec::<String>::new());
    let fetched = NOTE.get(client, &note).await?.ok()?;
    assert_eq!(fetched["body"].as_str().map(str::len), Some(1_000_000));
    Ok(())
}
