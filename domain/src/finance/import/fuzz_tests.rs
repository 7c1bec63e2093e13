//! Tests of `parse_amount` (examples and an exact round-trip property) and proptest fuzzing of
//! both parsers: arbitrary bytes and OFX-ish token soups must never panic. Never reads files.

use proptest::prelude::*;

use super::{parse_amount, parse_csv, parse_ofx, CsvAmount, CsvColumn, CsvMapping};

#[test]
fn amounts_parse_exactly_or_say_why() {
    // Given amount texts, when parsed, then they are exact minor units or a reason.
    let ok = [
        ("12.5", '.', 2, 1250),
        ("12.500", '.', 2, 1250),
        ("-0.01", '.', 2, -1),
        ("1.234,56", ',', 2, 123_456),
        ("1 234,56", ',', 2, 123_456),
        ("1'234.56", '.', 2, 123_456),
        ("(7)", '.', 0, -7),
        ("7-", '.', 3, -7000),
        ("−3.2 EUR", '.', 1, -32),
        (".5", '.', 1, 5),
        ("0", '.', 40, 0),
        ("-9223372036854775808", '.', 0, i64::MIN),
        ("92233720368547758.07", '.', 2, i64::MAX),
    ];
    for (text, sep, digits, want) in ok {
        assert_eq!(parse_amount(text, sep, digits), Ok(want), "{text:?}");
    }
    let bad = [
        ("12.505", "more decimal places than the currency has (2)"),
        ("", "empty amount"),
        ("EUR", "no number"),
        ("1.2.3", "not an amount"),
        ("--1", "more than one sign"),
        ("(1", "unbalanced parentheses"),
        ("-(1)", "both a sign and parentheses"),
        ("1e5", "not an amount"),
        ("92233720368547758.08", "out of range"),
        ("99999999999999999999999999999999999999999999", "out of range"),
    ];
    for (text, why) in bad {
        let got = parse_amount(text, '.', 2);
        assert!(got.as_ref().is_err_and(|e| e.contains(why)), "{text:?}: {got:?}");
    }
}

/// `value` written with `digits` decimals, `decimal` as the point and `group` (if any) every
/// three integer digits.
fn write_amount(value: i64, digits: u32, decimal: char, group: Option<char>) -> String {
    let magnitude = i128::from(value).abs().to_string();
    let width = usize::try_from(digits).unwrap_or(0);
    let padded = format!("{magnitude:0>w$}", w = width + 1);
    let (int, frac) = padded.split_at(padded.len() - width);
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if let (Some(g), true) = (group, i > 0 && (int.len() - i) % 3 == 0) {
            grouped.push(g);
        }
        grouped.push(c);
    }
    let sign = if value < 0 { "-" } else { "" };
    if digits == 0 { format!("{sign}{grouped}") } else { format!("{sign}{grouped}{decimal}{frac}") }
}

/// OFX-ish fragments to build token soups from.
fn ofx_token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<OFX>", "</OFX>", "<BANKMSGSRSV1>", "</BANKMSGSRSV1>", "<CREDITCARDMSGSRSV1>", "<STMTRS>", "<BANKTRANLIST>",
        "</BANKTRANLIST>", "<STMTTRN>", "</STMTTRN>", "<DTPOSTED>", "20240131", "20241301", "120000.000[-5:EST]", "[+1",
        "<TRNAMT>", "-12.34", "1,5", "99999999999999999999", "<FITID>", "A1", "<NAME>", "<PAYEE>", "</PAYEE>", "<MEMO>",
        "<CURDEF>", "usd", "<LEDGERBAL>", "</LEDGERBAL>", "<BALAMT>", "<DTASOF>", "&amp;", "&#", "&#x110000;", "&#233;", ";",
        "<", ">", "/>", "</", "\n", "\r", " ", "é", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>", "OFXHEADER:100",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn an_amount_written_from_an_i64_parses_back(value in any::<i64>(), digits in 0u32..=6, comma in any::<bool>(), grouped in any::<bool>()) {
        let (decimal, thousands) = if comma { (',', '.') } else { ('.', ',') };
        let text = write_amount(value, digits, decimal, grouped.then_some(thousands));
        prop_assert_eq!(parse_amount(&text, decimal, digits), Ok(value), "{}", text);
    }

    #[test]
    fn parse_amount_never_panics(text in "\\PC{0,40}", digits in 0u32..50) {
        let _ = parse_amount(&text, '.', digits);
        let _ = parse_amount(&text, ',', digits);
    }

    #[test]
    fn arbitrary_bytes_never_panic_either_parser(bytes in prop::collection::vec(any::<u8>(), 0..600), digits in 0u32..4) {
        let _ = parse_ofx(&bytes, digits);
        let by_index = CsvMapping { payee: Some(CsvColumn::Index(2)), has_header: false, ..CsvMapping::new(CsvColumn::Index(0), CsvAmount::Single(CsvColumn::Index(1))) };
        let _ = parse_csv(&bytes, &by_index, digits);
        let debit_credit = CsvMapping::new(CsvColumn::Index(0), CsvAmount::DebitCredit { debit: CsvColumn::Index(1), credit: CsvColumn::Index(2) });
        let _ = parse_csv(&bytes, &debit_credit, digits);
    }

    #[test]
    fn csv_ish_text_never_panics(text in "[0-9a-z,;.\"\\-() \n€]{0,300}", semicolon in any::<bool>()) {
        let mapping = CsvMapping {
            delimiter: if semicolon { b';' } else { b',' },
            has_header: false,
            ..CsvMapping::new(CsvColumn::Index(0), CsvAmount::Single(CsvColumn::Index(1)))
        };
        let _ = parse_csv(text.as_bytes(), &mapping, 2);
    }

    #[test]
    fn ofx_token_soups_never_panic(tokens in prop::collection::vec(ofx_token(), 0..200), digits in 0u32..4) {
        let text = tokens.concat();
        if let Ok(s) = parse_ofx(text.as_bytes(), digits) {
            let lines = 1 + text.matches(['\n', '\r']).count();
            prop_assert!(s.lines.iter().all(|l| l.line >= 1 && l.line <= lines && l.fitid.is_some()));
            prop_assert!(s.rejected.iter().all(|r| r.line >= 1 && r.line <= lines));
        }
    }
}
