//! `CurrencyCode`: an ISO 4217 alphabetic currency code (`"EUR"`, `"JPY"`), the currency half
//! of money (`amount_minor: i64` + `CurrencyCode`). Validated against the iso_currency crate's
//! ISO 4217 list (current codes, funds, precious metals and the codes it keeps for superseded
//! currencies, so old statements still import). On the wire the code as a string.
//!
//! Must never: accept a lower-case or unknown code, or hold a rate or quantity (that is
//! [`super::Decimal`]).

use std::fmt;

use iso_currency::Currency;

use crate::entity::FieldError;

const UNKNOWN: &str = "must be an ISO 4217 currency code: three upper-case letters such as \"EUR\"";

/// A currency of ISO 4217.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CurrencyCode(Currency);

fn from_text(text: &str) -> Option<CurrencyCode> {
    let shaped = text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase());
    shaped.then(|| Currency::from_code(text)).flatten().map(CurrencyCode)
}

/// `Default` is `XXX`, ISO 4217's "no currency": only ever the default of a required field,
/// which its kind's validation refuses with [`CurrencyCode::is_unset`].
impl Default for CurrencyCode {
    fn default() -> Self {
        Self(Currency::XXX)
    }
}

impl CurrencyCode {
    /// Whether this is `XXX` ("no currency", the unset default).
    pub fn is_unset(self) -> bool {
        self.0 == Currency::XXX
    }

    /// Parses the wire text of `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, FieldError> {
        from_text(text).ok_or_else(|| FieldError::new(field, UNKNOWN))
    }

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// How many decimal digits the minor unit has (2 for EUR, 0 for JPY), where ISO 4217
    /// defines one (it does not for e.g. gold, `XAU`).
    pub fn minor_unit_digits(self) -> Option<u16> {
        self.0.exponent()
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

super::text_serde!(CurrencyCode, "an ISO 4217 currency code string");

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn iso_codes_are_accepted_and_written_back() -> Result<(), serde_json::Error> {
        for code in ["EUR", "USD", "JPY", "CHF", "XAU", "XCG"] {
            let currency: CurrencyCode = serde_json::from_value(json!(code))?;
            assert_eq!(serde_json::to_value(currency)?, json!(code));
        }
        Ok(())
    }

    #[test]
    fn lower_case_unknown_and_misshaped_codes_are_refused() {
        for bad in ["", "eur", "Eur", "EU", "EURO", " EUR", "AAA", "QQQ", "E1R", "ÉUR"] {
            assert!(CurrencyCode::parse("currency", bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(CurrencyCode::parse("currency", "ZZZ").map_err(|e| e.field), Err("currency".to_owned()));
        assert!(serde_json::from_value::<CurrencyCode>(json!(978)).is_err(), "numeric codes are not accepted");
    }

    #[test]
    fn minor_units_come_from_the_iso_list() {
        let digits = |code| CurrencyCode::parse("currency", code).ok().and_then(CurrencyCode::minor_unit_digits);
        assert_eq!(digits("EUR"), Some(2));
        assert_eq!(digits("JPY"), Some(0));
        assert_eq!(digits("BHD"), Some(3));
    }
}
