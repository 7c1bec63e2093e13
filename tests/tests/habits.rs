//! Habits black box, over GraphQL and through the offline client: a check-in per (habit,
//! local day) at its natural id; what does not fit its habit — a value on a YES_NO habit, YES
//! on a measurable one, a future day — is `VALIDATION` naming the field with nothing written;
//! schedules are checked; two devices checking in the same day offline converge on one entry.

use std::sync::Arc;

use lifeos_client::{Client, ManualClock};
use lifeos_domain::ids::natural_id;
use lifeos_tests::{Account, GqlClient, TestServer};
use serde_json::{json, Value};

const CHECK_IN: &str = "id version habitId date state value note";

async fn habit(client: &GqlClient, input: Value) -> anyhow::Result<String> {
    let created = client.data("mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }", json!({"i": input}), "createHabit").await?;
    Ok(created["id"].as_str().unwrap_or_default().to_owned())
}

async fn check_in(client: &GqlClient, input: Value) -> anyhow::Result<Value> {
    let document = format!("mutation($i: CreateCheckInInput!) {{ createCheckIn(input: $i) {{ {CHECK_IN} }} }}");
    client.run(&document, json!({"i": input})).await
}

async fn check_ins(client: &GqlClient, habit_id: &str) -> anyhow::Result<Vec<Value>> {
    let document = format!("query($h: ID) {{ checkIns(filter: {{habitId: $h}}, first: 100) {{ nodes {{ {CHECK_IN} }} }} }}");
    let page = client.data(&document, json!({"h": habit_id}), "checkIns").await?;
    Ok(page["nodes"].as_array().cloned().unwrap_or_default())
}

fn refused_on(response: &Value, field: &str) -> bool {
    GqlClient::error_code(response) == Some("VALIDATION") && response["errors"][0]["extensions"]["field"] == field
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

#[tokio::test]
async fn a_check_in_lives_at_the_natural_id_of_its_habit_and_day_and_is_edited_there() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let meditate = habit(c, json!({"name": "Meditate", "kind": "YES_NO"})).await?;
    let first = check_in(c, json!({"habitId": meditate, "date": today(), "state": "YES"})).await?;
    assert!(first["errors"].is_null(), "{first}");
    let id = natural_id("CheckIn", &owner.personal_workspace, &[&meditate, &today()]);
    assert_eq!(first["data"]["createCheckIn"]["id"], id.as_str());
    let same = check_in(c, json!({"habitId": meditate, "date": today(), "state": "YES"})).await?;
    assert_eq!(same["data"]["createCheckIn"]["version"], 1, "the same create again is the same entry: {same}");
    let other = check_in(c, json!({"habitId": meditate, "date": today(), "state": "NO"})).await?;
    assert_eq!(GqlClient::error_code(&other), Some("CONFLICT"), "another create of that day is a conflict, not a second entry: {other}");
    let document = format!("mutation($i: UpdateCheckInInput!) {{ updateCheckIn(input: $i) {{ {CHECK_IN} }} }}");
    let edit = json!({"id": id, "expectedVersion": 1, "state": "SKIP", "note": "ill"});
    c.data(&document, json!({"i": edit}), "updateCheckIn").await?;
    let entries = check_ins(c, &meditate).await?;
    assert_eq!(entries.len(), 1, "one entry per habit and day: {entries:?}");
    assert_eq!((entries[0]["state"].clone(), entries[0]["note"].clone()), (json!("SKIP"), json!("ill")));
    server.stop().await
}

#[tokio::test]
async fn what_does_not_fit_the_habit_is_refused_naming_the_field_and_writes_nothing() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let meditate = habit(c, json!({"name": "Meditate", "kind": "YES_NO"})).await?;
    let read = habit(c, json!({"name": "Read", "kind": "MEASURABLE", "unit": "pages", "target": "20"})).await?;
    let value_on_yes_no = check_in(c, json!({"habitId": meditate, "date": today(), "state": "VALUE", "value": "3"})).await?;
    assert!(refused_on(&value_on_yes_no, "value"), "{value_on_yes_no}");
    let yes_on_measurable = check_in(c, json!({"habitId": read, "date": today(), "state": "YES"})).await?;
    assert!(refused_on(&yes_on_measurable, "state"), "{yes_on_measurable}");
    let future = (chrono::Utc::now() + chrono::Duration::days(3)).date_naive().to_string();
    let tomorrow_and_more = check_in(c, json!({"habitId": meditate, "date": future, "state": "YES"})).await?;
    assert!(refused_on(&tomorrow_and_more, "date"), "{tomorrow_and_more}");
    let no_value = check_in(c, json!({"habitId": read, "date": today(), "state": "VALUE"})).await?;
    assert!(refused_on(&no_value, "value"), "{no_value}");
    let unknown_habit = check_in(c, json!({"habitId": "01JZZZZZZZZZZZZZZZZZZZZZZZ", "date": today()})).await?;
    assert!(refused_on(&unknown_habit, "habitId"), "{unknown_habit}");
    assert!(check_ins(c, &meditate).await?.is_empty() && check_ins(c, &read).await?.is_empty(), "nothing was written");

    let pages = check_in(c, json!({"habitId": read, "date": today(), "state": "VALUE", "value": "12.5"})).await?;
    assert_eq!(pages["data"]["createCheckIn"]["value"], "12.5", "{pages}");

    let too_often = c.run("mutation { createHabit(input: {name: \"Gym\", kind: YES_NO, schedule: TIMES_PER_PERIOD, freqNum: 8, freqDen: 7}) { id } }", json!({})).await?;
    assert!(refused_on(&too_often, "freqNum"), "{too_often}");
    let backwards = c.run("mutation { createPause(input: {startsOn: \"2026-07-10\", endsOn: \"2026-07-01\"}) { id } }", json!({})).await?;
    assert!(refused_on(&backwards, "endsOn"), "{backwards}");
    server.stop().await
}

fn device(server: &TestServer, account: &Account, clock: &ManualClock) -> anyhow::Result<Client> {
    Ok(Client::builder(server.url("/graphql"), account.token.clone())
        .workspace(account.personal_workspace.clone())
        .clock(Arc::new(clock.clone()))
        .in_memory()
        .open()?)
}

#[tokio::test]
async fn two_devices_checking_in_one_day_offline_converge_on_one_entry_in_either_order() -> anyhow::Result<()> {
    for phone_first in [true, false] {
        let (server, owner) = TestServer::with_owner().await?;
        let run = habit(&owner.client, json!({"name": "Run", "kind": "MEASURABLE", "unit": "km", "target": "5"})).await?;
        let now = chrono::Utc::now().timestamp_millis();
        let (phone_clock, watch_clock) = (ManualClock::new(now), ManualClock::new(now + 1_000));
        let (phone, watch) = (device(&server, &owner, &phone_clock)?, device(&server, &owner, &watch_clock)?);
        let id = natural_id("CheckIn", &owner.personal_workspace, &[&run, &today()]);
        phone.upsert("CheckIn", &id, json!({"habitId": run, "date": today(), "state": "VALUE", "value": "4.2"}))?;
        watch.upsert("CheckIn", &id, json!({"habitId": run, "date": today(), "state": "VALUE", "value": "5.1"}))?;
        let (first, second) = if phone_first { (&phone, &watch) } else { (&watch, &phone) };
        for device in [first, second, first] {
            let report = device.sync().await?;
            assert_eq!(report.rejected, 0, "{:?}", device.rejected()?);
        }
        let on_server = check_ins(&owner.client, &run).await?;
        assert_eq!(on_server.len(), 1, "{on_server:?}");
        assert_eq!(on_server[0]["value"], "5.1", "the later write (the watch's clock) wins, whoever syncs first");
        for device in [&phone, &watch] {
            let row = device.get("CheckIn", &id)?.ok_or_else(|| anyhow::anyhow!("not mirrored"))?;
            assert_eq!((row.fields["value"].clone(), row.version), (json!("5.1"), on_server[0]["version"].as_i64().unwrap_or(-1)));
        }
        server.stop().await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_push_with_a_value_on_a_yes_no_habit_is_rejected_naming_the_field() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let meditate = habit(&owner.client, json!({"name": "Meditate", "kind": "YES_NO"})).await?;
    let clock = ManualClock::new(chrono::Utc::now().timestamp_millis());
    let phone = device(&server, &owner, &clock)?;
    let id = natural_id("CheckIn", &owner.personal_workspace, &[&meditate, &today()]);
    phone.upsert("CheckIn", &id, json!({"habitId": meditate, "date": today(), "state": "VALUE", "value": "1"}))?;
    let report = phone.sync().await?;
    assert_eq!(report.rejected, 1);
    let rejected = phone.rejected()?;
    assert_eq!((rejected[0].code.as_str(), rejected[0].field.as_deref()), ("VALIDATION", Some("value")));
    assert!(check_ins(&owner.client, &meditate).await?.is_empty());
    server.stop().await
}
