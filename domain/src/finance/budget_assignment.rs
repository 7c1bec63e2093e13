//! BudgetAssignment: the amount budgeted to a category in one period of its currency's budget
//! — one per (category, period start, currency): its id is their natural id, so two devices
//! budgeting the same envelope edit one entity. `periodStart` is read as the period that
//! contains it (the budget's period rule may change later).

use crate::entity::{EntityKind, FieldError};

/// BudgetAssignment's declaration (see `kind::declare`).
#[macro_export]
macro_rules! budget_assignment_kind {
    ($then:path) => { $then! {
        /// Money budgeted to a category in a period.
        kind BudgetAssignment (BudgetAssignmentKind, BudgetAssignmentFields) in finance { type: "BudgetAssignment", table: "budget_assignments", one: budget_assignment, many: budget_assignments, api: crud }
        groups []
        key ["categoryId", "periodStart", "currencyCode"]
        fields {
            /// The category budgeted.
            category_id: fix $crate::values::Id [references("Category"), filter],
            /// A day of the period (its first day, normally).
            period_start: fix $crate::values::Date [filter],
            /// The budget's currency.
            currency_code: fix $crate::values::CurrencyCode [filter],
            /// The amount budgeted, in minor units.
            amount_minor: req i64,
        }
    } };
}
crate::budget_assignment_kind!(crate::declare_kind);

impl EntityKind for BudgetAssignmentKind {
    fn validate(f: &BudgetAssignmentFields) -> Result<(), FieldError> {
        required(f.category_id.as_str().is_empty(), "categoryId")?;
        required(f.period_start.is_unset(), "periodStart")?;
        required(f.currency_code.is_unset(), "currencyCode")
    }
}

/// `VALIDATION` "is required" on `field` when `missing`.
pub(crate) fn required(missing: bool, field: &str) -> Result<(), FieldError> {
    if missing {
        return Err(FieldError::new(field, "is required"));
    }
    Ok(())
}
