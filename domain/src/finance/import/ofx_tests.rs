//! Tests of `parse_ofx` on inline fixtures: SGML 1.x bank, XML 2.x credit card, Latin-1,
//! currency exponents, rejections and whole-file refusals. Fixtures only; never reads files.

use chrono::NaiveDate;

use super::{parse_ofx, FormatError, Statement};

const SGML_BANK: &str = "OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
CHARSET:1252

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240131120000[-5:EST]</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1>
<STMTTRNRS>
<TRNUID>1
<STMTRS>
<CURDEF>usd
<BANKACCTFROM><BANKID>123456789<ACCTID>000111222<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST>
<DTSTART>20240101<DTEND>20240131
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>20240105120000.000[-5:EST]
<TRNAMT>-12.34
<FITID>A1
<NAME>AT&amp;T Wireless
<MEMO>Bill &lt;Jan&gt; &#233;t&#xE9; &quot;x&quot;
</STMTTRN>
<STMTTRN>
<TRNTYPE>CREDIT
<DTPOSTED>20240110
<TRNAMT>1500.00
<FITID>A2
<PAYEE>
<NAME>ACME Payroll
<ADDR1>1 Main St
</PAYEE>
</STMTTRN>
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>2024-01-12
<TRNAMT>-3.50
<FITID>A3
<NAME>Coffee
</STMTTRN>
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>20240113
<TRNAMT>-3.505
<NAME>Tea
</STMTTRN>
<STMTTRN>
<DTPOSTED>20240114
<TRNAMT>-1
<FITID>A1
</STMTTRN>
<STMTTRN>
<DTPOSTED>20240115[+1]
<TRNAMT>-7,5
<FITID>A4
<NAME>Bakery
</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL>
<BALAMT>1234.56
<DTASOF>20240131120000[-5:EST]
</LEDGERBAL>
<AVAILBAL>
<BALAMT>1000.00
<DTASOF>20240131
</AVAILBAL>
</STMTRS>
</STMTTRNRS>
</BANKMSGSRSV1>
</OFX>
";

const XML_CARD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20240301</DTSERVER></SONRS></SIGNONMSGSRSV1>
  <CREDITCARDMSGSRSV1>
    <CCSTMTTRNRS>
      <TRNUID>1</TRNUID>
      <CCSTMTRS>
        <CURDEF>EUR</CURDEF>
        <CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM>
        <BANKTRANLIST>
          <STMTTRN>
            <TRNTYPE>DEBIT</TRNTYPE>
            <DTPOSTED>20240203</DTPOSTED>
            <TRNAMT>-45.00</TRNAMT>
            <FITID>CC-1</FITID>
            <NAME>Caf&#233; &quot;Zur Post&quot;</NAME>
            <MEMO>Card &apos;1234&apos;</MEMO>
          </STMTTRN>
          <STMTTRN>
            <TRNTYPE>CREDIT</TRNTYPE>
            <DTPOSTED>20240205093000</DTPOSTED>
            <TRNAMT>100</TRNAMT>
            <FITID>CC-2</FITID>
            <MEMO/>
            <PAYEE>Refund Shop</PAYEE>
          </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL><BALAMT>-512.30</BALAMT><DTASOF>20240229</DTASOF></LEDGERBAL>
      </CCSTMTRS>
    </CCSTMTTRNRS>
  </CREDITCARDMSGSRSV1>
</OFX>
"#;

/// A minimal SGML bank statement around `body` (the STMTTRN aggregates).
fn bank(body: &str) -> String {
    format!("OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n<CURDEF>JPY\n<BANKTRANLIST>\n{body}</BANKTRANLIST>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n")
}

/// The 1-based line numbers of the `<STMTTRN>` start tags in `text`.
fn stmttrn_lines(text: &str) -> Vec<usize> {
    text.lines().enumerate().filter(|(_, l)| l.trim() == "<STMTTRN>").map(|(i, _)| i + 1).collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn parse(text: &str, digits: u32) -> Statement {
    parse_ofx(text.as_bytes(), digits).expect("an OFX file")
}

#[test]
fn sgml_bank_statement_reads_entries_entities_and_balance() {
    // Given an OFX 1.x SGML bank statement with six entries (one bad date, one bad amount
    // without FITID, one repeating a FITID), when it is parsed,
    let s = parse(SGML_BANK, 2);
    let at = stmttrn_lines(SGML_BANK);
    // then the good entries are lines with their start line, date part and exact amount,
    let got: Vec<_> = s.lines.iter().map(|l| (l.line, l.date, l.amount_minor, l.payee.as_str(), l.fitid.as_deref())).collect();
    assert_eq!(got, vec![
        (at[0], date(2024, 1, 5), -1234, "AT&T Wireless", Some("A1")),
        (at[1], date(2024, 1, 10), 150_000, "ACME Payroll", Some("A2")),
        (at[5], date(2024, 1, 15), -750, "Bakery", Some("A4")),
    ]);
    assert_eq!(s.lines[0].memo, "Bill <Jan> été \"x\"");
    assert!(s.lines.iter().all(|l| l.occurrence == 0));
    // and the others are rejected by line, with reasons.
    let rejected: Vec<_> = s.rejected.iter().map(|r| r.line).collect();
    assert_eq!(rejected, vec![at[2], at[3], at[4]]);
    assert!(s.rejected[0].reason.contains("bad DTPOSTED"), "{:?}", s.rejected[0]);
    assert!(s.rejected[1].reason.contains("missing FITID"), "{:?}", s.rejected[1]);
    assert!(s.rejected[1].reason.contains("more decimal places than the currency has"), "{:?}", s.rejected[1]);
    assert!(s.rejected[2].reason.contains("duplicate FITID in this file"), "{:?}", s.rejected[2]);
    assert_eq!(s.currency.as_deref(), Some("USD"));
    assert_eq!(s.balance, Some((123_456, date(2024, 1, 31))));
}

#[test]
fn xml_credit_card_statement_reads_closed_tags() {
    // Given an OFX 2.x XML credit-card statement, when parsed,
    let s = parse(XML_CARD, 2);
    // then both entries, the currency and the ledger balance are read.
    let got: Vec<_> = s.lines.iter().map(|l| (l.date, l.amount_minor, l.payee.as_str(), l.memo.as_str())).collect();
    assert_eq!(got, vec![
        (date(2024, 2, 3), -4500, "Café \"Zur Post\"", "Card '1234'"),
        (date(2024, 2, 5), 10_000, "Refund Shop", ""),
    ]);
    assert_eq!(s.lines[0].line, stmttrn_lines(XML_CARD)[0]);
    assert_eq!(s.lines[0].line, 12);
    assert!(s.rejected.is_empty(), "{:?}", s.rejected);
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.balance, Some((-51_230, date(2024, 2, 29))));
}

#[test]
fn latin1_file_is_decoded_byte_for_byte() {
    // Given an SGML file with CP1252 bytes (é, ü, €), when parsed,
    let mut bytes = b"OFXHEADER:100\nCHARSET:1252\n<OFX><BANKMSGSRSV1><STMTRS><BANKTRANLIST>\n<STMTTRN>\n<DTPOSTED>20240301\n<TRNAMT>-2.00\n<FITID>L1\n<NAME>Caf".to_vec();
    bytes.extend_from_slice(b"\xe9 M\xfcller\n<MEMO>\x80 2\n</STMTTRN></BANKTRANLIST></STMTRS></BANKMSGSRSV1></OFX>");
    let s = parse_ofx(&bytes, 2).expect("an OFX file");
    // then the text is read as Latin-1/CP1252.
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].payee, "Café Müller");
    assert_eq!(s.lines[0].memo, "€ 2");
}

#[test]
fn currency_exponents_decide_the_minor_units() {
    // Given JPY amounts (0 digits), when parsed,
    let s = parse(&bank("<STMTTRN><DTPOSTED>20240101<TRNAMT>-1200<FITID>1</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>-1200.00<FITID>2</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>-1200.5<FITID>3</STMTTRN>\n"), 0);
    // then whole yen read exactly, trailing zero decimals are fine and a fraction is rejected.
    assert_eq!(s.lines.iter().map(|l| l.amount_minor).collect::<Vec<_>>(), vec![-1200, -1200]);
    assert_eq!(s.rejected.len(), 1);
    assert_eq!(s.currency.as_deref(), Some("JPY"));
    // Given KWD amounts (3 digits), then fils are exact.
    let s = parse(&bank("<STMTTRN><DTPOSTED>20240101<TRNAMT>12.345<FITID>1</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>0.5<FITID>2</STMTTRN>\n"), 3);
    assert_eq!(s.lines.iter().map(|l| l.amount_minor).collect::<Vec<_>>(), vec![12_345, 500]);
}

#[test]
fn bad_entries_are_rejected_not_refused() {
    // Given entries with an overflowing amount, an impossible date, a missing amount, when parsed,
    let body = "<STMTTRN><DTPOSTED>20240101<TRNAMT>99999999999999999999<FITID>1</STMTTRN>\n<STMTTRN><DTPOSTED>20240230<TRNAMT>1<FITID>2</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<FITID>3</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>5<FITID>4</STMTTRN>\n";
    let s = parse(&bank(body), 2);
    // then each is rejected with its reason and the good one is still read.
    let reasons: Vec<_> = s.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].contains("out of range"));
    assert!(reasons[1].contains("no such date"));
    assert!(reasons[2].contains("missing TRNAMT"));
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].amount_minor, 500);
    assert_eq!(s.balance, None);
}

#[test]
fn unreadable_ledger_balance_is_reported() {
    // Given a LEDGERBAL with a bad amount, when parsed, then it is listed as rejected.
    let text = bank("").replace("</BANKTRANLIST>", "</BANKTRANLIST><LEDGERBAL><BALAMT>abc<DTASOF>20240101</LEDGERBAL>");
    let s = parse(&text, 2);
    assert_eq!(s.balance, None);
    assert!(s.rejected.first().is_some_and(|r| r.reason.starts_with("ledger balance not read")), "{:?}", s.rejected);
}

#[test]
fn files_that_are_not_ofx_are_refused() {
    // Given a CSV, an empty file, HTML and binary bytes, when parsed, then each is NotOfx.
    for bytes in [&b"Date,Amount\n2024-01-01,1.00\n"[..], b"", b"<html><body>OFX</body></html>", b"\x00\xff\xfe<\x01>"] {
        assert_eq!(parse_ofx(bytes, 2).err(), Some(FormatError::NotOfx), "{bytes:?}");
    }
    // Given an OFX with only an investment statement, then it is NoStatement.
    let invest = "<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>";
    assert_eq!(parse_ofx(invest.as_bytes(), 2).err(), Some(FormatError::NoStatement));
    // Given statements of two accounts, then the file is refused rather than merged.
    let two = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS></STMTRS></STMTTRNRS><STMTTRNRS><STMTRS></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    assert_eq!(parse_ofx(two.as_bytes(), 2).err(), Some(FormatError::SeveralStatements(2)));
    assert!(FormatError::NotOfx.to_string().contains("not an OFX"));
}

#[test]
fn empty_bank_statement_is_empty_not_refused() {
    // Given a statement without entries, when parsed, then it is an empty statement.
    let s = parse(&bank(""), 2);
    assert!(s.lines.is_empty() && s.rejected.is_empty());
}
