//! One CSV row under a mapping: the mapping's columns resolved to indexes (against the header
//! row), and a record read into a date, a signed amount, a payee and a memo — or the reason not.
//!
//! Must never index a record unchecked (rows have any length), never round an amount.

use ::csv::StringRecord;
use chrono::NaiveDate;

use super::amount::parse_amount;
use super::{CsvAmount, CsvColumn, CsvMapping, FormatError};

/// The amount column(s), as indexes.
pub(super) enum AmountAt {
    Single(usize),
    DebitCredit(usize, usize),
}

/// The mapping's columns, as indexes.
pub(super) struct Columns {
    date: usize,
    amount: AmountAt,
    payee: Option<usize>,
    memo: Option<usize>,
}

/// A row, read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Row {
    /// The row lacks the date or amount column(s).
    MissingColumn(String),
    /// The row has them but they do not read.
    Bad(String),
    /// A statement entry.
    Line { date: NaiveDate, amount_minor: i64, payee: String, memo: String },
}

impl Columns {
    /// Resolves the mapping's columns; `header` is the header row (`None`: the file has none,
    /// and the mapping was checked to name no column).
    pub(super) fn resolve(mapping: &CsvMapping, header: Option<&StringRecord>) -> Result<Columns, FormatError> {
        let at = |column: &CsvColumn| -> Result<usize, FormatError> {
            match column {
                CsvColumn::Index(i) => Ok(*i),
                CsvColumn::Header(name) => {
                    let wanted = name.trim().to_lowercase();
                    let fields = header.map(|h| h.iter().map(str::trim).collect::<Vec<_>>()).unwrap_or_default();
                    fields.iter().position(|f| f.to_lowercase() == wanted).ok_or_else(|| FormatError::ColumnNotInHeader {
                        name: name.clone(),
                        found: fields.join(", "),
                    })
                }
            }
        };
        let date = at(&mapping.date)?;
        let amount = match &mapping.amount {
            CsvAmount::Single(c) => AmountAt::Single(at(c)?),
            CsvAmount::DebitCredit { debit, credit } => AmountAt::DebitCredit(at(debit)?, at(credit)?),
        };
        Ok(Columns {
            date,
            amount,
            payee: mapping.payee.as_ref().map(at).transpose()?,
            memo: mapping.memo.as_ref().map(at).transpose()?,
        })
    }
}

/// Reads one non-empty data row.
pub(super) fn read(record: &StringRecord, cols: &Columns, mapping: &CsvMapping, minor_digits: u32) -> Row {
    let field = |i: usize| record.get(i).map(str::trim);
    let fields = record.len();
    let Some(date_text) = field(cols.date) else {
        return Row::MissingColumn(format!("missing the date column (this row has {fields} fields)"));
    };
    let amount = match cols.amount {
        AmountAt::Single(i) => match field(i) {
            None => return Row::MissingColumn(format!("missing the amount column (this row has {fields} fields)")),
            Some(text) => parse_amount(text, mapping.decimal_separator, minor_digits).map_err(|why| format!("bad amount {text:?}: {why}")),
        },
        AmountAt::DebitCredit(d, c) => match (field(d), field(c)) {
            (None, None) => return Row::MissingColumn(format!("missing the debit and credit columns (this row has {fields} fields)")),
            (debit, credit) => debit_credit(debit.unwrap_or(""), credit.unwrap_or(""), mapping.decimal_separator, minor_digits),
        },
    };
    let amount = amount.and_then(|a| if mapping.negate { a.checked_neg().ok_or_else(|| "amount out of range".to_string()) } else { Ok(a) });
    let date = NaiveDate::parse_from_str(date_text, &mapping.date_format)
        .map_err(|_| format!("bad date {date_text:?}: expected format {}", mapping.date_format));
    match (date, amount) {
        (Ok(date), Ok(amount_minor)) => Row::Line {
            date,
            amount_minor,
            payee: cols.payee.and_then(field).unwrap_or("").to_string(),
            memo: cols.memo.and_then(field).unwrap_or("").to_string(),
        },
        (Err(a), Err(b)) => Row::Bad(format!("{a}; {b}")),
        (Err(why), _) | (_, Err(why)) => Row::Bad(why),
    }
}

/// The signed amount from a debit (out, negative) and a credit (in, positive) field, one of
/// them empty; a `0` in the other one counts as empty. Signs written in them are ignored.
fn debit_credit(debit: &str, credit: &str, decimal: char, minor_digits: u32) -> Result<i64, String> {
    let read = |text: &str, what: &str| -> Result<Option<i64>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        let value = parse_amount(text, decimal, minor_digits).map_err(|why| format!("bad {what} {text:?}: {why}"))?;
        value.checked_abs().map(Some).ok_or_else(|| "amount out of range".to_string())
    };
    match (read(debit, "debit")?, read(credit, "credit")?) {
        (None, None) => Err("neither debit nor credit is filled".into()),
        (Some(d), None) | (Some(d), Some(0)) => Ok(-d),
        (None, Some(c)) | (Some(0), Some(c)) => Ok(c),
        (Some(_), Some(_)) => Err("both debit and credit are filled".into()),
    }
}
