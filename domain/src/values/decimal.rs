//! `Decimal`: an exact decimal quantity or rate (a dose, a distance, an exchange rate) on the
//! wire as a JSON *string* (`"12.50"`). Money is never a `Decimal`: it is an `i64`
//! `amount_minor` plus a [`super::CurrencyCode`].
//!
//! Accepted text: `-?[0-9]+(\.[0-9]+)?` with at most 28 digits in all (counting the fraction's
//! trailing zeros, not the integer part's leading zeros), so every value fits rust_decimal
//! exactly (mantissa below 10^28, scale at most 28). Written back in rust_decimal's canonical
//! form, which keeps the scale (`"12.50"`) but drops leading zeros (`"007"` → `"7"`) and a
//! negative zero's sign.
//!
//! Must never: accept a JSON number (a float must never reach a quantity), an exponent, a
//! `+`, whitespace, or a value it would round.

use std::fmt;


use crate::entity::FieldError;

/// The most digits a [`Decimal`] may have.
pub const MAX_DIGITS: u32 = 28;

const SHAPE: &str = "must be a decimal number written as a string: digits, optionally a leading '-' and a '.' fraction (e.g. \"12.50\")";
const TOO_MANY_DIGITS: &str = "must have at most 28 digits";

/// An exact decimal within [`MAX_DIGITS`] digits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(rust_decimal::Decimal);

/// Why a rust_decimal value is not a [`Decimal`], if it is not.
fn bound_problem(value: &rust_decimal::Decimal) -> Option<&'static str> {
    const LIMIT: u128 = 10u128.pow(MAX_DIGITS);
    (value.mantissa().unsigned_abs() >= LIMIT || value.scale() > MAX_DIGITS).then_some(TOO_MANY_DIGITS)
}

fn well_shaped(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = unsigned.split_once('.').map_or((unsigned, None), |(i, f)| (i, Some(f)));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

fn from_text(text: &str) -> Result<Decimal, &'static str> {
    if !well_shaped(text) {
        return Err(SHAPE);
    }
    // Only digit strings reach here; the exact parser refuses what it would have to round.
    let value = rust_decimal::Decimal::from_str_exact(text).map_err(|_| TOO_MANY_DIGITS)?;
    // `-0` and `-0.00` are zero; keep no sign a reader could trip over.
    let value = if value.is_zero() { value.abs() } else { value };
    bound_problem(&value).map_or(Ok(Decimal(value)), Err)
}

impl Decimal {
    /// A value from arithmetic, if it is within the digit bound.
    pub fn new(value: rust_decimal::Decimal) -> Result<Self, FieldError> {
        bound_problem(&value).map_or(Ok(Self(value)), |problem| Err(FieldError::new("decimal", problem)))
    }

    /// Parses the wire text of `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, FieldError> {
        from_text(text).map_err(|problem| FieldError::new(field, problem))
    }

    pub fn get(self) -> rust_decimal::Decimal {
        self.0
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

super::text_serde!(Decimal, "a decimal number written as a string (e.g. \"12.50\"), never a JSON number");

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn read(value: Value) -> Result<Decimal, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn decimal_strings_are_accepted_and_keep_their_scale() -> Result<(), serde_json::Error> {
        for (given, written) in [("12.50", "12.50"), ("-3", "-3"), ("0", "0"), ("0.001", "0.001"), ("007.10", "7.10"),
                                 ("-0", "0"), ("-0.00", "0.00"), ("9999999999999999999999999999", "9999999999999999999999999999"),
                                 ("0.0000000000000000000000000001", "0.0000000000000000000000000001")] {
            let d = read(json!(given)).map_err(|e| format!("{given}: {e}"));
            assert_eq!(d.as_ref().map(ToString::to_string).as_deref(), Ok(written), "{given}");
            if let Ok(d) = d {
                assert_eq!(serde_json::to_value(d)?, json!(written));
            }
        }
        Ok(())
    }

    #[test]
    fn json_numbers_are_refused_even_when_exact() {
        for number in [json!(12), json!(12.5), json!(-0.0), json!(1e3)] {
            let message = read(number.clone()).err().unwrap_or_default();
            assert!(message.contains("never a JSON number"), "{number}: {message}");
        }
    }

    #[test]
    fn other_shapes_are_refused() {
        for bad in ["", " ", " 1", "1 ", "+1", "1e3", "1E-2", ".5", "5.", "1.2.3", "--1", "-", "NaN", "inf", "1_000",
                    "0x10", "١٢", "1,5", "1.-5"] {
            assert!(Decimal::parse("rate", bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Decimal::parse("rate", "1e3").map_err(|e| e.field), Err("rate".to_owned()));
    }

    #[test]
    fn more_than_28_digits_are_refused_rather_than_rounded() {
        for bad in ["10000000000000000000000000000", "79228162514264337593543950335", "1.0000000000000000000000000001",
                    "0.00000000000000000000000000001", "0.10000000000000000000000000000"] {
            let err = Decimal::parse("dose", bad).err().map(|e| e.message);
            assert_eq!(err.as_deref(), Some(TOO_MANY_DIGITS), "{bad}");
        }
    }

    #[test]
    fn arithmetic_results_are_checked_against_the_same_bound() {
        let max = rust_decimal::Decimal::MAX;
        assert!(Decimal::new(max).is_err());
        assert!(Decimal::new(rust_decimal::Decimal::new(1250, 2)).is_ok_and(|d| d.to_string() == "12.50"));
    }
}
