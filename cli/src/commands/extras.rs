//! The few per-kind conveniences the generic kind commands cannot guess: `tx` for
//! `transaction` and `tx add --account … --amount -12.50` (two balanced postings from a
//! human amount), `task list --open`, `budget period [DAY]` (the period's envelope
//! figures). Everything else about a kind comes from the schema.

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{json, Map, Value};

use crate::error::CliError;
use crate::ops::{budget_period, BudgetPeriod};
use crate::schema::{Kind, Schema};
use crate::session::Session;
use crate::{dates, money};

use super::entity;

/// Other names of a kind's command.
pub fn kind_aliases(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "Transaction" => &["tx"],
        _ => &[],
    }
}

/// The verbs added here (a generic verb's alias must not take their name).
pub fn verbs(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "Transaction" => &["add"],
        "Budget" => &["period"],
        _ => &[],
    }
}

/// Extra flags of `list`.
pub fn list_flags(type_name: &str, list: Command) -> Command {
    match type_name {
        "Task" => list.arg(Arg::new("open").long("open").action(ArgAction::SetTrue).help("Only open tasks (status OPEN)")),
        _ => list,
    }
}

/// Extra verbs.
pub fn more_verbs(type_name: &str, command: Command) -> Command {
    match type_name {
        "Transaction" => command.subcommand(
            Command::new("add")
                .about("Record money moving: --amount on --account, balanced by --category (or --to-account)")
                .arg(Arg::new("account").long("account").required(true).help("The account's id"))
                .arg(Arg::new("amount").long("amount").required(true).allow_hyphen_values(true).help("Into the account, e.g. -12.50 for spending"))
                .arg(Arg::new("category").long("category").help("The budget category's id (default: uncategorized)"))
                .arg(Arg::new("to-account").long("to-account").conflicts_with("category").help("A transfer: the other account's id"))
                .arg(Arg::new("payee").long("payee").help("The payee's id"))
                .arg(Arg::new("date").long("date").default_value("today").help("YYYY-MM-DD, today, yesterday…"))
                .arg(Arg::new("memo").long("memo").default_value("")),
        ),
        "Budget" => command.subcommand(
            Command::new("period")
                .about("A period's envelope figures: to budget, each category's budgeted, activity and available")
                .arg(Arg::new("period").default_value("today").help("Any day in the period"))
                .arg(Arg::new("currency").long("currency").help("The budget's currency (default: the only one)")),
        ),
        _ => command,
    }
}

/// Runs a verb of this module; `None` if `verb` is a generic one.
pub async fn run(session: &Session, schema: &Schema, kind: &Kind, verb: &str, matches: &ArgMatches) -> Option<Result<(), CliError>> {
    match (kind.type_name.as_str(), verb) {
        ("Task", "list") if matches.get_flag("open") => {
            let extra = Map::from_iter([("status".to_owned(), json!(["OPEN"]))]);
            Some(async { session.print(&Value::Array(entity::list(session, schema, kind, matches, extra).await?)) }.await)
        }
        ("Transaction", "add") => Some(transaction(session, schema, kind, matches).await),
        ("Budget", "period") => Some(budget(session, matches).await),
        _ => None,
    }
}

async fn transaction(session: &Session, schema: &Schema, kind: &Kind, m: &ArgMatches) -> Result<(), CliError> {
    let text = |id: &str| m.get_one::<String>(id).cloned();
    let account = entity::required(m, "account")?;
    let account_kind = schema.kind("account").ok_or_else(|| CliError::Usage("this server has no accounts".into()))?;
    let currency = entity::get(session, account_kind, account).await?["currencyCode"].as_str().unwrap_or("XXX").to_owned();
    let amount = money::parse_minor(entity::required(m, "amount")?, money::digits(&currency)).map_err(|e| CliError::Usage(format!("--amount: {e}")))?;
    let date = dates::date(entity::required(m, "date")?, session.now).map_err(|e| CliError::Usage(format!("--date: {e}")))?;
    let other = match (text("category"), text("to-account")) {
        (_, Some(to)) => json!({"accountId": to, "amountMinor": -amount, "currencyCode": currency}),
        (Some(category), None) => json!({"categoryId": category, "amountMinor": -amount, "currencyCode": currency}),
        (None, None) => json!({"amountMinor": -amount, "currencyCode": currency}),
    };
    let mut fields = Map::new();
    fields.insert("date".into(), json!(date.to_string()));
    fields.insert("memo".into(), json!(text("memo").unwrap_or_default()));
    fields.insert("postings".into(), json!([{"accountId": account, "amountMinor": amount, "currencyCode": currency}, other]));
    if let Some(payee) = text("payee") {
        fields.insert("payeeId".into(), json!(payee));
    }
    let create = kind.verbs.iter().find(|v| v.name == "create").ok_or_else(|| CliError::Usage("transactions cannot be created here".into()))?;
    let row = entity::mutate(session, schema, kind, create, &ArgMatches::default(), fields).await?;
    session.print(&row)
}

async fn budget(session: &Session, m: &ArgMatches) -> Result<(), CliError> {
    let period = dates::date(entity::required(m, "period")?, session.now).map_err(|e| CliError::Usage(format!("period: {e}")))?;
    let variables = budget_period::Variables { period: period.to_string(), currency_code: m.get_one::<String>("currency").cloned() };
    let figures = session.http()?.execute::<BudgetPeriod>(variables).await?.budget_period;
    match figures {
        Some(figures) => session.print(&serde_json::to_value(figures)?),
        None => Err(CliError::NotFound("no budget for that currency: create one (`lifeos budget create --currency-code EUR`)".into())),
    }
}
