//! `UtcOffset`: the fixed UTC offset a sample was recorded at, for data that keeps its source's
//! zone (a heart-rate sample taken in Tokyo stays `+09:00`). On the wire a string `"+HH:MM"` or
//! `"-HH:MM"` (hours 00–18, minutes 00–59, at most 18:00 either way); `"Z"` and `"-00:00"` are
//! read as `+00:00`, which is also how zero is written.
//!
//! Must never: accept seconds, a missing colon or sign, or an offset beyond ±18:00.

use std::fmt;

use chrono::FixedOffset;

use crate::entity::FieldError;

/// The widest offset either way, in minutes.
pub const MAX_OFFSET_MINUTES: i16 = 18 * 60;

const SHAPE: &str = "must be a UTC offset \"+HH:MM\" or \"-HH:MM\" (or \"Z\") between -18:00 and +18:00";

/// A UTC offset in whole minutes, within ±18:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcOffset(i16);

fn two_digits(text: &str) -> Option<i16> {
    let bytes = text.as_bytes();
    match bytes {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(i16::from(a - b'0') * 10 + i16::from(b - b'0')),
        _ => None,
    }
}

fn from_text(text: &str) -> Option<UtcOffset> {
    if text == "Z" {
        return Some(UtcOffset(0));
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    let (hours, minutes) = (two_digits(hours)?, two_digits(minutes)?);
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= MAX_OFFSET_MINUTES).then_some(UtcOffset(sign * total))
}

impl UtcOffset {
    pub const UTC: UtcOffset = UtcOffset(0);

    /// An offset of `minutes` east of UTC, if within ±18:00.
    pub fn from_minutes(minutes: i16) -> Option<Self> {
        (minutes.unsigned_abs() <= MAX_OFFSET_MINUTES.unsigned_abs()).then_some(Self(minutes))
    }

    /// Parses the wire text of `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, FieldError> {
        from_text(text).ok_or_else(|| FieldError::new(field, SHAPE))
    }

    /// Minutes east of UTC (negative west).
    pub fn minutes(self) -> i16 {
        self.0
    }

    pub fn fixed_offset(self) -> FixedOffset {
        // ±18:00 is well inside chrono's ±24:00 (exclusive), so this cannot fail.
        FixedOffset::east_opt(i32::from(self.0) * 60).expect("an offset within ±18:00 is a valid FixedOffset")
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

super::text_serde!(UtcOffset, "a UTC offset string such as \"+02:00\"");

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn offsets_within_18_hours_are_accepted_and_written_with_a_sign() -> Result<(), serde_json::Error> {
        for (given, minutes, written) in [("+02:00", 120, "+02:00"), ("-09:30", -570, "-09:30"), ("+05:45", 345, "+05:45"),
                                          ("Z", 0, "+00:00"), ("-00:00", 0, "+00:00"), ("+00:00", 0, "+00:00"),
                                          ("+18:00", 1080, "+18:00"), ("-18:00", -1080, "-18:00")] {
            let offset: UtcOffset = serde_json::from_value(json!(given))?;
            assert_eq!(offset.minutes(), minutes, "{given}");
            assert_eq!(serde_json::to_value(offset)?, json!(written), "{given}");
            assert_eq!(offset.fixed_offset().local_minus_utc(), i32::from(minutes) * 60);
        }
        Ok(())
    }

    #[test]
    fn other_shapes_and_wider_offsets_are_refused() {
        for bad in ["", "z", "UTC", "+2:00", "+02", "+0200", "02:00", "+02:00:00", "+18:01", "-19:00", "+24:00",
                    "+02:60", " +02:00", "+02:00 ", "+٠٢:00", "+-2:00"] {
            assert!(UtcOffset::parse("offset", bad).is_err(), "{bad:?} should be refused");
        }
        assert!(serde_json::from_value::<UtcOffset>(json!(120)).is_err(), "a number is not an offset");
        assert_eq!(UtcOffset::parse("zoneOffset", "+19:00").map_err(|e| e.field), Err("zoneOffset".to_owned()));
    }

    #[test]
    fn minutes_outside_the_range_make_no_offset() {
        assert_eq!(UtcOffset::from_minutes(-1080).map(UtcOffset::minutes), Some(-1080));
        assert!(UtcOffset::from_minutes(1081).is_none());
        assert!(UtcOffset::from_minutes(i16::MIN).is_none(), "abs of i16::MIN must not overflow");
    }
}
