//! Binary `COPY … FROM STDIN` of rows into tables nobody reads yet — a blue/green rebuild's
//! private tables — so a batch costs neither a JSON encode here nor a JSON parse and a text
//! input function per value in PostgreSQL. Each value is encoded from its JSON form by the
//! column's declared SQL type, exactly as PostgreSQL's own input of that JSON would store it;
//! a value that cannot be encoded so (an unexpected JSON shape, a timestamp with more than
//! microsecond precision, a number in exponent form, a NUL in text) is refused
//! ([`Unencodable`]) and the caller writes that batch the ordinary way.
//!
//! Must never be used on live tables: COPY has no `ON CONFLICT` and no version guard, so it
//! only suits rows that cannot exist yet.

use chrono::{DateTime, NaiveDate};
use lifeos_domain::kind::SqlType;
use serde_json::Value;
use sqlx::PgConnection;

/// A value this encoder does not write exactly as PostgreSQL would parse it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: value not encodable for binary COPY as {sql:?}")]
pub struct Unencodable {
    pub column: &'static str,
    pub sql: SqlType,
}

/// The rows of one table, encoded in PostgreSQL's binary COPY format.
pub struct CopyRows {
    columns: Vec<(&'static str, SqlType)>,
    data: Vec<u8>,
    rows: usize,
}

/// Microseconds and days from the Unix epoch to PostgreSQL's (2000-01-01).
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;
const PG_EPOCH_DAYS: i64 = 10_957;
const TEXT_OID: i32 = 25;
const JSONB_VERSION: u8 = 1;
/// Bytes sent per COPY data message.
const CHUNK: usize = 1 << 20;

impl CopyRows {
    pub fn new(columns: Vec<(&'static str, SqlType)>) -> Self {
        let mut data = Vec::with_capacity(64 * 1024);
        data.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
        data.extend_from_slice(&0i32.to_be_bytes()); // flags
        data.extend_from_slice(&0i32.to_be_bytes()); // header extension length
        Self { columns, data, rows: 0 }
    }

    /// Appends one row; `value(column)` is the JSON value of a column (`None` or JSON null:
    /// SQL NULL, as `jsonb_populate_recordset` has it). On a refusal the buffer is left
    /// unusable: drop it and write the batch the ordinary way.
    pub fn push<'v>(&mut self, mut value: impl FnMut(&str) -> Option<&'v Value>) -> Result<(), Unencodable> {
        self.tuple_header(self.columns.len());
        for index in 0..self.columns.len() {
            let (column, sql) = self.columns[index];
            let written = match value(column) {
                None | Some(Value::Null) => {
                    self.data.extend_from_slice(&(-1i32).to_be_bytes());
                    Some(())
                }
                Some(v) => self.field(|out| encode(out, sql, v)),
            };
            written.ok_or_else(|| self.refusal(index))?;
        }
        self.rows += 1;
        Ok(())
    }

    /// Appends one row of typed values, one per column in order (for rows a projection builds
    /// itself rather than folds from JSON).
    pub fn push_fields(&mut self, fields: &[Field<'_>]) -> Result<(), Unencodable> {
        self.tuple_header(fields.len());
        for (index, field) in fields.iter().enumerate() {
            let written = self.field(|out| match field {
                Field::Text(s) => text(out, s),
                Field::BigInt(n) => {
                    out.extend_from_slice(&n.to_be_bytes());
                    Some(())
                }
                Field::Timestamptz(s) => timestamptz(out, s),
            });
            written.ok_or_else(|| self.refusal(index))?;
        }
        self.rows += 1;
        Ok(())
    }

    fn tuple_header(&mut self, fields: usize) {
        self.data.extend_from_slice(&i16::try_from(fields).unwrap_or(i16::MAX).to_be_bytes());
    }

    /// One length-prefixed value, written by `write`.
    fn field(&mut self, write: impl FnOnce(&mut Vec<u8>) -> Option<()>) -> Option<()> {
        let start = self.data.len();
        self.data.extend_from_slice(&0i32.to_be_bytes());
        write(&mut self.data)?;
        let length = i32::try_from(self.data.len() - start - 4).ok()?;
        self.data[start..start + 4].copy_from_slice(&length.to_be_bytes());
        Some(())
    }

    fn refusal(&self, index: usize) -> Unencodable {
        let (column, sql) = self.columns.get(index).copied().unwrap_or(("?", SqlType::Text));
        Unencodable { column, sql }
    }

    /// Copies the rows into `table` (resolved by the connection's `search_path`).
    pub async fn send(mut self, conn: &mut PgConnection, table: &str) -> Result<u64, sqlx::Error> {
        if self.rows == 0 {
            return Ok(0);
        }
        self.data.extend_from_slice(&(-1i16).to_be_bytes()); // trailer
        let list = self.columns.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
        let mut copy = conn.copy_in_raw(&format!("COPY {table} ({list}) FROM STDIN (FORMAT binary)")).await?;
        for chunk in self.data.chunks(CHUNK) {
            if let Err(e) = copy.send(chunk).await {
                let _ = copy.abort("send failed").await;
                return Err(e);
            }
        }
        copy.finish().await
    }
}

/// A value of [`CopyRows::push_fields`].
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Text(&'a str),
    BigInt(i64),
    /// RFC 3339.
    Timestamptz(&'a str),
}

/// Appends `value`'s binary form as `sql`; `None` when it has no exact one.
fn encode(out: &mut Vec<u8>, sql: SqlType, value: &Value) -> Option<()> {
    match (sql, value) {
        (SqlType::Text, Value::String(s)) => text(out, s)?,
        (SqlType::Boolean, Value::Bool(b)) => out.push(u8::from(*b)),
        (SqlType::Integer, Value::Number(n)) => out.extend_from_slice(&i32::try_from(n.as_i64()?).ok()?.to_be_bytes()),
        (SqlType::BigInt, Value::Number(n)) => out.extend_from_slice(&n.as_i64()?.to_be_bytes()),
        (SqlType::Double, Value::Number(n)) => out.extend_from_slice(&n.as_f64()?.to_be_bytes()),
        (SqlType::Numeric, Value::Number(n)) => numeric(out, &n.to_string())?,
        // Decimals travel as strings (rust_decimal's form): PostgreSQL parses the text.
        (SqlType::Numeric, Value::String(s)) => numeric(out, s)?,
        (SqlType::Double, Value::String(s))
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b".eE+-".contains(&b)) =>
        {
            out.extend_from_slice(&s.parse::<f64>().ok().filter(|v| v.is_finite())?.to_be_bytes());
        }
        (SqlType::Timestamptz, Value::String(s)) => timestamptz(out, s)?,
        (SqlType::Date, Value::String(s)) if s.len() == 10 => {
            let days = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?.signed_duration_since(NaiveDate::default()).num_days();
            out.extend_from_slice(&i32::try_from(days - PG_EPOCH_DAYS).ok()?.to_be_bytes());
        }
        (SqlType::TextArray, Value::Array(items)) => {
            let strings: Vec<&str> = items.iter().map(Value::as_str).collect::<Option<_>>()?;
            let dimensions = i32::from(!strings.is_empty());
            for header in [dimensions, 0, TEXT_OID] {
                out.extend_from_slice(&header.to_be_bytes());
            }
            if !strings.is_empty() {
                out.extend_from_slice(&i32::try_from(strings.len()).ok()?.to_be_bytes());
                out.extend_from_slice(&1i32.to_be_bytes()); // lower bound
            }
            for s in strings {
                out.extend_from_slice(&i32::try_from(s.len()).ok()?.to_be_bytes());
                text(out, s)?;
            }
        }
        (SqlType::Jsonb, v) => {
            out.push(JSONB_VERSION);
            serde_json::to_writer(&mut *out, v).ok()?;
        }
        _ => return None,
    }
    Some(())
}

/// An RFC 3339 timestamp as microseconds since 2000-01-01 UTC.
fn timestamptz(out: &mut Vec<u8>, s: &str) -> Option<()> {
    let at = DateTime::parse_from_rfc3339(s).ok()?;
    if at.timestamp_subsec_nanos() % 1_000 != 0 {
        return None; // PostgreSQL would round to the microsecond
    }
    out.extend_from_slice(&at.timestamp_micros().checked_sub(PG_EPOCH_MICROS)?.to_be_bytes());
    Some(())
}

/// Text as UTF-8 (which a `str` is); PostgreSQL text cannot hold NUL.
fn text(out: &mut Vec<u8>, s: &str) -> Option<()> {
    if s.contains('\0') {
        return None;
    }
    out.extend_from_slice(s.as_bytes());
    Some(())
}

/// A plain decimal (`-12.3400`, no exponent) as PostgreSQL's binary numeric: base-10000 digit
/// groups around the point, with the weight of the first and the display scale (the receiving
/// side strips leading and trailing zero groups).
fn numeric(out: &mut Vec<u8>, decimal: &str) -> Option<()> {
    let (negative, unsigned) = decimal.strip_prefix('-').map_or((false, decimal), |rest| (true, rest));
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let lead = (4 - whole.len() % 4) % 4;
    let trail = (4 - fraction.len() % 4) % 4;
    let digits: Vec<u8> = std::iter::repeat_n(b'0', lead)
        .chain(whole.bytes())
        .chain(fraction.bytes())
        .chain(std::iter::repeat_n(b'0', trail))
        .map(|b| b - b'0')
        .collect();
    let groups: Vec<i16> = digits.chunks(4).map(|g| g.iter().fold(0i16, |n, d| n * 10 + i16::from(*d))).collect();
    let weight = i16::try_from((lead + whole.len()) / 4).ok()? - 1;
    out.extend_from_slice(&i16::try_from(groups.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&weight.to_be_bytes());
    out.extend_from_slice(&(if negative { 0x4000u16 } else { 0 }).to_be_bytes());
    out.extend_from_slice(&u16::try_from(fraction.len()).ok()?.to_be_bytes());
    for group in groups {
        out.extend_from_slice(&group.to_be_bytes());
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn encoded(sql: SqlType, value: Value) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        encode(&mut out, sql, &value).map(|()| out)
    }

    fn be16(values: &[i16]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_be_bytes()).collect()
    }

    #[test]
    fn timestamps_are_microseconds_since_2000_and_finer_ones_are_refused() {
        assert_eq!(encoded(SqlType::Timestamptz, json!("2000-01-01T00:00:00Z")), Some(0i64.to_be_bytes().to_vec()));
        assert_eq!(encoded(SqlType::Timestamptz, json!("2000-01-01T01:00:00.000001+01:00")), Some(1i64.to_be_bytes().to_vec()));
        assert_eq!(encoded(SqlType::Timestamptz, json!("2026-01-01T00:00:00.123456789Z")), None);
        assert_eq!(encoded(SqlType::Timestamptz, json!("yesterday")), None);
    }

    #[test]
    fn dates_integers_and_texts_take_their_exact_forms_or_are_refused() {
        assert_eq!(encoded(SqlType::Date, json!("2000-01-02")), Some(1i32.to_be_bytes().to_vec()));
        assert_eq!(encoded(SqlType::Date, json!("1999-12-31")), Some((-1i32).to_be_bytes().to_vec()));
        assert_eq!(encoded(SqlType::Integer, json!(5_000_000_000i64)), None);
        assert_eq!(encoded(SqlType::Integer, json!(1.5)), None);
        assert_eq!(encoded(SqlType::Text, json!(5)), None);
        assert_eq!(encoded(SqlType::Text, json!("a\u{0}b")), None);
        assert_eq!(encoded(SqlType::Jsonb, json!({"a": 1})), Some([&[1u8][..], br#"{"a":1}"#].concat()));
    }

    #[test]
    fn text_arrays_carry_dimensions_and_an_empty_one_has_none() {
        let empty = encoded(SqlType::TextArray, json!([])).unwrap_or_default();
        assert_eq!(empty, [0i32, 0, TEXT_OID].iter().flat_map(|v| v.to_be_bytes()).collect::<Vec<_>>());
        let two = encoded(SqlType::TextArray, json!(["a", "bc"])).unwrap_or_default();
        let mut want: Vec<u8> = [1i32, 0, TEXT_OID, 2, 1, 1].iter().flat_map(|v| v.to_be_bytes()).collect();
        want.push(b'a');
        want.extend_from_slice(&2i32.to_be_bytes());
        want.extend_from_slice(b"bc");
        assert_eq!(two, want);
        assert_eq!(encoded(SqlType::TextArray, json!(["a", null])), None);
    }

    #[test]
    fn numerics_are_base_10000_groups_around_the_point() {
        // 12345.678 = 1 | 2345 . 6780, weight 1, scale 3
        assert_eq!(encoded(SqlType::Numeric, json!(12345.678)), Some(be16(&[3, 1, 0, 3, 1, 2345, 6780])));
        assert_eq!(encoded(SqlType::Numeric, json!(-7)), Some(be16(&[1, 0, 0x4000, 0, 7])));
        let mut out = Vec::new();
        assert_eq!(numeric(&mut out, "0.0001"), Some(()));
        assert_eq!(out, be16(&[2, 0, 0, 4, 0, 1]));
        assert_eq!(numeric(&mut Vec::new(), "1e21"), None);
    }

    #[test]
    fn a_row_writes_nulls_for_missing_and_null_values() -> Result<(), Unencodable> {
        let mut rows = CopyRows::new(vec![("a", SqlType::Text), ("b", SqlType::BigInt)]);
        let a = json!("x");
        rows.push(|c| (c == "a").then_some(&a))?;
        assert_eq!(rows.rows, 1);
        let tuple = &rows.data[19..];
        assert_eq!(tuple, [&2i16.to_be_bytes()[..], &1i32.to_be_bytes(), b"x", &(-1i32).to_be_bytes()].concat());
        let five = json!("five");
        assert_eq!(rows.push(|_| Some(&five)), Err(Unencodable { column: "b", sql: SqlType::BigInt }));
        Ok(())
    }
}
