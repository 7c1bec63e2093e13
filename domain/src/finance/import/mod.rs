//! Bank-file import parsers: an OFX/QFX (1.x SGML or 2.x XML) or CSV statement file of one
//! account, as bytes, to dated signed amounts in minor units (`Statement`), with the entries
//! that could not be read listed by line (`Rejected`) and a whole-file refusal (`FormatError`)
//! when the file is not the format at all.
//!
//! Pure: no I/O, no clock; never a float for money (see `amount`); never panics on any input
//! (fuzzed). It does not match, categorise or deduplicate against the ledger — the importer does,
//! using `fitid` (OFX) or (`date`, `amount_minor`, `payee`, `occurrence`) (CSV).

mod amount;
mod csv;
mod csv_rows;
mod ofx;
mod ofx_lex;

#[cfg(test)]
mod csv_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod ofx_tests;

pub use self::amount::parse_amount;
pub use self::csv::{parse_csv, CsvAmount, CsvColumn, CsvMapping};
pub use self::ofx::parse_ofx;

use chrono::NaiveDate;

/// One entry of a statement file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// 1-based line number in the file where this entry starts (CSV record line, OFX line of
    /// `<STMTTRN>`).
    pub line: usize,
    /// The date the bank posted the entry (the date part as written, no time-zone shift).
    pub date: NaiveDate,
    /// Signed amount in minor units of the statement currency (money into the account positive).
    pub amount_minor: i64,
    /// Who was paid or paid (may be empty).
    pub payee: String,
    /// The bank's free text (may be empty).
    pub memo: String,
    /// OFX FITID (the bank's unique id for the entry); `None` for CSV.
    pub fitid: Option<String>,
    /// CSV: how many earlier lines of this same file have the same (`date`, `amount_minor`,
    /// `payee`) — 0 for the first. OFX: 0.
    pub occurrence: u32,
}

/// An entry that could not be read; the rest of the file still is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based line number where the entry starts.
    pub line: usize,
    /// Why, for a person (e.g. `bad date "31/02/2024": expected format %d/%m/%Y`).
    pub reason: String,
}

/// What a statement file holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    /// The entries read, in file order.
    pub lines: Vec<StatementLine>,
    /// The entries not read, in file order.
    pub rejected: Vec<Rejected>,
    /// OFX `<CURDEF>` if present (ISO 4217 text as found, upper-cased); CSV: `None`.
    pub currency: Option<String>,
    /// OFX `<LEDGERBAL>`: the balance in minor units and its `DTASOF` date, if present and
    /// readable (an unreadable one is listed in `rejected`); CSV: `None`.
    pub balance: Option<(i64, NaiveDate)>,
}

/// The file is not the format at all: refused whole, nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// No `<OFX>` element.
    #[error("this is not an OFX/QFX file (no <OFX> element found)")]
    NotOfx,
    /// An OFX file without a bank or credit-card statement (e.g. investments only).
    #[error("this OFX file has no bank or credit-card statement (only those can be imported)")]
    NoStatement,
    /// An OFX file with statements of several accounts.
    #[error("this OFX file holds statements of {0} accounts; export and import one account at a time")]
    SeveralStatements(usize),
    /// A CSV file that is not UTF-8 text.
    #[error("this CSV file is not UTF-8 text (invalid byte at offset {0}); export or save it as UTF-8")]
    NotUtf8(usize),
    /// The mapping names a column the header row does not have.
    #[error("the column {name:?} is not in the header row (found: {found})")]
    ColumnNotInHeader {
        /// The column name asked for.
        name: String,
        /// The header row's names, comma-separated.
        found: String,
    },
    /// The mapping itself cannot be used (e.g. a bad date format).
    #[error("the CSV mapping cannot be used: {0}")]
    BadMapping(String),
    /// The csv reader could not split the first record, or no row has the mapped columns.
    #[error("this does not look like a CSV with the mapped columns{0}")]
    NotMappedCsv(String),
}
