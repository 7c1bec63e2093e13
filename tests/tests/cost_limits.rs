//! What one request may cost: list complexity counts `first`/`limit` × the selection, pages
//! end early under the response-size cap, a still-too-big answer is `RESPONSE_TOO_LARGE`, and
//! the websocket gets the same document limits as HTTP. The defaults still let through the
//! standard introspection query and a full `changes(limit: 1000)` page.

use lifeos_tests::entities::NOTE;
use lifeos_tests::{Account, GqlClient, GqlWs, ServerMsg, TestServer};
use serde_json::{json, Value};

/// graphql-js 16's `getIntrospectionQuery()` with every option (what GraphiQL and most tools send).
const INTROSPECTION: &str = include_str!("fixtures/introspection-query.graphql");

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

fn message(body: &Value) -> &str {
    body["errors"][0]["message"].as_str().unwrap_or_default()
}

/// A VIEWER of a shared workspace the owner made (the attack in the report came from one).
async fn viewer_of_shared_workspace(server: &TestServer, owner: &mut Account) -> anyhow::Result<Account> {
    let mut viewer = server.invite(owner, "viewer@x.test", "Viewer").await?;
    let home = owner.client.run("mutation { createWorkspace(name: \"Home\") { id } }", json!({})).await?;
    let home = home["data"]["createWorkspace"]["id"].as_str().unwrap_or_default().to_owned();
    owner.client.workspace = Some(home.clone());
    let added = owner.client.run("mutation { addMember(email: \"viewer@x.test\", role: VIEWER) { id } }", json!({})).await?;
    anyhow::ensure!(added["errors"].is_null(), "addMember failed: {added}");
    viewer.client.workspace = Some(home);
    Ok(viewer)
}

#[tokio::test]
async fn thirty_aliases_of_full_note_pages_are_refused_for_their_complexity() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let mut owner = server.owner().await?;
    let viewer = viewer_of_shared_workspace(&server, &mut owner).await?;
    NOTE.create(&owner.client, json!({"title": "big", "body": "x".repeat(1000)})).await?.ok()?;
    owner.client.read_own_writes().await?;

    let aliases: String = (0..30).map(|i| format!("a{i}: notes(first: 500) {{ edges {{ node {{ body }} }} }} ")).collect();
    let attack = format!("{{ {aliases} }}");
    let body = viewer.client.run(&attack, json!({})).await?;
    assert_eq!(code(&body), Some("VALIDATION"), "{body}");
    assert!(message(&body).contains("complexity"), "{body}");
    assert!(body["data"].is_null(), "nothing was executed: {body}");

    // One such page is fine: the limit counts what is asked for, not how it is spelled.
    let one = viewer.client.run("{ notes(first: 500) { edges { node { body } } } }", json!({})).await?;
    assert!(one["errors"].is_null(), "{one}");
    assert_eq!(one["data"]["notes"]["edges"].as_array().map(Vec::len), Some(1));
    server.stop().await
}

#[tokio::test]
async fn the_standard_introspection_query_and_a_full_changes_page_fit_the_default_complexity() -> anyhow::Result<()> {
    // Every limit at its default.
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let body = owner.client.run(INTROSPECTION, json!({})).await?;
    assert!(body["errors"].is_null(), "{body}");
    assert!(body["data"]["__schema"]["types"].as_array().is_some_and(|t| t.len() > 20), "{body}");

    let pull = "{ changes(limit: 1000) { entries { cursor entityType entityId op version updatedAt data } cursor hasMore } }";
    let body = owner.client.run(pull, json!({})).await?;
    assert!(body["errors"].is_null(), "{body}");
    assert!(body["data"]["changes"]["cursor"].is_string(), "{body}");
    server.stop().await
}

#[tokio::test]
async fn big_pages_end_early_under_the_response_cap_and_paging_still_reaches_every_note() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.graphql_max_response_bytes = 64 * 1024).await?;
    let owner = server.owner().await?;
    let mut ids = Vec::new();
    for i in 0..10 {
        let note = NOTE.create(&owner.client, json!({"title": format!("n{i}"), "body": "y".repeat(20 * 1024)})).await?.ok()?;
        ids.push(note["id"].as_str().unwrap_or_default().to_owned());
    }
    let query = "query($after: String) { notes(first: 10, after: $after) { edges { node { id body } } pageInfo { hasNextPage endCursor } } }";
    let (mut seen, mut pages, mut after) = (Vec::new(), 0, None::<String>);
    loop {
        let body = owner.client.run(query, json!({"after": after})).await?;
        assert!(body["errors"].is_null(), "{body}");
        let page = &body["data"]["notes"];
        let edges = page["edges"].as_array().cloned().unwrap_or_default();
        assert!(!edges.is_empty(), "a page always moves on: {page}");
        seen.extend(edges.iter().map(|e| e["node"]["id"].as_str().unwrap_or_default().to_owned()));
        pages += 1;
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        assert!(pages <= 10, "paging must end");
    }
    assert!(pages > 1, "200 KiB of notes cannot come back in one 64 KiB answer");
    assert_eq!(seen, ids, "every note, once, in order");
    server.stop().await
}

#[tokio::test]
async fn an_answer_over_the_response_cap_is_refused_with_response_too_large() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.graphql_max_response_bytes = 64 * 1024).await?;
    let owner = server.owner().await?;
    let note = NOTE.create(&owner.client, json!({"title": "big", "body": "z".repeat(20 * 1024)})).await?.ok()?;
    let id = note["id"].as_str().unwrap_or_default();
    let aliases: String = (0..5).map(|i| format!("a{i}: note(id: $id) {{ body }} ")).collect();
    let body = owner.client.run(&format!("query($id: ID!) {{ {aliases} }}"), json!({"id": id})).await?;
    assert_eq!(code(&body), Some("RESPONSE_TOO_LARGE"), "{}", &body.to_string()[..200.min(body.to_string().len())]);
    assert_eq!(body["errors"][0]["extensions"]["limitBytes"], 64 * 1024);
    assert!(body["data"].is_null());
    // Under the cap the same document answers normally.
    let two = owner.client.run("query($id: ID!) { a: note(id: $id) { body } b: note(id: $id) { body } }", json!({"id": id})).await?;
    assert!(two["errors"].is_null(), "{}", two["errors"]);
    server.stop().await
}

#[tokio::test]
async fn websocket_operations_get_the_same_alias_complexity_and_size_limits_as_http() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.graphql_max_response_bytes = 64 * 1024).await?;
    let owner = server.owner().await?;
    let note = NOTE.create(&owner.client, json!({"title": "big", "body": "w".repeat(20 * 1024)})).await?.ok()?;
    let id = note["id"].as_str().unwrap_or_default().to_owned();
    owner.client.read_own_writes().await?;
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;

    let aliases: String = (0..40).map(|i| format!("a{i}: serverInfo {{ version }} ")).collect();
    ws.subscribe("aliases", &format!("{{ {aliases} }}"), json!({})).await?;
    let pages: String = (0..30).map(|i| format!("p{i}: notes(first: 500) {{ edges {{ node {{ body }} }} }} ")).collect();
    ws.subscribe("complexity", &format!("{{ {pages} }}"), json!({})).await?;
    let notes: String = (0..5).map(|i| format!("n{i}: note(id: $id) {{ body }} ")).collect();
    ws.subscribe("size", &format!("query($id: ID!) {{ {notes} }}"), json!({"id": id})).await?;

    let mut refused = std::collections::BTreeMap::new();
    while refused.len() < 3 {
        let (id, errors) = match ws.recv().await? {
            ServerMsg::Error { id, payload } => (id, payload),
            ServerMsg::Next { id, payload } => (id, payload["errors"].clone()),
            ServerMsg::Complete { .. } => continue,
            other => anyhow::bail!("unexpected {other:?}"),
        };
        let first = &errors[0];
        refused.insert(id, (first["extensions"]["code"].clone(), first["message"].as_str().unwrap_or_default().to_owned()));
    }
    assert_eq!(refused["aliases"].0, "VALIDATION", "{refused:?}");
    assert!(refused["aliases"].1.contains("40 aliases"), "{refused:?}");
    assert_eq!(refused["complexity"].0, "VALIDATION", "{refused:?}");
    assert!(refused["complexity"].1.contains("complexity"), "{refused:?}");
    assert_eq!(refused["size"].0, "RESPONSE_TOO_LARGE", "{refused:?}");
    ws.close().await?;
    server.stop().await
}

#[tokio::test]
async fn a_change_event_over_the_response_cap_is_refused_and_ends_its_subscription() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.graphql_max_response_bytes = 64 * 1024).await?;
    let owner = server.owner().await?;
    // A mutation's answer is never refused for its size: its write has committed by then.
    let big = NOTE.create(&owner.client, json!({"title": "big", "body": "v".repeat(100 * 1024)})).await?.ok()?;
    assert_eq!(big["body"].as_str().map(str::len), Some(100 * 1024));
    NOTE.create(&owner.client, json!({"title": "small"})).await?.ok()?;
    owner.client.read_own_writes().await?;
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    ws.subscribe("feed", lifeos_tests::sync::SUBSCRIBE_CHANGES_WITH_DATA, json!({"after": null})).await?;
    match ws.recv().await? {
        ServerMsg::Next { payload, .. } => assert_eq!(code(&payload), Some("RESPONSE_TOO_LARGE"), "{payload:.300}"),
        other => anyhow::bail!("expected the refusal, got {other:?}"),
    }
    // The feed does not go on past the entry the client never got (the small note is not sent).
    assert_eq!(ws.recv().await?, ServerMsg::Complete { id: "feed".into() });
    ws.close().await?;
    server.stop().await
}
