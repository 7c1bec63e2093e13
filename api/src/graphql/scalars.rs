//! The schema's custom scalars, each with a description and, where a specification exists, its
//! `@specifiedBy` URL: `DateTime` and `Date` (RFC 3339), `JSON` (RFC 8259), and the shared
//! domain value types (`lifeos_domain::values`) `Decimal`, `UtcOffset`, `TimeZone` and
//! `CurrencyCode`, each a string on the wire, parsed by the domain type's own rules so GraphQL
//! and sync payloads accept exactly the same texts.
//!
//! Must never: accept a JSON number for `Decimal` (floats must never reach a quantity),
//! validate differently from the domain type it wraps, or describe a scalar in Rust terms.

use async_graphql::{InputType, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, Utc};
use lifeos_domain::entity::FieldError;
use lifeos_domain::values;
use serde::{Deserialize, Serialize};

/// An instant (a `DateTime` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTime(pub chrono::DateTime<Utc>);

/// An instant in time: an RFC 3339 date-time string with an offset, e.g.
/// `"2026-12-01T10:00:00Z"` or `"2026-12-01T11:00:00+01:00"`. Answers are in UTC (`+00:00`),
/// with fractional seconds when the instant has them (microsecond precision is stored).
#[Scalar(name = "DateTime", specified_by_url = "https://scalars.graphql.org/andimarek/date-time")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => text.parse::<chrono::DateTime<Utc>>().map(Self).map_err(|_| {
                InputValueError::custom(format!("{text:?} is not an RFC 3339 date-time such as \"2026-12-01T10:00:00Z\""))
            }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339())
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    fn from(at: chrono::DateTime<Utc>) -> Self {
        Self(at)
    }
}

/// A calendar date (a `Date` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(pub NaiveDate);

/// A calendar date without a time or zone: an RFC 3339 full-date string `"YYYY-MM-DD"`, e.g.
/// `"2026-12-01"`, in the years 1 to 9999.
#[Scalar(name = "Date", specified_by_url = "https://scalars.graphql.org/andimarek/local-date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(Self)
                .ok_or_else(|| InputValueError::custom(format!("{text:?} is not a date such as \"2026-12-01\""))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// A 64-bit integer (a `Long` on the wire): money in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Long(pub i64);

/// A signed 64-bit integer (-9223372036854775808 to 9223372036854775807) as a JSON number,
/// e.g. an amount of money in the currency's minor units (`1250` for 12.50 EUR). GraphQL's
/// `Int` holds only 32 bits. Also read from a string of digits, for clients whose numbers
/// cannot hold 64 bits exactly (JavaScript's are exact up to 2^53).
#[Scalar(name = "Long")]
impl ScalarType for Long {
    fn parse(value: Value) -> InputValueResult<Self> {
        let parsed = match &value {
            Value::Number(n) => n.as_i64(),
            Value::String(text) => text.parse::<i64>().ok(),
            _ => return Err(InputValueError::expected_type(value)),
        };
        parsed.map(Self).ok_or_else(|| InputValueError::custom(format!("{value} is not a 64-bit integer")))
    }

    fn to_value(&self) -> Value {
        Value::Number(self.0.into())
    }
}

/// Any JSON value (a `JSON` on the wire).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Json(pub serde_json::Value);

/// Any JSON value (RFC 8259): an object, array, string, number, boolean or null, passed
/// through as it is. Used where the shape depends on the entity's kind (e.g. a row or an
/// event payload); field names inside are camelCase.
#[Scalar(name = "JSON", specified_by_url = "https://www.rfc-editor.org/rfc/rfc8259")]
impl ScalarType for Json {
    fn parse(value: Value) -> InputValueResult<Self> {
        value.into_json().map(Self).map_err(|e| InputValueError::custom(e.to_string()))
    }

    fn is_valid(_: &Value) -> bool {
        true
    }

    fn to_value(&self) -> Value {
        Value::from_json(self.0.clone()).unwrap_or(Value::Null)
    }
}

/// Reads a string scalar with the domain type's parser; anything but a string is refused.
fn parse_text<T, S: InputType>(
    value: Value,
    parse: fn(&str, &str) -> Result<T, FieldError>,
    wrap: fn(T) -> S,
) -> InputValueResult<S> {
    match value {
        Value::String(text) => parse("value", &text).map(wrap).map_err(|e| InputValueError::custom(e.message)),
        Value::Number(n) => Err(InputValueError::custom(format!("a {} is a string, never a number (got {n})", S::type_name()))),
        other => Err(InputValueError::expected_type(other)),
    }
}

/// A string scalar wrapping a domain value type (written with its `Display`); the doc comment
/// is its GraphQL description.
macro_rules! text_scalar {
    ($(#[doc = $doc:literal])* $name:ident $(specified_by $url:literal)?) => {
        #[doc = concat!("A `", stringify!($name), "` on the wire (see the scalar's description).")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub values::$name);

        $(#[doc = $doc])*
        #[Scalar($(specified_by_url = $url)?)]
        impl ScalarType for $name {
            fn parse(value: Value) -> InputValueResult<Self> {
                parse_text(value, values::$name::parse, Self)
            }

            fn to_value(&self) -> Value {
                Value::String(self.0.to_string())
            }
        }
    };
}

text_scalar! {
    /// An exact decimal quantity or rate as a string, e.g. `"12.50"`: `-?digits(.digits)?`, at
    /// most 28 digits; a JSON number is refused. Never money (that is an integer amount in
    /// minor units plus a currency).
    Decimal
}

text_scalar! {
    /// An offset from UTC as a string `"+HH:MM"` or `"-HH:MM"` within ±18:00, as in RFC 3339
    /// (`"Z"` is read as `"+00:00"`).
    UtcOffset specified_by "https://www.rfc-editor.org/rfc/rfc3339#section-5.6"
}

text_scalar! {
    /// A time zone of the IANA time zone database, by name, e.g. `"Europe/Berlin"` or `"UTC"`.
    TimeZone specified_by "https://www.iana.org/time-zones"
}

text_scalar! {
    /// An ISO 4217 alphabetic currency code, e.g. `"EUR"`.
    CurrencyCode specified_by "https://www.iso.org/iso-4217-currency-codes.html"
}

#[cfg(test)]
mod tests {
    use async_graphql::Number;

    use super::*;

    fn text(s: &str) -> Value {
        Value::String(s.to_owned())
    }

    fn refusal<T: ScalarType + InputType>(value: Value) -> String {
        <T as ScalarType>::parse(value).err().map(|e| e.into_server_error(Default::default()).message).unwrap_or_default()
    }

    #[test]
    fn date_time_reads_any_offset_and_answers_in_utc() {
        let parsed = <DateTime as ScalarType>::parse(text("2026-12-01T11:00:00+01:00")).map(|t| ScalarType::to_value(&t));
        assert_eq!(parsed.ok(), Some(text("2026-12-01T10:00:00+00:00")));
        let bad = refusal::<DateTime>(text("yesterday"));
        assert!(bad.contains("RFC 3339"), "{bad}");
        assert!(<DateTime as ScalarType>::parse(Value::Number(Number::from(0))).is_err());
    }

    #[test]
    fn date_is_a_full_date_string() {
        let parsed = <Date as ScalarType>::parse(text("2026-12-01")).map(|d| ScalarType::to_value(&d));
        assert_eq!(parsed.ok(), Some(text("2026-12-01")));
        assert!(refusal::<Date>(text("2026-13-01")).contains("not a date"));
    }

    #[test]
    fn json_passes_any_value_through() {
        let value = Value::from_json(serde_json::json!({"a": [1, "b", null]})).unwrap_or_default();
        let parsed = <Json as ScalarType>::parse(value.clone()).map(|j| ScalarType::to_value(&j));
        assert_eq!(parsed.ok(), Some(value));
    }

    #[test]
    fn decimal_is_a_string_both_ways_and_numbers_are_refused() {
        let parsed = <Decimal as ScalarType>::parse(text("12.50")).map(|d| ScalarType::to_value(&d));
        assert_eq!(parsed.ok(), Some(text("12.50")));
        let number = refusal::<Decimal>(Value::Number(Number::from(12)));
        assert!(number.contains("never a number"), "{number}");
        let shape = refusal::<Decimal>(text("1e3"));
        assert!(shape.contains("decimal number written as a string"), "{shape}");
        assert!(<Decimal as ScalarType>::parse(Value::Boolean(true)).is_err());
    }

    #[test]
    fn utc_offset_is_a_signed_hours_and_minutes_string() {
        let parsed = <UtcOffset as ScalarType>::parse(text("Z")).map(|o| ScalarType::to_value(&o));
        assert_eq!(parsed.ok(), Some(text("+00:00")));
        let wide = refusal::<UtcOffset>(text("+19:00"));
        assert!(wide.contains("between -18:00 and +18:00"), "{wide}");
        assert!(<UtcOffset as ScalarType>::parse(Value::Number(Number::from(60))).is_err());
    }

    #[test]
    fn time_zone_is_an_iana_name() {
        let parsed = <TimeZone as ScalarType>::parse(text("Europe/Berlin")).map(|z| ScalarType::to_value(&z));
        assert_eq!(parsed.ok(), Some(text("Europe/Berlin")));
        let unknown = refusal::<TimeZone>(text("Mars/Olympus_Mons"));
        assert!(unknown.contains("IANA time zone name"), "{unknown}");
    }

    #[test]
    fn currency_code_is_an_iso_4217_code() {
        let parsed = <CurrencyCode as ScalarType>::parse(text("JPY")).map(|c| ScalarType::to_value(&c));
        assert_eq!(parsed.ok(), Some(text("JPY")));
        let lower = refusal::<CurrencyCode>(text("eur"));
        assert!(lower.contains("ISO 4217"), "{lower}");
    }
}
