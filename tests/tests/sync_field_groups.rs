//! Field groups in offline sync, black box: a place's latitude+longitude merges as ONE
//! register, so two devices' offline moves never leave a place at a mixed location, and a
//! push naming only half the group is refused with nothing written.

use lifeos_tests::entities::PLACE;
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    clientId lastSeq committed results { seq status version lostFields code field message } } }";

const PULL: &str = "query($a: String) { changes(after: $a, limit: 100) {
    cursor hasMore entries { entityType entityId op version data } } }";

/// A clock stamp `offset_ms` after the test's start (past the server's create).
fn hlc(offset_ms: i64, node: &str) -> String {
    static BASE: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| chrono::Utc::now().timestamp_millis() + 1_000);
    format!("{:015}-{:06}-{node}", base + offset_ms, 0)
}

/// One device's push of one UPSERT of place `id`: the mutation's result and `committed`.
async fn push_place(client: &GqlClient, device: &str, seq: i64, id: &str, fields: Value, hlc: &str) -> anyhow::Result<(Value, Value)> {
    let mutation = json!({"seq": seq, "entityType": "Place", "entityId": id, "op": "UPSERT", "fields": fields,
        "hlc": hlc, "clientUpdatedAt": chrono::Utc::now().to_rfc3339()});
    let body = client.run(PUSH, json!({"i": {"clientId": device, "mutations": [mutation]}})).await?;
    anyhow::ensure!(body["errors"].is_null(), "pushChanges failed: {body}");
    let push = &body["data"]["pushChanges"];
    Ok((push["results"][0].clone(), push["committed"].clone()))
}

async fn place(client: &GqlClient, id: &str) -> anyhow::Result<Value> {
    let body = client.run("query($id: ID!) { place(id: $id) { id version name latitude longitude } }", json!({"id": id})).await?;
    anyhow::ensure!(body["errors"].is_null(), "place failed: {body}");
    Ok(body["data"]["place"].clone())
}

/// The `data` of the last pulled change of entity `id`.
async fn last_pulled(client: &GqlClient, id: &str) -> anyhow::Result<Value> {
    let (mut after, mut last) = (None::<String>, Value::Null);
    loop {
        let body = client.run(PULL, json!({"a": after})).await?;
        anyhow::ensure!(body["errors"].is_null(), "changes failed: {body}");
        let page = &body["data"]["changes"];
        for entry in page["entries"].as_array().into_iter().flatten().filter(|e| e["entityId"] == id) {
            last = entry["data"].clone();
        }
        after = page["cursor"].as_str().map(str::to_owned);
        if page["hasMore"] != true {
            return Ok(last);
        }
    }
}

async fn event_count(server: &TestServer, id: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_id LIKE '%' || $1").bind(id).fetch_one(&server.db.pool).await?)
}

#[tokio::test]
async fn two_devices_moving_a_place_offline_leave_it_at_the_newer_location_whole() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let created = PLACE.create(&owner.client, json!({"name": "Office", "latitude": 1.5, "longitude": 2.5})).await?.ok()?;
    let id = created["id"].as_str().unwrap_or_default().to_owned();

    // Both moved it offline; the laptop later (by clock), but its push arrives first.
    let older = json!({"latitude": 52.52, "longitude": 13.405});
    let newer = json!({"latitude": 48.8566, "longitude": 2.3522});
    let (laptop, _) = push_place(&owner.client, "LAPTOP", 1, &id, newer.clone(), &hlc(20, "LAPTOP")).await?;
    let (phone, _) = push_place(&owner.client, "PHONE", 1, &id, older, &hlc(10, "PHONE")).await?;
    assert_eq!((laptop["status"].as_str(), laptop["lostFields"].clone()), (Some("APPLIED"), json!([])));
    assert_eq!((phone["status"].as_str(), phone["lostFields"].clone()), (Some("MERGED"), json!(["latitude", "longitude"])));

    let stored = place(&owner.client, &id).await?;
    assert_eq!((stored["latitude"].clone(), stored["longitude"].clone()), (newer["latitude"].clone(), newer["longitude"].clone()));
    assert_eq!(stored["version"], 2, "the losing push appended nothing");
    let pulled = last_pulled(&owner.client, &id).await?;
    assert_eq!((pulled["latitude"].clone(), pulled["longitude"].clone(), pulled["version"].clone()), (newer["latitude"].clone(), newer["longitude"].clone(), json!(2)));
    server.stop().await
}

#[tokio::test]
async fn a_push_naming_only_the_latitude_is_rejected_naming_the_longitude_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let created = PLACE.create(&owner.client, json!({"name": "Office", "latitude": 1.5, "longitude": 2.5})).await?.ok()?;
    let id = created["id"].as_str().unwrap_or_default().to_owned();
    let before = event_count(&server, &id).await?;

    let (result, committed) = push_place(&owner.client, "PHONE", 1, &id, json!({"latitude": 10.0, "name": "Moved"}), &hlc(10, "PHONE")).await?;
    assert_eq!((result["status"].as_str(), result["code"].as_str(), result["field"].as_str()), (Some("REJECTED"), Some("VALIDATION"), Some("longitude")));
    assert_eq!(result["message"], "longitude: fields of the group latitude+longitude must be written together", "{result}");
    assert_eq!(committed, false);
    assert_eq!(event_count(&server, &id).await?, before, "nothing written");
    let stored = place(&owner.client, &id).await?;
    assert_eq!((stored["name"].as_str(), stored["latitude"].clone(), stored["longitude"].clone()), (Some("Office"), json!(1.5), json!(2.5)));

    // Creating a place offline with half a location is refused the same way.
    let fresh = ulid::Ulid::new().to_string();
    let (result, _) = push_place(&owner.client, "PHONE", 1, &fresh, json!({"name": "New", "longitude": 3.0}), &hlc(11, "PHONE")).await?;
    assert_eq!((result["code"].as_str(), result["field"].as_str()), (Some("VALIDATION"), Some("latitude")));
    assert_eq!(event_count(&server, &fresh).await?, 0);
    server.stop().await
}
