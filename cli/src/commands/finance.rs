//! `balances` and `import`: the finance commands that are not a kind's verb (those are
//! `account …`, `tx add …`, `budget show …`, from the schema and `extras.rs`).

use serde_json::{json, Map, Value};

use crate::args::{BalancesArgs, ImportArgs};
use crate::error::CliError;
use crate::money;
use crate::schema::Schema;
use crate::session::Session;

use super::entity::{self, Page};

/// Every account with its balance, cleared and reconciled balances, in minor units and as
/// decimal text in the account's currency.
pub async fn balances(session: Session, schema: &Schema, args: BalancesArgs) -> Result<(), CliError> {
    let kind = schema.kind("account").ok_or_else(|| CliError::Usage("this server has no accounts".into()))?;
    let page = Page { limit: 500, after: None, all: true, include_deleted: false };
    let accounts = entity::rows(&session, kind, &page, Map::new(), Map::new()).await?;
    let rows: Vec<Value> = accounts
        .into_iter()
        .filter(|a| args.all || a["closedOn"].is_null())
        .map(|a| {
            let currency = a["currencyCode"].as_str().unwrap_or("XXX");
            let digits = money::digits(currency);
            let text = |field: &str| a[field].as_i64().map(|m| money::format_minor(m, digits));
            json!({
                "id": a["id"], "name": a["name"], "kind": a["kind"], "currencyCode": currency, "offBudget": a["offBudget"],
                "balanceMinor": a["balanceMinor"], "balance": text("balanceMinor"),
                "clearedMinor": a["clearedMinor"], "reconciledMinor": a["reconciledMinor"],
            })
        })
        .collect();
    session.print(&Value::Array(rows))
}

/// Uploads a statement to `POST /import/{format}`.
pub async fn import(session: Session, args: ImportArgs) -> Result<(), CliError> {
    let format = args.format.clone().or_else(|| args.file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)).unwrap_or_default();
    let format = match format.as_str() {
        "ofx" | "qfx" => "ofx",
        "csv" => "csv",
        other => return Err(CliError::Usage(format!("cannot tell the format of {} ({other:?}): give --format ofx|qfx|csv", args.file.display()))),
    };
    let bytes = std::fs::read(&args.file).map_err(|e| CliError::Io(format!("{}: {e}", args.file.display())))?;
    let mut query = vec![("accountId", args.account.clone())];
    if let Some(mapping) = &args.mapping {
        query.push(("mapping", mapping.clone()));
    }
    let query = serde_urlencoded::to_string(&query).map_err(|e| CliError::Usage(e.to_string()))?;
    let answer = session.http()?.call(lifeos_client::Method::POST, &format!("/import/{format}?{query}"), Some(("application/octet-stream".into(), bytes))).await?;
    let report: Value = serde_json::from_slice(&answer)?;
    session.print(&report)
}
