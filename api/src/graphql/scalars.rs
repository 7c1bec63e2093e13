//! GraphQL scalars for the shared domain value types (`lifeos_domain::values`): `Decimal`,
//! `UtcOffset`, `TimeZone` and `CurrencyCode`, each a string on the wire, parsed by the domain
//! type's own rules so GraphQL and sync payloads accept exactly the same texts.
//!
//! Must never: accept a JSON number for `Decimal` (floats must never reach a quantity), or
//! validate differently from the domain type it wraps.

use async_graphql::{InputType, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use lifeos_domain::entity::FieldError;
use lifeos_domain::values;

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

/// A string scalar wrapping a domain value type (written with its `Display`).
macro_rules! text_scalar {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub values::$name);

        #[Scalar]
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
    /// most 28 digits. Never money (that is an integer amount in minor units plus a currency).
    Decimal
}

text_scalar! {
    /// A UTC offset `"+HH:MM"` / `"-HH:MM"` within ±18:00 (`"Z"` is read as `"+00:00"`).
    UtcOffset
}

text_scalar! {
    /// An IANA time zone name, e.g. `"Europe/Berlin"` or `"UTC"`.
    TimeZone
}

text_scalar! {
    /// An ISO 4217 alphabetic currency code, e.g. `"EUR"`.
    CurrencyCode
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
