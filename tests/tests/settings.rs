//! Settings, black box: one per (workspace, user), created on first save, typed fields
//! validated, and only ever written by their own user.

use lifeos_tests::{GqlClient, TestServer};
use serde_json::json;

const SETTINGS: &str = "id version userId timeZone dayStartHour baseCurrency budgetPeriod budgetPeriodAnchor";

#[tokio::test]
async fn settings_are_created_on_first_save_and_are_the_users_own() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let read = format!("{{ settings {{ {SETTINGS} }} }}");
    let none = c.run(&read, json!({})).await?;
    assert!(none["data"]["settings"].is_null(), "{none}");
    let save = format!("mutation($i: UpdateSettingsInput!) {{ updateSettings(input: $i) {{ {SETTINGS} }} }}");
    let first = c.run(&save, json!({"i": {"timeZone": "Europe/Berlin", "dayStartHour": 4}})).await?;
    assert!(first["errors"].is_null(), "{first}");
    let saved = &first["data"]["updateSettings"];
    assert_eq!(saved["userId"], owner.user_id.as_str());
    assert_eq!(saved["version"], 1);
    let id = lifeos_domain::ids::natural_id("Settings", &owner.personal_workspace, &[&owner.user_id]);
    assert_eq!(saved["id"], id.as_str());
    let second = c.run(&save, json!({"i": {"baseCurrency": "EUR", "budgetPeriod": "BIWEEKLY", "budgetPeriodAnchor": "2026-11-27", "expectedVersion": 1}})).await?;
    assert!(second["errors"].is_null(), "{second}");
    assert_eq!(second["data"]["updateSettings"]["timeZone"], "Europe/Berlin");
    let stale = c.run(&save, json!({"i": {"dayStartHour": 5, "expectedVersion": 1}})).await?;
    assert_eq!(GqlClient::error_code(&stale), Some("CONFLICT"));
    let bad = c.run(&save, json!({"i": {"timeZone": "Mars/Olympus"}})).await?;
    assert!(bad["errors"].is_array(), "{bad}");
    let bad_hour = c.run(&save, json!({"i": {"dayStartHour": 30}})).await?;
    assert_eq!(GqlClient::error_code(&bad_hour), Some("VALIDATION"));
    assert_eq!(bad_hour["errors"][0]["extensions"]["field"], "dayStartHour");
    let read_back = c.run(&read, json!({})).await?;
    assert_eq!(read_back["data"]["settings"]["baseCurrency"], "EUR");

    // Another device pushing the owner's settings under another user is refused.
    let other = server.invite(&owner, "b@example.com", "B").await?;
    let push = "mutation($i: PushInput!) { pushChanges(input: $i) { committed results { status code } } }";
    let own_id = lifeos_domain::ids::natural_id("Settings", &other.personal_workspace, &[&owner.user_id]);
    let mutation = json!({"seq": 1, "entityType": "Settings", "entityId": own_id, "op": "UPSERT",
        "fields": {"userId": owner.user_id, "dayStartHour": 3},
        "hlc": format!("{:015}-000000-dev", chrono::Utc::now().timestamp_millis()), "clientUpdatedAt": chrono::Utc::now().to_rfc3339()});
    let refused = other.client.run(push, json!({"i": {"clientId": "bdev", "mutations": [mutation]}})).await?;
    assert_eq!(refused["data"]["pushChanges"]["results"][0]["code"], "FORBIDDEN", "{refused}");
    server.stop().await
}
