//! AccountLedger: the rule aggregate of one own account (stream `"{workspace_id}:{account_id}"`,
//! aggregate type "AccountLedger"): its currency, whether it is closed, and its balance from
//! every transaction's postings — the rules that span an account and the transactions posting
//! to it, decided on the command path in the same batch as the write (`crate::rule`):
//!
//! - a posting to an account is in the account's currency (else `VALIDATION` on `postings`);
//! - an account's currency cannot change once postings exist (`CONFLICT` on `currencyCode`);
//! - closing needs a zero balance (`VALIDATION` on `closedOn`);
//! - a closed account takes no change to its postings — a new posting, an edited amount, a
//!   deleted or restored transaction (`CONFLICT` on `postings`): edits that leave its amounts
//!   alone (a memo, a payee) pass. Reopen it (clear `closedOn`) to post again. The close and a
//!   posting race on this one stream, so whichever commits second is decided on the first's
//!   effect: online or an offline push arriving after the close alike;
//! - the balance stays within i64 (`VALIDATION` on `postings`).
//!
//! Pure: must never look at anything but its own events.

use chrono::{DateTime, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use crate::finance::posting::Postings;
use crate::rule::{CrossRule, EntityWrite, RuleAggregate, RuleCall, RuleError};
use crate::values::CurrencyCode;

/// One account's ledger as the rules need it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLedger {
    pub currency: Option<String>,
    pub closed: bool,
    pub balance: i64,
    /// Transactions with postings to the account now.
    pub transactions: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountLedgerCommand {
    /// The account was created (or restored) or its currency changed.
    SetCurrency { currency: String, at: DateTime<Utc> },
    Close { at: DateTime<Utc> },
    Reopen { at: DateTime<Utc> },
    /// A transaction's postings to this account change from `before` to `after` (its amounts
    /// per currency, empty when it has none).
    Post { transaction_id: String, before: Vec<(String, i128)>, after: Vec<(String, i128)>, at: DateTime<Utc> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountLedgerEvent {
    CurrencySet { currency: String, at: DateTime<Utc> },
    Closed { at: DateTime<Utc> },
    Reopened { at: DateTime<Utc> },
    /// `delta` to the balance; `transactions` +1 (first posting), -1 (last removed) or 0.
    Posted { transaction_id: String, delta: i64, transactions: i64, at: DateTime<Utc> },
}

impl DomainEvent for AccountLedgerEvent {
    fn event_type(&self) -> String {
        match self {
            AccountLedgerEvent::CurrencySet { .. } => "AccountLedgerCurrencySet",
            AccountLedgerEvent::Closed { .. } => "AccountLedgerClosed",
            AccountLedgerEvent::Reopened { .. } => "AccountLedgerReopened",
            AccountLedgerEvent::Posted { .. } => "AccountLedgerPosted",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

fn validation(field: &'static str, message: impl Into<String>) -> RuleError {
    RuleError::Validation { field, message: message.into() }
}

impl RuleAggregate for AccountLedger {
    fn decide(&self, command: AccountLedgerCommand) -> Result<Vec<AccountLedgerEvent>, RuleError> {
        match command {
            AccountLedgerCommand::SetCurrency { currency, at } => {
                if self.currency.as_deref() == Some(currency.as_str()) {
                    return Ok(Vec::new());
                }
                if self.transactions > 0 {
                    return Err(RuleError::Conflict {
                        field: "currencyCode",
                        message: "an account's currency cannot change once it has postings".into(),
                    });
                }
                Ok(vec![AccountLedgerEvent::CurrencySet { currency, at }])
            }
            AccountLedgerCommand::Close { at } => {
                if self.balance != 0 {
                    return Err(validation("closedOn", format!("closing needs a zero balance (it is {} in minor units)", self.balance)));
                }
                Ok(if self.closed { Vec::new() } else { vec![AccountLedgerEvent::Closed { at }] })
            }
            AccountLedgerCommand::Reopen { at } => Ok(if self.closed { vec![AccountLedgerEvent::Reopened { at }] } else { Vec::new() }),
            AccountLedgerCommand::Post { transaction_id, before, after, at } => {
                if before == after {
                    return Ok(Vec::new());
                }
                let Some(own) = &self.currency else {
                    return Err(validation("postings", "no such Account in this workspace"));
                };
                if let Some((other, _)) = after.iter().find(|(c, _)| c != own) {
                    return Err(validation("postings", format!("a posting to this account must be in its currency {own}, not {other}")));
                }
                if self.closed {
                    return Err(RuleError::Conflict { field: "postings", message: "the account is closed; reopen it to change its postings".into() });
                }
                let sum = |v: &[(String, i128)]| v.iter().map(|(_, a)| *a).sum::<i128>();
                let delta = sum(&after) - sum(&before);
                let balance = i128::from(self.balance) + delta;
                let (Ok(delta), Ok(_)) = (i64::try_from(delta), i64::try_from(balance)) else {
                    return Err(validation("postings", "the account's balance would overflow"));
                };
                let transactions = i64::from(!after.is_empty()) - i64::from(!before.is_empty());
                Ok(vec![AccountLedgerEvent::Posted { transaction_id, delta, transactions, at }])
            }
        }
    }

    fn evolve(&mut self, event: &AccountLedgerEvent) {
        match event {
            AccountLedgerEvent::CurrencySet { currency, .. } => self.currency = Some(currency.clone()),
            AccountLedgerEvent::Closed { .. } => self.closed = true,
            AccountLedgerEvent::Reopened { .. } => self.closed = false,
            AccountLedgerEvent::Posted { delta, transactions, .. } => {
                self.balance = self.balance.saturating_add(*delta);
                self.transactions = self.transactions.saturating_add_signed(*transactions);
            }
        }
    }
}

impl Aggregate for AccountLedger {
    const TYPE: &'static str = "AccountLedger";
    type Command = AccountLedgerCommand;
    type Event = AccountLedgerEvent;
    type Error = RuleError;
    type Services = ();

    async fn handle(&mut self, command: AccountLedgerCommand, _: &(), sink: &EventSink<Self>) -> Result<(), RuleError> {
        crate::emit::emit(sink, RuleAggregate::decide(self, command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: AccountLedgerEvent) {
        RuleAggregate::evolve(self, &event);
    }
}

fn stream(write: &EntityWrite<'_>, account_id: &str) -> String {
    format!("{}:{account_id}", write.workspace_id)
}

fn text<'f>(fields: Option<&'f crate::entity::Fields>, name: &str) -> Option<&'f str> {
    fields?.get(name)?.as_str()
}

/// Account's rule: its currency and open/closed state live in its ledger.
#[derive(Debug, Clone, Copy)]
pub struct AccountLifecycle;

impl CrossRule for AccountLifecycle {
    fn name(&self) -> &'static str {
        "account currency and closing"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let (before, after) = (write.before.as_ref(), write.after.as_ref());
        let Some(after_fields) = after else { return Vec::new() };
        let at = write.at;
        let mut calls = Vec::new();
        let call = |command| RuleCall::AccountLedger { stream: stream(write, write.entity_id), command };
        let currency = text(after, "currencyCode").unwrap_or_default();
        if before.is_none() || text(before, "currencyCode") != Some(currency) {
            calls.push(call(AccountLedgerCommand::SetCurrency { currency: currency.to_owned(), at }));
        }
        let closed = |f: Option<&crate::entity::Fields>| f.and_then(|f| f.get("closedOn")).is_some_and(|v| !v.is_null());
        match (closed(before), closed(Some(after_fields))) {
            (false, true) => calls.push(call(AccountLedgerCommand::Close { at })),
            (true, false) => calls.push(call(AccountLedgerCommand::Reopen { at })),
            _ => {}
        }
        calls
    }
}

/// Transaction's rule: its postings move its accounts' ledgers.
#[derive(Debug, Clone, Copy)]
pub struct PostsToAccounts;

/// Per account: its amounts per currency in `fields`' postings (unparseable: none).
fn amounts(fields: Option<&crate::entity::Fields>) -> std::collections::BTreeMap<String, Vec<(String, i128)>> {
    let postings: Postings =
        fields.and_then(|f| f.get("postings")).and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default();
    let mut out: std::collections::BTreeMap<String, Vec<(String, i128)>> = std::collections::BTreeMap::new();
    for p in &postings.0 {
        let Some(account) = &p.account_id else { continue };
        let entry = out.entry(account.as_str().to_owned()).or_default();
        let code = CurrencyCode::code(p.currency_code).to_owned();
        match entry.iter_mut().find(|(c, _)| *c == code) {
            Some((_, sum)) => *sum += i128::from(p.amount_minor),
            None => entry.push((code, i128::from(p.amount_minor))),
        }
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

impl CrossRule for PostsToAccounts {
    fn name(&self) -> &'static str {
        "postings to open accounts in their currency"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let (before, after) = (amounts(write.before.as_ref()), amounts(write.after.as_ref()));
        let accounts: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        accounts
            .into_iter()
            .filter_map(|account| {
                let (b, a) = (before.get(account).cloned().unwrap_or_default(), after.get(account).cloned().unwrap_or_default());
                (b != a).then(|| RuleCall::AccountLedger {
                    stream: stream(write, account),
                    command: AccountLedgerCommand::Post { transaction_id: write.entity_id.to_owned(), before: b, after: a, at: write.at },
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "account_ledger_tests.rs"]
mod tests;
