//! The finance domain over GraphQL: its kinds' generated operations (`kinds`) merged with the
//! ledger reads — `transactions` by account, category, date range and text; `accounts` with
//! their balances; an account's daily balance series; `budgetPeriod` / `budgetPeriods`;
//! `netWorth`; `balanceAssertionFailures`. Every figure is read from the `finance` projection's
//! tables (never computed from history on a request), so their cost does not grow with it.

mod budget;
mod ledger;
pub(crate) mod posting;

use async_graphql::MergedObject;

use super::kinds::{FinanceKindMutation, FinanceKindQuery};

#[derive(MergedObject, Default)]
pub struct FinanceQuery(FinanceKindQuery, ledger::FinanceLedgerQuery, budget::BudgetPeriodQuery);

#[derive(MergedObject, Default)]
pub struct FinanceMutation(FinanceKindMutation);
