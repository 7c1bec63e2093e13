//! The kinds' lists as Relay connections, black box over GraphQL: paging forwards
//! (`first`/`after`) and backwards (`last`/`before`) walks the same rows in the same order
//! with page info right at both ends; every ordering sorts by its key, then id; each filter
//! rule (enum any-of, range, reference equal / null, tags all / any) keeps exactly its rows,
//! also while paging; bad cursors and `first` with `last` are `VALIDATION` naming the
//! argument; another workspace's rows never appear.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

async fn ok(client: &GqlClient, document: &str, variables: Value, field: &str) -> anyhow::Result<Value> {
    client.data(document, variables, field).await
}

async fn create(client: &GqlClient, kind: &str, input: Value) -> anyhow::Result<Value> {
    let field = format!("create{kind}");
    ok(client, &format!("mutation($i: Create{kind}Input!) {{ {field}(input: $i) {{ id }} }}"), json!({"i": input}), &field).await
}

/// A list: its kind (for the input type names), root field and node selection.
struct List {
    kind: &'static str,
    many: &'static str,
    selection: &'static str,
}

const NOTES: List = List { kind: "Note", many: "notes", selection: "id createdAt updatedAt title tags pinned" };
const TASKS: List = List { kind: "Task", many: "tasks", selection: "id createdAt updatedAt title dueAt status priority parentId" };

impl List {
    /// One page: `args` holds first/after/last/before/orderBy/filter (absent ones unset).
    async fn page(&self, client: &GqlClient, args: Value) -> anyhow::Result<Value> {
        let body = self.run(client, args).await?;
        anyhow::ensure!(body["errors"].is_null(), "{} failed: {body}", self.many);
        Ok(body["data"][self.many].clone())
    }

    async fn run(&self, client: &GqlClient, args: Value) -> anyhow::Result<Value> {
        let (kind, many, selection) = (self.kind, self.many, self.selection);
        let document = format!(
            "query($first: Int, $after: String, $last: Int, $before: String, $order: {kind}Order, $filter: {kind}Filter) {{
               {many}(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: $filter) {{
                 edges {{ cursor node {{ {selection} }} }}
                 pageInfo {{ hasPreviousPage hasNextPage startCursor endCursor }}
               }}
             }}"
        );
        client.run(&document, args).await
    }

    /// Every row, `size` at a time, forwards or backwards; checks each page's info on the way.
    async fn walk(&self, client: &GqlClient, size: i64, backwards: bool, order: &Value, filter: &Value) -> anyhow::Result<Vec<Value>> {
        let (mut rows, mut cursor, mut index) = (Vec::<Value>::new(), Value::Null, 0);
        loop {
            let args = if backwards {
                json!({"last": size, "before": cursor, "order": order, "filter": filter})
            } else {
                json!({"first": size, "after": cursor, "order": order, "filter": filter})
            };
            let page = self.page(client, args).await?;
            let edges = page["edges"].as_array().cloned().unwrap_or_default();
            let info = &page["pageInfo"];
            let (near, far) = if backwards { ("hasNextPage", "hasPreviousPage") } else { ("hasPreviousPage", "hasNextPage") };
            assert_eq!(info[near], index > 0, "{near} on page {index} ({order} {filter}): {page}");
            assert_eq!(info["startCursor"], edges.first().map_or(Value::Null, |e| e["cursor"].clone()), "{page}");
            assert_eq!(info["endCursor"], edges.last().map_or(Value::Null, |e| e["cursor"].clone()), "{page}");
            let nodes = edges.iter().map(|e| e["node"].clone());
            if backwards {
                rows.splice(0..0, nodes);
            } else {
                rows.extend(nodes);
            }
            if info[far] != true {
                return Ok(rows);
            }
            assert!(!edges.is_empty(), "a page with more beyond it has rows: {page}");
            cursor = info[if backwards { "startCursor" } else { "endCursor" }].clone();
            index += 1;
        }
    }
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter().map(|r| r["id"].as_str().unwrap_or_default().to_owned()).collect()
}

/// The order a key sorts in: timestamps as instants, the rest as text; null is the largest.
fn compare(a: &Value, b: &Value, key: &str) -> Ordering {
    let instant = |v: &Value| v.as_str().and_then(|s| s.parse::<DateTime<Utc>>().ok());
    match (a[key].is_null(), b[key].is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ if key.ends_with("At") => instant(&a[key]).cmp(&instant(&b[key])),
        _ => a[key].as_str().cmp(&b[key].as_str()),
    }
}

fn sorted(rows: &[Value], key: &str, descending: bool) -> Vec<String> {
    let mut rows = rows.to_vec();
    rows.sort_by(|a, b| {
        let order = compare(a, b, key).then_with(|| a["id"].as_str().cmp(&b["id"].as_str()));
        if descending { order.reverse() } else { order }
    });
    ids(&rows)
}

#[tokio::test]
async fn paging_forwards_and_backwards_walks_the_same_rows_in_order() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    for i in 0..7 {
        create(c, "Note", json!({"title": format!("n{i}")})).await?;
    }
    let all = NOTES.page(c, json!({"first": 100})).await?;
    let all: Vec<Value> = all["edges"].as_array().cloned().unwrap_or_default().into_iter().map(|e| e["node"].clone()).collect();
    assert_eq!(all.len(), 7);
    assert_eq!(ids(&all), sorted(&all, "createdAt", false), "oldest first by default");
    for size in [1, 3, 7, 10] {
        let forwards = NOTES.walk(c, size, false, &Value::Null, &Value::Null).await?;
        let backwards = NOTES.walk(c, size, true, &Value::Null, &Value::Null).await?;
        assert_eq!(ids(&forwards), ids(&all), "forwards by {size}");
        assert_eq!(ids(&backwards), ids(&all), "backwards by {size}");
    }
    // Between two cursors: the rows strictly between them, and both ends report more.
    let edges = NOTES.page(c, json!({"first": 7})).await?["edges"].clone();
    let inner = NOTES.page(c, json!({"first": 10, "after": edges[1]["cursor"], "before": edges[5]["cursor"]})).await?;
    let inner_ids: Vec<Value> = inner["edges"].as_array().cloned().unwrap_or_default().iter().map(|e| e["node"]["id"].clone()).collect();
    assert_eq!(inner_ids, (2..5).map(|i| edges[i]["node"]["id"].clone()).collect::<Vec<_>>());
    assert_eq!(inner["pageInfo"]["hasPreviousPage"], true, "{inner}");
    let tail = NOTES.page(c, json!({"last": 2, "before": edges[5]["cursor"]})).await?;
    assert_eq!(tail["pageInfo"], json!({"hasPreviousPage": true, "hasNextPage": true,
        "startCursor": edges[3]["cursor"], "endCursor": edges[4]["cursor"]}));
    server.stop().await
}

#[tokio::test]
async fn every_ordering_sorts_by_its_key_then_id_both_ways() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let due = ["2026-03-01T09:00:00Z", "2026-01-01T09:00:00.5Z", "2026-03-01T09:00:00Z"];
    for (i, title) in ["d", "b", "e", "a", "c", "b"].iter().enumerate() {
        let mut input = json!({"title": title, "status": if i % 2 == 0 { "OPEN" } else { "DONE" }});
        if let Some(at) = due.get(i) {
            input["dueAt"] = json!(at);
        }
        create(c, "Task", input).await?;
    }
    let first = TASKS.page(c, json!({"first": 1})).await?["edges"][0]["node"].clone();
    let update = "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }";
    ok(c, update, json!({"i": {"id": first["id"], "expectedVersion": 1, "title": "z"}}), "updateTask").await?;
    let all = TASKS.walk(c, 100, false, &Value::Null, &Value::Null).await?;
    for (field, key) in [("CREATED_AT", "createdAt"), ("UPDATED_AT", "updatedAt"), ("TITLE", "title"), ("DUE_AT", "dueAt"), ("STATUS", "status")] {
        for direction in ["ASC", "DESC"] {
            let order = json!({"field": field, "direction": direction});
            let expected = sorted(&all, key, direction == "DESC");
            assert_eq!(ids(&TASKS.walk(c, 2, false, &order, &Value::Null).await?), expected, "{order} forwards");
            assert_eq!(ids(&TASKS.walk(c, 2, true, &order, &Value::Null).await?), expected, "{order} backwards");
        }
    }
    // The direction defaults to ascending.
    let by_title = TASKS.walk(c, 100, false, &json!({"field": "TITLE"}), &Value::Null).await?;
    assert_eq!(ids(&by_title), sorted(&all, "title", false));
    server.stop().await
}

#[tokio::test]
async fn each_filter_rule_keeps_exactly_its_rows() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let parent = create(c, "Task", json!({"title": "parent", "dueAt": "2026-05-01T00:00:00Z"})).await?["id"].clone();
    create(c, "Task", json!({"title": "child", "parentId": parent, "status": "DONE", "dueAt": "2026-02-01T00:00:00Z"})).await?;
    create(c, "Task", json!({"title": "loose", "status": "CANCELLED"})).await?;
    let titles = |rows: Vec<Value>| rows.iter().map(|r| r["title"].as_str().unwrap_or_default().to_owned()).collect::<Vec<_>>();
    for (filter, expected) in [
        (json!({"status": ["DONE", "CANCELLED"]}), vec!["child", "loose"]),
        (json!({"status": []}), vec![]),
        (json!({"parentId": null}), vec!["parent", "loose"]),
        (json!({"parentId": parent}), vec!["child"]),
        (json!({"dueBefore": "2026-03-01T00:00:00Z"}), vec!["child"]),
        (json!({"dueAfter": "2026-01-01T00:00:00+05:00", "status": ["OPEN"]}), vec!["parent"]),
        (json!({"title": "loose"}), vec!["loose"]),
        (json!({"dueAt": null}), vec!["loose"]),
        (json!({"dueAt": "2026-02-01T01:00:00+01:00"}), vec!["child"]),
    ] {
        assert_eq!(titles(TASKS.walk(c, 1, false, &Value::Null, &filter).await?), expected, "{filter}");
    }
    for (tags, pinned) in [(json!(["a", "b"]), true), (json!(["a"]), false), (json!(["c"]), false)] {
        create(c, "Note", json!({"title": tags.to_string(), "tags": tags, "pinned": pinned})).await?;
    }
    let note_titles = |rows: Vec<Value>| rows.iter().map(|r| r["title"].as_str().unwrap_or_default().to_owned()).collect::<Vec<_>>();
    for (filter, expected) in [
        (json!({"tagsAll": ["a", "b"]}), vec![r#"["a","b"]"#]),
        (json!({"tagsAny": ["b", "c"]}), vec![r#"["a","b"]"#, r#"["c"]"#]),
        (json!({"tagsAll": ["a"], "pinned": false}), vec![r#"["a"]"#]),
    ] {
        assert_eq!(note_titles(NOTES.walk(c, 2, true, &Value::Null, &filter).await?), expected, "{filter}");
    }
    // Kernel timestamps: changed after a moment, created before it.
    let notes = NOTES.walk(c, 100, false, &Value::Null, &Value::Null).await?;
    let update = "mutation($i: UpdateNoteInput!) { updateNote(input: $i) { updatedAt } }";
    let changed = ok(c, update, json!({"i": {"id": notes[0]["id"], "expectedVersion": 1, "body": "x"}}), "updateNote").await?;
    let since = json!({"updatedAfter": notes[2]["updatedAt"]});
    assert_eq!(ids(&NOTES.walk(c, 5, false, &Value::Null, &since).await?), vec![notes[0]["id"].as_str().unwrap_or_default()], "{changed}");
    let before = json!({"createdBefore": notes[1]["createdAt"]});
    assert_eq!(ids(&NOTES.walk(c, 5, false, &Value::Null, &before).await?), ids(&notes[..1]));
    // Refused values name the entry.
    for (filter, entry) in [(json!({"parentId": "nope"}), "filter.parentId"), (json!({"dueBefore": "0000-01-01T00:00:00Z"}), "filter.dueBefore")] {
        let body = TASKS.run(c, json!({"filter": filter})).await?;
        assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], entry, "{body}");
    }
    server.stop().await
}

#[tokio::test]
async fn filters_and_paging_together_page_only_the_kept_rows() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    for i in 0..9 {
        create(c, "Note", json!({"title": format!("n{i}"), "tags": [if i % 3 == 0 { "keep" } else { "drop" }]})).await?;
    }
    let filter = json!({"tagsAny": ["keep"]});
    let order = json!({"field": "CREATED_AT", "direction": "DESC"});
    let forwards = NOTES.walk(c, 2, false, &order, &filter).await?;
    let titles: Vec<&str> = forwards.iter().map(|r| r["title"].as_str().unwrap_or_default()).collect();
    assert_eq!(titles, ["n6", "n3", "n0"]);
    assert_eq!(ids(&NOTES.walk(c, 2, true, &order, &filter).await?), ids(&forwards));
    server.stop().await
}

#[tokio::test]
async fn bad_cursors_and_first_with_last_are_validation_errors_naming_the_argument() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    create(c, "Note", json!({"title": "a"})).await?;
    create(c, "Task", json!({"title": "t"})).await?;
    let note_cursor = NOTES.page(c, json!({"first": 1})).await?["pageInfo"]["endCursor"].clone();
    let down = json!({"field": "CREATED_AT", "direction": "DESC"});
    let cases = [
        (&NOTES, json!({"after": "not a cursor!"}), "after"),
        (&NOTES, json!({"before": "e30"}), "before"),
        (&NOTES, json!({"after": "01J0000000000000000000000A"}), "after"),
        (&TASKS, json!({"after": note_cursor}), "after"),
        (&NOTES, json!({"before": note_cursor, "order": down}), "before"),
        (&NOTES, json!({"first": 1, "last": 1}), "last"),
        (&NOTES, json!({"last": 501}), "last"),
        (&NOTES, json!({"first": -1}), "first"),
    ];
    for (list, args, argument) in cases {
        let body = list.run(c, args.clone()).await?;
        assert_eq!(GqlClient::error_code(&body), Some("VALIDATION"), "{args}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], argument, "{args}: {body}");
    }
    server.stop().await
}

#[tokio::test]
async fn another_workspaces_rows_never_appear() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let other = server.invite(&owner, "other@example.com", "Other").await?;
    for i in 0..3 {
        create(&owner.client, "Note", json!({"title": format!("mine{i}"), "tags": ["t"]})).await?;
        create(&other.client, "Note", json!({"title": format!("theirs{i}"), "tags": ["t"]})).await?;
    }
    for (account, prefix) in [(&owner, "mine"), (&other, "theirs")] {
        for backwards in [false, true] {
            let rows = NOTES.walk(&account.client, 2, backwards, &Value::Null, &json!({"tagsAll": ["t"]})).await?;
            assert_eq!(rows.len(), 3);
            assert!(rows.iter().all(|r| r["title"].as_str().is_some_and(|t| t.starts_with(prefix))), "{rows:?}");
        }
    }
    // A cursor taken from one workspace pages only the caller's rows in the other.
    let cursor = NOTES.page(&owner.client, json!({"first": 1})).await?["pageInfo"]["endCursor"].clone();
    let theirs = NOTES.page(&other.client, json!({"first": 10, "after": cursor})).await?;
    let edges = theirs["edges"].as_array().cloned().unwrap_or_default();
    assert!(edges.iter().all(|e| e["node"]["title"].as_str().is_some_and(|t| t.starts_with("theirs"))), "{theirs}");
    server.stop().await
}

#[tokio::test]
async fn a_backwards_page_ends_early_under_the_response_cap_and_paging_still_reaches_every_row() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| {
        c.graphql_max_response_bytes = 64 * 1024;
        c.read_your_writes_timeout_ms = 30_000;
    })
    .await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    for i in 0..10 {
        create(c, "Note", json!({"title": format!("n{i}"), "body": "y".repeat(20 * 1024)})).await?;
    }
    const BIG: List = List { kind: "Note", many: "notes", selection: "id title body" };
    let last = BIG.page(c, json!({"last": 10})).await?;
    let edges = last["edges"].as_array().cloned().unwrap_or_default();
    assert!(!edges.is_empty() && edges.len() < 10, "200 KiB of notes cannot come back in one 64 KiB answer");
    assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(edges.last().map(|e| e["node"]["title"].clone()), Some(json!("n9")), "the rows nearest the end are kept");
    let titles: Vec<String> = BIG.walk(c, 10, true, &Value::Null, &Value::Null).await?.iter().map(|r| r["title"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(titles, (0..10).map(|i| format!("n{i}")).collect::<Vec<_>>());
    server.stop().await
}
