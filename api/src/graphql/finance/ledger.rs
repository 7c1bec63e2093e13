//! Ledger reads: `transactions` (the generic list plus account, category, date range and text),
//! `accounts` with balances, `accountBalanceSeries`, `netWorth`, `balanceAssertionFailures`.
//! Money stays integer minor units; net worth converts with stored prices as exact decimals and
//! rounds once, half to even, into the base currency's minor unit.

use std::collections::BTreeMap;

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Object, SimpleObject, ID};
use chrono::NaiveDate;
use lifeos_domain::finance::account::AccountKind;
use lifeos_domain::finance::transaction::TransactionKind;
use lifeos_domain::values::CurrencyCode as Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::kinds::account::{Account, AccountOrder};
use crate::graphql::kinds::balance_assertion::BalanceAssertion;
use crate::graphql::kinds::list::{page, Extra, KindFilter, ListArgs};
use crate::graphql::kinds::transaction::{Transaction, TransactionOrder};
use crate::graphql::scalars::{CurrencyCode, Date, Long};

/// The longest day range one series answers.
const MAX_DAYS: i64 = 3_700;

#[derive(Default)]
pub struct FinanceLedgerQuery;

/// An account with its balances (from the `finance` projection).
#[derive(SimpleObject, Clone)]
pub struct AccountWithBalance {
    #[graphql(flatten)]
    pub account: Account,
    /// The balance from every posting, in minor units of the account's currency.
    pub balance_minor: Long,
    /// From cleared and reconciled transactions only.
    pub cleared_minor: Long,
    /// From reconciled transactions only.
    pub reconciled_minor: Long,
}

/// An account's balance at the end of a day.
#[derive(SimpleObject, Clone)]
pub struct DailyBalance {
    /// The day.
    pub date: Date,
    /// The balance at its end, in minor units of the account's currency.
    pub balance_minor: Long,
}

/// Net worth at the end of a day, in one currency.
#[derive(SimpleObject, Clone)]
pub struct NetWorthDay {
    /// The day.
    pub date: Date,
    /// The base currency the amount is in.
    pub currency_code: CurrencyCode,
    /// Every live account's balance, converted; accounts in a currency without a rate on or before the day are left out (see `missingRates`).
    pub amount_minor: Long,
    /// Currencies held that day with no price to the base currency on or before it.
    pub missing_rates: Vec<CurrencyCode>,
}

/// A balance assertion the ledger does not meet.
#[derive(SimpleObject, Clone)]
pub struct BalanceAssertionFailure {
    /// The assertion that does not hold.
    pub assertion: BalanceAssertion,
    /// The account's balance at the start of the day, from its postings.
    pub actual_minor: Long,
    /// `actualMinor - assertion.amountMinor`.
    pub difference_minor: Long,
}

fn days(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, ApiError> {
    if to < from {
        return Err(ApiError::validation("to", "must not be before from"));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ApiError::validation("to", format!("a range spans at most {MAX_DAYS} days")));
    }
    Ok(from.iter_days().take_while(|d| *d <= to).collect())
}

#[Object]
impl FinanceLedgerQuery {
    /// A page of the workspace's transactions, narrowed to those posting to an account or a
    /// category, dated within `from`..`to` (inclusive), whose payee text or memo contains
    /// `search` — plus the generic filter, ordering and paging of every list.
    #[graphql(
        guard = "WorkspaceRole(Access::Read)",
        complexity = "crate::graphql::cost::page(first.or(last), crate::graphql::kinds::list::DEFAULT_PAGE_LEN, child_complexity)"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn transactions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many from the start (after `after`); 0-500, default 50.")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "At most this many from the end (before `before`); 0-500. Not with `first`.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
        #[graphql(desc = "Keep only the transactions that match every given entry.")] filter: Option<KindFilter<TransactionKind>>,
        #[graphql(desc = "Default: oldest first. Cursors belong to one ordering.")] order_by: Option<TransactionOrder>,
        #[graphql(default = false, desc = "Include soft-deleted transactions.")] include_deleted: bool,
        #[graphql(desc = "Only transactions with a posting to this account.")] account_id: Option<ID>,
        #[graphql(desc = "Only transactions with a posting to this category.")] category_id: Option<ID>,
        #[graphql(desc = "Dated on or after this day.")] from: Option<Date>,
        #[graphql(desc = "Dated on or before this day.")] to: Option<Date>,
        #[graphql(desc = "Payee text or memo contains this (case-insensitive).")] search: Option<String>,
    ) -> async_graphql::Result<Connection<String, Transaction>> {
        let mut filter = filter.unwrap_or_default();
        let day = |d: Option<NaiveDate>| d.map(|d| async_graphql::Value::String(d.format("%Y-%m-%d").to_string()));
        if let Some(from) = day(from.and_then(|d| d.0.pred_opt())) {
            filter = filter.with("dateAfter", from);
        }
        if let Some(to) = day(to.and_then(|d| d.0.succ_opt())) {
            filter = filter.with("dateBefore", to);
        }
        let mut extra = Vec::new();
        for (field, id) in [("accountId", account_id), ("categoryId", category_id)] {
            if let Some(id) = id {
                let id = lifeos_domain::values::parse_ulid(&id).ok_or_else(|| ApiError::validation(field, "must be a ULID"))?;
                extra.push(Extra::Contains { column: "postings", json: json!([{ field: id.to_string() }]) });
            }
        }
        if let Some(text) = search.filter(|s| !s.trim().is_empty()) {
            extra.push(Extra::Search(text));
        }
        let order = TransactionOrder::ordering(order_by);
        page::<TransactionKind, Transaction>(ctx, ListArgs { first, after, last, before, filter, order, include_deleted, extra }).await
    }

    /// A page of the workspace's accounts with their balances.
    #[graphql(
        guard = "WorkspaceRole(Access::Read)",
        complexity = "crate::graphql::cost::page(first.or(last), crate::graphql::kinds::list::DEFAULT_PAGE_LEN, child_complexity)"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn accounts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many from the start (after `after`); 0-500, default 50.")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor.")] after: Option<String>,
        #[graphql(desc = "At most this many from the end (before `before`); 0-500. Not with `first`.")] last: Option<i32>,
        #[graphql(desc = "End before this cursor.")] before: Option<String>,
        #[graphql(desc = "Keep only the accounts that match every given entry.")] filter: Option<KindFilter<AccountKind>>,
        #[graphql(desc = "Default: oldest first. Cursors belong to one ordering.")] order_by: Option<AccountOrder>,
        #[graphql(default = false, desc = "Include soft-deleted accounts.")] include_deleted: bool,
    ) -> async_graphql::Result<Connection<String, AccountWithBalance>> {
        let args = ListArgs {
            first, after, last, before, include_deleted,
            filter: filter.unwrap_or_default(),
            order: AccountOrder::ordering(order_by),
            extra: Vec::new(),
        };
        let accounts = page::<AccountKind, Account>(ctx, args).await?;
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let ids: Vec<String> = accounts.edges.iter().map(|e| e.node.kernel.id.to_string()).collect();
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT account_id, balance_minor, cleared_minor, reconciled_minor FROM account_balances WHERE workspace_id = $1 AND account_id = ANY($2)",
        )
        .bind(workspace_id)
        .bind(&ids)
        .fetch_all(&app(ctx)?.pool)
        .await
        .map_err(ApiError::from)?;
        let balances: BTreeMap<String, (i64, i64, i64)> = rows.into_iter().map(|(id, b, c, r)| (id, (b, c, r))).collect();
        let mut out = Connection::new(accounts.has_previous_page, accounts.has_next_page);
        for edge in accounts.edges {
            let (b, c, r) = balances.get(edge.node.kernel.id.as_str()).copied().unwrap_or_default();
            let node = AccountWithBalance { account: edge.node, balance_minor: Long(b), cleared_minor: Long(c), reconciled_minor: Long(r) };
            out.edges.push(Edge::new(edge.cursor, node));
        }
        Ok(out)
    }

    /// An account's balance at the end of each day from `from` to `to` (inclusive; at most 3,700 days).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn account_balance_series(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account.")] account_id: ID,
        #[graphql(desc = "The first day.")] from: Date,
        #[graphql(desc = "The last day.")] to: Date,
    ) -> async_graphql::Result<Vec<DailyBalance>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let days = days(from.0, to.0)?;
        let balances = daily_balances(ctx, workspace_id, Some(account_id.as_str()), from.0, to.0).await?;
        let series = balances.into_iter().next().map(|(_, v)| v.1).unwrap_or_else(|| vec![0; days.len()]);
        Ok(days.into_iter().zip(series).map(|(d, b)| DailyBalance { date: Date(d), balance_minor: Long(b) }).collect())
    }

    /// Net worth at the end of each day from `from` to `to`, in `currencyCode` (default: your
    /// settings' base currency): every live account's balance, converted at the latest price on
    /// or before that day (directly, or the inverse of the opposite price). A currency without
    /// one is left out of that day and named in `missingRates`. Liabilities count with their
    /// (negative) balances.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn net_worth(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The first day.")] from: Date,
        #[graphql(desc = "The last day.")] to: Date,
        #[graphql(desc = "The base currency (default: your settings' baseCurrency).")] currency_code: Option<CurrencyCode>,
    ) -> async_graphql::Result<Vec<NetWorthDay>> {
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let days = days(from.0, to.0)?;
        let base = match currency_code {
            Some(c) => c.0,
            None => super::budget::settings_currency(ctx, workspace_id, &user.user_id)
                .await?
                .ok_or_else(|| ApiError::validation("currencyCode", "is required when your settings have no baseCurrency"))?,
        };
        let balances = daily_balances(ctx, workspace_id, None, from.0, to.0).await?;
        let prices = prices(ctx, workspace_id, base).await?;
        let mut out = Vec::with_capacity(days.len());
        for (n, day) in days.iter().enumerate() {
            let mut per_currency: BTreeMap<String, i128> = BTreeMap::new();
            for (currency, series) in balances.values() {
                *per_currency.entry(currency.clone()).or_default() += i128::from(series.get(n).copied().unwrap_or(0));
            }
            let (mut total, mut missing) = (Decimal::ZERO, Vec::new());
            for (currency, minor) in per_currency {
                let Ok(code) = Currency::parse("currencyCode", &currency) else { continue };
                if minor == 0 {
                    continue;
                }
                match convert(minor, code, base, *day, &prices) {
                    Some(value) => total += value,
                    None => missing.push(CurrencyCode(code)),
                }
            }
            let rounded = total.round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
            let amount = i64::try_from(rounded.mantissa()).map_err(|_| ApiError::validation("currencyCode", "net worth outside 64 bits"))?;
            out.push(NetWorthDay { date: Date(*day), currency_code: CurrencyCode(base), amount_minor: Long(amount), missing_rates: missing });
        }
        Ok(out)
    }

    /// The balance assertions the ledger does not meet (balance at the start of the asserted day).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn balance_assertion_failures(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BalanceAssertionFailure>> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let rows: Vec<(Value, i64)> = sqlx::query_as(
            "SELECT to_jsonb(b), COALESCE((SELECT sum(c.change_minor) FROM account_daily_changes c
                      WHERE c.workspace_id = b.workspace_id AND c.account_id = b.account_id AND c.day < b.date), 0)::bigint
               FROM balance_assertions b WHERE b.workspace_id = $1 AND b.deleted_at IS NULL ORDER BY b.date, b.id",
        )
        .bind(workspace_id)
        .fetch_all(&app(ctx)?.pool)
        .await
        .map_err(ApiError::from)?;
        let mut out = Vec::new();
        for (row, actual) in rows {
            let assertion: BalanceAssertion = crate::graphql::kinds::list::decode(row)?;
            let expected = assertion.amount_minor.0;
            if actual != expected {
                let difference = actual.checked_sub(expected).unwrap_or(i64::MAX);
                out.push(BalanceAssertionFailure { assertion, actual_minor: Long(actual), difference_minor: Long(difference) });
            }
        }
        Ok(out)
    }
}

/// Per account (one, or every live one): its currency and end-of-day balances over `from..=to`.
async fn daily_balances(
    ctx: &Context<'_>,
    workspace_id: &str,
    account: Option<&str>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<String, (String, Vec<i64>)>, ApiError> {
    let pool = &app(ctx).map_err(|e| ApiError::internal("no app context", e.message))?.pool;
    let accounts: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, currency_code FROM accounts WHERE workspace_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id = $2)",
    )
    .bind(workspace_id)
    .bind(account)
    .fetch_all(pool)
    .await?;
    let changes: Vec<(String, NaiveDate, i64)> = sqlx::query_as(
        "SELECT account_id, GREATEST(day, $3), sum(change_minor)::bigint FROM account_daily_changes
          WHERE workspace_id = $1 AND ($2::text IS NULL OR account_id = $2) AND day <= $4
          GROUP BY account_id, GREATEST(day, $3)",
    )
    .bind(workspace_id)
    .bind(account)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    let len = usize::try_from((to - from).num_days() + 1).unwrap_or(0);
    let mut out: BTreeMap<String, (String, Vec<i64>)> = accounts.into_iter().map(|(id, c)| (id, (c, vec![0; len]))).collect();
    for (account, day, change) in changes {
        let Some((_, series)) = out.get_mut(&account) else { continue };
        let at = usize::try_from((day - from).num_days()).unwrap_or(0);
        if let Some(slot) = series.get_mut(at) {
            *slot = slot.saturating_add(change);
        }
    }
    for (_, series) in out.values_mut() {
        let mut running = 0_i64;
        for slot in series.iter_mut() {
            running = running.saturating_add(*slot);
            *slot = running;
        }
    }
    Ok(out)
}

/// Rates to `base`: currency → [(day, rate)], ascending by day (inverse prices included).
type Rates = BTreeMap<String, Vec<(NaiveDate, Decimal)>>;

async fn prices(ctx: &Context<'_>, workspace_id: &str, base: Currency) -> Result<Rates, ApiError> {
    let pool = &app(ctx).map_err(|e| ApiError::internal("no app context", e.message))?.pool;
    let rows: Vec<(NaiveDate, String, String, String)> = sqlx::query_as(
        "SELECT date, base_currency, quote_currency, rate FROM prices
          WHERE workspace_id = $1 AND deleted_at IS NULL AND (base_currency = $2 OR quote_currency = $2) ORDER BY date",
    )
    .bind(workspace_id)
    .bind(base.code())
    .fetch_all(pool)
    .await?;
    let mut rates: Rates = BTreeMap::new();
    for (day, from, to, rate) in rows {
        let Ok(rate) = rate.parse::<Decimal>() else { continue };
        if rate.is_zero() {
            continue;
        }
        let (currency, rate) = if to == base.code() { (from, rate) } else { (to, Decimal::ONE.checked_div(rate).unwrap_or_default()) };
        rates.entry(currency).or_default().push((day, rate));
    }
    Ok(rates)
}

/// `minor` units of `code` in `base` (exact, before rounding), at the latest rate on or before `day`.
fn convert(minor: i128, code: Currency, base: Currency, day: NaiveDate, rates: &Rates) -> Option<Decimal> {
    let value = Decimal::from_i128_with_scale(minor, 0);
    if code == base {
        return Some(value);
    }
    let rate = rates.get(code.code())?.iter().rev().find(|(d, _)| *d <= day)?.1;
    let digits = |c: Currency| i64::from(c.minor_unit_digits().unwrap_or(0));
    let shift = digits(base) - digits(code);
    let scale = Decimal::from(10_i64.checked_pow(u32::try_from(shift.unsigned_abs()).ok()?)?);
    let converted = value.checked_mul(rate)?;
    if shift >= 0 { converted.checked_mul(scale) } else { converted.checked_div(scale) }
}
