//! Payee: who a transaction is with, and the category its transactions usually take.

use crate::entity::kind_rules::required_text;
use crate::entity::{EntityKind, FieldError};

/// Payee's declaration (see `kind::declare`).
#[macro_export]
macro_rules! payee_kind {
    ($then:path) => { $then! {
        /// Who a transaction is with.
        kind Payee (PayeeKind, PayeeFields) in finance { type: "Payee", table: "payees", one: payee, many: payees, api: crud }
        groups []
        key []
        fields {
            /// The payee's name.
            name: req String [search, filter],
            /// The category new transactions with this payee take.
            default_category_id: opt Option<$crate::values::Id> [references("Category"), filter],
        }
    } };
}
crate::payee_kind!(crate::declare_kind);

impl EntityKind for PayeeKind {
    fn validate(f: &PayeeFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)
    }
}
