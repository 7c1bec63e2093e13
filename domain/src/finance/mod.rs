//! Finance: accounts, categories (budget envelopes), payees, transactions with double-entry
//! postings in many currencies, prices, budget assignments, balance assertions, import rules
//! and scheduled transactions — as kinds — plus the pure rules the finance projections and the
//! import run: budget periods and the envelope fold (`periods`, `envelope`), bank-file parsers
//! (`import`), the ledger journal export (`journal`).
//!
//! Pure: no I/O, no clock. Money is `amount_minor: i64` + ISO 4217 code, never a float.

pub mod account;
pub mod account_ledger;
pub mod balance_assertion;
pub mod budget;
pub mod budget_assignment;
pub mod budget_hold;
pub mod category;
pub mod envelope;
pub mod import;
pub mod import_rule;
pub mod journal;
pub mod payee;
pub mod periods;
pub mod posting;
pub mod price;
pub mod recurrence;
pub mod scheduled_transaction;
pub mod transaction;
