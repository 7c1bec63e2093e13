//! BudgetHold: to-budget money of one period held for the next ("hold for next month") — one
//! per (period start, currency), at their natural id. It leaves this period's to-budget and
//! arrives in the next one's (`finance::envelope`).

use crate::entity::{EntityKind, FieldError};
use crate::finance::budget_assignment::required;

/// BudgetHold's declaration (see `kind::declare`).
#[macro_export]
macro_rules! budget_hold_kind {
    ($then:path) => { $then! {
        /// To-budget money held for the next period.
        kind BudgetHold (BudgetHoldKind, BudgetHoldFields) in finance { type: "BudgetHold", table: "budget_holds", one: budget_hold, many: budget_holds, api: crud }
        groups []
        key ["periodStart", "currencyCode"]
        fields {
            /// A day of the period whose to-budget money is held.
            period_start: fix $crate::values::Date [filter],
            /// The budget's currency.
            currency_code: fix $crate::values::CurrencyCode [filter],
            /// The amount held, in minor units (not negative).
            amount_minor: req i64,
        }
    } };
}
crate::budget_hold_kind!(crate::declare_kind);

impl EntityKind for BudgetHoldKind {
    fn validate(f: &BudgetHoldFields) -> Result<(), FieldError> {
        required(f.period_start.is_unset(), "periodStart")?;
        required(f.currency_code.is_unset(), "currencyCode")?;
        if f.amount_minor < 0 {
            return Err(FieldError::new("amountMinor", "must not be negative"));
        }
        Ok(())
    }
}
