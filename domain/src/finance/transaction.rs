//! Transaction: a dated exchange with its postings (one field: a device's merge takes them
//! whole, see `posting.rs` for the conventions and the balance rule), payee, memo, cleared
//! state, and where it came from (`source`, `externalId`: import provenance; an imported or
//! scheduled transaction's id is deterministic, so re-importing adds nothing). Its postings'
//! accounts and categories must be live entities of the workspace (`inner_references`), in
//! the account's currency and not on a closed account (the `AccountLedger` rule).

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError, Fields};
use crate::finance::account_ledger::PostsToAccounts;
use crate::finance::posting::Postings;
use crate::rule::CrossRule;

crate::field_enum! {
    /// How far a transaction has been checked against the bank.
    pub enum ClearedState {
        /// Not yet seen on a statement (the default).
        Uncleared,
        /// Seen on a statement.
        Cleared,
        /// Reconciled: confirmed against a statement balance.
        Reconciled,
    }
}

/// Transaction's declaration (see `kind::declare`).
#[macro_export]
macro_rules! transaction_kind {
    ($then:path) => { $then! {
        /// A dated exchange of money, as balanced postings.
        kind Transaction (TransactionKind, TransactionFields) in finance { type: "Transaction", table: "transactions", one: transaction, many: transactions, api: writes }
        groups []
        key []
        fields {
            /// The local date of the transaction.
            date: req $crate::values::Date [filter],
            /// Who it was with.
            payee_id: opt Option<$crate::values::Id> [references("Payee"), filter],
            /// The payee as the bank file named it (kept for import rules and search).
            imported_payee: opt String [search],
            /// A note on the transaction.
            memo: opt String [search],
            /// Cleared or reconciled against a statement.
            state: opt $crate::finance::transaction::ClearedState [filter],
            /// The postings: `{accountId | categoryId, amountMinor, currencyCode, memo}`, summing to zero per currency (or a two-currency exchange).
            postings: req $crate::finance::posting::Postings,
            /// Where it came from: `OFX`, `CSV`, `SCHEDULE` (null: entered by hand).
            source: opt Option<String> [filter],
            /// The source's id for it (an OFX FITID, a schedule's occurrence date).
            external_id: opt Option<String> [filter],
        }
    } };
}
crate::transaction_kind!(crate::declare_kind);

impl EntityKind for TransactionKind {
    fn validate(f: &TransactionFields) -> Result<(), FieldError> {
        if f.date.is_unset() {
            return Err(FieldError::new("date", "is required"));
        }
        max_chars("importedPayee", &f.imported_payee, 500)?;
        max_chars("memo", &f.memo, 10_000)?;
        max_chars("source", f.source.as_deref().unwrap_or_default(), 40)?;
        max_chars("externalId", f.external_id.as_deref().unwrap_or_default(), 500)?;
        f.postings.check().map(|_| ())
    }

    fn inner_references(named: &Fields) -> Vec<(&'static str, &'static str, String)> {
        let Some(postings) = named.get("postings").and_then(|v| serde_json::from_value::<Postings>(v.clone()).ok()) else {
            return Vec::new();
        };
        let mut out: Vec<(&'static str, &'static str, String)> = Vec::new();
        for (account, _) in postings.accounts() {
            out.push(("postings", "Account", account.as_str().to_owned()));
        }
        for category in postings.categories() {
            out.push(("postings", "Category", category.as_str().to_owned()));
        }
        out.sort();
        out.dedup();
        out
    }

    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&PostsToAccounts]
    }
}
