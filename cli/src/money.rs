//! Money as people type and read it — `-12.50` in a currency's minor units (`-1250` EUR,
//! `-12` JPY) and back — by decimal text arithmetic, never a float.

/// The minor-unit digits of an ISO 4217 code (2 when the code defines none, e.g. `XAU`).
pub fn digits(currency: &str) -> u32 {
    iso_currency::Currency::from_code(currency).and_then(|c| c.exponent()).map_or(2, u32::from)
}

/// `"-12.5"` with 2 digits → `-1250`; more fraction digits than the currency has is an error.
pub fn parse_minor(text: &str, digits: u32) -> Result<i64, String> {
    let text = text.trim().replace('_', "");
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let numeric = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !numeric(whole) || !numeric(fraction) {
        return Err(format!("{text:?} is not an amount like -12.50"));
    }
    if fraction.len() > digits as usize {
        return Err(format!("{text:?} has more than {digits} decimal places"));
    }
    let scale = 10i64.checked_pow(digits).ok_or("too many digits")?;
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| "the amount is too large")? };
    let fraction: i64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<width$}", width = digits as usize).parse().map_err(|_| "bad fraction")? };
    let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or("the amount is too large")?;
    Ok(if negative { -minor } else { minor })
}

/// `-1250` with 2 digits → `"-12.50"`.
pub fn format_minor(minor: i64, digits: u32) -> String {
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10u64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let magnitude = minor.unsigned_abs();
    format!("{sign}{}.{:0width$}", magnitude / scale, magnitude % scale, width = digits as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_through_minor_units_without_floats() {
        assert_eq!(parse_minor("-12.5", 2), Ok(-1250));
        assert_eq!(parse_minor("0.07", 2), Ok(7));
        assert_eq!(parse_minor("1200", 0), Ok(1200));
        assert!(parse_minor("1.234", 2).is_err());
        assert!(parse_minor("12,50", 2).is_err());
        assert!(parse_minor("-", 2).is_err());
        assert_eq!(format_minor(-1250, 2), "-12.50");
        assert_eq!(format_minor(7, 2), "0.07");
        assert_eq!(format_minor(1200, 0), "1200");
        assert_eq!(format_minor(i64::MIN, 2), "-92233720368547758.08");
        assert_eq!((digits("EUR"), digits("JPY"), digits("BHD")), (2, 0, 3));
    }
}
