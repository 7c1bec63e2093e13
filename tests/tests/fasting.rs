//! Fasting black box: at most one running fast per user and no two of a user's fasts
//! overlapping — under concurrency, after editing history and across two offline devices
//! (the later push is REJECTED with `CONFLICT` on `startedAt`, visible on that device) —;
//! bad ends are `VALIDATION`; `currentFast` shows elapsed time, goal progress and zone.

use std::sync::Arc;

use chrono::{Duration, Utc};
use lifeos_client::{Client, ManualClock};
use lifeos_tests::{Account, GqlClient, TestServer};
use serde_json::{json, Value};

const CREATE: &str = "mutation($i: CreateFastInput!) { createFast(input: $i) { id version startedAt endedAt } }";
const UPDATE: &str = "mutation($i: UpdateFastInput!) { updateFast(input: $i) { id version startedAt endedAt } }";

fn ago(hours: i64) -> String {
    (Utc::now() - Duration::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn fast(owner: &Account, started: &str, ended: Option<&str>) -> Value {
    json!({"userId": owner.user_id, "startedAt": started, "endedAt": ended, "protocol": "FAST16"})
}

fn code_and_field(response: &Value) -> (Option<&str>, Option<&str>) {
    (GqlClient::error_code(response), response["errors"][0]["extensions"]["field"].as_str())
}

async fn fasts(client: &GqlClient) -> anyhow::Result<Vec<Value>> {
    let page = client.data("{ fasts(first: 100) { nodes { id version startedAt endedAt } } }", json!({}), "fasts").await?;
    Ok(page["nodes"].as_array().cloned().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_concurrent_starts_give_one_running_fast_and_the_other_a_conflict() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let (phone, laptop) = (server.client_as(&owner), server.client_as(&owner));
    let (a, b) = tokio::join!(
        phone.run(CREATE, json!({"i": fast(&owner, &ago(1), None)})),
        laptop.run(CREATE, json!({"i": fast(&owner, &ago(2), None)}))
    );
    let (a, b) = (a?, b?);
    let outcomes = [code_and_field(&a), code_and_field(&b)];
    assert!(outcomes.contains(&(None, None)), "one start lands: {a} {b}");
    assert!(outcomes.contains(&(Some("CONFLICT"), Some("startedAt"))), "the other is a conflict: {a} {b}");
    assert_eq!(fasts(&owner.client).await?.len(), 1);
    server.stop().await
}

#[tokio::test]
async fn history_edits_that_overlap_are_refused_and_bad_ends_are_validation() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let first = c.data(CREATE, json!({"i": fast(&owner, &ago(72), Some(&ago(56)))}), "createFast").await?;
    let second = c.data(CREATE, json!({"i": fast(&owner, &ago(48), Some(&ago(30)))}), "createFast").await?;
    let overlapping = c.run(UPDATE, json!({"i": {"id": second["id"], "expectedVersion": 1, "startedAt": ago(60)}})).await?;
    assert_eq!(code_and_field(&overlapping), (Some("CONFLICT"), Some("startedAt")), "{overlapping}");
    let backwards = c.run(UPDATE, json!({"i": {"id": first["id"], "expectedVersion": 1, "endedAt": ago(80)}})).await?;
    assert_eq!(code_and_field(&backwards), (Some("VALIDATION"), Some("endedAt")), "{backwards}");
    let too_long = c.run(CREATE, json!({"i": fast(&owner, &ago(400), Some(&ago(100)))})).await?;
    assert_eq!(code_and_field(&too_long), (Some("VALIDATION"), Some("endedAt")), "{too_long}");
    assert!(fasts(c).await?.iter().all(|f| f["version"] == 1), "nothing was written");

    // Moving a fast within its own free time is fine; deleting one frees its span.
    c.data(UPDATE, json!({"i": {"id": second["id"], "expectedVersion": 1, "startedAt": ago(50)}}), "updateFast").await?;
    c.data("mutation($i: DeleteInput!) { deleteFast(input: $i) { id } }", json!({"i": {"id": first["id"], "expectedVersion": 1}}), "deleteFast").await?;
    c.data(CREATE, json!({"i": fast(&owner, &ago(70), Some(&ago(55)))}), "createFast").await?;

    let someone_else = json!({"userId": "01JZZZZZZZZZZZZZZZZZZZZZZZ", "startedAt": ago(1), "protocol": "OMAD"});
    assert_eq!(GqlClient::error_code(&c.run(CREATE, json!({"i": someone_else})).await?), Some("FORBIDDEN"));
    server.stop().await
}

#[tokio::test]
async fn the_current_fast_shows_elapsed_hours_progress_and_zone() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let none = c.data("{ currentFast { elapsedHours } }", json!({}), "currentFast").await?;
    assert!(none.is_null());
    c.data(CREATE, json!({"i": fast(&owner, &ago(18), None)}), "createFast").await?;
    let current = c.data("{ currentFast { fast { protocol } elapsedHours goalHours progress zone } }", json!({}), "currentFast").await?;
    let elapsed = current["elapsedHours"].as_f64().unwrap_or(0.0);
    assert!((17.9..18.5).contains(&elapsed), "{current}");
    assert_eq!((current["goalHours"].clone(), current["zone"].clone()), (json!("16"), json!("FAT_BURNING")));
    assert!(current["progress"].as_f64().is_some_and(|p| p > 1.1), "{current}");
    server.stop().await
}

fn device(server: &TestServer, account: &Account) -> anyhow::Result<Client> {
    Ok(Client::builder(server.url("/graphql"), account.token.clone())
        .workspace(account.personal_workspace.clone())
        .clock(Arc::new(ManualClock::new(Utc::now().timestamp_millis())))
        .in_memory()
        .open()?)
}

#[tokio::test]
async fn two_offline_devices_starting_a_fast_end_with_one_and_a_visible_rejection() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let (phone, watch) = (device(&server, &owner)?, device(&server, &owner)?);
    phone.upsert("Fast", &phone.new_id(), fast(&owner, &ago(3), None))?;
    watch.upsert("Fast", &watch.new_id(), fast(&owner, &ago(2), None))?;
    assert_eq!(phone.sync().await?.pushed, 1);
    let second = watch.sync().await?;
    assert_eq!((second.pushed, second.rejected), (0, 1));
    let rejected = watch.rejected()?;
    assert_eq!((rejected[0].code.as_str(), rejected[0].field.as_deref()), ("CONFLICT", Some("startedAt")));
    assert_eq!(fasts(&owner.client).await?.len(), 1);
    assert_eq!(watch.list("Fast", false)?.len(), 1, "the watch now shows the phone's fast only");
    server.stop().await
}
