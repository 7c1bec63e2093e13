//! BalanceAssertion: "account X had balance B at the start of day D" (before that day's
//! postings, as hledger's `=` on a dated posting) — the ledger way to catch import mistakes.
//! Checked by the `account_balances` projection; broken ones are listed by
//! `balanceAssertionFailures`. The amount is in the account's currency.

use crate::entity::{EntityKind, FieldError};
use crate::finance::budget_assignment::required;

/// BalanceAssertion's declaration (see `kind::declare`).
#[macro_export]
macro_rules! balance_assertion_kind {
    ($then:path) => { $then! {
        /// An asserted balance of an account at the start of a day.
        kind BalanceAssertion (BalanceAssertionKind, BalanceAssertionFields) in finance { type: "BalanceAssertion", table: "balance_assertions", one: balance_assertion, many: balance_assertions, api: crud }
        groups []
        key []
        fields {
            /// The account.
            account_id: fix $crate::values::Id [references("Account"), filter],
            /// The day at whose start the balance holds.
            date: req $crate::values::Date [filter],
            /// The balance, in the account currency's minor units.
            amount_minor: req i64,
        }
    } };
}
crate::balance_assertion_kind!(crate::declare_kind);

impl EntityKind for BalanceAssertionKind {
    fn validate(f: &BalanceAssertionFields) -> Result<(), FieldError> {
        required(f.account_id.as_str().is_empty(), "accountId")?;
        required(f.date.is_unset(), "date")
    }
}
