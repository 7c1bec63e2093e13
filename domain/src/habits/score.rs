//! Habit strength and streaks, day by day — a pure fold the `habit_stats` projection persists
//! and a read continues to today. The score is Loop Habit Tracker's (uhabits `ScoreList`):
//! an exponential moving average `score = prev·m + completion·(1−m)` with
//! `m = 0.5^(sqrt(freq)/13)`, where `completion` is the share of the target reached in the
//! rolling window of the habit's period (for a yes/no habit done less than daily, the window
//! and target are doubled to smooth irregular schedules, as Loop does). A SKIP day — also a
//! paused day, or a weekday the habit is not scheduled on — leaves the score as it was and
//! bridges a streak; NO and an empty day count as not done.
//!
//! Streaks: a daily (or weekday) habit counts consecutive met days; an N-per-period habit
//! counts consecutive met periods (`den` days each, from the habit's first day), where a
//! period is met once its YES count (or its values' sum) reaches the target, a period of only
//! skipped days is neutral, and the period still running never breaks the streak.
//!
//! Values are `f64` here (a score is a ratio, never money); a measurable habit's Decimal
//! target and values are converted once, by the caller.

use chrono::{Datelike, NaiveDate};

/// What one day holds, after pauses are applied (a paused day is `Skip`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// No check-in.
    Unknown,
    Yes,
    /// An explicit "failed".
    No,
    Skip,
    /// A measurable habit's value.
    Value(f64),
}

/// What counts as done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    YesNo,
    /// At least this much per period.
    AtLeast(f64),
    /// At most this much per period.
    AtMost(f64),
}

/// How often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    Daily,
    /// `num` times every `den` days (`1 ≤ num ≤ den`).
    Times { num: u32, den: u32 },
    /// On these weekdays (Monday first); other days are neutral.
    Weekdays([bool; 7]),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HabitRule {
    pub measure: Measure,
    pub cadence: Cadence,
}

/// One day's derived figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayStat {
    pub date: NaiveDate,
    /// Habit strength, 0.0–1.0.
    pub score: f64,
    /// The streak as of this day (days, or periods for an N-per-period habit).
    pub streak: u32,
    /// The longest streak up to this day.
    pub best_streak: u32,
    /// Whether the day (daily habits) or its period so far (N-per-period) is met; None when
    /// the day is neutral (skipped, paused, unscheduled).
    pub met: Option<bool>,
}

/// Loop's score step.
pub fn score_step(frequency: f64, previous: f64, completion: f64) -> f64 {
    let multiplier = 0.5_f64.powf(frequency.sqrt() / 13.0);
    previous * multiplier + completion * (1.0 - multiplier)
}

impl HabitRule {
    fn frequency_parts(&self) -> (u32, u32) {
        match self.cadence {
            Cadence::Daily | Cadence::Weekdays(_) => (1, 1),
            Cadence::Times { num, den } => (num.max(1), den.max(1)),
        }
    }

    fn scheduled(&self, date: NaiveDate) -> bool {
        match self.cadence {
            Cadence::Weekdays(days) => days[date.weekday().num_days_from_monday() as usize],
            Cadence::Daily | Cadence::Times { .. } => true,
        }
    }

    /// Whether one day's mark (daily cadences) or a period's total (counted YES days or the
    /// sum of values) meets the target.
    fn meets(&self, yes: u32, sum: f64, num: u32) -> bool {
        match self.measure {
            Measure::YesNo => yes >= num,
            Measure::AtLeast(target) => sum >= target,
            Measure::AtMost(target) => sum <= target,
        }
    }
}

/// The figures of every day from `first` on, one per mark (`marks[0]` is `first`).
pub fn fold(rule: &HabitRule, first: NaiveDate, marks: &[Mark]) -> Vec<DayStat> {
    let mut folder = Folder::new(rule, first);
    marks.iter().map(|mark| folder.push(rule, *mark)).collect()
}

/// The fold between days: everything the next day's figures depend on, so a projection can
/// store it after the last day with data and a read can go on from there to today without
/// the history. Serialisable; only valid with the rule it was started with.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Folder {
    /// The next day to fold.
    pub next: NaiveDate,
    /// Days folded so far (the next day's index from the first).
    index: usize,
    score: f64,
    rolling: f64,
    /// The window's marks' parts, oldest first (at most the window's length).
    window: std::collections::VecDeque<f64>,
    streaks: Streaks,
    period_yes: u32,
    period_sum: f64,
    period_counted: bool,
}

impl Folder {
    /// A fold starting at `first` (an AT_MOST habit starts at full strength, as in Loop).
    pub fn new(rule: &HabitRule, first: NaiveDate) -> Self {
        Self {
            next: first,
            index: 0,
            score: if matches!(rule.measure, Measure::AtMost(_)) { 1.0 } else { 0.0 },
            rolling: 0.0,
            window: std::collections::VecDeque::new(),
            streaks: Streaks::default(),
            period_yes: 0,
            period_sum: 0.0,
            period_counted: false,
        }
    }

    /// Folds the next day's mark and returns its figures.
    pub fn push(&mut self, rule: &HabitRule, mark: Mark) -> DayStat {
        let date = self.next;
        let mark = if rule.scheduled(date) { mark } else { Mark::Skip };
        let (num, den) = rule.frequency_parts();
        let frequency = f64::from(num) / f64::from(den);
        let numerical = rule.measure != Measure::YesNo;
        // Loop doubles a less-than-daily yes/no habit's window and target.
        let (window_num, window) = if !numerical && frequency < 1.0 { (num * 2, den * 2) } else { (num, den) };

        let part = window_value(mark, numerical);
        self.rolling += part;
        self.window.push_back(part);
        if self.window.len() > window as usize {
            self.rolling -= self.window.pop_front().unwrap_or(0.0);
        }
        if mark != Mark::Skip {
            let rolling = self.rolling;
            let completion = match rule.measure {
                Measure::YesNo => (rolling / f64::from(window_num)).min(1.0),
                Measure::AtLeast(target) if target > 0.0 => (rolling / target).min(1.0),
                Measure::AtLeast(_) => 1.0,
                Measure::AtMost(target) if target > 0.0 => (1.0 - (rolling - target) / target).clamp(0.0, 1.0),
                Measure::AtMost(_) => f64::from(u8::from(rolling <= 0.0)),
            };
            self.score = score_step(frequency, self.score, completion);
        }

        let met = if matches!(rule.cadence, Cadence::Times { .. }) {
            let den = den as usize;
            if self.index.is_multiple_of(den) {
                (self.period_yes, self.period_sum, self.period_counted) = (0, 0.0, false);
            }
            self.period_yes += u32::from(mark == Mark::Yes);
            self.period_sum += value_of(mark);
            self.period_counted |= mark != Mark::Skip;
            let is_met = rule.meets(self.period_yes, self.period_sum, num);
            self.streaks.period(is_met, self.period_counted, (self.index + 1).is_multiple_of(den));
            self.period_counted.then_some(is_met)
        } else {
            let neutral = mark == Mark::Skip;
            let is_met = !neutral && has_entry(mark) && rule.meets(u32::from(mark == Mark::Yes), value_of(mark), 1);
            self.streaks.day(if neutral { None } else { Some(is_met) });
            (!neutral).then_some(is_met)
        };
        self.index += 1;
        self.next = date.succ_opt().unwrap_or(date);
        DayStat { date, score: self.score, streak: self.streaks.shown(), best_streak: self.streaks.best, met }
    }
}

/// A mark's part in the rolling window: a YES (yes/no) or a value (measurable, never below 0).
fn window_value(mark: Mark, numerical: bool) -> f64 {
    match (mark, numerical) {
        (Mark::Yes, false) => 1.0,
        (Mark::Value(v), true) => v.max(0.0),
        _ => 0.0,
    }
}

fn value_of(mark: Mark) -> f64 {
    match mark {
        Mark::Value(v) => v.max(0.0),
        _ => 0.0,
    }
}

/// An empty day never meets a target (an AT_MOST habit needs a logged value).
fn has_entry(mark: Mark) -> bool {
    matches!(mark, Mark::Yes | Mark::Value(_))
}

/// Streak bookkeeping for days or periods.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Streaks {
    /// Completed, met units in a row.
    run: u32,
    /// Whether the running period is already met (counted in `shown`, not yet in `run`).
    pending: bool,
    best: u32,
}

impl Streaks {
    fn day(&mut self, met: Option<bool>) {
        match met {
            Some(true) => self.run += 1,
            Some(false) => self.run = 0,
            None => {}
        }
        self.best = self.best.max(self.run);
    }

    fn period(&mut self, met: bool, counted: bool, last: bool) {
        self.pending = met;
        if last {
            match (met, counted) {
                (true, _) => self.run += 1,
                (false, true) => self.run = 0,
                (false, false) => {}
            }
            self.pending = false;
        }
        self.best = self.best.max(self.shown());
    }

    fn shown(&self) -> u32 {
        self.run + u32::from(self.pending)
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
