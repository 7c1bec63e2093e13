//! Tests of `parse_csv` and `CsvMapping`'s JSON on inline fixtures: header and index columns,
//! debit/credit, European numbers, negatives, BOM, occurrences, rejections and refusals.
//! Fixtures only; never reads files.

use chrono::NaiveDate;

use super::{parse_csv, CsvAmount, CsvColumn, CsvMapping, FormatError, Statement};

fn header(name: &str) -> CsvColumn {
    CsvColumn::Header(name.into())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn parse(text: &str, mapping: &CsvMapping) -> Statement {
    parse_csv(text.as_bytes(), mapping, 2).expect("a CSV file")
}

/// Date, payee, amount, memo by header name.
fn by_header() -> CsvMapping {
    CsvMapping { payee: Some(header(" PAYEE ")), memo: Some(header("memo")), ..CsvMapping::new(header("date"), CsvAmount::Single(header("Amount"))) }
}

/// (line, date, amount, payee, occurrence) of each line.
fn summary(s: &Statement) -> Vec<(usize, NaiveDate, i64, &str, u32)> {
    s.lines.iter().map(|l| (l.line, l.date, l.amount_minor, l.payee.as_str(), l.occurrence)).collect()
}

#[test]
fn header_named_columns_read_rows_and_reject_bad_ones() {
    // Given a CSV with a header row, a blank row, a multi-line quoted memo and bad rows,
    let text = "Date,Payee,Amount,Memo\n2024-01-02,Coffee,-3.50,latte\n,,,\n2024-01-03,Shop,12.5,\"two\nlines\"\n03.01.2024,Bad date,1.00,\n2024-01-04,Bad amount,1.005,\n2024-01-05,Short\n";
    // when parsed by header names (case-insensitive, trimmed),
    let s = parse(text, &by_header());
    // then good rows are lines with their record's line number, empty rows are skipped,
    assert_eq!(summary(&s), vec![(2, date(2024, 1, 2), -350, "Coffee", 0), (4, date(2024, 1, 3), 1250, "Shop", 0)]);
    assert_eq!(s.lines[1].memo, "two\nlines");
    assert_eq!(s.lines[0].fitid, None);
    // and bad rows are rejected by line with a reason naming what was expected.
    let rejected: Vec<_> = s.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(rejected.iter().map(|r| r.0).collect::<Vec<_>>(), vec![6, 7, 8]);
    assert!(rejected[0].1.contains("expected format %Y-%m-%d"), "{rejected:?}");
    assert!(rejected[1].1.contains("more decimal places"), "{rejected:?}");
    assert!(rejected[2].1.contains("missing the amount column"), "{rejected:?}");
    assert_eq!(s.currency, None);
}

#[test]
fn index_columns_semicolons_and_european_numbers() {
    // Given a headerless `;` file with `,` decimals, `.` thousands and a euro sign,
    let text = "31.01.2024;Miete;-1.234,56\n01.02.2024;\"Gehalt; Jan\";\"2.500,00 €\"\n02.02.2024;Bäcker;-0,5\n";
    let mapping = CsvMapping {
        payee: Some(CsvColumn::Index(1)),
        date_format: "%d.%m.%Y".into(),
        decimal_separator: ',',
        delimiter: b';',
        has_header: false,
        ..CsvMapping::new(CsvColumn::Index(0), CsvAmount::Single(CsvColumn::Index(2)))
    };
    // when parsed, then the amounts are exact minor units.
    let s = parse(text, &mapping);
    assert_eq!(summary(&s), vec![
        (1, date(2024, 1, 31), -123_456, "Miete", 0),
        (2, date(2024, 2, 1), 250_000, "Gehalt; Jan", 0),
        (3, date(2024, 2, 2), -50, "Bäcker", 0),
    ]);
}

#[test]
fn debit_and_credit_columns() {
    // Given debit/credit columns (one filled, or the other 0.00), both filled, neither filled,
    let text = "Date,Description,Debit,Credit\n2024-01-02,Coffee,3.50,\n2024-01-03,Salary,,2000.00\n2024-01-04,Both,1,2\n2024-01-05,Neither,,\n2024-01-06,Zero,4.00,0.00\n2024-01-07,Trailing,9\n";
    let mapping = CsvMapping { payee: Some(header("description")), ..CsvMapping::new(header("date"), CsvAmount::DebitCredit { debit: header("debit"), credit: header("credit") }) };
    // when parsed, then debits are negative, credits positive, and the ambiguous rows rejected.
    let s = parse(text, &mapping);
    let amounts: Vec<_> = s.lines.iter().map(|l| (l.payee.as_str(), l.amount_minor)).collect();
    assert_eq!(amounts, vec![("Coffee", -350), ("Salary", 200_000), ("Zero", -400), ("Trailing", -900)]);
    let reasons: Vec<_> = s.rejected.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(reasons, vec![(4, "both debit and credit are filled"), (5, "neither debit nor credit is filled")]);
}

#[test]
fn negatives_signs_and_currency_symbols() {
    // Given amounts with parentheses, symbols, codes, trailing minus and a plus,
    let text = "Date,Amount\n2024-01-01,(12.34)\n2024-01-01,\"$1,000.00\"\n2024-01-01,12.00-\n2024-01-01,+5\n2024-01-01,EUR -3\n2024-01-01,£ (0.01)\n";
    let mapping = CsvMapping::new(header("date"), CsvAmount::Single(header("amount")));
    // when parsed, then each reads exactly, and `negate` flips them all.
    let amounts = |s: Statement| s.lines.iter().map(|l| l.amount_minor).collect::<Vec<_>>();
    assert_eq!(amounts(parse(text, &mapping)), vec![-1234, 100_000, -1200, 500, -300, -1]);
    assert_eq!(amounts(parse(text, &CsvMapping { negate: true, ..mapping })), vec![1234, -100_000, 1200, -500, 300, 1]);
}

#[test]
fn bom_is_dropped_and_identical_rows_count_occurrences() {
    // Given a BOM before the header and two identical coffee purchases on one day,
    let text = "\u{feff}Date,Payee,Amount\n2024-01-02,Coffee,-3.50\n2024-01-02,Coffee,-3.50\n2024-01-02,Tea,-3.50\n2024-01-02, Coffee ,-3.5\n";
    // when parsed, then the header still matches and the repeats are occurrences 0, 1, 2.
    let s = parse(text, &CsvMapping { payee: Some(header("payee")), ..CsvMapping::new(header("Date"), CsvAmount::Single(header("amount"))) });
    let occurrences: Vec<_> = s.lines.iter().map(|l| (l.payee.as_str(), l.occurrence)).collect();
    assert_eq!(occurrences, vec![("Coffee", 0), ("Coffee", 1), ("Tea", 0), ("Coffee", 2)]);
}

#[test]
fn files_that_do_not_fit_the_mapping_are_refused() {
    // Given a header without the named column, then ColumnNotInHeader lists what was found.
    let err = parse_csv(b"Datum,Betrag\n2024-01-01,1\n", &by_header(), 2).err();
    assert_eq!(err, Some(FormatError::ColumnNotInHeader { name: "date".into(), found: "Datum, Betrag".into() }));
    // Given random text, with named or with index columns, then it is refused.
    let prose = "Lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n";
    assert!(matches!(parse_csv(prose.as_bytes(), &by_header(), 2), Err(FormatError::ColumnNotInHeader { .. })));
    let by_index = CsvMapping { has_header: false, ..CsvMapping::new(CsvColumn::Index(0), CsvAmount::Single(CsvColumn::Index(1))) };
    let err = parse_csv(prose.as_bytes(), &by_index, 2).err();
    assert_eq!(err, Some(FormatError::NotMappedCsv(" (no row has them)".into())));
    assert!(err.is_some_and(|e| e.to_string().starts_with("this does not look like a CSV with the mapped columns")));
    // Given bytes that are not UTF-8, then NotUtf8 says where.
    assert_eq!(parse_csv(b"Date,Amount\n2024-01-01,\xe9\n", &by_header(), 2).err(), Some(FormatError::NotUtf8(23)));
    // Given a named column but no header row, or a bad date format, then the mapping is refused.
    assert!(matches!(parse_csv(b"", &CsvMapping { has_header: false, ..by_header() }, 2), Err(FormatError::BadMapping(_))));
    assert!(matches!(parse_csv(b"", &CsvMapping { date_format: "%Q".into(), ..by_header() }, 2), Err(FormatError::BadMapping(_))));
}

#[test]
fn no_data_rows_is_an_empty_statement() {
    // Given an empty file, or a header only, when parsed, then the statement is empty.
    for text in ["", "Date,Payee,Amount,Memo\n", "\n\n"] {
        let s = parse(text, &by_header());
        assert!(s.lines.is_empty() && s.rejected.is_empty(), "{text:?}");
    }
}

#[test]
fn mapping_reads_from_json() {
    // Given the HTTP layer's JSON, when deserialized, then numbers are indexes, strings names.
    let json = r#"{"date": "Datum", "amount": {"column": 2}, "payee": 1, "dateFormat": "%d.%m.%Y", "decimalSeparator": ",", "delimiter": ";"}"#;
    let mapping: CsvMapping = serde_json::from_str(json).expect("a mapping");
    assert_eq!(mapping, CsvMapping {
        payee: Some(CsvColumn::Index(1)),
        date_format: "%d.%m.%Y".into(),
        decimal_separator: ',',
        delimiter: b';',
        ..CsvMapping::new(header("Datum"), CsvAmount::Single(CsvColumn::Index(2)))
    });
    let dc: CsvMapping = serde_json::from_str(r#"{"date": 0, "amount": {"debit": "Out", "credit": "In"}, "hasHeader": true, "negate": false}"#).expect("a mapping");
    assert_eq!(dc.amount, CsvAmount::DebitCredit { debit: header("Out"), credit: header("In") });
    // and it writes back the same shape.
    let back: CsvMapping = serde_json::from_value(serde_json::to_value(&mapping).expect("json")).expect("a mapping");
    assert_eq!(back, mapping);
    // Unknown fields are refused, in the mapping and in the amount.
    assert!(serde_json::from_str::<CsvMapping>(r#"{"date": 0, "amount": {"column": 1}, "colour": 1}"#).is_err());
    assert!(serde_json::from_str::<CsvMapping>(r#"{"date": 0, "amount": {"column": 1, "debit": 2}}"#).is_err());
    assert!(serde_json::from_str::<CsvMapping>(r#"{"date": 0, "amount": {"column": 1}, "delimiter": ";;"}"#).is_err());
}
