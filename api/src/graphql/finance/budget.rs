//! Budget reads: `budgetPeriod(period:)` and `budgetPeriods(from:, to:)` — Actual Budget's
//! envelope figures per category and period of one currency's budget, read from the `finance`
//! projection. A period after the last one the projection holds (nothing happened in it yet)
//! is folded on the spot from the last stored closing, with no activity; one before the first
//! holds zeros.

use std::collections::BTreeMap;

use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::NaiveDate;
use lifeos_domain::finance::envelope::{compute, Category, Opening, PeriodInput, PeriodOutput};
use lifeos_domain::finance::periods::PeriodRule;
use lifeos_domain::ids::natural_id;
use lifeos_domain::profile::settings::BudgetPeriod;
use lifeos_domain::values::CurrencyCode as Currency;
use serde_json::Value;

use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::scalars::{CurrencyCode, Date, Long};

/// The most periods one `budgetPeriods` answers.
const MAX_PERIODS: usize = 120;

#[derive(Default)]
pub struct BudgetPeriodQuery;

/// One expense category in one period.
#[derive(SimpleObject, Clone)]
pub struct BudgetCategoryPeriod {
    /// The expense category.
    pub category_id: ID,
    /// Budgeted to it in this period.
    pub budgeted_minor: Long,
    /// Minus the postings: spending shows negative.
    pub activity_minor: Long,
    /// What the category carried in from the period before.
    pub carried_in_minor: Long,
    /// Budgeted + activity + carried in.
    pub available_minor: Long,
}

/// One period of a budget.
#[derive(SimpleObject, Clone)]
#[graphql(name = "BudgetPeriodFigures")]
pub struct BudgetPeriodView {
    /// The budget's currency.
    pub currency_code: CurrencyCode,
    /// The period's first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
    /// Income categories' activity.
    pub income_minor: Long,
    /// On-budget money that moved without a category (a transfer to an off-budget account).
    pub uncategorized_minor: Long,
    /// Budgeted to expense categories.
    pub budgeted_minor: Long,
    /// Expense categories' activity (spending negative).
    pub activity_minor: Long,
    /// Money left to budget: last period's, plus income, minus budgeted, minus last period's overspending without carryover, plus held money.
    pub to_budget_minor: Long,
    /// Overspending of categories without carryover, deducted from the next period's to-budget.
    pub overspent_minor: Long,
    /// To-budget money held for the next period.
    pub held_minor: Long,
    /// Each expense category's figures.
    pub categories: Vec<BudgetCategoryPeriod>,
}

/// The caller's settings' base currency.
pub(super) async fn settings_currency(ctx: &Context<'_>, workspace_id: &str, user_id: &str) -> Result<Option<Currency>, ApiError> {
    let id = natural_id("Settings", workspace_id, &[user_id]);
    let code: Option<Option<String>> =
        sqlx::query_scalar("SELECT base_currency FROM settings WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL")
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&pool(ctx)?)
            .await?;
    Ok(code.flatten().and_then(|c| Currency::parse("currencyCode", &c).ok()))
}

fn pool(ctx: &Context<'_>) -> Result<sqlx::PgPool, ApiError> {
    Ok(app(ctx).map_err(|e| ApiError::internal("no app context", e.message))?.pool.clone())
}

/// The budget's currency: given, else the caller's base currency, else the only budget held.
async fn currency(ctx: &Context<'_>, workspace_id: &str, user_id: &str, given: Option<CurrencyCode>) -> Result<Currency, ApiError> {
    if let Some(c) = given {
        return Ok(c.0);
    }
    if let Some(c) = settings_currency(ctx, workspace_id, user_id).await? {
        return Ok(c);
    }
    let held: Vec<String> = sqlx::query_scalar("SELECT DISTINCT currency_code FROM budget_period_totals WHERE workspace_id = $1 LIMIT 2")
        .bind(workspace_id)
        .fetch_all(&pool(ctx)?)
        .await?;
    match held.as_slice() {
        [one] => Currency::parse("currencyCode", one).map_err(|e| ApiError::validation("currencyCode", e.message)),
        _ => Err(ApiError::validation("currencyCode", "is required: your settings have no baseCurrency")),
    }
}

/// The budget's period rule (its Budget entity; monthly without one).
async fn rule(ctx: &Context<'_>, workspace_id: &str, currency: Currency) -> Result<PeriodRule, ApiError> {
    let row: Option<(String, Option<NaiveDate>)> = sqlx::query_as(
        "SELECT period, period_anchor FROM budgets WHERE workspace_id = $1 AND currency_code = $2 AND deleted_at IS NULL LIMIT 1",
    )
    .bind(workspace_id)
    .bind(currency.code())
    .fetch_optional(&pool(ctx)?)
    .await?;
    Ok(row.map_or_else(PeriodRule::monthly, |(period, anchor)| {
        let kind = serde_json::from_value::<BudgetPeriod>(Value::String(period)).unwrap_or_default();
        PeriodRule { kind, anchor }
    }))
}

type TotalsRow = (NaiveDate, NaiveDate, i64, i64, i64, i64, i64, i64, i64, Value);

/// The stored periods from `from` through `to` (period starts), with their categories.
async fn stored(ctx: &Context<'_>, workspace_id: &str, currency: Currency, from: NaiveDate, to: NaiveDate) -> Result<Vec<(TotalsRow, Vec<BudgetCategoryPeriod>)>, ApiError> {
    let pool = pool(ctx)?;
    let totals: Vec<TotalsRow> = sqlx::query_as(
        "SELECT period_start, period_end, income, uncategorized, budgeted, activity, to_budget, overspent, held, closing
           FROM budget_period_totals WHERE workspace_id = $1 AND currency_code = $2 AND period_start BETWEEN $3 AND $4 ORDER BY period_start",
    )
    .bind(workspace_id)
    .bind(currency.code())
    .bind(from)
    .bind(to)
    .fetch_all(&pool)
    .await?;
    let rows: Vec<(NaiveDate, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT period_start, category_id, budgeted, activity, carried_in, available FROM budget_periods
          WHERE workspace_id = $1 AND currency_code = $2 AND period_start BETWEEN $3 AND $4 ORDER BY period_start, category_id",
    )
    .bind(workspace_id)
    .bind(currency.code())
    .bind(from)
    .bind(to)
    .fetch_all(&pool)
    .await?;
    let mut categories: BTreeMap<NaiveDate, Vec<BudgetCategoryPeriod>> = BTreeMap::new();
    for (start, id, budgeted, activity, carried, available) in rows {
        categories.entry(start).or_default().push(BudgetCategoryPeriod {
            category_id: ID(id),
            budgeted_minor: Long(budgeted),
            activity_minor: Long(activity),
            carried_in_minor: Long(carried),
            available_minor: Long(available),
        });
    }
    Ok(totals.into_iter().map(|t| { let c = categories.remove(&t.0).unwrap_or_default(); (t, c) }).collect())
}

fn view(currency: Currency, t: TotalsRow, categories: Vec<BudgetCategoryPeriod>) -> BudgetPeriodView {
    let (start, end, income, uncategorized, budgeted, activity, to_budget, overspent, held, _) = t;
    BudgetPeriodView {
        currency_code: CurrencyCode(currency),
        start: Date(start),
        end: Date(end),
        income_minor: Long(income),
        uncategorized_minor: Long(uncategorized),
        budgeted_minor: Long(budgeted),
        activity_minor: Long(activity),
        to_budget_minor: Long(to_budget),
        overspent_minor: Long(overspent),
        held_minor: Long(held),
        categories,
    }
}

fn folded(currency: Currency, rule: &PeriodRule, p: PeriodOutput) -> BudgetPeriodView {
    let categories = p.categories.into_iter().map(|c| BudgetCategoryPeriod {
        category_id: ID(c.category_id),
        budgeted_minor: Long(c.budgeted),
        activity_minor: Long(c.activity),
        carried_in_minor: Long(c.carried_in),
        available_minor: Long(c.available),
    });
    let end = rule.next(p.start).pred_opt().unwrap_or(p.start);
    let t: TotalsRow = (p.start, end, p.income, p.uncategorized, p.budgeted, p.activity, p.to_budget, p.overspent, p.held, Value::Null);
    view(currency, t, categories.collect())
}

/// The periods `starts` of one budget: stored ones as stored, later ones folded from the last
/// stored closing (no activity), earlier ones empty.
async fn periods(ctx: &Context<'_>, currency_code: Option<CurrencyCode>, from: NaiveDate, to: NaiveDate) -> Result<Vec<BudgetPeriodView>, ApiError> {
    let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
    let currency = currency(ctx, workspace_id, &user.user_id, currency_code).await?;
    let rule = rule(ctx, workspace_id, currency).await?;
    let starts = rule.starts(from, to, MAX_PERIODS + 1);
    if starts.len() > MAX_PERIODS {
        return Err(ApiError::validation("to", format!("at most {MAX_PERIODS} periods at once")));
    }
    let (Some(first), Some(last)) = (starts.first().copied(), starts.last().copied()) else { return Ok(Vec::new()) };
    let mut stored: BTreeMap<NaiveDate, BudgetPeriodView> =
        stored(ctx, workspace_id, currency, first, last).await?.into_iter().map(|(t, c)| (t.0, view(currency, t, c))).collect();
    if starts.iter().all(|s| stored.contains_key(s)) {
        return Ok(starts.into_iter().filter_map(|s| stored.remove(&s)).collect());
    }
    let bounds: (Option<NaiveDate>, Option<NaiveDate>) =
        sqlx::query_as("SELECT min(period_start), max(period_start) FROM budget_period_totals WHERE workspace_id = $1 AND currency_code = $2")
            .bind(workspace_id)
            .bind(currency.code())
            .fetch_one(&pool(ctx)?)
            .await?;
    if let Some(latest) = bounds.1.filter(|latest| last > *latest) {
        // Periods after the latest stored one: folded on from its closing, with no activity.
        let closing: Option<Value> = sqlx::query_scalar(
            "SELECT closing FROM budget_period_totals WHERE workspace_id = $1 AND currency_code = $2 AND period_start = $3",
        )
        .bind(workspace_id)
        .bind(currency.code())
        .bind(latest)
        .fetch_optional(&pool(ctx)?)
        .await?;
        let opening: Opening = closing.and_then(|c| serde_json::from_value(c).ok()).unwrap_or_default();
        let categories = categories(ctx, workspace_id).await?;
        let later = rule.starts(rule.next(latest), last, usize::MAX);
        let inputs: Vec<PeriodInput> = later.iter().map(|s| PeriodInput { start: *s, ..Default::default() }).collect();
        let outputs = compute(&categories, &opening, &inputs).map_err(|_| ApiError::validation("period", "a budget figure outside 64 bits"))?;
        for p in outputs.into_iter().filter(|p| p.start >= first) {
            stored.insert(p.start, folded(currency, &rule, p));
        }
    }
    Ok(starts
        .into_iter()
        .map(|s| stored.remove(&s).unwrap_or_else(|| folded(currency, &rule, PeriodOutput::empty(s))))
        .collect())
}

async fn categories(ctx: &Context<'_>, workspace_id: &str) -> Result<Vec<Category>, ApiError> {
    let rows: Vec<(String, bool, bool)> =
        sqlx::query_as("SELECT id, is_income, carryover FROM categories WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id")
            .bind(workspace_id)
            .fetch_all(&pool(ctx)?)
            .await?;
    Ok(rows.into_iter().map(|(id, is_income, carryover)| Category { id, is_income, carryover }).collect())
}

#[Object]
impl BudgetPeriodQuery {
    /// The budget period containing `period` (default currency: your settings' base currency,
    /// else the workspace's only budget).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn budget_period(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A day of the period.")] period: Date,
        #[graphql(desc = "The budget's currency.")] currency_code: Option<CurrencyCode>,
    ) -> async_graphql::Result<Option<BudgetPeriodView>> {
        Ok(periods(ctx, currency_code, period.0, period.0).await?.into_iter().next())
    }

    /// The budget periods from the one containing `from` through the one containing `to` (at most 120).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn budget_periods(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A day of the first period.")] from: Date,
        #[graphql(desc = "A day of the last period.")] to: Date,
        #[graphql(desc = "The budget's currency.")] currency_code: Option<CurrencyCode>,
    ) -> async_graphql::Result<Vec<BudgetPeriodView>> {
        if to.0 < from.0 {
            return Err(ApiError::validation("to", "must not be before from").into());
        }
        Ok(periods(ctx, currency_code, from.0, to.0).await?)
    }
}
