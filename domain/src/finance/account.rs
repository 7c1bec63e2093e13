//! Account: an own account — name, type, currency, on or off budget, opened and closed dates,
//! institution and masked number. Its currency and closing are guarded by the
//! `AccountLedger` rule (closing needs a zero balance; the currency is fixed once postings
//! exist; a closed account takes no postings).

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{EntityKind, FieldError};
use crate::finance::account_ledger::AccountLifecycle;
use crate::rule::CrossRule;

crate::field_enum! {
    /// What an account is (assets: checking…asset; liabilities: credit card, loan, liability).
    pub enum AccountType {
        /// A current account (the default).
        Checking,
        /// A savings account.
        Savings,
        /// Cash in hand.
        Cash,
        /// A credit card (a liability).
        CreditCard,
        /// A loan (a liability).
        Loan,
        /// An investment account (its balance in its currency; holdings are out of scope).
        Investment,
        /// Any other asset.
        Asset,
        /// Any other liability.
        Liability,
    }
}

/// Account's declaration (see `kind::declare`).
#[macro_export]
macro_rules! account_kind {
    ($then:path) => { $then! {
        /// An own account: its balances come from transactions' postings.
        kind Account (AccountKind, AccountFields) in finance { type: "Account", table: "accounts", one: account, many: accounts, api: writes }
        groups []
        key []
        fields {
            /// The account's name.
            name: req String [search, filter],
            /// What the account is.
            kind: opt $crate::finance::account::AccountType [filter],
            /// The account's ISO 4217 currency; postings to it are in this currency. Fixed once it has postings.
            currency_code: req $crate::values::CurrencyCode [filter],
            /// Off budget (tracking only, e.g. investments, a mortgage): its transactions are not budget activity.
            off_budget: opt bool [filter],
            /// The day the account was opened.
            opened_on: opt Option<$crate::values::Date>,
            /// The day the account was closed; closing needs a zero balance, and a closed account takes no postings.
            closed_on: opt Option<$crate::values::Date> [filter],
            /// The bank or institution.
            institution: opt String [search],
            /// The account number, masked: at most its last four digits visible (`****1234`).
            masked_number: opt String,
        }
    } };
}
crate::account_kind!(crate::declare_kind);

impl EntityKind for AccountKind {
    fn validate(f: &AccountFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)?;
        if f.currency_code.is_unset() {
            return Err(FieldError::new("currencyCode", "is required"));
        }
        max_chars("institution", &f.institution, 200)?;
        max_chars("maskedNumber", &f.masked_number, 40)?;
        if f.masked_number.chars().filter(char::is_ascii_digit).count() > 4 {
            return Err(FieldError::new("maskedNumber", "must show at most the last four digits (e.g. ****1234)"));
        }
        if let (Some(opened), Some(closed)) = (f.opened_on, f.closed_on) {
            if closed < opened {
                return Err(FieldError::new("closedOn", "must not be before openedOn"));
            }
        }
        Ok(())
    }

    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&AccountLifecycle]
    }
}
