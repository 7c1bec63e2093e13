//! Link, the fifth kind, black box: a typed, directed relation between two entities of the
//! workspace, one per (from, to, relation) — creating it twice (or from two devices) is one
//! link —, hidden from `links` while an endpoint is deleted, with history and sync like every kind.

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const LINK: &str = "id version deletedAt fromType fromId toType toId relation note";

async fn ok(client: &GqlClient, document: &str, variables: Value, field: &str) -> anyhow::Result<Value> {
    client.data(document, variables, field).await
}

async fn note(client: &GqlClient, title: &str) -> anyhow::Result<String> {
    let created = ok(client, "mutation($t: String) { createNote(input: {title: $t}) { id } }", json!({"t": title}), "createNote").await?;
    Ok(created["id"].as_str().unwrap_or_default().to_owned())
}

async fn person(client: &GqlClient, name: &str) -> anyhow::Result<String> {
    let created = ok(client, "mutation($n: String!) { createPerson(input: {displayName: $n}) { id } }", json!({"n": name}), "createPerson").await?;
    Ok(created["id"].as_str().unwrap_or_default().to_owned())
}

async fn link(client: &GqlClient, from: &str, to: &str, relation: &str) -> anyhow::Result<Value> {
    let input = json!({"fromType": "Note", "fromId": from, "toType": "Person", "toId": to, "relation": relation});
    let document = format!("mutation($i: CreateLinkInput!) {{ createLink(input: $i) {{ {LINK} }} }}");
    client.run(&document, json!({"i": input})).await
}

async fn links_from(client: &GqlClient, from: &str) -> anyhow::Result<Vec<Value>> {
    let document = format!("query($f: ID) {{ links(fromId: $f) {{ nodes {{ {LINK} }} }} }}");
    let page = ok(client, &document, json!({"f": from}), "links").await?;
    Ok(page["nodes"].as_array().cloned().unwrap_or_default())
}

#[tokio::test]
async fn the_same_link_created_twice_is_one_link() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let (n, p) = (note(c, "minutes").await?, person(c, "Ada").await?);
    let first = link(c, &n, &p, "mentions").await?;
    let again = link(c, &n, &p, "mentions").await?;
    assert!(first["errors"].is_null() && again["errors"].is_null(), "{first} {again}");
    assert_eq!(first["data"]["createLink"]["id"], again["data"]["createLink"]["id"]);
    assert_eq!(again["data"]["createLink"]["version"], 1);
    // Another relation between the same two is another link.
    let other = link(c, &n, &p, "about").await?;
    assert_ne!(other["data"]["createLink"]["id"], first["data"]["createLink"]["id"]);
    assert_eq!(links_from(c, &n).await?.len(), 2);
    server.stop().await
}

#[tokio::test]
async fn unknown_relations_types_and_endpoints_are_refused_naming_the_field() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let (n, p) = (note(c, "n").await?, person(c, "p").await?);
    let unknown = link(c, &n, &p, "likes").await?;
    assert_eq!(GqlClient::error_code(&unknown), Some("VALIDATION"));
    assert_eq!(unknown["errors"][0]["extensions"]["field"], "relation");
    let missing = link(c, &n, "01HZZZZZZZZZZZZZZZZZZZZZZZ", "mentions").await?;
    assert_eq!(missing["errors"][0]["extensions"]["field"], "toId", "{missing}");
    let wrong_type = c
        .run(
            &format!("mutation($i: CreateLinkInput!) {{ createLink(input: $i) {{ {LINK} }} }}"),
            json!({"i": {"fromType": "Spaceship", "fromId": n, "toType": "Person", "toId": p, "relation": "about"}}),
        )
        .await?;
    // `fromType` is an `EntityType`: a name that is no kind is refused with the variables.
    assert!(wrong_type["data"].is_null(), "{wrong_type}");
    assert!(wrong_type["errors"][0]["message"].as_str().is_some_and(|m| m.contains("Spaceship")), "{wrong_type}");
    assert!(links_from(c, &n).await?.is_empty());
    server.stop().await
}

#[tokio::test]
async fn a_link_is_hidden_while_an_endpoint_is_deleted_and_back_when_it_is_restored() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let (n, p) = (note(c, "n").await?, person(c, "p").await?);
    let created = link(c, &n, &p, "mentions").await?;
    let id = created["data"]["createLink"]["id"].as_str().unwrap_or_default().to_owned();
    ok(c, "mutation($id: ID!) { deletePerson(input: {id: $id, expectedVersion: 1}) { id } }", json!({"id": p}), "deletePerson").await?;
    assert!(links_from(c, &n).await?.is_empty(), "hidden while the person is deleted");
    let kept = ok(c, "query($id: ID!) { link(id: $id) { id deletedAt } }", json!({"id": id}), "link").await?;
    assert_eq!(kept["deletedAt"], Value::Null, "the link itself is not deleted");
    ok(c, "mutation($id: ID!) { restorePerson(input: {id: $id, expectedVersion: 2}) { id } }", json!({"id": p}), "restorePerson").await?;
    assert_eq!(links_from(c, &n).await?.len(), 1, "back once the person is restored");
    let history = ok(c, "query($id: ID!) { history(entityType: Link, id: $id) { version eventType } }", json!({"id": id}), "history").await?;
    assert_eq!(history[0]["eventType"], "LinkCreated");
    server.stop().await
}

#[tokio::test]
async fn endpoints_are_fixed_and_the_note_can_change() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let (n, p) = (note(c, "n").await?, person(c, "p").await?);
    let created = link(c, &n, &p, "mentions").await?;
    let id = created["data"]["createLink"]["id"].clone();
    let update = format!("mutation($i: UpdateLinkInput!) {{ updateLink(input: $i) {{ {LINK} }} }}");
    let noted = ok(c, &update, json!({"i": {"id": id, "expectedVersion": 1, "note": "chaired"}}), "updateLink").await?;
    assert_eq!(noted["note"], "chaired");
    let other = note(c, "other").await?;
    // Over GraphQL the update input has no endpoint fields at all ...
    let moved = c.run(&update, json!({"i": {"id": id, "expectedVersion": 2, "fromId": other}})).await?;
    assert!(moved["errors"].is_array(), "{moved}");
    // ... and a device's push that moves one is refused naming it.
    let push = "mutation($i: PushInput!) { pushChanges(input: $i) { committed results { status code field } } }";
    let mutation = json!({"seq": 1, "entityType": "Link", "entityId": id, "op": "UPSERT", "fields": {"fromId": other},
        "hlc": format!("{:015}-000000-dev", chrono::Utc::now().timestamp_millis() + 1_000), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()});
    let pushed = ok(c, push, json!({"i": {"clientId": "dev", "mutations": [mutation]}}), "pushChanges").await?;
    assert_eq!(pushed["results"][0]["code"], "VALIDATION", "{pushed}");
    assert_eq!(pushed["results"][0]["field"], "fromId", "{pushed}");
    let kept = ok(c, &format!("query($id: ID!) {{ link(id: $id) {{ {LINK} }} }}"), json!({"id": id}), "link").await?;
    assert_eq!(kept["fromId"], n.as_str());
    server.stop().await
}

#[tokio::test]
async fn a_device_pushing_a_link_must_use_its_natural_id() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let (n, p) = (note(c, "n").await?, person(c, "p").await?);
    let push = "mutation($i: PushInput!) { pushChanges(input: $i) { committed results { status code field } } }";
    let fields = json!({"fromType": "Note", "fromId": n, "toType": "Person", "toId": p, "relation": "attendee"});
    let mutation = |id: &str| json!({"seq": 1, "entityType": "Link", "entityId": id, "op": "UPSERT", "fields": fields,
        "hlc": format!("{:015}-000000-dev", chrono::Utc::now().timestamp_millis()), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()});
    let random = ok(c, push, json!({"i": {"clientId": "dev", "mutations": [mutation("01HZZZZZZZZZZZZZZZZZZZZZZZ")]}}), "pushChanges").await?;
    assert_eq!(random["results"][0]["field"], "id", "{random}");
    let id = lifeos_domain::ids::natural_id("Link", &owner.personal_workspace, &["Note", &n, "Person", &p, "attendee"]);
    let natural = ok(c, push, json!({"i": {"clientId": "dev", "mutations": [mutation(&id)]}}), "pushChanges").await?;
    assert_eq!(natural["committed"], true, "{natural}");
    let online = link(c, &n, &p, "attendee").await?;
    assert_eq!(online["data"]["createLink"]["id"], id.as_str(), "the device and the server made one link");
    server.stop().await
}
