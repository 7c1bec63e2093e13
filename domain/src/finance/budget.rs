//! Budget: a workspace's envelope budget in one currency — one per currency (its id is the
//! natural id of `currencyCode`) — and how it is cut into periods: calendar months by default,
//! or pay periods (`MONTHLY` from an anchor day such as the 25th, `SEMI_MONTHLY`, `BIWEEKLY`
//! or `WEEKLY` from an anchor date; `finance::periods`). Category activity in a currency counts
//! toward that currency's budget; a currency without a Budget entity is budgeted monthly.

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError};
use crate::profile::settings::BudgetPeriod;

/// Budget's declaration (see `kind::declare`).
#[macro_export]
macro_rules! budget_kind {
    ($then:path) => { $then! {
        /// A workspace's envelope budget in one currency, and its periods.
        kind Budget (BudgetKind, BudgetFields) in finance { type: "Budget", table: "budgets", one: budget, many: budgets, api: crud }
        groups [["period", "periodAnchor"]]
        key ["currencyCode"]
        fields {
            /// The budget's currency.
            currency_code: fix $crate::values::CurrencyCode [filter],
            /// A name for the budget.
            name: opt String,
            /// How the budget is cut into periods.
            period: opt $crate::profile::settings::BudgetPeriod,
            /// A day a period starts (a payday): required unless the period is MONTHLY, where it makes months start on its day of the month.
            period_anchor: opt Option<$crate::values::Date>,
        }
    } };
}
crate::budget_kind!(crate::declare_kind);

impl EntityKind for BudgetKind {
    fn validate(f: &BudgetFields) -> Result<(), FieldError> {
        if f.currency_code.is_unset() {
            return Err(FieldError::new("currencyCode", "is required"));
        }
        max_chars("name", &f.name, 200)?;
        if !matches!(f.period, BudgetPeriod::Monthly | BudgetPeriod::SemiMonthly) && f.period_anchor.is_none() {
            return Err(FieldError::new("periodAnchor", "is required for BIWEEKLY and WEEKLY periods"));
        }
        Ok(())
    }
}
