//! Scheduled transactions, black box: the server creates each occurrence of a monthly
//! schedule exactly once — with two `lifeosd` nodes ticking on one database at once, and again
//! after a restart. A bounded schedule (January to June 2025, so the expected count does not
//! depend on today) gives exactly six transactions. The test waits by polling the count (no
//! sleeps, no timing asserted).

use lifeos_events::correct::Corrections;
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};
use tokio::net::TcpListener;

async fn created(client: &GqlClient, kind: &str, input: Value) -> anyhow::Result<String> {
    let query = format!("mutation($i: Create{kind}Input!) {{ create{kind}(input: $i) {{ id }} }}");
    let body = client.run(&query, json!({"i": input})).await?;
    body["data"][format!("create{kind}")]["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("{body}"))
}

async fn occurrences(server: &TestServer, schedule: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM events WHERE aggregate_type = 'Transaction' AND event_type = 'TransactionCreated'
            AND payload->'Created'->'fields'->>'externalId' LIKE $1 || '/%'",
    )
    .bind(schedule)
    .fetch_one(&server.db.pool)
    .await?)
}

/// Polls until `schedule` has `n` occurrences (bounded).
async fn until(server: &TestServer, schedule: &str, n: i64) -> anyhow::Result<()> {
    for _ in 0..200_000 {
        if occurrences(server, schedule).await? >= n {
            return Ok(());
        }
        tokio::task::yield_now().await;
    }
    anyhow::bail!("the scheduler never created {n} occurrences of {schedule}")
}

fn schedule(name: &str, from: &str, to: &str, checking: &str, rent: &str) -> Value {
    json!({"name": name, "rrule": "FREQ=MONTHLY;BYMONTHDAY=1", "startsOn": from, "endsOn": to, "timeZone": "Europe/Berlin", "memo": name,
           "postings": [{"accountId": checking, "amountMinor": -90000, "currencyCode": "EUR"},
                        {"categoryId": rent, "amountMinor": 90000, "currencyCode": "EUR"}]})
}

#[tokio::test]
async fn each_occurrence_is_created_once_by_two_nodes_and_across_a_restart() -> anyhow::Result<()> {
    let mut server = TestServer::start_with(|c| c.schedule_interval_ms = 5).await?;
    let owner = server.owner().await?;
    // A second node on the same database, ticking as often.
    let second = lifeosd::server::RunningServer::start(&server.config, server.db.pool.clone(), TcpListener::bind("127.0.0.1:0").await?)?;
    let checking = created(&owner.client, "Account", json!({"name": "Checking", "currencyCode": "EUR"})).await?;
    let rent = created(&owner.client, "Category", json!({"name": "Rent"})).await?;
    let first = created(&owner.client, "ScheduledTransaction", schedule("Rent", "2025-01-01", "2025-06-30", &checking, &rent)).await?;
    until(&server, &first, 6).await?;
    // A second schedule: once its occurrences exist, both nodes have ticked over the first again.
    let later = created(&owner.client, "ScheduledTransaction", schedule("Parking", "2025-03-01", "2025-04-30", &checking, &rent)).await?;
    until(&server, &later, 2).await?;
    assert_eq!(occurrences(&server, &first).await?, 6, "each occurrence once with two nodes");
    second.shutdown().await?;

    server.restart_with(&Corrections::builtin()).await?;
    let client = server.client_as(&owner);
    let after = created(&client, "ScheduledTransaction", schedule("Gym", "2025-05-01", "2025-05-31", &checking, &rent)).await?;
    until(&server, &after, 1).await?;
    assert_eq!((occurrences(&server, &first).await?, occurrences(&server, &later).await?), (6, 2), "nothing twice after the restart");
    // The balance follows once the projection has caught up with the scheduler's writes.
    let mut balance = Value::Null;
    for _ in 0..200_000 {
        let body = client.run("{ accounts { edges { node { balanceMinor } } } }", json!({})).await?;
        balance = body["data"]["accounts"]["edges"][0]["node"]["balanceMinor"].clone();
        if balance == -90000 * 9 {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert_eq!(balance, -90000 * 9);
    server.stop().await
}
