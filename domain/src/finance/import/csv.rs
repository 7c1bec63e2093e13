//! CSV statements: a `CsvMapping` (which columns hold the date, the amount — one signed column
//! or debit/credit columns — the payee and the memo; the date format, decimal separator,
//! delimiter, header row, sign flip; taken as JSON by the HTTP layer) and `parse_csv`, which
//! reads the rows with the `csv` crate (quoting, flexible row lengths) into statement lines.
//!
//! Must never guess the mapping (it is the user's), never refuse a whole file for one bad row
//! (that row is `Rejected`), never panic.

use std::collections::HashMap;

use ::csv::{ReaderBuilder, StringRecord};
use chrono::format::{Item, StrftimeItems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::csv_rows as rows;
use super::{FormatError, Rejected, Statement, StatementLine};

/// A column of the file: by 0-based index (a JSON number) or by header name (a JSON string;
/// compared case-insensitively, trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged, expecting = "a column index (number) or header name (string)")]
pub enum CsvColumn {
    /// 0-based index.
    Index(usize),
    /// Header name.
    Header(String),
}

/// Where the amount is: one signed column (JSON `{"column": …}`), or a debit column (money
/// out, made negative) and a credit column (money in) of which one is filled per row (JSON
/// `{"debit": …, "credit": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "AmountJson", into = "AmountJson")]
pub enum CsvAmount {
    /// One signed column.
    Single(CsvColumn),
    /// Debit (money out) and credit (money in) columns.
    DebitCredit {
        /// Money out.
        debit: CsvColumn,
        /// Money in.
        credit: CsvColumn,
    },
}

/// `CsvAmount`'s JSON shape.
#[derive(Clone, Deserialize, Serialize)]
#[serde(untagged, expecting = "an amount as {\"column\": …} or {\"debit\": …, \"credit\": …}")]
enum AmountJson {
    Single(SingleJson),
    DebitCredit(DebitCreditJson),
}

#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct SingleJson {
    column: CsvColumn,
}

#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct DebitCreditJson {
    debit: CsvColumn,
    credit: CsvColumn,
}

impl From<AmountJson> for CsvAmount {
    fn from(json: AmountJson) -> Self {
        match json {
            AmountJson::Single(s) => CsvAmount::Single(s.column),
            AmountJson::DebitCredit(dc) => CsvAmount::DebitCredit { debit: dc.debit, credit: dc.credit },
        }
    }
}

impl From<CsvAmount> for AmountJson {
    fn from(amount: CsvAmount) -> Self {
        match amount {
            CsvAmount::Single(column) => AmountJson::Single(SingleJson { column }),
            CsvAmount::DebitCredit { debit, credit } => AmountJson::DebitCredit(DebitCreditJson { debit, credit }),
        }
    }
}

/// How to read one bank's CSV export. In JSON (camelCase) only `date` and `amount` are
/// required; the rest default as in `CsvMapping::new`. `delimiter` is a one-character string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CsvMapping {
    /// The date column.
    pub date: CsvColumn,
    /// The amount column(s).
    pub amount: CsvAmount,
    /// The payee column, if any.
    #[serde(default)]
    pub payee: Option<CsvColumn>,
    /// The memo column, if any.
    #[serde(default)]
    pub memo: Option<CsvColumn>,
    /// chrono strftime format of the date, e.g. `%Y-%m-%d`, `%d.%m.%Y`, `%m/%d/%Y`.
    #[serde(default = "default_date_format")]
    pub date_format: String,
    /// `.` or `,`; the other of the two plus ` `, NBSP and `'` are thousands separators.
    #[serde(default = "default_decimal_separator")]
    pub decimal_separator: char,
    /// The field delimiter: `b','`, `b';'`, `b'\t'`.
    #[serde(default = "default_delimiter", with = "delimiter_json")]
    pub delimiter: u8,
    /// Whether the first (non-empty) row is a header row.
    #[serde(default = "default_has_header")]
    pub has_header: bool,
    /// Flip every sign (card exports listing spending as positive).
    #[serde(default)]
    pub negate: bool,
}

fn default_date_format() -> String { "%Y-%m-%d".into() }
fn default_decimal_separator() -> char { '.' }
fn default_delimiter() -> u8 { b',' }
fn default_has_header() -> bool { true }

/// `delimiter` in JSON: a one-character ASCII string (`";"`, `"\t"`).
mod delimiter_json {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(delimiter: &u8, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&char::from(*delimiter).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        let text = String::deserialize(d)?;
        match text.as_bytes() {
            [b] if b.is_ascii() => Ok(*b),
            _ => Err(D::Error::custom(format!("delimiter must be one ASCII character, not {text:?}"))),
        }
    }
}

impl CsvMapping {
    /// A mapping of `date` and `amount` with the defaults: date format `%Y-%m-%d`, decimal
    /// separator `.`, delimiter `,`, a header row, no payee or memo, no sign flip.
    pub fn new(date: CsvColumn, amount: CsvAmount) -> Self {
        CsvMapping {
            date,
            amount,
            payee: None,
            memo: None,
            date_format: default_date_format(),
            decimal_separator: default_decimal_separator(),
            delimiter: default_delimiter(),
            has_header: default_has_header(),
            negate: false,
        }
    }

    /// The mapping's columns, in a fixed order (date, amount(s), payee, memo).
    fn columns(&self) -> Vec<&CsvColumn> {
        let mut columns = vec![&self.date];
        match &self.amount {
            CsvAmount::Single(c) => columns.push(c),
            CsvAmount::DebitCredit { debit, credit } => columns.extend([debit, credit]),
        }
        columns.extend(self.payee.iter().chain(self.memo.iter()));
        columns
    }

    /// Refuses a mapping that cannot read any file.
    fn check(&self) -> Result<(), FormatError> {
        let bad = |why: String| Err(FormatError::BadMapping(why));
        if self.date_format.trim().is_empty() || StrftimeItems::new(&self.date_format).any(|i| i == Item::Error) {
            return bad(format!("the date format {:?} is not a valid strftime format (e.g. %d.%m.%Y)", self.date_format));
        }
        if !matches!(self.decimal_separator, '.' | ',') {
            return bad(format!("the decimal separator must be '.' or ',', not {:?}", self.decimal_separator));
        }
        if !self.delimiter.is_ascii() || matches!(self.delimiter, b'"' | b'\n' | b'\r') || self.delimiter.is_ascii_alphanumeric() {
            return bad(format!("the delimiter {:?} cannot be used", char::from(self.delimiter)));
        }
        if !self.has_header {
            if let Some(CsvColumn::Header(name)) = self.columns().into_iter().find(|c| matches!(c, CsvColumn::Header(_))) {
                return bad(format!("the column {name:?} is named, but the file is said to have no header row"));
            }
        }
        Ok(())
    }
}

/// Parses a CSV statement with `mapping`; `minor_digits` is the account currency's ISO 4217
/// exponent. A UTF-8 BOM is dropped. Refused whole (`FormatError`): a bad mapping, text that is
/// not UTF-8, a named column missing from the header row, a first record the reader cannot
/// split, or rows none of which has the mapped columns. A file without data rows is an empty
/// statement. Rows entirely empty are skipped; a row with a bad date or amount, or with both or
/// neither of debit and credit, is rejected.
pub fn parse_csv(bytes: &[u8], mapping: &CsvMapping, minor_digits: u32) -> Result<Statement, FormatError> {
    mapping.check()?;
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let text = std::str::from_utf8(bytes.get(bom..).unwrap_or(&[])).map_err(|e| FormatError::NotUtf8(e.valid_up_to() + bom))?;
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(mapping.delimiter).from_reader(text.as_bytes());
    let mut out = Statement::default();
    let mut columns = if mapping.has_header { None } else { Some(rows::Columns::resolve(mapping, None)?) };
    let (mut data_rows, mut mapped_rows, mut last_line) = (0usize, 0usize, 0usize);
    let mut seen: HashMap<(NaiveDate, i64, String), u32> = HashMap::new();
    for (n, result) in reader.records().enumerate() {
        let record: StringRecord = match result {
            Ok(record) => record,
            Err(e) if n == 0 => return Err(FormatError::NotMappedCsv(format!(" (the first record cannot be read: {e})"))),
            Err(e) => {
                let line = e.position().map_or(last_line + 1, |p| to_usize(p.line()));
                out.rejected.push(Rejected { line, reason: format!("unreadable row: {e}") });
                continue;
            }
        };
        let line = record.position().map_or(last_line + 1, |p| to_usize(p.line()));
        last_line = line;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(cols) = &columns else {
            columns = Some(rows::Columns::resolve(mapping, Some(&record))?);
            continue;
        };
        data_rows += 1;
        let row = rows::read(&record, cols, mapping, minor_digits);
        if !matches!(row, rows::Row::MissingColumn(_)) {
            mapped_rows += 1;
        }
        match row {
            rows::Row::MissingColumn(reason) | rows::Row::Bad(reason) => out.rejected.push(Rejected { line, reason }),
            rows::Row::Line { date, amount_minor, payee, memo } => {
                let count = seen.entry((date, amount_minor, payee.clone())).or_insert(0);
                out.lines.push(StatementLine { line, date, amount_minor, payee, memo, fitid: None, occurrence: *count });
                *count = count.saturating_add(1);
            }
        }
    }
    if data_rows > 0 && mapped_rows == 0 {
        return Err(FormatError::NotMappedCsv(" (no row has them)".into()));
    }
    Ok(out)
}

/// A csv line number as `usize` (saturating).
fn to_usize(line: u64) -> usize {
    usize::try_from(line).unwrap_or(usize::MAX)
}
