//! Given/when/then for the account ledger rule.

use chrono::TimeZone;

use super::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().expect("valid time")
}

fn given(events: &[AccountLedgerEvent]) -> AccountLedger {
    let mut ledger = AccountLedger::default();
    events.iter().for_each(|e| ledger.evolve(e));
    ledger
}

fn opened() -> AccountLedgerEvent {
    AccountLedgerEvent::CurrencySet { currency: "EUR".into(), at: at() }
}

fn post(before: &[(&str, i128)], after: &[(&str, i128)]) -> AccountLedgerCommand {
    let list = |v: &[(&str, i128)]| v.iter().map(|(c, a)| ((*c).to_owned(), *a)).collect();
    AccountLedgerCommand::Post { transaction_id: "T".into(), before: list(before), after: list(after), at: at() }
}

#[test]
fn a_posting_moves_the_balance_and_counts_the_transaction() {
    let ledger = given(&[opened()]);
    let events = ledger.decide(post(&[], &[("EUR", -500)])).expect("posted");
    assert_eq!(events, vec![AccountLedgerEvent::Posted { transaction_id: "T".into(), delta: -500, transactions: 1, at: at() }]);
    let ledger = given(&[opened(), events[0].clone()]);
    assert_eq!((ledger.balance, ledger.transactions), (-500, 1));
    let removed = ledger.decide(post(&[("EUR", -500)], &[])).expect("removed");
    assert_eq!(removed, vec![AccountLedgerEvent::Posted { transaction_id: "T".into(), delta: 500, transactions: -1, at: at() }]);
}

#[test]
fn a_posting_in_another_currency_or_to_no_account_is_refused() {
    let wrong = given(&[opened()]).decide(post(&[], &[("USD", 1)]));
    assert!(matches!(wrong, Err(RuleError::Validation { field: "postings", .. })));
    let nowhere = AccountLedger::default().decide(post(&[], &[("EUR", 1)]));
    assert!(matches!(nowhere, Err(RuleError::Validation { field: "postings", .. })));
}

#[test]
fn closing_needs_a_zero_balance_and_a_closed_account_takes_no_postings() {
    let posted = AccountLedgerEvent::Posted { transaction_id: "T".into(), delta: 100, transactions: 1, at: at() };
    let with_balance = given(&[opened(), posted.clone()]).decide(AccountLedgerCommand::Close { at: at() });
    assert!(matches!(with_balance, Err(RuleError::Validation { field: "closedOn", .. })));
    let closed = given(&[opened(), AccountLedgerEvent::Closed { at: at() }]);
    assert!(matches!(closed.decide(post(&[], &[("EUR", 0)])), Err(RuleError::Conflict { field: "postings", .. })));
    assert_eq!(closed.decide(post(&[("EUR", 5)], &[("EUR", 5)])), Ok(Vec::new()), "unchanged amounts pass");
    let reopened = given(&[opened(), AccountLedgerEvent::Closed { at: at() }, AccountLedgerEvent::Reopened { at: at() }]);
    assert!(reopened.decide(post(&[], &[("EUR", 1)])).is_ok());
}

#[test]
fn the_currency_is_fixed_once_postings_exist_and_the_balance_never_overflows() {
    let posted = AccountLedgerEvent::Posted { transaction_id: "T".into(), delta: i64::MAX, transactions: 1, at: at() };
    let ledger = given(&[opened(), posted]);
    let change = ledger.decide(AccountLedgerCommand::SetCurrency { currency: "USD".into(), at: at() });
    assert!(matches!(change, Err(RuleError::Conflict { field: "currencyCode", .. })));
    assert!(matches!(ledger.decide(post(&[], &[("EUR", 1)])), Err(RuleError::Validation { field: "postings", .. })));
}

#[test]
fn a_transaction_write_calls_each_account_whose_amounts_change() {
    let fields = |v: serde_json::Value| v.as_object().cloned();
    let a = "01J0000000000000000000ACC1";
    let b = "01J0000000000000000000ACC2";
    let c = "01J0000000000000000000CAT1";
    let before = fields(serde_json::json!({"postings": [
        {"accountId": a, "amountMinor": -100, "currencyCode": "EUR"}, {"categoryId": c, "amountMinor": 100, "currencyCode": "EUR"}]}));
    let after = fields(serde_json::json!({"postings": [
        {"accountId": b, "amountMinor": -100, "currencyCode": "EUR"}, {"categoryId": c, "amountMinor": 100, "currencyCode": "EUR"}]}));
    let write = EntityWrite { workspace_id: "W", entity_id: "T", changes: Default::default(), at: at(), before, after };
    let streams: Vec<String> = PostsToAccounts
        .triggered(&write)
        .into_iter()
        .map(|call| match call {
            RuleCall::AccountLedger { stream, .. } => stream,
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(streams, [format!("W:{a}"), format!("W:{b}")]);
}

/// The stored form of `AccountLedgerPosted` v1, pinned: a change of shape needs a new version
/// and an upcaster, never an edit of this payload.
#[test]
fn the_posted_payload_is_pinned() {
    let event = AccountLedgerEvent::Posted { transaction_id: "T".into(), delta: -5, transactions: 1, at: at() };
    let json = serde_json::to_value(&event).expect("serialises");
    assert_eq!(json, serde_json::json!({"Posted": {"transaction_id": "T", "delta": -5, "transactions": 1, "at": "2026-03-01T12:00:00Z"}}));
    assert_eq!((event.event_type(), event.event_version()), ("AccountLedgerPosted".to_owned(), "1".to_owned()));
}
