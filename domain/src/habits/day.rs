//! The local day an instant counts for: the user's time zone and the hour their day starts
//! (a check-in at 01:30 with day start 04:00 belongs to the day before). Clients compute it
//! when they check in and send the date; the server uses the same function to know "today".

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// The local date `at` counts for in `zone` when days start at `day_start_hour` (0–23; out of
/// range is clamped, `Settings` refuses it).
pub fn local_day(at: DateTime<Utc>, zone: Tz, day_start_hour: i32) -> NaiveDate {
    let hours = i64::from(day_start_hour.clamp(0, 23));
    (at.with_timezone(&zone).naive_local() - Duration::hours(hours)).date()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("a valid instant")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn late_evening_and_just_after_midnight_land_on_their_local_dates() {
        // 23:30 and 00:30 in Tokyo (UTC+9) on 14/15 March.
        assert_eq!(local_day(utc(2026, 3, 14, 14, 30), chrono_tz::Asia::Tokyo, 0), date(2026, 3, 14));
        assert_eq!(local_day(utc(2026, 3, 14, 15, 30), chrono_tz::Asia::Tokyo, 0), date(2026, 3, 15));
        // Los Angeles across the spring-forward night (8 March 2026: PST -8 → PDT -7).
        let la = chrono_tz::America::Los_Angeles;
        assert_eq!(local_day(utc(2026, 3, 8, 7, 30), la, 0), date(2026, 3, 7), "23:30 PST on the 7th");
        assert_eq!(local_day(utc(2026, 3, 8, 8, 30), la, 0), date(2026, 3, 8), "00:30 PST on the 8th");
        assert_eq!(local_day(utc(2026, 3, 9, 6, 30), la, 0), date(2026, 3, 8), "23:30 PDT on the 8th");
        assert_eq!(local_day(utc(2026, 3, 9, 7, 30), la, 0), date(2026, 3, 9), "00:30 PDT on the 9th");
    }

    #[test]
    fn the_day_start_hour_moves_the_boundary() {
        let berlin = chrono_tz::Europe::Berlin;
        // 01:30 local (CET, +1) on the 15th with days starting at 04:00: still the 14th.
        assert_eq!(local_day(utc(2026, 1, 15, 0, 30), berlin, 4), date(2026, 1, 14));
        assert_eq!(local_day(utc(2026, 1, 15, 3, 0), berlin, 4), date(2026, 1, 15), "04:00 local starts the 15th");
    }
}
