//! Recurrence rules for scheduled transactions: an RFC 5545 RRULE value (the `rrule` crate)
//! over local dates from a start day. Occurrences are days, not instants: the rule runs at
//! 00:00 of a floating calendar (UTC as a stand-in), and the caller decides by its own time
//! zone when a day has begun.
//!
//! Must never: loop unbounded on a user's rule (every expansion is bounded by a day range and
//! a count), or accept a DTSTART or a second line inside the rule text.

use chrono::{Duration, NaiveDate, TimeZone as _};
use rrule::{RRuleSet, Tz};

use crate::entity::FieldError;

/// The most occurrences one expansion returns.
pub const MAX_OCCURRENCES: u16 = 1_000;

/// Parses `rule` (e.g. `FREQ=MONTHLY;BYMONTHDAY=1`) starting on `starts_on`.
pub fn parse(field: &str, rule: &str, starts_on: NaiveDate) -> Result<RRuleSet, FieldError> {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    if rule.contains(['\n', '\r']) || rule.to_ascii_uppercase().contains("DTSTART") {
        return Err(FieldError::new(field, "must be one RRULE value without DTSTART (the start is startsOn)"));
    }
    let text = format!("DTSTART:{}T000000Z\nRRULE:{rule}", starts_on.format("%Y%m%d"));
    text.parse::<RRuleSet>().map_err(|e| FieldError::new(field, format!("is not a valid RRULE: {e}")))
}

/// The occurrence days of `rule` from `starts_on` that fall in `from..=through` (at most
/// [`MAX_OCCURRENCES`]).
pub fn occurrences(rule: &str, starts_on: NaiveDate, from: NaiveDate, through: NaiveDate) -> Result<Vec<NaiveDate>, FieldError> {
    let set = parse("rrule", rule, starts_on)?;
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| Tz::UTC.from_utc_datetime(&t));
    let (Some(from), Some(through)) = (midnight(from), midnight(through)) else { return Ok(Vec::new()) };
    let second = Duration::seconds(1);
    let result = set.after(from - second).before(through + second).all(MAX_OCCURRENCES);
    Ok(result.dates.iter().map(|d| d.date_naive()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_monthly_rule_gives_one_day_per_month_in_the_range() {
        let days = occurrences("FREQ=MONTHLY;BYMONTHDAY=1", day(2026, 1, 1), day(2026, 2, 1), day(2026, 4, 1)).expect("valid");
        assert_eq!(days, [day(2026, 2, 1), day(2026, 3, 1), day(2026, 4, 1)]);
        let last = occurrences("FREQ=MONTHLY;BYMONTHDAY=-1", day(2026, 1, 1), day(2026, 1, 1), day(2026, 3, 31)).expect("valid");
        assert_eq!(last, [day(2026, 1, 31), day(2026, 2, 28), day(2026, 3, 31)]);
    }

    #[test]
    fn bad_rules_and_smuggled_starts_are_refused() {
        for bad in ["", "FREQ=SOMETIMES", "FREQ=DAILY\nDTSTART:20200101T000000Z", "DTSTART:20200101T000000Z"] {
            assert!(parse("rrule", bad, day(2026, 1, 1)).is_err(), "{bad:?}");
        }
        assert!(parse("rrule", "RRULE:FREQ=WEEKLY;BYDAY=MO", day(2026, 1, 1)).is_ok());
    }
}
