//! Category: a budget envelope (with its `groupName`), or an income category. `carryover` says what
//! overspending does: on, a negative available carries into the next period; off (default),
//! the category starts the next period at zero and the overspent amount reduces that period's
//! to-budget (`finance::envelope`).

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{EntityKind, FieldError};

/// Category's declaration (see `kind::declare`).
#[macro_export]
macro_rules! category_kind {
    ($then:path) => { $then! {
        /// A budget envelope or an income category.
        kind Category (CategoryKind, CategoryFields) in finance { type: "Category", table: "categories", one: category, many: categories, api: crud }
        groups []
        key []
        fields {
            /// The category's name.
            name: req String [search, filter],
            /// The group it is shown in ("Bills", "Everyday").
            group_name: opt String [filter],
            /// Income (salary, interest): its activity raises the to-budget amount; it is not budgeted.
            is_income: opt bool [filter],
            /// Hidden from budgets (its history stays).
            hidden: opt bool [filter],
            /// Overspending carries into the next period as a negative available (else it reduces the next period's to-budget).
            carryover: opt bool,
        }
    } };
}
crate::category_kind!(crate::declare_kind);

impl EntityKind for CategoryKind {
    fn validate(f: &CategoryFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)?;
        max_chars("groupName", &f.group_name, 200)
    }
}
