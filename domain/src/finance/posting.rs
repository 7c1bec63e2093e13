//! Postings: the double-entry lines of a transaction, each `{accountId | categoryId,
//! amountMinor, currencyCode, memo}`, kept as one field (`postings`) so a device's merge takes
//! them whole. Conventions: `amountMinor` is in the currency's ISO 4217 minor unit; a posting's
//! amount is the change to that account's or category's ledger balance (money into an own
//! account positive; spending a positive posting on an expense category, income a negative one
//! on an income category). Balanced means: per currency the postings sum to zero, or — a
//! two-currency transaction, hledger's `@@` total-price semantics — exactly two currencies are
//! out of balance with opposite signs, and the rate between them is implied by the two sums.
//!
//! Must never: hold money as a float, wrap on overflow, or consult another entity (an
//! account's currency and whether it is open are the `AccountLedger` rule's).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::FieldError;
use crate::kind::{Column, SqlType};
use crate::values::{CurrencyCode, Id};

/// The most postings one transaction may have.
pub const MAX_POSTINGS: usize = 500;
const FIELD: &str = "postings";

/// One line of a transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Posting {
    /// An own account of the workspace (at most one of `accountId` and `categoryId`; neither:
    /// an uncategorized line, e.g. an imported one not categorized yet — budget activity
    /// without a category).
    #[serde(default)]
    pub account_id: Option<Id>,
    /// A budget category (envelope) of the workspace.
    #[serde(default)]
    pub category_id: Option<Id>,
    /// The change to that account's or category's balance, in minor units.
    pub amount_minor: i64,
    pub currency_code: CurrencyCode,
    #[serde(default)]
    pub memo: String,
}

/// A transaction's postings, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Postings(pub Vec<Posting>);

impl Column for Postings {
    const SQL: SqlType = SqlType::Jsonb;
    type Wire = Postings;
}

/// The rate a two-currency transaction implies: one `from` is worth `rate` of `to` (`from` is
/// the currency of the first out-of-balance posting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImpliedRate {
    pub from: CurrencyCode,
    pub to: CurrencyCode,
    pub rate: Decimal,
}

impl Postings {
    /// Checks the postings' shape and balance (see the module header). Returns the rate a
    /// two-currency transaction implies.
    pub fn check(&self) -> Result<Option<ImpliedRate>, FieldError> {
        let postings = &self.0;
        if postings.len() < 2 {
            return Err(FieldError::new(FIELD, "a transaction needs at least two postings"));
        }
        if postings.len() > MAX_POSTINGS {
            return Err(FieldError::new(FIELD, format!("must have at most {MAX_POSTINGS} postings")));
        }
        let mut sums: Vec<(CurrencyCode, i128)> = Vec::new();
        for (n, p) in postings.iter().enumerate() {
            let at = |message: &str| FieldError::new(FIELD, format!("posting {}: {message}", n + 1));
            let blank = |id: &Option<Id>| id.as_ref().is_some_and(|i| i.as_str().is_empty());
            if (p.account_id.is_some() && p.category_id.is_some()) || blank(&p.account_id) || blank(&p.category_id) {
                return Err(at("takes at most one of accountId and categoryId"));
            }
            if p.currency_code.is_unset() {
                return Err(at("needs a currencyCode"));
            }
            crate::entity::kind_rules::max_chars(FIELD, &p.memo, 500).map_err(|e| at(&e.message))?;
            match sums.iter_mut().find(|(c, _)| *c == p.currency_code) {
                Some((_, sum)) => *sum += i128::from(p.amount_minor),
                None => sums.push((p.currency_code, i128::from(p.amount_minor))),
            }
        }
        let open: Vec<(CurrencyCode, i128)> = sums.into_iter().filter(|(_, sum)| *sum != 0).collect();
        match open.as_slice() {
            [] => Ok(None),
            [(from, a), (to, b)] if (*a < 0) != (*b < 0) => {
                let (a, b) = (Decimal::from_i128_with_scale(a.abs(), 0), Decimal::from_i128_with_scale(b.abs(), 0));
                let digits = |c: &CurrencyCode| i64::from(c.minor_unit_digits().unwrap_or(0));
                // Both sums are in minor units: scale them to major units before dividing.
                let scale = Decimal::from(10_i64.pow(u32::try_from(digits(from)).unwrap_or(0)))
                    / Decimal::from(10_i64.pow(u32::try_from(digits(to)).unwrap_or(0)));
                let rate = b.checked_div(a).and_then(|r| r.checked_mul(scale)).map(|r| r.normalize());
                let rate = rate.ok_or_else(|| FieldError::new(FIELD, "the implied exchange rate is out of range"))?;
                Ok(Some(ImpliedRate { from: *from, to: *to, rate }))
            }
            [(currency, _)] => Err(FieldError::new(FIELD, format!("must sum to zero per currency ({currency} is off)"))),
            _ => Err(FieldError::new(
                FIELD,
                "must sum to zero per currency, or be a two-currency exchange (one currency given, the other received)",
            )),
        }
    }

    /// The net amount per account (accounts only, in posting order of first appearance).
    pub fn per_account(&self) -> BTreeMap<&str, (CurrencyCode, i128)> {
        let mut out: BTreeMap<&str, (CurrencyCode, i128)> = BTreeMap::new();
        for p in &self.0 {
            if let Some(account) = &p.account_id {
                let entry = out.entry(account.as_str()).or_insert((p.currency_code, 0));
                entry.1 += i128::from(p.amount_minor);
            }
        }
        out
    }

    /// Every account and category the postings name, with the posting's currency.
    pub fn accounts(&self) -> impl Iterator<Item = (&Id, CurrencyCode)> {
        self.0.iter().filter_map(|p| p.account_id.as_ref().map(|a| (a, p.currency_code)))
    }

    pub fn categories(&self) -> impl Iterator<Item = &Id> {
        self.0.iter().filter_map(|p| p.category_id.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const A: &str = "01J0000000000000000000ACC1";
    const B: &str = "01J0000000000000000000ACC2";
    const C: &str = "01J0000000000000000000CAT1";

    fn postings(v: serde_json::Value) -> Postings {
        serde_json::from_value(v).expect("postings")
    }

    #[test]
    fn a_split_balances_per_currency() {
        let p = postings(json!([
            {"accountId": A, "amountMinor": -5000, "currencyCode": "EUR"},
            {"categoryId": C, "amountMinor": 3000, "currencyCode": "EUR"},
            {"categoryId": C, "amountMinor": 2000, "currencyCode": "EUR", "memo": "soap"},
        ]));
        assert_eq!(p.check(), Ok(None));
    }

    #[test]
    fn a_two_currency_exchange_implies_its_rate_in_major_units() {
        // 100.00 EUR out, 16,000 JPY in: 1 EUR = 160 JPY.
        let p = postings(json!([
            {"accountId": A, "amountMinor": -10000, "currencyCode": "EUR"},
            {"accountId": B, "amountMinor": 16000, "currencyCode": "JPY"},
        ]));
        let rate = p.check().expect("balanced").expect("a rate");
        assert_eq!((rate.from.code(), rate.to.code(), rate.rate.to_string().as_str()), ("EUR", "JPY", "160"));
    }

    #[test]
    fn unbalanced_empty_and_misshaped_postings_are_refused_on_the_postings_field() {
        let bad = [
            json!([]),
            json!([{"accountId": A, "amountMinor": 0, "currencyCode": "EUR"}]),
            json!([{"accountId": A, "amountMinor": -1, "currencyCode": "EUR"}, {"categoryId": C, "amountMinor": 2, "currencyCode": "EUR"}]),
            json!([{"accountId": A, "amountMinor": -1, "currencyCode": "EUR"}, {"accountId": B, "amountMinor": -2, "currencyCode": "USD"}]),
            json!([{"accountId": A, "categoryId": C, "amountMinor": 0, "currencyCode": "EUR"}, {"accountId": B, "amountMinor": 0, "currencyCode": "EUR"}]),
            json!([{"accountId": A, "amountMinor": -1, "currencyCode": "EUR"}, {"accountId": B, "amountMinor": 1, "currencyCode": "USD"},
                   {"accountId": B, "amountMinor": 1, "currencyCode": "JPY"}]),
        ];
        for v in bad {
            assert_eq!(postings(v.clone()).check().map_err(|e| e.field), Err("postings".to_owned()), "{v}");
        }
    }

    #[test]
    fn a_line_without_account_or_category_is_uncategorized() {
        let p = postings(json!([{"accountId": A, "amountMinor": -700, "currencyCode": "EUR"}, {"amountMinor": 700, "currencyCode": "EUR"}]));
        assert_eq!(p.check(), Ok(None));
    }

    #[test]
    fn sums_near_the_i64_limits_do_not_wrap() {
        let p = postings(json!([
            {"accountId": A, "amountMinor": i64::MAX, "currencyCode": "EUR"},
            {"accountId": A, "amountMinor": i64::MAX, "currencyCode": "EUR"},
            {"categoryId": C, "amountMinor": i64::MIN, "currencyCode": "EUR"},
        ]));
        assert!(p.check().is_err(), "2·MAX + MIN is not zero");
        assert!(serde_json::from_value::<Postings>(json!([{"accountId": A, "amountMinor": 9223372036854775808_u64, "currencyCode": "EUR"}])).is_err());
    }
}
