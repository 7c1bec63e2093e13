//! Bank-file import over HTTP (`POST /import/{format}?accountId=…`), black box: an OFX file
//! imported twice and an overlapping CSV add nothing twice (also two imports of one file at
//! once); a file that is not the format is refused whole and writes nothing; a bad line is
//! rejected alone with its line; import rules set the category; balances follow.

use lifeos_tests::{Account, TestServer};
use serde_json::{json, Value};

const OFX: &str = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR
<BANKACCTFROM><ACCTID>123</BANKACCTFROM><BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-12.50<FITID>A1<NAME>REWE Markt Berlin<MEMO>card</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260301120000[+1:CET]<TRNAMT>2500.00<FITID>A2<NAME>ACME Payroll</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260305<TRNAMT>-3.20<FITID>A3<NAME>Bakery</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261345<TRNAMT>-1.00<FITID>A4<NAME>Bad date</STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";

async fn import(server: &TestServer, owner: &Account, format: &str, account: &str, body: &str, mapping: Option<Value>) -> anyhow::Result<(u16, Value)> {
    let mut url = format!("{}?accountId={account}", server.url(&format!("/import/{format}")));
    if let Some(mapping) = mapping {
        url.push_str(&format!("&mapping={}", urlencode(&mapping.to_string())));
    }
    let response = reqwest::Client::new()
        .post(url)
        .bearer_auth(&owner.token)
        .header("content-type", "application/octet-stream")
        .body(body.to_owned())
        .send()
        .await?;
    Ok((response.status().as_u16(), response.json().await?))
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn created(owner: &Account, kind: &str, input: Value) -> anyhow::Result<String> {
    let query = format!("mutation($i: Create{kind}Input!) {{ create{kind}(input: $i) {{ id }} }}");
    let body = owner.client.run(&query, json!({"i": input})).await?;
    body["data"][format!("create{kind}")]["id"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("{body}"))
}

async fn count(server: &TestServer, sql: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(sql).fetch_one(&server.db.pool).await?)
}

async fn balance(owner: &Account) -> anyhow::Result<i64> {
    let body = owner.client.run("{ accounts { edges { node { balanceMinor } } } }", json!({})).await?;
    body["data"]["accounts"]["edges"][0]["node"]["balanceMinor"].as_i64().ok_or_else(|| anyhow::anyhow!("{body}"))
}

#[tokio::test]
async fn the_same_ofx_twice_adds_nothing_and_a_bad_line_is_rejected_alone() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let account = created(&owner, "Account", json!({"name": "Giro", "currencyCode": "EUR"})).await?;
    let groceries = created(&owner, "Category", json!({"name": "Groceries"})).await?;
    created(&owner, "ImportRule", json!({"pattern": "rewe", "setCategoryId": groceries})).await?;

    let (status, first) = import(&server, &owner, "ofx", &account, OFX, None).await?;
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["added"].as_i64(), first["duplicates"].as_i64()), (Some(3), Some(0)), "{first}");
    let rejected = first["rejected"].as_array().cloned().unwrap_or_default();
    assert_eq!(rejected.len(), 1, "{first}");
    assert!(rejected[0]["line"].as_i64().is_some_and(|l| l > 0) && rejected[0]["reason"].is_string(), "{first}");
    let (_, again) = import(&server, &owner, "ofx", &account, OFX, None).await?;
    assert_eq!((again["added"].as_i64(), again["duplicates"].as_i64()), (Some(0), Some(3)), "{again}");
    assert_eq!(balance(&owner).await?, 250000 - 1250 - 320);
    // The rule categorised the REWE line; the others are uncategorized.
    let body = owner.client.run("query($c: ID!) { transactions(categoryId: $c) { edges { node { importedPayee source externalId } } } }",
        json!({"c": groceries})).await?;
    let edges = body["data"]["transactions"]["edges"].as_array().cloned().unwrap_or_default();
    assert_eq!(edges.len(), 1, "{body}");
    assert_eq!((edges[0]["node"]["source"].as_str(), edges[0]["node"]["externalId"].as_str()), (Some("OFX"), Some("A1")));

    // Not OFX at all: refused whole, nothing written.
    let before = count(&server, "SELECT count(*) FROM events").await?;
    let (status, refused) = import(&server, &owner, "ofx", &account, "date,amount\n2026-01-01,5\n", None).await?;
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "file", "{refused}");
    assert_eq!(count(&server, "SELECT count(*) FROM events").await?, before);
    Ok(())
}

#[tokio::test]
async fn an_overlapping_csv_adds_only_its_new_lines_and_two_imports_at_once_add_each_line_once() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let account = created(&owner, "Account", json!({"name": "Card", "currencyCode": "EUR"})).await?;
    let mapping = json!({"date": "Datum", "amount": {"column": "Betrag"}, "payee": "Empfänger", "dateFormat": "%d.%m.%Y",
                         "decimalSeparator": ",", "delimiter": ";"});
    let first = "Datum;Betrag;Empfänger\n01.03.2026;-2,50;Café\n01.03.2026;-2,50;Café\n02.03.2026;-10,00;Kino\n";
    let second = "Datum;Betrag;Empfänger\n01.03.2026;-2,50;Café\n01.03.2026;-2,50;Café\n02.03.2026;-10,00;Kino\n03.03.2026;1.000,00;Lohn\n31.02.2026;-1,00;Nie\n";
    let (_, a) = import(&server, &owner, "csv", &account, first, Some(mapping.clone())).await?;
    assert_eq!((a["added"].as_i64(), a["duplicates"].as_i64()), (Some(3), Some(0)), "two identical coffees are two lines: {a}");
    let (_, b) = import(&server, &owner, "csv", &account, second, Some(mapping.clone())).await?;
    assert_eq!((b["added"].as_i64(), b["duplicates"].as_i64()), (Some(1), Some(3)), "{b}");
    assert_eq!(b["rejected"][0]["line"], 6, "{b}");
    assert_eq!(balance(&owner).await?, -250 - 250 - 1000 + 100000);

    // Two devices import the same new file at the same moment.
    let third = "Datum;Betrag;Empfänger\n10.03.2026;-5,00;A\n11.03.2026;-6,00;B\n12.03.2026;-7,00;C\n";
    let (x, y) = tokio::join!(import(&server, &owner, "csv", &account, third, Some(mapping.clone())),
                              import(&server, &owner, "csv", &account, third, Some(mapping)));
    let (x, y) = (x?.1, y?.1);
    let added = x["added"].as_i64().unwrap_or(-1) + y["added"].as_i64().unwrap_or(-1);
    assert_eq!(added, 3, "each line once: {x} / {y}");
    assert_eq!(count(&server, "SELECT count(*) FROM events WHERE aggregate_type = 'Transaction'").await?, 7);
    assert_eq!(balance(&owner).await?, -250 - 250 - 1000 + 100000 - 1800);
    Ok(())
}
