//! The exact amount parser shared by the OFX and CSV importers: text such as `-1.234,56 €`,
//! `(12.34)` or `+5` to signed `i64` minor units of a currency with a given number of minor
//! digits (its ISO 4217 exponent).
//!
//! Must never use a float, never round (an amount with more non-zero decimals than the currency
//! has is an error, not a rounding), never panic on any input.

/// Characters that may stand around an amount as a currency sign (letters cover codes like
/// `EUR`, `CHF`, `kr`).
fn is_currency_char(c: char) -> bool {
    c.is_alphabetic()
        || matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '₫' | '¢' | '₴' | '₦' | '฿' | '₱' | '₡' | '₲' | '₵' | '₸' | '¤')
}

/// Whether `c` is a thousands separator (ignored) when `decimal` is the decimal separator.
fn is_thousands(c: char, decimal: char) -> bool {
    c != decimal && matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// Signs and parentheses found around the number.
#[derive(Default)]
struct Around {
    sign: Option<bool>,
    open: bool,
    close: bool,
}

impl Around {
    fn sign(&mut self, negative: bool) -> Result<(), String> {
        if self.sign.is_some() {
            return Err("more than one sign".into());
        }
        self.sign = Some(negative);
        Ok(())
    }
}

/// Parses `text` to signed minor units: digits with `decimal_separator` (`.` or `,`) as the
/// decimal point; the other of `.`/`,` and ` `, NBSP, `'` are thousands separators and ignored.
/// A leading `+`/`-`, a trailing `-`, parentheses for a negative, and currency signs or codes
/// around the number are accepted. More decimals than `minor_digits` are accepted only when the
/// extra ones are zeros. The error is a short human reason (for a rejected line).
pub fn parse_amount(text: &str, decimal_separator: char, minor_digits: u32) -> Result<i64, String> {
    let mut around = Around::default();
    let mut core = text.trim();
    // Peel signs, parentheses, currency signs and spaces off the front…
    while let Some(c) = core.chars().next() {
        match c {
            '+' => around.sign(false)?,
            '-' | '−' => around.sign(true)?,
            '(' if !around.open => around.open = true,
            c if c.is_whitespace() || is_currency_char(c) => {}
            _ => break,
        }
        core = &core[c.len_utf8()..];
    }
    // …and off the back.
    while let Some(c) = core.chars().next_back() {
        match c {
            '-' | '−' => around.sign(true)?,
            ')' if !around.close => around.close = true,
            c if c.is_whitespace() || is_currency_char(c) => {}
            _ => break,
        }
        core = &core[..core.len() - c.len_utf8()];
    }
    if around.open != around.close {
        return Err(format!("unbalanced parentheses in amount {text:?}"));
    }
    if around.open && around.sign.is_some() {
        return Err(format!("both a sign and parentheses in amount {text:?}"));
    }
    let negative = around.open || around.sign == Some(true);
    let (int_digits, frac_digits) = split_digits(core, decimal_separator, text)?;
    to_minor(&int_digits, &frac_digits, negative, minor_digits)
}

/// Splits the bare number into its integer and fraction digits.
fn split_digits(core: &str, decimal: char, text: &str) -> Result<(String, String), String> {
    if core.is_empty() {
        return Err(if text.trim().is_empty() { "empty amount".into() } else { format!("no number in amount {text:?}") });
    }
    let (mut int, mut frac, mut in_frac) = (String::new(), String::new(), false);
    for c in core.chars() {
        if c.is_ascii_digit() {
            if in_frac { frac.push(c) } else { int.push(c) }
        } else if c == decimal && !in_frac {
            in_frac = true;
        } else if is_thousands(c, decimal) && !in_frac {
        } else {
            return Err(format!("not an amount: {text:?}"));
        }
    }
    if int.is_empty() && frac.is_empty() {
        return Err(format!("no digits in amount {text:?}"));
    }
    Ok((int, frac))
}

/// Combines the digits exactly into minor units (checked; `i64::MIN` is representable).
fn to_minor(int: &str, frac: &str, negative: bool, minor_digits: u32) -> Result<i64, String> {
    let frac = frac.trim_end_matches('0');
    let Ok(extra) = u32::try_from(frac.len()) else { return Err("too many decimal places".into()) };
    if extra > minor_digits {
        return Err(format!("more decimal places than the currency has ({minor_digits})"));
    }
    let out_of_range = || "amount out of range".to_string();
    let mut value: i128 = 0;
    for d in int.bytes().chain(frac.bytes()) {
        value = value.checked_mul(10).and_then(|v| v.checked_add(i128::from(d - b'0'))).ok_or_else(out_of_range)?;
    }
    if value == 0 {
        return Ok(0);
    }
    let scale = 10i128.checked_pow(minor_digits - extra).ok_or_else(out_of_range)?;
    value = value.checked_mul(scale).ok_or_else(out_of_range)?;
    if negative {
        value = -value;
    }
    i64::try_from(value).map_err(|_| out_of_range())
}
