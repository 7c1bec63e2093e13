//! OFX/QFX statements (1.x SGML and 2.x XML): the `<STMTTRN>` entries of the one bank
//! (`BANKMSGSRSV1`) or credit-card (`CREDITCARDMSGSRSV1`) statement in the file, its `CURDEF`
//! and its `LEDGERBAL`, read from the tokens of `ofx_lex` by a small streaming walk (leaf
//! elements are a start tag followed by text; their end tags may be omitted).
//!
//! Must never refuse a whole file for one bad entry (that entry is `Rejected`), never merge
//! the statements of several accounts (refused), never panic.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::amount::parse_amount;
use super::ofx_lex::{decode, tokenize, Token};
use super::{FormatError, Rejected, Statement, StatementLine};

/// The leaf values of one `<STMTTRN>` being read.
#[derive(Default)]
struct Txn {
    line: usize,
    dtposted: Option<String>,
    trnamt: Option<String>,
    fitid: Option<String>,
    name: Option<String>,
    payee_leaf: Option<String>,
    payee_name: Option<String>,
    memo: Option<String>,
    in_payee: bool,
}

/// The `<LEDGERBAL>` being read.
#[derive(Default)]
struct Ledger {
    line: usize,
    balamt: Option<String>,
    dtasof: Option<String>,
}

/// The walk's state.
#[derive(Default)]
struct Walk {
    minor_digits: u32,
    in_msgset: bool,
    txn: Option<Txn>,
    ledger: Option<Ledger>,
    in_ledger: bool,
    fitids: HashMap<String, usize>,
    out: Statement,
}

/// Parses an OFX/QFX file of one account. `minor_digits` is the account currency's ISO 4217
/// exponent (JPY 0, USD 2, KWD 3). A file without `<OFX>`, without a bank or credit-card
/// statement, or with statements of several accounts is a `FormatError`; an entry without
/// FITID, with a bad `DTPOSTED`/`TRNAMT`, or repeating an earlier FITID is rejected.
pub fn parse_ofx(bytes: &[u8], minor_digits: u32) -> Result<Statement, FormatError> {
    let tokens = tokenize(&decode(bytes));
    let starts = |names: &[&str]| tokens.iter().filter(|t| matches!(t, Token::Start(n, _) if names.contains(&n.as_str()))).count();
    if starts(&["OFX"]) == 0 {
        return Err(FormatError::NotOfx);
    }
    if starts(&["BANKMSGSRSV1", "CREDITCARDMSGSRSV1"]) == 0 {
        return Err(FormatError::NoStatement);
    }
    let statements = starts(&["STMTRS", "CCSTMTRS"]);
    if statements > 1 {
        return Err(FormatError::SeveralStatements(statements));
    }
    let mut walk = Walk { minor_digits, ..Walk::default() };
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        match token {
            Token::Start(name, line) => match tokens.get(i) {
                Some(Token::Text(value)) => {
                    i += 1;
                    walk.leaf(name, value);
                }
                _ => walk.open(name, *line),
            },
            Token::End(name, _) => walk.close(name),
            Token::Text(_) => {}
        }
    }
    walk.finish_txn();
    walk.finish_ledger();
    walk.out.rejected.sort_by_key(|r| r.line);
    Ok(walk.out)
}

impl Walk {
    /// A leaf element `<name>value`.
    fn leaf(&mut self, name: &str, value: &str) {
        if !self.in_msgset {
            return;
        }
        let value = value.to_string();
        if let Some(txn) = &mut self.txn {
            let slot = match name {
                "DTPOSTED" => &mut txn.dtposted,
                "TRNAMT" => &mut txn.trnamt,
                "FITID" => &mut txn.fitid,
                "NAME" if txn.in_payee => &mut txn.payee_name,
                "NAME" => &mut txn.name,
                "PAYEE" => &mut txn.payee_leaf,
                "MEMO" => &mut txn.memo,
                _ => return,
            };
            slot.get_or_insert(value);
        } else if let (true, Some(ledger)) = (self.in_ledger, &mut self.ledger) {
            match name {
                "BALAMT" => ledger.balamt.get_or_insert(value),
                "DTASOF" => ledger.dtasof.get_or_insert(value),
                _ => return,
            };
        } else if name == "CURDEF" && self.out.currency.is_none() {
            self.out.currency = Some(value.to_uppercase());
        }
    }

    /// An aggregate's start tag.
    fn open(&mut self, name: &str, line: usize) {
        match name {
            "BANKMSGSRSV1" | "CREDITCARDMSGSRSV1" => self.in_msgset = true,
            "STMTTRN" if self.in_msgset => {
                self.finish_txn();
                self.txn = Some(Txn { line, ..Txn::default() });
            }
            "PAYEE" => {
                if let Some(txn) = &mut self.txn {
                    txn.in_payee = true;
                }
            }
            "LEDGERBAL" if self.in_msgset && self.ledger.is_none() => {
                self.finish_txn();
                self.in_ledger = true;
                self.ledger = Some(Ledger { line, ..Ledger::default() });
            }
            _ => {}
        }
    }

    /// An end tag (leaf end tags are ignored).
    fn close(&mut self, name: &str) {
        match name {
            "PAYEE" => {
                if let Some(txn) = &mut self.txn {
                    txn.in_payee = false;
                }
            }
            "LEDGERBAL" => self.in_ledger = false,
            "STMTTRN" | "BANKTRANLIST" | "STMTRS" | "CCSTMTRS" => self.finish_txn(),
            "BANKMSGSRSV1" | "CREDITCARDMSGSRSV1" => {
                self.finish_txn();
                self.in_msgset = false;
                self.in_ledger = false;
            }
            _ => {}
        }
    }

    /// Turns the open `<STMTTRN>` into a line or a rejection.
    fn finish_txn(&mut self) {
        let Some(txn) = self.txn.take() else { return };
        let fitid = txn.fitid.map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
        let mut reasons = Vec::new();
        if fitid.is_none() {
            reasons.push("missing FITID".to_string());
        }
        let date = field(&txn.dtposted, "DTPOSTED", parse_date, &mut reasons);
        let minor = self.minor_digits;
        let amount = field(&txn.trnamt, "TRNAMT", |v| parse_ofx_amount(v, minor), &mut reasons);
        let (Some(fitid), Some(date), Some(amount_minor), true) = (fitid, date, amount, reasons.is_empty()) else {
            self.out.rejected.push(Rejected { line: txn.line, reason: reasons.join("; ") });
            return;
        };
        if let Some(first) = self.fitids.get(&fitid) {
            let reason = format!("duplicate FITID in this file ({fitid:?}, first on line {first})");
            self.out.rejected.push(Rejected { line: txn.line, reason });
            return;
        }
        self.fitids.insert(fitid.clone(), txn.line);
        self.out.lines.push(StatementLine {
            line: txn.line,
            date,
            amount_minor,
            payee: txn.name.or(txn.payee_leaf).or(txn.payee_name).unwrap_or_default(),
            memo: txn.memo.unwrap_or_default(),
            fitid: Some(fitid),
            occurrence: 0,
        });
    }

    /// Reads the `<LEDGERBAL>` (once, at its end or at the end of the file).
    fn finish_ledger(&mut self) {
        let Some(ledger) = self.ledger.take() else { return };
        let mut reasons = Vec::new();
        let minor = self.minor_digits;
        let amount = field(&ledger.balamt, "BALAMT", |v| parse_ofx_amount(v, minor), &mut reasons);
        let date = field(&ledger.dtasof, "DTASOF", parse_date, &mut reasons);
        match (amount, date) {
            (Some(amount), Some(date)) => self.out.balance = Some((amount, date)),
            _ => self.out.rejected.push(Rejected { line: ledger.line, reason: format!("ledger balance not read: {}", reasons.join("; ")) }),
        }
    }
}

/// Parses a required leaf with `parse`, noting why not in `reasons`.
fn field<T>(value: &Option<String>, name: &str, parse: impl Fn(&str) -> Result<T, String>, reasons: &mut Vec<String>) -> Option<T> {
    let Some(value) = value else {
        reasons.push(format!("missing {name}"));
        return None;
    };
    parse(value).map_err(|why| reasons.push(format!("bad {name} {value:?}: {why}"))).ok()
}

/// An OFX amount: `.` as decimal point, or a single `,` when there is no `.`.
fn parse_ofx_amount(value: &str, minor_digits: u32) -> Result<i64, String> {
    let comma_decimal = !value.contains('.') && value.matches(',').count() == 1;
    parse_amount(value, if comma_decimal { ',' } else { '.' }, minor_digits)
}

/// An OFX date-time `YYYYMMDD[HHMMSS[.XXX]][[±H[:TZ]]]`: its date part, as written.
pub(super) fn parse_date(value: &str) -> Result<NaiveDate, String> {
    const EXPECTED: &str = "expected YYYYMMDD[HHMMSS[.XXX]][zone]";
    let value = value.trim();
    let digits = |r: std::ops::Range<usize>| value.get(r).filter(|d| d.bytes().all(|b| b.is_ascii_digit())).and_then(|d| d.parse::<u32>().ok());
    let year = digits(0..4).and_then(|y| i32::try_from(y).ok());
    let (Some(year), Some(month), Some(day)) = (year, digits(4..6), digits(6..8)) else {
        return Err(EXPECTED.into());
    };
    let rest = value.get(8..).unwrap_or("");
    let time = match rest.find('[') {
        Some(at) if rest.ends_with(']') => &rest[..at],
        Some(_) => return Err(EXPECTED.into()),
        None => rest,
    };
    if !time.bytes().all(|b| b.is_ascii_digit() || b == b'.') || time.matches('.').count() > 1 {
        return Err(EXPECTED.into());
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| "no such date".to_string())
}
