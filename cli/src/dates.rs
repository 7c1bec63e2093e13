//! Dates and instants as people type them: RFC 3339, `YYYY-MM-DD`, `now`, `today`,
//! `tomorrow`, `yesterday`, `+3d` / `-2h` / `+30m`. A bare date as an instant is the start of
//! that day in UTC. Output is always RFC 3339 in UTC. Pure: `now` is given.

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};

pub fn format_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An instant.
pub fn instant(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    if let Some(offset) = relative(text) {
        return Ok(now + offset);
    }
    date(text, now).map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// A calendar date.
pub fn date(text: &str, now: DateTime<Utc>) -> Result<NaiveDate, String> {
    let today = now.date_naive();
    match text.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "tomorrow" => Ok(today + Duration::days(1)),
        "yesterday" => Ok(today - Duration::days(1)),
        other => match relative(other) {
            Some(offset) => Ok((now + offset).date_naive()),
            None => NaiveDate::parse_from_str(other, "%Y-%m-%d")
                .map_err(|_| "a date: YYYY-MM-DD, today, tomorrow, yesterday, +3d".to_owned()),
        },
    }
}

/// `+3d`, `-2h`, `+30m`, `1w`.
fn relative(text: &str) -> Option<Duration> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    let d = match unit {
        'm' => Duration::try_minutes(n)?,
        'h' => Duration::try_hours(n)?,
        'd' => Duration::try_days(n)?,
        'w' => Duration::try_weeks(n)?,
        _ => return None,
    };
    Some(d * sign)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn words_dates_and_offsets_resolve_against_now() -> Result<(), String> {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 15, 30, 0).single().ok_or("time")?;
        assert_eq!(format_instant(instant("tomorrow", now)?), "2026-12-05T00:00:00.000Z");
        assert_eq!(instant("+2h", now)?, now + Duration::hours(2));
        assert_eq!(instant("2026-01-02T03:04:05+01:00", now)?, Utc.with_ymd_and_hms(2026, 1, 2, 2, 4, 5).single().ok_or("t")?);
        assert_eq!(date("yesterday", now)?.to_string(), "2026-12-03");
        assert_eq!(date("-1w", now)?.to_string(), "2026-11-27");
        assert!(instant("someday", now).is_err());
        Ok(())
    }
}
