//! What storage can hold: the value rules every write path checks before an event is written
//! (the wire contract, ARCHITECTURE "What the wire accepts"). PostgreSQL `text` and `jsonb`
//! cannot hold NUL; `timestamptz` and `date` are kept to years 1–9999 (what the wire
//! promises, well inside what PostgreSQL stores); `timestamptz` keeps microseconds, so a finer
//! time would be answered differently from the row; a ULID is 128 bits (26 Crockford
//! characters, the first one 0–7 — `8ZZZ…` would silently wrap around).
//!
//! The wire value types domains share (`Decimal`, `UtcOffset`, `TimeZone`, `CurrencyCode`)
//! live in submodules, one file each, re-exported here.
//!
//! Must never: do I/O, or accept a value a read table or `jsonb` would refuse.

/// Serde for a value type written as text: serialised with its `Display`, deserialised only
/// from a string its `parse(field, text)` accepts (the error is parse's message).
macro_rules! text_serde {
    ($ty:ident, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        $ty::parse("value", text).map_err(|e| E::custom(e.message))
                    }
                }
                deserializer.deserialize_str(Text)
            }
        }
    };
}
pub(crate) use text_serde;

mod id;
mod kind_name;
pub use id::Id;
pub use kind_name::KindName;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ulid::Ulid;

use crate::entity::FieldError;

mod currency;
mod decimal;
mod offset;
mod zone;

pub use currency::CurrencyCode;
pub use decimal::Decimal;
pub use offset::UtcOffset;
pub use zone::TimeZone;

/// The first and last year a date or time on the wire may have.
pub const MIN_YEAR: i32 = 1;
pub const MAX_YEAR: i32 = 9999;

const ULID_LEN: usize = 26;

/// A text storage can hold: no NUL (U+0000) anywhere.
pub fn storable_text(field: &str, value: &str) -> Result<(), FieldError> {
    if value.contains('\0') {
        return Err(FieldError::new(field, "must not contain the NUL character (U+0000)"));
    }
    Ok(())
}

/// Why an instant cannot be stored as given, if it cannot.
fn instant_problem(at: &DateTime<Utc>) -> Option<&'static str> {
    let nanos = at.timestamp_subsec_nanos();
    if !(MIN_YEAR..=MAX_YEAR).contains(&at.year()) {
        Some("must be a time in the years 1 to 9999 (UTC)")
    } else if nanos >= 1_000_000_000 {
        // chrono's leap-second form; PostgreSQL would store the next second instead.
        Some("must not be a leap second (seconds 0 to 59)")
    } else if !nanos.is_multiple_of(1_000) {
        Some("must have at most microsecond precision (6 fractional digits)")
    } else {
        None
    }
}

/// An instant storage holds exactly: years 1–9999 in UTC, at most microsecond precision.
pub fn instant(field: &str, at: &DateTime<Utc>) -> Result<(), FieldError> {
    instant_problem(at).map_or(Ok(()), |problem| Err(FieldError::new(field, problem)))
}

/// An instant that is only compared or passed along, never stored (push `clientUpdatedAt`,
/// query bounds): years 1–9999 in UTC, any precision.
pub fn instant_bound(field: &str, at: &DateTime<Utc>) -> Result<(), FieldError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&at.year()) {
        return Err(FieldError::new(field, "must be a time in the years 1 to 9999 (UTC)"));
    }
    Ok(())
}

const DATE_RANGE: &str = "must be a date in the years 1 to 9999";

/// A calendar date storage holds: years 1–9999.
pub fn date(field: &str, day: &NaiveDate) -> Result<(), FieldError> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&day.year()) {
        return Err(FieldError::new(field, DATE_RANGE));
    }
    Ok(())
}

/// The one ULID parser: 26 Crockford base32 characters (either case) whose value fits in 128
/// bits. `ulid::Ulid::from_string` alone accepts a first character above `7` and drops the
/// overflowing bits.
pub fn parse_ulid(text: &str) -> Option<Ulid> {
    let first = text.as_bytes().first()?;
    if text.len() != ULID_LEN || !(b'0'..=b'7').contains(first) {
        return None;
    }
    Ulid::from_string(text).ok()
}

/// An entity field holding an instant: serialised exactly like `DateTime<Utc>` (RFC 3339),
/// deserialised only if [`instant`] holds — so a kind's typed fields cannot hold a time the
/// read table would refuse or round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    pub fn new(at: DateTime<Utc>) -> Result<Self, FieldError> {
        instant("time", &at).map(|()| Self(at))
    }

    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let at = DateTime::<Utc>::deserialize(deserializer)?;
        match instant_problem(&at) {
            None => Ok(Self(at)),
            Some(problem) => Err(serde::de::Error::custom(problem)),
        }
    }
}

/// An entity field holding a calendar date (`YYYY-MM-DD`), deserialised only if [`date`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// `Default` is the unset date, 0001-01-01 (only ever the default of a required field, which
/// its kind's validation refuses with [`Date::is_unset`]).
impl Default for Date {
    fn default() -> Self {
        Self(NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or(NaiveDate::MIN))
    }
}

impl Date {
    /// Whether this is the unset default (a required date that was not given).
    pub fn is_unset(self) -> bool {
        self == Self::default()
    }

    pub fn new(day: NaiveDate) -> Result<Self, FieldError> {
        date("date", &day).map(|()| Self(day))
    }

    pub fn get(self) -> NaiveDate {
        self.0
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let day = NaiveDate::deserialize(deserializer)?;
        if (MIN_YEAR..=MAX_YEAR).contains(&day.year()) {
            Ok(Self(day))
        } else {
            Err(serde::de::Error::custom(DATE_RANGE))
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_value(json!(text)).map_err(|e| e.to_string())
    }

    #[test]
    fn texts_with_nul_are_refused_and_all_other_code_points_kept() {
        assert!(storable_text("title", "nul\u{0}byte").is_err());
        assert!(storable_text("title", "\u{1}\u{7f}\u{fffe}\u{10ffff} ok").is_ok());
        assert_eq!(storable_text("tags", "\0").map_err(|e| e.field), Err("tags".to_owned()));
    }

    #[test]
    fn timestamps_outside_years_1_to_9999_or_finer_than_microseconds_are_refused() {
        for bad in ["+99999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
                    "0001-01-01T00:30:00+01:00", "2026-01-01T00:00:00.123456789Z", "2026-01-01T00:00:00.0000001Z"] {
            assert!(parse::<Timestamp>(bad).is_err(), "{bad} should be refused");
        }
        for good in ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2026-01-02T03:04:05.120Z"] {
            let at = parse::<Timestamp>(good).map_err(|e| format!("{good}: {e}"));
            assert!(at.is_ok(), "{at:?}");
        }
        let message = parse::<Timestamp>("2026-01-01T00:00:00.000000001Z").err().unwrap_or_default();
        assert!(message.contains("microsecond"), "{message}");
    }

    #[test]
    fn a_leap_second_is_refused() {
        let leap = Utc.with_ymd_and_hms(2016, 12, 31, 23, 59, 59).single().and_then(|t| {
            t.date_naive().and_hms_nano_opt(23, 59, 59, 1_500_000_000).map(|n| n.and_utc())
        });
        let leap = leap.unwrap_or_default();
        assert!(instant("at", &leap).is_err());
        assert!(instant_bound("at", &leap).is_ok(), "a bound that is never stored may be any instant in range");
    }

    #[test]
    fn timestamps_serialise_exactly_like_chrono() -> Result<(), serde_json::Error> {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().unwrap_or_default();
        for t in [at, at + chrono::Duration::microseconds(120_000), at + chrono::Duration::microseconds(7)] {
            assert_eq!(serde_json::to_value(Timestamp(t))?, serde_json::to_value(t)?);
        }
        Ok(())
    }

    #[test]
    fn dates_outside_years_1_to_9999_are_refused() {
        for bad in ["0000-01-01", "+10000-01-01", "-0001-06-01"] {
            assert!(parse::<Date>(bad).is_err(), "{bad}");
        }
        assert_eq!(parse::<Date>("0001-01-01").map(|d| d.get().year()), Ok(1));
        assert_eq!(parse::<Date>("9999-12-31").map(|d| d.get().year()), Ok(9999));
    }

    #[test]
    fn ulids_must_fit_in_128_bits() {
        assert!(Ulid::from_string("8ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_ok(), "the crate alone wraps around");
        assert!(parse_ulid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_none());
        assert!(parse_ulid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_some());
        assert!(parse_ulid("01jaaaaaaaaaaaaaaaaaaaaaaa").is_some());
        for bad in ["", "01JAAAAAAAAAAAAAAAAAAAAAA", "01JAAAAAAAAAAAAAAAAAAAAAAAA", "01JAAAAAAAAAAAAAAAAAAAAAAU", "é1JAAAAAAAAAAAAAAAAAAAAAA"] {
            assert!(parse_ulid(bad).is_none(), "{bad}");
        }
    }
}
