//! `TimeZone`: an IANA time zone name (`"Europe/Berlin"`, `"UTC"`) — where a person lives or a
//! habit's days begin — validated against the tz database compiled into chrono-tz. On the wire
//! the name as a string, exactly as the database spells it (case-sensitive; aliases such as
//! `"US/Pacific"` are kept as given).
//!
//! Must never: accept a name the database does not know, or a fixed offset posing as a zone
//! (use [`super::UtcOffset`] for those).

use std::fmt;

use chrono_tz::Tz;

use crate::entity::FieldError;

const UNKNOWN: &str = "must be an IANA time zone name such as \"Europe/Berlin\" or \"UTC\"";

/// A time zone of the IANA database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeZone(Tz);

fn from_text(text: &str) -> Option<TimeZone> {
    text.parse::<Tz>().ok().map(TimeZone)
}

impl TimeZone {
    /// Parses the wire text of `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, FieldError> {
        from_text(text).ok_or_else(|| FieldError::new(field, UNKNOWN))
    }

    /// The zone's name as the database spells it.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    pub fn get(self) -> Tz {
        self.0
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

super::text_serde!(TimeZone, "an IANA time zone name string");

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Offset, TimeZone as _};
    use serde_json::json;

    use super::*;

    #[test]
    fn known_zone_names_are_accepted_and_written_back_unchanged() -> Result<(), serde_json::Error> {
        for name in ["Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires", "Asia/Kathmandu", "US/Pacific", "Etc/GMT+5"] {
            let zone: TimeZone = serde_json::from_value(json!(name))?;
            assert_eq!(serde_json::to_value(zone)?, json!(name));
        }
        Ok(())
    }

    #[test]
    fn unknown_or_misspelled_names_and_offsets_are_refused() {
        for bad in ["", "europe/berlin", "Europe/Berlin ", "Mars/Olympus_Mons", "+02:00", "GMT+2", "Europe/Berlin\0"] {
            assert!(TimeZone::parse("timeZone", bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(TimeZone::parse("homeZone", "Nowhere").map_err(|e| e.field), Err("homeZone".to_owned()));
        assert!(serde_json::from_value::<TimeZone>(json!(1)).is_err());
    }

    #[test]
    fn the_zone_gives_local_offsets_from_the_database() {
        let berlin = TimeZone::parse("timeZone", "Europe/Berlin").map(TimeZone::get);
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).and_then(|d| d.and_hms_opt(12, 0, 0));
        let offset = berlin.ok().zip(summer).map(|(tz, at)| tz.offset_from_utc_datetime(&at).fix().local_minus_utc());
        assert_eq!(offset, Some(2 * 3600));
    }
}
