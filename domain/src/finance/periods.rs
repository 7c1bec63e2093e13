//! Budget periods: how a budget's timeline is cut into periods (calendar or anchored months,
//! semi-monthly halves, weeks or fortnights from a payday) and the date arithmetic over them —
//! the start of the period holding a date, the next and previous period, a bounded run of starts.
//!
//! Pure: no I/O, no clock. Must never panic on any date chrono can represent: at the edges of
//! chrono's range the arithmetic saturates at `NaiveDate::MIN` / `NaiveDate::MAX`.

use chrono::{Datelike as _, NaiveDate};

use crate::profile::settings::BudgetPeriod;

/// How periods are cut: the settings' `budgetPeriod` and `budgetPeriodAnchor`.
///
/// - `Monthly`, no anchor: calendar months.
/// - `Monthly` with an anchor: months starting on the anchor's day of month; in a month shorter
///   than that day the period starts on the month's last day.
/// - `SemiMonthly`: from the 1st and from the 16th (the anchor is ignored).
/// - `Biweekly` / `Weekly`: every 14 / 7 days from the anchor, before it as well as after;
///   without an anchor they fall back to calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodRule {
    pub kind: BudgetPeriod,
    pub anchor: Option<NaiveDate>,
}

/// The shape a rule resolves to.
enum Cut {
    /// Months starting on this day of month (1 = calendar months), clamped to the month's end.
    Months(u32),
    SemiMonthly,
    /// Fixed-length periods of `len` days, one of which starts on `anchor` (days from CE).
    Days { anchor: i64, len: i64 },
}

impl PeriodRule {
    /// Calendar months.
    pub fn monthly() -> Self {
        PeriodRule { kind: BudgetPeriod::Monthly, anchor: None }
    }

    fn cut(&self) -> Cut {
        match (self.kind, self.anchor) {
            (BudgetPeriod::Monthly, Some(a)) => Cut::Months(a.day()),
            (BudgetPeriod::SemiMonthly, _) => Cut::SemiMonthly,
            (BudgetPeriod::Biweekly, Some(a)) => Cut::Days { anchor: day_number(a), len: 14 },
            (BudgetPeriod::Weekly, Some(a)) => Cut::Days { anchor: day_number(a), len: 7 },
            _ => Cut::Months(1),
        }
    }

    /// The first day of the period that contains `date`.
    pub fn start_of(&self, date: NaiveDate) -> NaiveDate {
        match self.cut() {
            Cut::Months(day) => {
                let idx = month_index(date);
                match month_start(idx, day) {
                    Some(s) if s <= date => s,
                    _ => month_start(idx - 1, day).unwrap_or(NaiveDate::MIN),
                }
            }
            Cut::SemiMonthly => {
                let day = if date.day() >= 16 { 16 } else { 1 };
                date.with_day(day).unwrap_or(date)
            }
            Cut::Days { anchor, len } => {
                let offset = (day_number(date) - anchor).div_euclid(len) * len;
                from_day_number(anchor + offset)
            }
        }
    }

    /// The first day of the period after the one starting at `start` (saturates at
    /// `NaiveDate::MAX` when that period begins beyond chrono's range).
    pub fn next(&self, start: NaiveDate) -> NaiveDate {
        match self.cut() {
            Cut::Months(day) => {
                let idx = month_index(start);
                match month_start(idx, day) {
                    Some(s) if s > start => s,
                    _ => month_start(idx + 1, day).unwrap_or(NaiveDate::MAX),
                }
            }
            Cut::SemiMonthly => {
                if start.day() < 16 {
                    start.with_day(16).unwrap_or(start)
                } else {
                    month_start(month_index(start) + 1, 1).unwrap_or(NaiveDate::MAX)
                }
            }
            Cut::Days { len, .. } => {
                from_day_number(day_number(self.start_of(start)) + len)
            }
        }
    }

    /// The first day of the period before the one containing `start` (saturates at
    /// `NaiveDate::MIN`).
    pub fn previous(&self, start: NaiveDate) -> NaiveDate {
        match self.start_of(start).pred_opt() {
            Some(day_before) => self.start_of(day_before),
            None => NaiveDate::MIN,
        }
    }

    /// Period starts from the period containing `from` through the one containing `to`
    /// (inclusive), bounded to at most `max` periods. Empty when `from > to`.
    pub fn starts(&self, from: NaiveDate, to: NaiveDate, max: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let last = self.start_of(to);
        let mut s = self.start_of(from);
        while s <= last && out.len() < max {
            out.push(s);
            let n = self.next(s);
            if n <= s {
                break; // saturated at the end of chrono's range
            }
            s = n;
        }
        out
    }
}

/// Days from the common era (chrono's day numbering) widened to i64.
fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of a day number, saturated to chrono's range.
fn from_day_number(n: i64) -> NaiveDate {
    let lo = day_number(NaiveDate::MIN);
    let hi = day_number(NaiveDate::MAX);
    let clamped = n.clamp(lo, hi);
    i32::try_from(clamped)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(if n < lo { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// Months since year 0, January (month index; may be negative).
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// Where a period of "months starting on `day`" starts in month `idx`: that day, or the month's
/// last day when the month is shorter. `None` when the month is outside chrono's range.
fn month_start(idx: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(idx.div_euclid(12)).ok()?;
    let month = u32::try_from(idx.rem_euclid(12)).ok()? + 1;
    (1..=day.min(31)).rev().find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn anchored(kind: BudgetPeriod, anchor: NaiveDate) -> PeriodRule {
        PeriodRule { kind, anchor: Some(anchor) }
    }

    #[test]
    fn calendar_months() {
        // given calendar months
        let r = PeriodRule::monthly();
        // when / then
        assert_eq!(r.start_of(d(2026, 2, 17)), d(2026, 2, 1));
        assert_eq!(r.next(d(2026, 12, 1)), d(2027, 1, 1));
        assert_eq!(r.previous(d(2026, 1, 1)), d(2025, 12, 1));
    }

    #[test]
    fn monthly_from_the_25th() {
        // given monthly periods starting on the 25th
        let r = anchored(BudgetPeriod::Monthly, d(2025, 11, 25));
        // then 2026-01-25 .. 2026-02-24 is one period
        assert_eq!(r.start_of(d(2026, 1, 25)), d(2026, 1, 25));
        assert_eq!(r.start_of(d(2026, 2, 24)), d(2026, 1, 25));
        assert_eq!(r.start_of(d(2026, 1, 24)), d(2025, 12, 25));
        assert_eq!(r.next(d(2026, 1, 25)), d(2026, 2, 25));
    }

    #[test]
    fn monthly_from_the_31st_clamps_to_month_end() {
        // given monthly periods starting on the 31st
        let r = anchored(BudgetPeriod::Monthly, d(2026, 1, 31));
        // then February's period starts on the 28th (2026) / 29th (2028), April's on the 30th
        assert_eq!(r.next(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(r.next(d(2026, 2, 28)), d(2026, 3, 31));
        assert_eq!(r.start_of(d(2026, 3, 30)), d(2026, 2, 28));
        assert_eq!(r.start_of(d(2026, 4, 30)), d(2026, 4, 30));
        assert_eq!(r.start_of(d(2028, 3, 1)), d(2028, 2, 29));
        assert_eq!(r.previous(d(2026, 3, 31)), d(2026, 2, 28));
    }

    #[test]
    fn monthly_from_the_30th_in_february() {
        let r = anchored(BudgetPeriod::Monthly, d(2026, 4, 30));
        assert_eq!(r.start_of(d(2026, 2, 28)), d(2026, 2, 28));
        assert_eq!(r.start_of(d(2026, 2, 27)), d(2026, 1, 30));
        assert_eq!(r.next(d(2026, 2, 28)), d(2026, 3, 30));
    }

    #[test]
    fn semi_monthly_halves() {
        // given semi-monthly periods (anchor ignored)
        let r = anchored(BudgetPeriod::SemiMonthly, d(2026, 1, 7));
        assert_eq!(r.start_of(d(2026, 1, 15)), d(2026, 1, 1));
        assert_eq!(r.start_of(d(2026, 1, 16)), d(2026, 1, 16));
        assert_eq!(r.next(d(2026, 1, 16)), d(2026, 2, 1));
        assert_eq!(r.previous(d(2026, 1, 1)), d(2025, 12, 16));
    }

    #[test]
    fn weekly_and_biweekly_extend_before_the_anchor() {
        // given a fortnight from Friday 2026-01-09
        let r = anchored(BudgetPeriod::Biweekly, d(2026, 1, 9));
        // then 2026-01-08 is in the fortnight from 2025-12-26, 2026-01-23 starts the next
        assert_eq!(r.start_of(d(2026, 1, 8)), d(2025, 12, 26));
        assert_eq!(r.start_of(d(2026, 1, 22)), d(2026, 1, 9));
        assert_eq!(r.next(d(2026, 1, 9)), d(2026, 1, 23));
        let w = anchored(BudgetPeriod::Weekly, d(2026, 1, 9));
        assert_eq!(w.start_of(d(2026, 1, 1)), d(2026, 1, 1) - chrono::Days::new(6));
        assert_eq!(w.previous(d(2026, 1, 9)), d(2026, 1, 2));
    }

    #[test]
    fn weekly_without_anchor_is_monthly() {
        let r = PeriodRule { kind: BudgetPeriod::Weekly, anchor: None };
        assert_eq!(r.start_of(d(2026, 3, 9)), d(2026, 3, 1));
    }

    #[test]
    fn starts_inclusive_and_bounded() {
        // given calendar months from mid-January through mid-April
        let r = PeriodRule::monthly();
        // then four starts, or two when bounded to two, none when reversed
        assert_eq!(
            r.starts(d(2026, 1, 15), d(2026, 4, 15), 10),
            vec![d(2026, 1, 1), d(2026, 2, 1), d(2026, 3, 1), d(2026, 4, 1)]
        );
        assert_eq!(r.starts(d(2026, 1, 15), d(2026, 4, 15), 2), vec![d(2026, 1, 1), d(2026, 2, 1)]);
        assert!(r.starts(d(2026, 4, 15), d(2026, 1, 15), 10).is_empty());
    }

    #[test]
    fn edges_of_chronos_range_saturate() {
        for rule in all_rules(NaiveDate::MAX).into_iter().chain(all_rules(NaiveDate::MIN)) {
            for date in [NaiveDate::MIN, NaiveDate::MAX] {
                let s = rule.start_of(date);
                assert!(s <= date);
                let _ = (rule.next(s), rule.previous(s), rule.next(date), rule.previous(date));
                assert!(!rule.starts(NaiveDate::MIN, NaiveDate::MAX, 3).is_empty());
                assert!(rule.starts(NaiveDate::MAX, NaiveDate::MAX, 3).len() == 1);
            }
        }
    }

    fn all_rules(anchor: NaiveDate) -> Vec<PeriodRule> {
        [BudgetPeriod::Monthly, BudgetPeriod::SemiMonthly, BudgetPeriod::Biweekly, BudgetPeriod::Weekly]
            .into_iter()
            .flat_map(|kind| [PeriodRule { kind, anchor: None }, PeriodRule { kind, anchor: Some(anchor) }])
            .collect()
    }

    /// Dates well inside chrono's range (years about −200000..200000), where no saturation applies.
    fn date() -> impl Strategy<Value = NaiveDate> {
        (-73_000_000i32..73_000_000).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
    }

    fn rule() -> impl Strategy<Value = PeriodRule> {
        (0usize..4, proptest::option::of(date())).prop_map(|(k, anchor)| {
            let kind = [BudgetPeriod::Monthly, BudgetPeriod::SemiMonthly, BudgetPeriod::Biweekly, BudgetPeriod::Weekly][k];
            PeriodRule { kind, anchor }
        })
    }

    proptest! {
        #[test]
        fn period_laws(r in rule(), day in date()) {
            let s = r.start_of(day);
            let n = r.next(s);
            prop_assert!(s <= day && day < n);
            prop_assert_eq!(r.previous(n), s);
            prop_assert_eq!(r.start_of(s), s);
            prop_assert_eq!(r.start_of(n), n);
        }

        #[test]
        fn never_panics_anywhere(kind in 0usize..4, a in any::<i32>(), x in any::<i32>()) {
            let anchor = NaiveDate::from_num_days_from_ce_opt(a);
            let day = NaiveDate::from_num_days_from_ce_opt(x).unwrap_or(NaiveDate::MAX);
            let kind = [BudgetPeriod::Monthly, BudgetPeriod::SemiMonthly, BudgetPeriod::Biweekly, BudgetPeriod::Weekly][kind];
            let r = PeriodRule { kind, anchor };
            let s = r.start_of(day);
            prop_assert!(s <= day);
            let _ = (r.next(s), r.previous(s), r.starts(day, NaiveDate::MAX, 2));
        }
    }
}
