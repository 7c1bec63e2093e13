//! `finance`: importing bank files, and the finance reads at scale. A 10,000-transaction OFX
//! file through `POST /import/ofx` (transactions/s, payee rules categorising every line), then
//! `accounts` (with balances) and `budgetPeriod` at concurrency 8 over 10k and over 100k
//! transactions (nine more files). Target: both queries p99 < 20 ms, independent of history
//! size, because they read projections (the 100k/10k p99 ratio is reported).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sqlx::postgres::PgPoolOptions;

use crate::commands::{row, sign_up, Client};
use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::Server;
use crate::list::reads;
use crate::stats::Samples;
use crate::Args;

const CATEGORIES: usize = 20;
const PROJECT_WITHIN: Duration = Duration::from_secs(900);

const ACCOUNTS: &str = "{ accounts(first: 20) { edges { node { id name balanceMinor clearedMinor } } } }";
const BUDGET: &str = "{ budgetPeriod(period: \"2026-06-15\", currencyCode: \"EUR\") { toBudgetMinor categories { categoryId availableMinor } } }";

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let client = sign_up(&server).await?;
    let account = create(&client, "Account", json!({"name": "Giro", "currencyCode": "EUR"})).await?;
    for k in 0..CATEGORIES {
        let category = create(&client, "Category", json!({"name": format!("Category {k}")})).await?;
        create(&client, "ImportRule", json!({"pattern": format!("Shop {k} "), "setCategoryId": category})).await?;
        for month in 1..=12 {
            create(&client, "BudgetAssignment", json!({"categoryId": category, "periodStart": format!("2026-{month:02}-01"),
                "currencyCode": "EUR", "amountMinor": 10_000})).await?;
        }
    }
    let per_file = args.size(10_000, 300);
    let files = if args.quick { 2 } else { 10 };
    let pool = PgPoolOptions::new().max_connections(1).connect(&db.url).await?;
    let requests = args.size(2_000, 80);
    let mut p99_first: Vec<f64> = Vec::new();
    for file in 0..files {
        let body = ofx(file, per_file);
        let started = Instant::now();
        let imported = import(&server.base, &client.token, &account, body).await?;
        let elapsed = started.elapsed();
        anyhow::ensure!(imported["added"].as_u64() == Some(per_file as u64), "import: {imported}");
        if file == 0 {
            let samples = Samples { latencies: vec![elapsed; per_file], elapsed };
            report.add(Row { p50_ms: None, p99_ms: None, ..row("lifeos: finance import", format!("OFX file of {per_file} transactions"), &samples, Vec::new()) }.unit("tx/s"));
        }
        let total = (file + 1) * per_file;
        if file == 0 || file + 1 == files {
            wait_projected(&pool, &account, total).await?;
            for (n, (label, document)) in [("accounts", ACCOUNTS), ("budgetPeriod", BUDGET)].into_iter().enumerate() {
                let samples = reads(&client, requests, document).await?;
                let mut ratios = Vec::new();
                if let Some(first) = p99_first.get(n) {
                    ratios.push((format!("p99 vs {per_file} transactions (target 1)"), samples.percentile_ms(0.99) / first));
                } else {
                    p99_first.push(samples.percentile_ms(0.99));
                }
                report.add(row("lifeos: finance reads", format!("{label}, {total} transactions, c=8"), &samples, ratios).unit("req/s"));
            }
        }
    }
    pool.close().await;
    drop(server);
    db.drop_now().await
}

async fn create(client: &Client, kind: &str, input: Value) -> anyhow::Result<String> {
    let body = client.run(&format!("mutation($i: Create{kind}Input!) {{ create{kind}(input: $i) {{ id }} }}"), json!({"i": input})).await?;
    body["data"][format!("create{kind}")]["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("create{kind}: {body}"))
}

/// An SGML OFX statement of `n` debits over 2024-2026, each at a shop a rule categorises.
fn ofx(file: usize, n: usize) -> String {
    let mut text = String::from("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>\n");
    for i in 0..n {
        let day = (file * n + i) % 1_000;
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + chrono::Days::new(day as u64);
        let cents = 100 + (i * 37) % 9_000;
        let _ = writeln!(text, "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>{}<TRNAMT>-{}.{:02}<FITID>F{file}-{i}<NAME>Shop {} Berlin</STMTTRN>",
            date.format("%Y%m%d"), cents / 100, cents % 100, i % CATEGORIES);
    }
    text.push_str("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n");
    text
}

async fn import(base: &str, token: &str, account: &str, body: String) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .post(format!("{base}/import/ofx?accountId={account}"))
        .bearer_auth(token)
        .header("content-type", "application/x-ofx")
        .body(body)
        .send()
        .await?;
    anyhow::ensure!(response.status().is_success(), "import: {}", response.status());
    Ok(response.json().await?)
}

/// Polls until the account's balance counts `total` postings.
async fn wait_projected(pool: &sqlx::PgPool, account: &str, total: usize) -> anyhow::Result<()> {
    let deadline = Instant::now() + PROJECT_WITHIN;
    let total = i64::try_from(total)?;
    loop {
        let done: Option<i64> = sqlx::query_scalar("SELECT postings FROM account_balances WHERE account_id = $1").bind(account).fetch_optional(pool).await?;
        if done.unwrap_or(0) >= total {
            return Ok(());
        }
        anyhow::ensure!(Instant::now() < deadline, "only {done:?} of {total} postings projected within {PROJECT_WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

trait Unit {
    fn unit(self, unit: &'static str) -> Self;
}

impl Unit for Row {
    fn unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }
}
