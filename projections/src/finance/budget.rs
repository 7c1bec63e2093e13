//! The budget periods of the `finance` projection: for each budget (workspace, currency) a
//! batch touched, the envelope figures are folded again (`lifeos_domain::finance::envelope`) from
//! the earliest touched period on, opening with the stored closing of the period before — so a
//! backdated transaction corrects every later period. A change of a category (carryover,
//! income, deletion) or of the budget's period rule refolds the whole budget. Periods run from
//! the first to the last period holding any activity, assignment or hold (never to "today":
//! the projection reads no clock).
//!
//! Must never: keep a period row the fold did not produce (every recomputed range is replaced).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use lifeos_domain::finance::envelope::{compute, Category, Opening, PeriodInput, PeriodOutput};
use lifeos_domain::finance::periods::PeriodRule;
use lifeos_domain::profile::settings::BudgetPeriod;
use serde_json::{json, Value};
use sqlx::PgConnection;

use super::ledger::{touch, Touched};
use super::{load_kind, EntityKey, Mirrored};
use crate::runtime::ProjectionError;

/// Every currency of the workspace (a category changed: all its budgets refold).
const EVERY_CURRENCY: &str = "*";
/// The most periods one budget folds (monthly: over 800 years).
const MAX_PERIODS: usize = 10_000;

fn text<'a>(m: &'a Mirrored, field: &str) -> Option<&'a str> {
    m.fields.get(field).and_then(Value::as_str)
}

fn date(m: &Mirrored, field: &str) -> Option<NaiveDate> {
    text(m, field).and_then(|d| d.parse().ok())
}

/// Budgets whose settings the batch changed: categories and period rules refold from the start,
/// assignments and holds from their period.
pub fn touched_by_settings(before: &HashMap<EntityKey, Mirrored>, after: &HashMap<EntityKey, Mirrored>, touched: &mut Touched) {
    for (key, now) in after {
        let (workspace, kind, _) = key;
        let old = before.get(key);
        match kind.as_str() {
            "Category" => touch(touched, workspace, EVERY_CURRENCY, NaiveDate::MIN),
            "Budget" => {
                for m in [Some(now), old].into_iter().flatten() {
                    if let Some(currency) = text(m, "currencyCode") {
                        touch(touched, workspace, currency, NaiveDate::MIN);
                    }
                }
            }
            "BudgetAssignment" | "BudgetHold" => {
                for m in [Some(now), old].into_iter().flatten() {
                    if let (Some(currency), Some(day)) = (text(m, "currencyCode"), date(m, "periodStart")) {
                        touch(touched, workspace, currency, day);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Refolds every touched budget.
pub async fn recompute(tx: &mut PgConnection, touched: Touched) -> Result<(), ProjectionError> {
    let mut expanded: BTreeMap<(String, String), NaiveDate> = BTreeMap::new();
    for ((workspace, currency), from) in touched {
        let currencies = if currency == EVERY_CURRENCY { currencies(tx, &workspace).await? } else { vec![currency] };
        for currency in currencies {
            let entry = expanded.entry((workspace.clone(), currency)).or_insert(from);
            *entry = (*entry).min(from);
        }
    }
    for ((workspace, currency), from) in expanded {
        refold(tx, &workspace, &currency, from).await?;
    }
    Ok(())
}

/// The currencies the workspace has budget data in.
async fn currencies(tx: &mut PgConnection, workspace: &str) -> Result<Vec<String>, ProjectionError> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT currency_code FROM budget_daily_activity WHERE workspace_id = $1
         UNION SELECT DISTINCT fields->>'currencyCode' FROM finance_entities
          WHERE workspace_id = $1 AND entity_type IN ('Budget', 'BudgetAssignment', 'BudgetHold') AND fields ? 'currencyCode'",
    )
    .bind(workspace)
    .fetch_all(&mut *tx)
    .await?)
}

/// What one budget folds over.
struct Inputs {
    rule: PeriodRule,
    categories: Vec<Category>,
    /// (period start, category) → budgeted.
    budgeted: BTreeMap<(NaiveDate, String), i64>,
    holds: BTreeMap<NaiveDate, i64>,
}

async fn inputs(tx: &mut PgConnection, workspace: &str, currency: &str) -> Result<Inputs, ProjectionError> {
    let workspaces = [workspace.to_owned()];
    let live_in = |m: &Mirrored| m.live().is_some() && text(m, "currencyCode") == Some(currency);
    let budget = load_kind(tx, &workspaces, "Budget").await?.into_values().find(|m| live_in(m));
    let rule = budget.map_or_else(PeriodRule::monthly, |b| {
        let kind = b.fields.get("period").and_then(|v| serde_json::from_value::<BudgetPeriod>(v.clone()).ok()).unwrap_or_default();
        PeriodRule { kind, anchor: date(&b, "periodAnchor") }
    });
    let categories = load_kind(tx, &workspaces, "Category")
        .await?
        .into_iter()
        .filter(|(_, m)| m.live().is_some())
        .map(|((_, id), m)| {
            let flag = |f: &str| m.fields.get(f).and_then(Value::as_bool).unwrap_or(false);
            Category { id, is_income: flag("isIncome"), carryover: flag("carryover") }
        })
        .collect();
    let mut budgeted = BTreeMap::new();
    for m in load_kind(tx, &workspaces, "BudgetAssignment").await?.into_values().filter(|m| live_in(m)) {
        let (Some(day), Some(category)) = (date(&m, "periodStart"), text(&m, "categoryId")) else { continue };
        let amount = m.fields.get("amountMinor").and_then(Value::as_i64).unwrap_or(0);
        let slot: &mut i64 = budgeted.entry((rule.start_of(day), category.to_owned())).or_default();
        *slot = slot.checked_add(amount).ok_or_else(overflow)?;
    }
    let mut holds = BTreeMap::new();
    for m in load_kind(tx, &workspaces, "BudgetHold").await?.into_values().filter(|m| live_in(m)) {
        let Some(day) = date(&m, "periodStart") else { continue };
        let slot: &mut i64 = holds.entry(rule.start_of(day)).or_default();
        *slot = slot.checked_add(m.fields.get("amountMinor").and_then(Value::as_i64).unwrap_or(0)).ok_or_else(overflow)?;
    }
    Ok(Inputs { rule, categories, budgeted, holds })
}

fn overflow() -> ProjectionError {
    ProjectionError::Invariant("a budget figure outside i64".into())
}

async fn refold(tx: &mut PgConnection, workspace: &str, currency: &str, from: NaiveDate) -> Result<(), ProjectionError> {
    let inputs = inputs(tx, workspace, currency).await?;
    let rule = inputs.rule;
    let (first_day, last_day): (Option<NaiveDate>, Option<NaiveDate>) =
        sqlx::query_as("SELECT min(day), max(day) FROM budget_daily_activity WHERE workspace_id = $1 AND currency_code = $2")
            .bind(workspace)
            .bind(currency)
            .fetch_one(&mut *tx)
            .await?;
    let set_days = inputs.budgeted.keys().map(|(d, _)| *d).chain(inputs.holds.keys().copied());
    let days: Vec<NaiveDate> = first_day.into_iter().chain(last_day).chain(set_days).collect();
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        // No data left: every stored period goes (from the first day a `date` column holds;
        // NaiveDate::MIN is outside PostgreSQL's range).
        return clear(tx, workspace, currency, NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default()).await;
    };
    let first = rule.start_of(first);
    let mut start = first.max(rule.start_of(from.max(first)));
    let mut opening = Opening::default();
    if start > first {
        match stored_closing(tx, workspace, currency, rule.previous(start)).await? {
            Some(closing) => opening = closing,
            None => start = first,
        }
    }
    let starts = rule.starts(start, last, MAX_PERIODS);
    let activity: Vec<(NaiveDate, String, i64)> = sqlx::query_as(
        "SELECT day, category_id, amount_minor FROM budget_daily_activity WHERE workspace_id = $1 AND currency_code = $2 AND day >= $3",
    )
    .bind(workspace)
    .bind(currency)
    .bind(start)
    .fetch_all(&mut *tx)
    .await?;
    let mut periods: BTreeMap<NaiveDate, PeriodInput> =
        starts.iter().map(|s| (*s, PeriodInput { start: *s, hold: inputs.holds.get(s).copied().unwrap_or(0), ..Default::default() })).collect();
    for ((day, category), amount) in &inputs.budgeted {
        if let Some(p) = periods.get_mut(day) {
            p.budgeted.insert(category.clone(), *amount);
        }
    }
    for (day, category, amount) in activity {
        let Some(p) = periods.get_mut(&rule.start_of(day)) else { continue };
        let slot = if category.is_empty() { &mut p.uncategorized } else { p.postings.entry(category).or_default() };
        *slot = slot.checked_add(amount).ok_or_else(overflow)?;
    }
    let periods: Vec<PeriodInput> = periods.into_values().collect();
    let outputs = compute(&inputs.categories, &opening, &periods).map_err(|_| overflow())?;
    clear(tx, workspace, currency, start).await?;
    write(tx, workspace, currency, &rule, &outputs).await
}

async fn stored_closing(tx: &mut PgConnection, workspace: &str, currency: &str, period: NaiveDate) -> Result<Option<Opening>, ProjectionError> {
    let closing: Option<Value> = sqlx::query_scalar(
        "SELECT closing FROM budget_period_totals WHERE workspace_id = $1 AND currency_code = $2 AND period_start = $3",
    )
    .bind(workspace)
    .bind(currency)
    .bind(period)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(closing.and_then(|c| serde_json::from_value(c).ok()))
}

async fn clear(tx: &mut PgConnection, workspace: &str, currency: &str, from: NaiveDate) -> Result<(), ProjectionError> {
    for table in ["budget_periods", "budget_period_totals"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE workspace_id = $1 AND currency_code = $2 AND period_start >= $3"))
            .bind(workspace)
            .bind(currency)
            .bind(from)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

async fn write(tx: &mut PgConnection, workspace: &str, currency: &str, rule: &PeriodRule, outputs: &[PeriodOutput]) -> Result<(), ProjectionError> {
    let (mut rows, mut totals) = (Vec::new(), Vec::new());
    for p in outputs {
        for c in &p.categories {
            rows.push(json!({"workspace_id": workspace, "currency_code": currency, "period_start": p.start, "category_id": c.category_id,
                             "budgeted": c.budgeted, "activity": c.activity, "carried_in": c.carried_in, "available": c.available}));
        }
        let end = rule.next(p.start).pred_opt().unwrap_or(p.start);
        totals.push(json!({"workspace_id": workspace, "currency_code": currency, "period_start": p.start, "period_end": end,
                           "income": p.income, "uncategorized": p.uncategorized, "budgeted": p.budgeted, "activity": p.activity,
                           "to_budget": p.to_budget, "overspent": p.overspent, "held": p.held, "closing": p.closing}));
    }
    for (table, rows) in [("budget_periods", rows), ("budget_period_totals", totals)] {
        if !rows.is_empty() {
            sqlx::query(&format!("INSERT INTO {table} SELECT * FROM jsonb_populate_recordset(NULL::{table}, $1)"))
                .bind(Value::Array(rows))
                .execute(&mut *tx)
                .await?;
        }
    }
    Ok(())
}
