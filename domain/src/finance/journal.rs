//! Ledger journal export: renders a workspace's accounts, categories, transactions and
//! exchange rates as a plain-text hledger journal (also readable by ledger-cli).
//!
//! The output has the same per-account balances as the source ledger: amounts are written
//! from the i64 minor-unit integers digit by digit (never via f64), one posting per source
//! posting, in the currency's ISO 4217 precision. Layout, in this order: `commodity`
//! directives, `account` directives (with `; type:` tags), `P` price directives, then
//! transactions sorted by date then id. Everything is sorted, so equal input gives
//! byte-identical output.
//!
//! Conventions:
//! - Accounts live under `assets:<kind>:` / `liabilities:<kind>:`, categories under
//!   `expenses:[<group>:]<name>` / `income:<name>`. Name components are sanitised (`:` and
//!   `;` become `-`, whitespace runs collapse to one space, trimmed, empty -> the id); names
//!   that still collide get ` (<id prefix>)` appended. Postings with no account and no
//!   category go to `expenses:uncategorized`; ids not in the given slices go to
//!   `assets:unknown:<id>` / `expenses:unknown:<id>`.
//! - Status marks: RECONCILED -> `*`, CLEARED -> `!` (pending), UNCLEARED/other -> none.
//! - A transaction whose postings do not balance per currency but involve exactly two
//!   currencies gets explicit total costs (`@@`) on the postings of the first such currency
//!   (in posting order), split proportionally in integer minor units with the remainder on
//!   the last non-zero posting, so hledger sees it balance exactly. Anything else that does
//!   not balance gets one balancing posting per currency to `equity:unbalanced`.
//!
//! This module must never do I/O, read clocks or the environment, or round money.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalAccount {
    pub id: String,
    pub name: String,
    /// CHECKING SAVINGS CASH CREDIT_CARD LOAN INVESTMENT ASSET LIABILITY (others -> `assets:other`).
    pub kind: String,
    /// ISO 4217 code.
    pub currency: String,
    pub opened_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub on_budget: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalCategory { pub id: String, pub name: String, pub group: Option<String>, pub is_income: bool }

/// `account_id` wins over `category_id`; neither -> `expenses:uncategorized`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalPosting { pub account_id: Option<String>, pub category_id: Option<String>, pub amount_minor: i64, pub currency: String, pub memo: String }

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalTransaction {
    pub id: String,
    pub date: NaiveDate,
    pub payee: String,
    pub memo: String,
    /// UNCLEARED CLEARED RECONCILED
    pub state: String,
    pub postings: Vec<JournalPosting>,
}

/// 1 `base` = `rate` `quote`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalPrice { pub date: NaiveDate, pub base: String, pub quote: String, pub rate: Decimal }

/// Final (collision-free) hledger account names, keyed by account / category id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalNames {
    pub accounts: BTreeMap<String, String>,
    pub categories: BTreeMap<String, String>,
}

const UNCATEGORIZED: &str = "expenses:uncategorized";
const UNBALANCED: &str = "equity:unbalanced";

/// Free text on one line: `replace` applied, newlines/tabs/controls -> space, whitespace
/// runs collapsed to one space, trimmed.
fn sanitize_text(s: &str, replace: &[(char, char)]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = replace.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to);
        let c = if c.is_whitespace() || c.is_control() { ' ' } else { c };
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

fn one_line(s: &str) -> String {
    sanitize_text(s, &[])
}

/// One account-name component: as [`one_line`] plus no `:` (separator) or `;` (comment).
fn sanitize_component(s: &str) -> String {
    sanitize_text(s, &[(':', '-'), (';', '-')])
}

fn component_or_id(name: &str, id: &str) -> String {
    [sanitize_component(name), sanitize_component(id)].into_iter().find(|n| !n.is_empty()).unwrap_or_else(|| "unnamed".to_string())
}

fn kind_prefix(kind: &str) -> &'static str {
    match kind.to_ascii_uppercase().as_str() {
        "CHECKING" => "assets:checking",
        "SAVINGS" => "assets:savings",
        "CASH" => "assets:cash",
        "INVESTMENT" => "assets:investment",
        "CREDIT_CARD" => "liabilities:credit-card",
        "LOAN" => "liabilities:loan",
        "LIABILITY" => "liabilities:other",
        _ => "assets:other", // ASSET and anything unknown
    }
}

/// The hledger account name an account gets before duplicate resolution
/// (`assets:checking:My Bank`); see [`journal_names`] for the final names.
pub fn account_name(a: &JournalAccount) -> String {
    format!("{}:{}", kind_prefix(&a.kind), component_or_id(&a.name, &a.id))
}

/// The hledger account name a category gets before duplicate resolution
/// (`expenses:Food:Groceries`, `expenses:Misc`, `income:Salary`).
pub fn category_name(c: &JournalCategory) -> String {
    let name = component_or_id(&c.name, &c.id);
    if c.is_income {
        return format!("income:{name}");
    }
    match c.group.as_deref().map(sanitize_component).filter(|g| !g.is_empty()) {
        Some(g) => format!("expenses:{g}:{name}"),
        None => format!("expenses:{name}"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Account(String),
    Category(String),
    UnknownAccount(String),
    UnknownCategory(String),
    Uncategorized,
}

fn posting_slot(p: &JournalPosting, names: &JournalNames) -> Slot {
    match (&p.account_id, &p.category_id) {
        (Some(a), _) if names.accounts.contains_key(a) => Slot::Account(a.clone()),
        (Some(a), _) => Slot::UnknownAccount(a.clone()),
        (None, Some(c)) if names.categories.contains_key(c) => Slot::Category(c.clone()),
        (None, Some(c)) => Slot::UnknownCategory(c.clone()),
        (None, None) => Slot::Uncategorized,
    }
}

/// Resolves every slot to a distinct name; colliding names get ` (<id prefix>)`.
fn resolve(entries: BTreeMap<Slot, (String, String)>) -> BTreeMap<Slot, String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (base, _) in entries.values() {
        *counts.entry(base.as_str()).or_default() += 1;
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (slot, (base, _)) in &entries {
        if counts.get(base.as_str()) == Some(&1) {
            taken.insert(base.clone());
            out.insert(slot.clone(), base.clone());
        }
    }
    for (slot, (base, src)) in &entries {
        if out.contains_key(slot) {
            continue;
        }
        let src = component_or_id(src, "x");
        let n = src.chars().count();
        let name = [6, 10, 16, n]
            .into_iter()
            .filter(|&len| len <= n)
            .map(|len| format!("{base} ({})", src.chars().take(len).collect::<String>().trim()))
            .chain((2u64..).map(|n| format!("{base} ({src}-{n})")))
            .find(|n| !taken.contains(n))
            .unwrap_or_default(); // the chain is infinite; `find` always succeeds
        taken.insert(name.clone());
        out.insert(slot.clone(), name);
    }
    out
}

fn resolve_all(
    accounts: &[JournalAccount],
    categories: &[JournalCategory],
    transactions: &[JournalTransaction],
) -> BTreeMap<Slot, String> {
    let mut entries: BTreeMap<Slot, (String, String)> = BTreeMap::new();
    for a in accounts {
        entries.entry(Slot::Account(a.id.clone())).or_insert_with(|| (account_name(a), a.id.clone()));
    }
    for c in categories {
        entries.entry(Slot::Category(c.id.clone())).or_insert_with(|| (category_name(c), c.id.clone()));
    }
    let known = JournalNames {
        accounts: accounts.iter().map(|a| (a.id.clone(), String::new())).collect(),
        categories: categories.iter().map(|c| (c.id.clone(), String::new())).collect(),
    };
    for p in transactions.iter().flat_map(|t| &t.postings) {
        let slot = posting_slot(p, &known);
        let base = match &slot {
            Slot::UnknownAccount(id) => (format!("assets:unknown:{}", component_or_id(id, id)), id.clone()),
            Slot::UnknownCategory(id) => (format!("expenses:unknown:{}", component_or_id(id, id)), id.clone()),
            Slot::Uncategorized => (UNCATEGORIZED.to_string(), "uncategorized".to_string()),
            Slot::Account(_) | Slot::Category(_) => continue,
        };
        entries.entry(slot).or_insert(base);
    }
    resolve(entries)
}

fn names_of(slots: &BTreeMap<Slot, String>) -> JournalNames {
    let pick = |f: fn(&Slot) -> Option<&String>| slots.iter().filter_map(|(s, n)| f(s).map(|id| (id.clone(), n.clone()))).collect();
    JournalNames {
        accounts: pick(|s| if let Slot::Account(id) = s { Some(id) } else { None }),
        categories: pick(|s| if let Slot::Category(id) = s { Some(id) } else { None }),
    }
}

/// Final hledger names of all given accounts and categories, exactly as [`write_journal`]
/// writes them for the same input (duplicates disambiguated).
pub fn journal_names(
    accounts: &[JournalAccount],
    categories: &[JournalCategory],
    transactions: &[JournalTransaction],
) -> JournalNames {
    names_of(&resolve_all(accounts, categories, transactions))
}

/// Commodity symbol as written: plain ISO codes as is, anything else double-quoted.
fn commodity(code: &str) -> String {
    if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphabetic()) {
        return code.to_string();
    }
    let inner: String = code.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{}\"", if inner.trim().is_empty() { "?" } else { inner.trim() })
}

/// `-1234` minor units with 2 digits -> `-12.34`. Exact integer arithmetic.
fn format_quantity(minor: i128, digits: u32) -> String {
    let digits = digits.min(30);
    let scale = 10u128.pow(digits);
    let abs = minor.unsigned_abs();
    let sign = if minor < 0 { "-" } else { "" };
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
}

/// How to write one transaction's postings so it balances in hledger.
struct Plan {
    /// Per posting: optional unsigned total cost `(minor, currency)`.
    costs: Vec<Option<(i128, String)>>,
    /// Balancing postings to `equity:unbalanced`: `(currency, minor)`.
    fallback: Vec<(String, i128)>,
}

fn plan(t: &JournalTransaction) -> Plan {
    let mut order: Vec<&str> = Vec::new();
    let mut sums: BTreeMap<&str, i128> = BTreeMap::new();
    for p in &t.postings {
        if !sums.contains_key(p.currency.as_str()) {
            order.push(&p.currency);
        }
        *sums.entry(&p.currency).or_default() += i128::from(p.amount_minor);
    }
    let open: Vec<&str> = order.into_iter().filter(|c| sums.get(c) != Some(&0)).collect();
    let mut costs = vec![None; t.postings.len()];
    let fallback = || open.iter().map(|c| (c.to_string(), -sums.get(c).copied().unwrap_or(0))).collect();
    if open.is_empty() {
        return Plan { costs, fallback: Vec::new() };
    }
    if open.len() != 2 {
        return Plan { costs, fallback: fallback() };
    }
    let (first, other) = (open[0], open[1]);
    let s1 = sums.get(first).copied().unwrap_or(0);
    let target = -sums.get(other).copied().unwrap_or(0); // what the first currency must convert to
    if target.signum() != s1.signum() {
        return Plan { costs, fallback: fallback() };
    }
    let idx: Vec<usize> = (0..t.postings.len()).filter(|&i| t.postings[i].currency == first && t.postings[i].amount_minor != 0).collect();
    let values: Option<Vec<i128>> = idx.iter().map(|&i| i128::from(t.postings[i].amount_minor).checked_mul(target).map(|x| x / s1)).collect();
    let Some(mut values) = values else { return Plan { costs, fallback: fallback() } };
    let rest = target - values.iter().sum::<i128>();
    if let Some(last) = values.last_mut() {
        *last += rest;
    }
    let signs_ok = idx.iter().zip(&values).all(|(&i, &v)| v == 0 || v.signum() == t.postings[i].amount_minor.signum().into());
    if !signs_ok {
        return Plan { costs, fallback: fallback() };
    }
    for (&i, v) in idx.iter().zip(values) {
        costs[i] = Some((v.abs(), other.to_string()));
    }
    Plan { costs, fallback: Vec::new() }
}

fn type_tag(name: &str) -> &'static str {
    match name.split(':').next() {
        Some("liabilities") => "L",
        Some("expenses") => "X",
        Some("income") => "R",
        Some("equity") => "E",
        _ => "A",
    }
}

fn tag_value(s: &str) -> String {
    sanitize_text(s, &[(',', '-')])
}

/// Renders the whole journal. `minor_digits(code)` gives the ISO 4217 exponent of a currency
/// (0 JPY, 2 USD, 3 KWD); `None` is treated as 2.
pub fn write_journal(
    accounts: &[JournalAccount],
    categories: &[JournalCategory],
    transactions: &[JournalTransaction],
    prices: &[JournalPrice],
    minor_digits: &dyn Fn(&str) -> Option<u32>,
) -> String {
    let digits = |code: &str| minor_digits(code).unwrap_or(2);
    let amount = |minor: i128, code: &str| format!("{} {}", format_quantity(minor, digits(code)), commodity(code));
    let slots = resolve_all(accounts, categories, transactions);
    let names = names_of(&slots);
    let name_of = |slot: &Slot| slots.get(slot).cloned().unwrap_or_else(|| UNCATEGORIZED.to_string());

    let mut txs: Vec<&JournalTransaction> = transactions.iter().collect();
    txs.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let plans: Vec<Plan> = txs.iter().map(|t| plan(t)).collect();

    let mut out = String::from("; LifeOS ledger export (hledger journal)\n\n");

    let mut currencies: BTreeSet<&str> = BTreeSet::new();
    currencies.extend(transactions.iter().flat_map(|t| t.postings.iter().map(|p| p.currency.as_str())));
    currencies.extend(prices.iter().flat_map(|p| [p.base.as_str(), p.quote.as_str()]));
    currencies.extend(accounts.iter().map(|a| a.currency.as_str()).filter(|c| !c.is_empty()));
    for c in &currencies {
        let d = digits(c).min(30) as usize;
        out.push_str(&format!("commodity 1000.{} {}\n", "0".repeat(d), commodity(c)));
    }
    if !currencies.is_empty() {
        out.push('\n');
    }

    // name -> comment tags, sorted by name
    let mut decls: BTreeMap<String, String> = BTreeMap::new();
    for a in accounts {
        let Some(name) = names.accounts.get(&a.id) else { continue };
        let mut tags = format!("type: {}, id: {}, currency: {}, on-budget: {}", type_tag(name), tag_value(&a.id), tag_value(&a.currency), a.on_budget);
        if let Some(d) = a.opened_on {
            tags.push_str(&format!(", opened: {d}"));
        }
        if let Some(d) = a.closed_on {
            tags.push_str(&format!(", closed: {d}"));
        }
        decls.entry(name.clone()).or_insert(tags);
    }
    for c in categories {
        let Some(name) = names.categories.get(&c.id) else { continue };
        decls.entry(name.clone()).or_insert(format!("type: {}, id: {}", type_tag(name), tag_value(&c.id)));
    }
    for (slot, name) in &slots {
        if !matches!(slot, Slot::Account(_) | Slot::Category(_)) {
            decls.entry(name.clone()).or_insert(format!("type: {}", type_tag(name)));
        }
    }
    if plans.iter().any(|p| !p.fallback.is_empty()) {
        decls.entry(UNBALANCED.to_string()).or_insert("type: E".to_string());
    }
    for (name, tags) in &decls {
        out.push_str(&format!("account {name}\n    ; {tags}\n"));
    }
    if !decls.is_empty() {
        out.push('\n');
    }

    let mut ps: Vec<&JournalPrice> = prices.iter().collect();
    ps.sort_by(|a, b| (a.date, &a.base, &a.quote, a.rate).cmp(&(b.date, &b.base, &b.quote, b.rate)));
    for p in &ps {
        out.push_str(&format!("P {} {} {} {}\n", p.date, commodity(&p.base), p.rate, commodity(&p.quote)));
    }
    if !ps.is_empty() {
        out.push('\n');
    }

    for (t, plan) in txs.iter().zip(&plans) {
        let mark = match t.state.to_ascii_uppercase().as_str() {
            "RECONCILED" => " *",
            "CLEARED" => " !",
            _ => "",
        };
        // `;` would start a comment, the first `|` splits payee from note.
        let payee = sanitize_text(&t.payee, &[(';', ','), ('|', '/')]);
        let memo = sanitize_text(&t.memo, &[(';', ',')]);
        let mut desc = match (payee.is_empty(), memo.is_empty()) {
            (_, true) => payee,
            (true, false) => format!("| {memo}"),
            (false, false) => format!("{payee} | {memo}"),
        };
        if desc.starts_with('(') {
            desc.insert_str(0, "() "); // an empty code, so `(...)` is not read as one
        }
        let sep = if desc.is_empty() { "" } else { " " };
        out.push_str(&format!("{}{mark}{sep}{desc}\n    ; id: {}\n", t.date, one_line(&t.id)));
        for (p, cost) in t.postings.iter().zip(&plan.costs) {
            let mut line = format!("    {}  {}", name_of(&posting_slot(p, &names)), amount(i128::from(p.amount_minor), &p.currency));
            if let Some((v, cur)) = cost {
                line.push_str(&format!(" @@ {}", amount(*v, cur)));
            }
            let memo = one_line(&p.memo);
            if !memo.is_empty() {
                line.push_str(&format!("  ; {memo}"));
            }
            out.push_str(&line);
            out.push('\n');
        }
        for (cur, v) in &plan.fallback {
            out.push_str(&format!("    {UNBALANCED}  {}  ; does not balance in the source ledger\n", amount(*v, cur)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }
    fn digits(code: &str) -> Option<u32> {
        match code {
            "JPY" => Some(0),
            "KWD" => Some(3),
            "USD" | "EUR" => Some(2),
            _ => None,
        }
    }
    fn acct(id: &str, name: &str, kind: &str, cur: &str) -> JournalAccount {
        JournalAccount { id: id.into(), name: name.into(), kind: kind.into(), currency: cur.into(), opened_on: None, closed_on: None, on_budget: true }
    }
    fn cat(id: &str, name: &str, group: Option<&str>, is_income: bool) -> JournalCategory {
        JournalCategory { id: id.into(), name: name.into(), group: group.map(Into::into), is_income }
    }
    fn pa(account: &str, minor: i64, cur: &str) -> JournalPosting {
        JournalPosting { account_id: Some(account.into()), category_id: None, amount_minor: minor, currency: cur.into(), memo: String::new() }
    }
    fn pc(category: &str, minor: i64, cur: &str) -> JournalPosting {
        JournalPosting { account_id: None, category_id: Some(category.into()), amount_minor: minor, currency: cur.into(), memo: String::new() }
    }
    fn memo(mut p: JournalPosting, m: &str) -> JournalPosting {
        p.memo = m.into();
        p
    }
    fn tx(id: &str, date: NaiveDate, payee: &str, state: &str, postings: Vec<JournalPosting>) -> JournalTransaction {
        JournalTransaction { id: id.into(), date, payee: payee.into(), memo: String::new(), state: state.into(), postings }
    }

    type Ledger = (Vec<JournalAccount>, Vec<JournalCategory>, Vec<JournalTransaction>, Vec<JournalPrice>);

    fn ledger() -> Ledger {
        let mut chk = acct("chk", "My Bank", "CHECKING", "USD");
        chk.opened_on = Some(d(2025, 1, 1));
        let mut sav = acct("sav", "Savings", "SAVINGS", "USD");
        sav.closed_on = Some(d(2027, 1, 1));
        sav.on_budget = false;
        let accounts = vec![
            chk, sav,
            acct("cc", "Visa", "CREDIT_CARD", "USD"),
            acct("eur", "Euro Account", "CHECKING", "EUR"),
            acct("jpy", "Tokyo Wallet", "CASH", "JPY"),
            acct("kwd", "Kuwait", "SAVINGS", "KWD"),
            acct("weird", " Bank: Main  Account;x\t", "CHECKING", "USD"),
            acct("acct-bbbb2222", "Wallet", "CASH", "USD"),
            acct("acct-aaaa1111", "Wallet", "CASH", "USD"),
            acct("w1", "Wal:let", "CASH", "USD"),
            acct("w2", "Wal-let", "CASH", "USD"),
            acct("acc-empty", "  ", "ASSET", "USD"),
        ];
        let categories = vec![
            cat("groc", "Groceries", Some("Food"), false),
            cat("groc-2", "Groceries", Some("Food"), false),
            cat("rest", "Restaurants", Some("Food"), false),
            cat("tax", "Income Tax", Some("Taxes"), false),
            cat("salary", "Salary", None, true),
            cat("travel", "Travel", None, false),
        ];
        let mut split = tx("t-split", d(2026, 1, 5), "Supermarket", "RECONCILED",
            vec![pa("chk", -5000, "USD"), memo(pc("groc", 3500, "USD"), "food"), pc("rest", 1500, "USD")]);
        split.memo = "weekly".into();
        let mut weird = tx("t-weird", d(2026, 3, 1), "(Refund) Shop; ok\nline2 | x", "CLEARED",
            vec![memo(pa("weird", 500, "USD"), "tab\there\nnext"), pa("acct-aaaa1111", -250, "USD"), pa("acct-bbbb2222", -250, "USD")]);
        weird.memo = "multi\nline;semi".into();
        let unknown = JournalPosting { account_id: None, category_id: None, amount_minor: 50, currency: "USD".into(), memo: String::new() };
        let transactions = vec![
            weird,
            tx("t-transfer", d(2026, 1, 6), "Transfer", "CLEARED", vec![pa("chk", -20000, "USD"), pa("sav", 20000, "USD")]),
            tx("t-pay", d(2026, 1, 31), "ACME Payroll", "UNCLEARED", vec![
                pc("salary", -500000, "USD"), pc("tax", 120000, "USD"), pa("chk", 300000, "USD"), pa("sav", 80000, "USD")]),
            split,
            tx("t-fx1", d(2026, 2, 1), "Hotel", "RECONCILED", vec![pa("eur", -10000, "EUR"), pc("travel", 11000, "USD")]),
            tx("t-fx2", d(2026, 2, 1), "Train", "RECONCILED", vec![pa("eur", -6000, "EUR"), pa("eur", -4001, "EUR"), pc("travel", 11000, "USD")]),
            tx("t-jpy", d(2026, 2, 2), "Ramen", "RECONCILED", vec![pa("jpy", -1500, "JPY"), pc("groc", 1500, "JPY")]),
            tx("t-kwd", d(2026, 2, 2), "Souq", "RECONCILED", vec![pa("kwd", -12345, "KWD"), pc("groc-2", 12345, "KWD")]),
            tx("t-jpykwd", d(2026, 2, 3), "Exchange", "RECONCILED", vec![pa("jpy", -10000, "JPY"), pa("kwd", 20123, "KWD")]),
            tx("t-unk", d(2026, 3, 2), "", "UNCLEARED", vec![pa("chk", -100, "USD"), unknown, pc("ghost", 50, "USD"), pa("chk", 0, "USD")]),
            tx("t-unbal", d(2026, 3, 3), "Broken", "UNCLEARED", vec![pa("cc", -300, "USD")]),
            tx("t-empty", d(2026, 3, 4), "Nothing", "UNCLEARED", vec![pa("acc-empty", 0, "USD")]),
        ];
        let prices = vec![
            JournalPrice { date: d(2026, 1, 2), base: "USD".into(), quote: "JPY".into(), rate: Decimal::new(1575, 1) },
            JournalPrice { date: d(2026, 1, 1), base: "EUR".into(), quote: "USD".into(), rate: Decimal::new(10850, 4) },
        ];
        (accounts, categories, transactions, prices)
    }

    fn render(l: &Ledger) -> String {
        write_journal(&l.0, &l.1, &l.2, &l.3, &digits)
    }

    fn has(text: &str, line: &str) {
        assert!(text.lines().any(|l| l == line), "missing line {line:?} in:\n{text}");
    }

    #[test]
    fn commodities_accounts_and_prices_are_declared() {
        let text = render(&ledger());
        for l in ["commodity 1000.00 EUR", "commodity 1000. JPY", "commodity 1000.000 KWD", "commodity 1000.00 USD",
            "account assets:checking:My Bank", "    ; type: A, id: chk, currency: USD, on-budget: true, opened: 2025-01-01",
            "    ; type: A, id: sav, currency: USD, on-budget: false, closed: 2027-01-01",
            "account liabilities:credit-card:Visa", "    ; type: L, id: cc, currency: USD, on-budget: true",
            "account expenses:Taxes:Income Tax", "account income:Salary", "    ; type: R, id: salary",
            "account expenses:Travel", "account expenses:uncategorized", "account expenses:unknown:ghost",
            "account equity:unbalanced", "    ; type: E",
            "P 2026-01-01 EUR 1.0850 USD", "P 2026-01-02 USD 157.5 JPY"] {
            has(&text, l);
        }
        assert!(text.find("P 2026-01-01").expect("price") < text.find("P 2026-01-02").expect("price"));
    }

    #[test]
    fn names_are_sanitised_and_kept_distinct() {
        let l = ledger();
        let names = journal_names(&l.0, &l.1, &l.2);
        let a = |id: &str| names.accounts[id].as_str();
        assert_eq!(a("weird"), "assets:checking:Bank- Main Account-x");
        assert_eq!(a("acct-aaaa1111"), "assets:cash:Wallet (acct-a)");
        assert_eq!(a("acct-bbbb2222"), "assets:cash:Wallet (acct-b)");
        assert_eq!(a("w1"), "assets:cash:Wal-let (w1)");
        assert_eq!(a("w2"), "assets:cash:Wal-let (w2)");
        assert_eq!(a("acc-empty"), "assets:other:acc-empty");
        assert_eq!(names.categories["groc"], "expenses:Food:Groceries (groc)");
        assert_eq!(names.categories["groc-2"], "expenses:Food:Groceries (groc-2)");
        assert_eq!(account_name(&l.0[6]), "assets:checking:Bank- Main Account-x");
        assert_eq!(category_name(&l.1[4]), "income:Salary");
        let all: BTreeSet<&String> = names.accounts.values().chain(names.categories.values()).collect();
        assert_eq!(all.len(), l.0.len() + l.1.len());
        for n in all {
            assert!(!n.contains("  ") && !n.contains('\t') && !n.contains(';'), "{n:?}");
        }
    }

    #[test]
    fn split_transfer_and_payslip() {
        let text = render(&ledger());
        for l in ["2026-01-05 * Supermarket | weekly", "    ; id: t-split", "    assets:checking:My Bank  -50.00 USD",
            "    expenses:Food:Groceries (groc)  35.00 USD  ; food", "    expenses:Food:Restaurants  15.00 USD",
            "2026-01-06 ! Transfer", "    assets:savings:Savings  200.00 USD",
            "2026-01-31 ACME Payroll", "    income:Salary  -5000.00 USD", "    expenses:Taxes:Income Tax  1200.00 USD",
            "    assets:checking:My Bank  3000.00 USD", "    assets:savings:Savings  800.00 USD"] {
            has(&text, l);
        }
        // sorted by date then id
        let pos = |s: &str| text.find(s).expect(s);
        assert!(pos("; id: t-split") < pos("; id: t-transfer") && pos("; id: t-pay") < pos("; id: t-fx1"));
        assert!(pos("; id: t-fx1") < pos("; id: t-fx2") && pos("; id: t-unbal") < pos("; id: t-empty"));
    }

    #[test]
    fn two_currency_transactions_get_exact_total_costs() {
        let text = render(&ledger());
        has(&text, "    assets:checking:Euro Account  -100.00 EUR @@ 110.00 USD");
        has(&text, "    assets:checking:Euro Account  -60.00 EUR @@ 65.99 USD");
        has(&text, "    assets:checking:Euro Account  -40.01 EUR @@ 44.01 USD");
        has(&text, "    expenses:Travel  110.00 USD");
        has(&text, "    assets:cash:Tokyo Wallet  -10000 JPY @@ 20.123 KWD");
        has(&text, "    assets:savings:Kuwait  20.123 KWD");
        has(&text, "    assets:cash:Tokyo Wallet  -1500 JPY");
        has(&text, "    assets:savings:Kuwait  -12.345 KWD");
    }

    #[test]
    fn odd_text_zero_and_unbalanced_postings() {
        let text = render(&ledger());
        has(&text, "2026-03-01 ! () (Refund) Shop, ok line2 / x | multi line,semi");
        has(&text, "    assets:checking:Bank- Main Account-x  5.00 USD  ; tab here next");
        has(&text, "2026-03-02");
        has(&text, "    expenses:uncategorized  0.50 USD");
        has(&text, "    expenses:unknown:ghost  0.50 USD");
        has(&text, "    assets:checking:My Bank  0.00 USD");
        has(&text, "    equity:unbalanced  3.00 USD  ; does not balance in the source ledger");
        has(&text, "    assets:other:acc-empty  0.00 USD");
        assert_eq!(text, render(&ledger()), "deterministic");
    }

    #[test]
    fn proportional_split_keeps_signs_with_mixed_postings() {
        // Mixed-sign first-currency postings still convert exactly.
        let t = tx("t", d(2026, 1, 1), "x", "", vec![pa("a", -30000, "EUR"), pa("a", 10000, "EUR"), pa("b", 22001, "USD")]);
        let p = plan(&t);
        assert!(p.fallback.is_empty());
        assert_eq!(p.costs[0], Some((33001, "USD".into())));
        assert_eq!(p.costs[1], Some((11000, "USD".into())));
        // Same-sign totals cannot be priced: fall back to equity.
        let t = tx("t", d(2026, 1, 1), "x", "", vec![pa("a", -100, "EUR"), pa("b", -100, "USD")]);
        assert_eq!(plan(&t).fallback, vec![("EUR".into(), 100), ("USD".into(), 100)]);
    }

    #[test]
    fn quantities_are_formatted_from_integer_digits() {
        assert_eq!(format_quantity(-1234, 2), "-12.34");
        assert_eq!(format_quantity(5, 3), "0.005");
        assert_eq!(format_quantity(-7, 0), "-7");
        assert_eq!(format_quantity(i128::from(i64::MIN), 2), "-92233720368547758.08");
        assert_eq!(format_quantity(i128::from(i64::MAX), 4), "922337203685477.5807");
    }

    fn parse_minor(s: &str, digits: u32) -> Option<i128> {
        let (neg, body) = s.strip_prefix('-').map_or((false, s), |b| (true, b));
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) if digits > 0 && f.len() == digits as usize => (i, f),
            None if digits == 0 => (body, ""),
            _ => return None,
        };
        let all = format!("{int}{frac}");
        if all.is_empty() || !all.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let v: i128 = all.parse().ok()?;
        Some(if neg { -v } else { v })
    }

    /// Amount text of each posting line, in order.
    fn posting_amounts(text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("    ") && !l.trim_start().starts_with(';'))
            .filter_map(|l| l.trim_start().split_once("  ").map(|(_, rest)| rest.split(' ').next().unwrap_or("").to_string()))
            .collect()
    }

    proptest! {
        #[test]
        fn posting_amounts_round_trip(
            cur in prop::sample::select(vec![("JPY", 0u32), ("USD", 2), ("KWD", 3)]),
            amounts in prop::collection::vec(-1_000_000_000_000_000i64..1_000_000_000_000_000, 1..8),
        ) {
            let mut postings: Vec<JournalPosting> = amounts.iter().map(|&a| pc("c", a, cur.0)).collect();
            postings.push(pa("a", -amounts.iter().sum::<i64>(), cur.0));
            let expected: Vec<i128> = postings.iter().map(|p| i128::from(p.amount_minor)).collect();
            let t = tx("t", d(2026, 1, 1), "p", "CLEARED", postings);
            let text = write_journal(&[acct("a", "A", "CASH", cur.0)], &[cat("c", "C", None, false)], &[t], &[], &digits);
            prop_assert!(!text.contains("@@") && !text.contains("equity:unbalanced"));
            let parsed: Vec<Option<i128>> = posting_amounts(&text).iter().map(|s| parse_minor(s, cur.1)).collect();
            prop_assert_eq!(parsed, expected.into_iter().map(Some).collect::<Vec<_>>());
        }
    }

    fn hledger(journal_path: &std::path::Path, args: &[&str]) -> std::process::Output {
        std::process::Command::new("hledger").arg("-f").arg(journal_path).args(args).output().expect("run hledger")
    }

    #[test]
    fn hledger_accepts_the_journal_with_the_same_balances() {
        if std::process::Command::new("hledger").arg("--version").output().is_err() {
            println!("note: hledger not on PATH; skipping hledger check");
            return;
        }
        let l = ledger();
        let text = render(&l);
        let path = std::env::temp_dir().join(format!("lifeos-journal-test-{}.journal", std::process::id()));
        std::fs::write(&path, &text).expect("write temp journal");
        for args in [&["check"][..], &["check", "--strict"], &["check", "ordereddates"]] {
            let out = hledger(&path, args);
            assert!(out.status.success(), "hledger {args:?} failed: {}\n{text}", String::from_utf8_lossy(&out.stderr));
        }
        let out = hledger(&path, &["bal", "--flat", "-N", "-O", "csv"]);
        let _ = std::fs::remove_file(&path);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let csv = String::from_utf8_lossy(&out.stdout);
        let mut actual: BTreeMap<(String, String), i128> = BTreeMap::new();
        for line in csv.lines().skip(1) {
            let (acct, amts) = line.split_once("\",\"").expect("two csv columns");
            let acct = acct.trim_start_matches('"').to_string();
            for amt in amts.trim_end_matches('"').split(", ").filter(|a| *a != "0") {
                let (q, c) = amt.rsplit_once(' ').expect("amount with commodity");
                let v = parse_minor(q, digits(c).unwrap_or(2)).expect("parsable amount");
                *actual.entry((acct.clone(), c.to_string())).or_default() += v;
            }
        }
        let names = journal_names(&l.0, &l.1, &l.2);
        let mut expected: BTreeMap<(String, String), i128> = BTreeMap::new();
        for p in l.2.iter().flat_map(|t| &t.postings) {
            let name = match (&p.account_id, &p.category_id) {
                (Some(a), _) => names.accounts.get(a),
                (None, Some(c)) => names.categories.get(c),
                _ => None,
            };
            if let Some(name) = name {
                *expected.entry((name.clone(), p.currency.clone())).or_default() += i128::from(p.amount_minor);
            }
        }
        expected.retain(|_, v| *v != 0);
        let own: BTreeSet<&String> = names.accounts.values().chain(names.categories.values()).collect();
        let actual_own: BTreeMap<_, _> = actual.iter().filter(|((a, _), _)| own.contains(a)).map(|(k, v)| (k.clone(), *v)).collect();
        assert_eq!(actual_own, expected, "hledger balances differ:\n{csv}");
        let others: BTreeSet<&str> = actual.keys().map(|(a, _)| a.as_str()).filter(|a| !own.contains(&a.to_string())).collect();
        assert_eq!(others, BTreeSet::from(["equity:unbalanced", "expenses:uncategorized", "expenses:unknown:ghost"]));
    }
}
