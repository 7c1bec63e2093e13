//! Finance, black box over GraphQL: balanced splits, transfers, two-currency exchanges and
//! payslips commit; every bad shape is `VALIDATION` on `postings` with nothing in `events`;
//! balances, budget periods (rollover over three periods, overspending with and without
//! carryover, a backdated transaction, a pay-period budget) and net worth equal hand-computed
//! figures; closing an account needs a zero balance and a closed account takes no postings
//! (online and by an offline push); a verified rebuild of the `finance` projection finds no
//! difference.

use lifeos_projections::finance::FinanceProjection;
use lifeos_replay::rebuild::{rebuild, RebuildOptions};
use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

async fn create(client: &GqlClient, kind: &str, input: Value) -> anyhow::Result<Value> {
    let query = format!("mutation($i: Create{kind}Input!) {{ create{kind}(input: $i) {{ id version }} }}");
    let body = client.run(&query, json!({"i": input})).await?;
    let made = body["data"][format!("create{kind}")].clone();
    anyhow::ensure!(made.is_object(), "create{kind} failed: {body}");
    Ok(made)
}

async fn id(client: &GqlClient, kind: &str, input: Value) -> anyhow::Result<String> {
    Ok(create(client, kind, input).await?["id"].as_str().unwrap_or_default().to_owned())
}

fn posting(target: (&str, &str), amount: i64, currency: &str) -> Value {
    json!({ target.0: target.1, "amountMinor": amount, "currencyCode": currency })
}

async fn transaction(client: &GqlClient, date: &str, postings: Vec<Value>) -> anyhow::Result<Value> {
    client.run("mutation($i: CreateTransactionInput!) { createTransaction(input: $i) { id version postings { amountMinor } } }",
        json!({"i": {"date": date, "postings": postings}})).await
}

async fn balances(client: &GqlClient) -> anyhow::Result<Vec<(String, i64, i64)>> {
    let body = client.run("{ accounts(first: 50) { edges { node { name balanceMinor clearedMinor } } } }", json!({})).await?;
    let edges = body["data"]["accounts"]["edges"].as_array().cloned().unwrap_or_default();
    Ok(edges.iter().map(|e| {
        let n = &e["node"];
        (n["name"].as_str().unwrap_or_default().to_owned(), n["balanceMinor"].as_i64().unwrap_or(i64::MIN), n["clearedMinor"].as_i64().unwrap_or(i64::MIN))
    }).collect())
}

async fn events(server: &TestServer) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events").fetch_one(&server.db.pool).await?)
}

struct Book {
    checking: String,
    savings: String,
    yen: String,
    groceries: String,
    rent: String,
    salary: String,
    taxes: String,
}

async fn book(client: &GqlClient) -> anyhow::Result<Book> {
    let account = |name: &str, currency: &str| json!({"name": name, "currencyCode": currency});
    Ok(Book {
        checking: id(client, "Account", account("Checking", "EUR")).await?,
        savings: id(client, "Account", account("Savings", "EUR")).await?,
        yen: id(client, "Account", account("Yen", "JPY")).await?,
        groceries: id(client, "Category", json!({"name": "Groceries"})).await?,
        rent: id(client, "Category", json!({"name": "Rent", "carryover": true})).await?,
        salary: id(client, "Category", json!({"name": "Salary", "isIncome": true})).await?,
        taxes: id(client, "Category", json!({"name": "Taxes"})).await?,
    })
}

#[tokio::test]
async fn balanced_shapes_commit_bad_ones_name_postings_and_write_nothing() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    // A split, a transfer, a two-currency exchange (100.00 EUR for 16,000 JPY), a payslip.
    let good = [
        vec![posting((acc, &b.checking), -5000, "EUR"), posting((cat, &b.groceries), 3000, "EUR"), posting((cat, &b.rent), 2000, "EUR")],
        vec![posting((acc, &b.checking), -10000, "EUR"), posting((acc, &b.savings), 10000, "EUR")],
        vec![posting((acc, &b.checking), -10000, "EUR"), posting((acc, &b.yen), 16000, "JPY")],
        vec![posting((cat, &b.salary), -500000, "EUR"), posting((cat, &b.taxes), 150000, "EUR"),
             posting((acc, &b.checking), 300000, "EUR"), posting((acc, &b.savings), 50000, "EUR")],
    ];
    for postings in good {
        let body = transaction(c, "2026-03-05", postings).await?;
        assert!(body["errors"].is_null(), "{body}");
    }
    assert_eq!(balances(c).await?.into_iter().map(|(n, b, _)| (n, b)).collect::<Vec<_>>(),
               [("Checking".into(), 275000), ("Savings".into(), 60000), ("Yen".into(), 16000)]);

    exported_journal_has_the_same_balances(&server, &owner).await?;

    let before = events(&server).await?;
    let bad = [
        vec![],
        vec![posting((acc, &b.checking), 0, "EUR")],
        vec![posting((acc, &b.checking), -100, "EUR"), posting((cat, &b.groceries), 99, "EUR")],
        vec![posting((acc, &b.checking), -100, "USD"), posting((cat, &b.groceries), 100, "USD")],
        vec![posting((acc, &b.checking), i64::MAX, "EUR"), posting((acc, &b.checking), 1, "EUR"), posting((cat, &b.groceries), i64::MIN, "EUR")],
        vec![posting((acc, "01J0000000000000000000NONE"), -1, "EUR"), posting((cat, &b.groceries), 1, "EUR")],
        vec![json!({"accountId": b.checking, "amountMinor": -1, "currencyCode": "ZZZ"}), posting((cat, &b.groceries), 1, "EUR")],
    ];
    for postings in bad {
        let body = transaction(c, "2026-03-05", postings.clone()).await?;
        let field = body["errors"][0]["extensions"]["field"].as_str();
        let code = body["errors"][0]["extensions"]["code"].as_str();
        assert!(matches!((code, field), (Some("VALIDATION"), Some("postings"))) || code == Some("BAD_USER_INPUT") || code == Some("GRAPHQL_VALIDATION_FAILED"),
                "{postings:?}: {body}");
    }
    assert_eq!(events(&server).await?, before, "refused writes store nothing");
    Ok(())
}

#[tokio::test]
async fn closing_needs_a_zero_balance_and_a_closed_account_takes_no_postings() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    let spent = transaction(c, "2026-03-01", vec![posting((acc, &b.checking), -700, "EUR"), posting((cat, &b.groceries), 700, "EUR")]).await?;
    let spent_id = spent["data"]["createTransaction"]["id"].as_str().unwrap_or_default().to_owned();
    let close = "mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { version closedOn } }";
    let refused = c.run(close, json!({"i": {"id": b.checking, "expectedVersion": 1, "closedOn": "2026-03-31"}})).await?;
    assert_eq!(refused["errors"][0]["extensions"]["field"], "closedOn", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["code"], "VALIDATION", "{refused}");
    // Bring it to zero, then close.
    transaction(c, "2026-03-02", vec![posting((acc, &b.savings), -700, "EUR"), posting((acc, &b.checking), 700, "EUR")]).await?;
    let closed = c.run(close, json!({"i": {"id": b.checking, "expectedVersion": 1, "closedOn": "2026-03-31"}})).await?;
    assert!(closed["errors"].is_null(), "{closed}");
    let late = transaction(c, "2026-03-03", vec![posting((acc, &b.checking), -1, "EUR"), posting((cat, &b.groceries), 1, "EUR")]).await?;
    assert_eq!((late["errors"][0]["extensions"]["code"].as_str(), late["errors"][0]["extensions"]["field"].as_str()), (Some("CONFLICT"), Some("postings")), "{late}");
    // An offline device's push arriving after the close: rejected the same way.
    let push = "mutation($i: PushInput!) { pushChanges(input: $i) { committed results { status code field } } }";
    let client_id = ulid::Ulid::new().to_string();
    let mutation = json!({"seq": 1, "entityType": "Transaction", "entityId": ulid::Ulid::new().to_string(), "op": "UPSERT",
        "fields": {"date": "2026-03-04", "postings": [posting((acc, &b.checking), -2, "EUR"), posting((cat, &b.groceries), 2, "EUR")]},
        "hlc": format!("{:015}-{:06}-{}", 1_767_225_600_000_i64, 1, client_id), "clientUpdatedAt": "2026-03-04T10:00:00Z"});
    let pushed = c.run(push, json!({"i": {"clientId": client_id, "mutations": [mutation]}})).await?;
    assert_eq!(pushed["data"]["pushChanges"]["results"][0]["status"], "REJECTED", "{pushed}");
    assert_eq!(pushed["data"]["pushChanges"]["results"][0]["code"], "CONFLICT", "{pushed}");
    // An edit that leaves the closed account's amounts alone passes (a memo).
    let memo = c.run("mutation($i: UpdateTransactionInput!) { updateTransaction(input: $i) { memo } }",
        json!({"i": {"id": spent_id, "expectedVersion": 1, "memo": "weekly shop"}})).await?;
    assert!(memo["errors"].is_null(), "{memo}");
    Ok(())
}

const PERIOD: &str = "query($p: Date!) { budgetPeriod(period: $p, currencyCode: \"EUR\") { start end incomeMinor budgetedMinor toBudgetMinor overspentMinor
    categories { categoryId budgetedMinor activityMinor carriedInMinor availableMinor } } }";

async fn period(c: &GqlClient, day: &str) -> anyhow::Result<Value> {
    let body = c.run(PERIOD, json!({"p": day})).await?;
    anyhow::ensure!(body["errors"].is_null(), "{body}");
    Ok(body["data"]["budgetPeriod"].clone())
}

fn available(p: &Value, category: &str) -> (i64, i64) {
    let found = p["categories"].as_array().and_then(|cs| cs.iter().find(|c| c["categoryId"] == category).cloned()).unwrap_or_default();
    (found["carriedInMinor"].as_i64().unwrap_or(0), found["availableMinor"].as_i64().unwrap_or(0))
}

#[tokio::test]
async fn budget_periods_roll_over_and_overspending_follows_carryover_also_when_backdated() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    let assign = |category: &str, month: &str, amount: i64| {
        json!({"categoryId": category, "periodStart": format!("2026-{month}-01"), "currencyCode": "EUR", "amountMinor": amount})
    };
    // January: 3,000.00 income; 400.00 to groceries, 1,000.00 to rent (carryover on).
    transaction(c, "2026-01-01", vec![posting((cat, &b.salary), -300000, "EUR"), posting((acc, &b.checking), 300000, "EUR")]).await?;
    for (category, amount) in [(&b.groceries, 40000), (&b.rent, 100000)] {
        create(c, "BudgetAssignment", assign(category, "01", amount)).await?;
    }
    let spend = |category: &str, amount: i64| vec![posting((acc, &b.checking), -amount, "EUR"), posting((cat, category), amount, "EUR")];
    transaction(c, "2026-01-10", spend(&b.groceries, 30000)).await?; // 100.00 left
    transaction(c, "2026-01-15", spend(&b.rent, 120000)).await?; // rent 200.00 over, carryover on
    // February: nothing budgeted; groceries overspent by 150.00 (carryover off).
    transaction(c, "2026-02-10", spend(&b.groceries, 25000)).await?;
    // March: 100.00 budgeted to groceries.
    create(c, "BudgetAssignment", assign(&b.groceries, "03", 10000)).await?;
    transaction(c, "2026-03-05", spend(&b.groceries, 2000)).await?;

    let jan = period(c, "2026-01-20").await?;
    assert_eq!((jan["start"].as_str(), jan["end"].as_str()), (Some("2026-01-01"), Some("2026-01-31")));
    assert_eq!(available(&jan, &b.groceries), (0, 10000));
    assert_eq!(available(&jan, &b.rent), (0, -20000));
    assert_eq!(jan["toBudgetMinor"], 300000 - 140000, "{jan}");
    let feb = period(c, "2026-02-01").await?;
    assert_eq!(available(&feb, &b.groceries), (10000, -15000));
    assert_eq!(available(&feb, &b.rent), (-20000, -20000), "carryover on: the negative carries");
    assert_eq!((feb["overspentMinor"].as_i64(), feb["toBudgetMinor"].as_i64()), (Some(15000), Some(160000)));
    let mar = period(c, "2026-03-31").await?;
    assert_eq!(available(&mar, &b.groceries), (0, 8000), "carryover off: starts at zero");
    assert_eq!(mar["toBudgetMinor"], 160000 - 15000 - 10000, "February's overspending comes out of March: {mar}");

    // Backdated: 50.00 more groceries in January changes every later period.
    transaction(c, "2026-01-20", spend(&b.groceries, 5000)).await?;
    let jan = period(c, "2026-01-01").await?;
    assert_eq!(available(&jan, &b.groceries), (0, 5000));
    let feb = period(c, "2026-02-01").await?;
    assert_eq!(available(&feb, &b.groceries), (5000, -20000));
    let mar = period(c, "2026-03-01").await?;
    assert_eq!(mar["toBudgetMinor"], 160000 - 20000 - 10000, "{mar}");
    // A later, empty period is folded on from the last one.
    let may = period(c, "2026-05-15").await?;
    assert_eq!(available(&may, &b.groceries), (8000, 8000));

    // A verified rebuild of the projection finds no difference.
    let options = RebuildOptions { verify: true, ..RebuildOptions::default() };
    let report = rebuild(&server.db.pool, &FinanceProjection, options, |_| {}).await?;
    let checks = report.checks.ok_or_else(|| anyhow::anyhow!("verify gave no report"))?;
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
    assert!(checks.iter().any(|c| c.table == "budget_periods" && c.rebuilt_rows > 0), "{checks:?}");
    Ok(())
}

#[tokio::test]
async fn pay_periods_net_worth_and_balance_assertions() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    // Monthly from the 25th (payday).
    create(c, "Budget", json!({"currencyCode": "EUR", "period": "MONTHLY", "periodAnchor": "2026-01-25"})).await?;
    // The budget projected on its own first (a batch with no budget data in it).
    let empty = period(c, "2026-02-10").await?;
    assert_eq!(empty["start"], "2026-01-25", "{empty}");
    transaction(c, "2026-01-25", vec![posting((cat, &b.salary), -200000, "EUR"), posting((acc, &b.checking), 200000, "EUR")]).await?;
    transaction(c, "2026-02-10", vec![posting((acc, &b.checking), -5000, "EUR"), posting((cat, &b.groceries), 5000, "EUR")]).await?;
    let p = period(c, "2026-02-10").await?;
    assert_eq!((p["start"].as_str(), p["end"].as_str(), p["incomeMinor"].as_i64()), (Some("2026-01-25"), Some("2026-02-24"), Some(200000)), "{p}");

    // Net worth in EUR with a JPY account: 1 EUR = 160 JPY from 2026-02-01.
    transaction(c, "2026-02-01", vec![posting((acc, &b.checking), -10000, "EUR"), posting((acc, &b.yen), 16000, "JPY")]).await?;
    create(c, "Price", json!({"date": "2026-02-01", "baseCurrency": "EUR", "quoteCurrency": "JPY", "rate": "160"})).await?;
    let body = c.run("{ netWorth(from: \"2026-01-31\", to: \"2026-02-10\", currencyCode: \"EUR\") { date amountMinor missingRates } }", json!({})).await?;
    let days = body["data"]["netWorth"].as_array().cloned().unwrap_or_default();
    assert_eq!(days.len(), 11, "{body}");
    assert_eq!(days[0]["amountMinor"], 200000);
    assert_eq!(days[1]["amountMinor"], 190000 + 10000, "the yen at 160 per euro: {body}");
    assert_eq!(days[10]["amountMinor"], 195000);

    // "Checking had 2,000.00 at the start of 2026-02-10" holds; 1,000.00 does not.
    for (amount, fails) in [(190000, false), (100000, true)] {
        create(c, "BalanceAssertion", json!({"accountId": b.checking, "date": "2026-02-10", "amountMinor": amount})).await?;
        let body = c.run("{ balanceAssertionFailures { actualMinor differenceMinor assertion { amountMinor } } }", json!({})).await?;
        let failures = body["data"]["balanceAssertionFailures"].as_array().cloned().unwrap_or_default();
        assert_eq!(failures.len(), usize::from(fails), "{body}");
    }
    let by_account = c.run("query($a: ID!) { transactions(accountId: $a, from: \"2026-02-01\", to: \"2026-02-28\") { edges { node { date } } } }",
        json!({"a": b.yen})).await?;
    assert_eq!(by_account["data"]["transactions"]["edges"].as_array().map(Vec::len), Some(1), "{by_account}");
    Ok(())
}

/// `GET /export/journal` passes `hledger check` and has the balances `accounts` shows (skipped
/// with a note where hledger is not installed; `.ci/run` installs it).
async fn exported_journal_has_the_same_balances(server: &TestServer, owner: &lifeos_tests::Account) -> anyhow::Result<()> {
    let response = reqwest::Client::new().get(server.url("/export/journal")).bearer_auth(&owner.token).send().await?;
    anyhow::ensure!(response.status().is_success(), "export failed: {}", response.status());
    let text = response.text().await?;
    if std::process::Command::new("hledger").arg("--version").output().is_err() {
        eprintln!("hledger is not installed: the exported journal is not checked by it");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("lifeos.journal");
    std::fs::write(&path, &text)?;
    let check = std::process::Command::new("hledger").arg("-f").arg(&path).arg("check").output()?;
    anyhow::ensure!(check.status.success(), "hledger check: {}\n{text}", String::from_utf8_lossy(&check.stderr));
    let bal = std::process::Command::new("hledger").arg("-f").arg(&path).args(["bal", "--flat", "-N", "-O", "csv", "assets", "liabilities"]).output()?;
    let csv = String::from_utf8_lossy(&bal.stdout).into_owned();
    for (name, balance, _) in balances(&owner.client).await? {
        let line = csv.lines().find(|l| l.split(',').next().is_some_and(|a| a.trim_matches('"').ends_with(&format!(":{name}"))));
        let digits: String = line.and_then(|l| l.split(',').nth(1)).unwrap_or_default().chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
        assert_eq!(digits.parse::<i64>().ok(), Some(balance), "{name}: {csv}");
    }
    Ok(())
}

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) { committed results { status lostFields code field } } }";

fn device_upsert(client_id: &str, millis: i64, id: &str, fields: Value) -> Value {
    json!({"clientId": client_id, "mutations": [{"seq": 1, "entityType": "Transaction", "entityId": id, "op": "UPSERT", "fields": fields,
        "hlc": format!("{millis:015}-{:06}-{client_id}", 0), "clientUpdatedAt": "2026-03-10T10:00:00Z"}]})
}

#[tokio::test]
async fn two_offline_devices_converge_on_the_newer_postings_whole_and_merge_the_memo() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    let made = transaction(c, "2026-03-10", vec![posting((acc, &b.checking), -1000, "EUR"), posting((cat, &b.groceries), 1000, "EUR")]).await?;
    let id = made["data"]["createTransaction"]["id"].as_str().unwrap_or_default().to_owned();
    let (phone, laptop) = (ulid::Ulid::new().to_string(), ulid::Ulid::new().to_string());
    let now = chrono::Utc::now().timestamp_millis();
    // The phone's edit is newer: a split. The laptop's older edit moves the money to rent and sets the memo.
    let split = json!([posting((acc, &b.checking), -1500, "EUR"), posting((cat, &b.groceries), 1000, "EUR"), posting((cat, &b.rent), 500, "EUR")]);
    let moved = json!([posting((acc, &b.savings), -1000, "EUR"), posting((cat, &b.rent), 1000, "EUR")]);
    let first = c.run(PUSH, json!({"i": device_upsert(&phone, now + 2_000, &id, json!({"postings": split}))})).await?;
    assert_eq!(first["data"]["pushChanges"]["committed"], true, "{first}");
    let second = c.run(PUSH, json!({"i": device_upsert(&laptop, now + 1_000, &id, json!({"postings": moved, "memo": "market"}))})).await?;
    assert_eq!(second["data"]["pushChanges"]["committed"], true, "{second}");
    assert_eq!(second["data"]["pushChanges"]["results"][0]["lostFields"], json!(["postings"]), "{second}");
    let body = c.run("query($id: ID!) { transaction(id: $id) { memo postings { amountMinor } } }", json!({"id": id})).await?;
    let t = &body["data"]["transaction"];
    assert_eq!(t["memo"], "market", "the memo merges: {body}");
    let amounts: Vec<i64> = t["postings"].as_array().into_iter().flatten().filter_map(|p| p["amountMinor"].as_i64()).collect();
    assert_eq!(amounts, [-1500, 1000, 500], "the newer postings, whole: {body}");
    assert_eq!(amounts.iter().sum::<i64>(), 0);
    let names: Vec<(String, i64)> = balances(c).await?.into_iter().map(|(n, b, _)| (n, b)).filter(|(n, _)| n != "Yen").collect();
    assert_eq!(names, [("Checking".to_owned(), -1500), ("Savings".to_owned(), 0)]);
    Ok(())
}

#[tokio::test]
async fn a_close_racing_a_posting_lets_exactly_one_through() -> anyhow::Result<()> {
    // Each command commits on its own, so the two race as two transactions.
    let server = TestServer::start_with(|c| {
        c.group_commit_max = 1;
        c.read_your_writes_timeout_ms = 30_000;
    })
    .await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let other = server.client_as(&owner);
    let b = book(c).await?;
    let (acc, cat) = ("accountId", "categoryId");
    // Both decide on the same ledger state, then wait on their INSERT until both have decided.
    let mut lock = server.db.pool.begin().await?;
    sqlx::query("LOCK TABLE events IN SHARE MODE").execute(&mut *lock).await?;
    let release = async {
        let mut polls = 0;
        while server.db.waiting_writers().await? < 2 {
            polls += 1;
            anyhow::ensure!(polls < 100_000, "the two writers never reached their INSERT");
            tokio::task::yield_now().await;
        }
        lock.commit().await?;
        anyhow::Ok(())
    };
    let close = c.run("mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { closedOn } }",
        json!({"i": {"id": b.checking, "expectedVersion": 1, "closedOn": "2026-03-31"}}));
    let post = transaction(&other, "2026-03-20", vec![posting((acc, &b.checking), 100, "EUR"), posting((cat, &b.salary), -100, "EUR")]);
    let (closed, posted, released) = tokio::join!(close, post, release);
    released?;
    let (closed, posted) = (closed?, posted?);
    let ok = [&closed, &posted].iter().filter(|r| r["errors"].is_null()).count();
    assert_eq!(ok, 1, "exactly one wins: {closed} / {posted}");
    if closed["errors"].is_null() {
        assert_eq!(posted["errors"][0]["extensions"]["code"], "CONFLICT", "a posting to a closed account: {posted}");
    } else {
        assert_eq!(closed["errors"][0]["extensions"]["field"], "closedOn", "closing with a balance: {closed}");
    }
    Ok(())
}
