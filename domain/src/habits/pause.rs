//! Pause: a date range (vacation, illness) for one habit, or for every habit when `habitId` is
//! null. Paused days count as SKIP: they bridge streaks and keep scores.

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError};

/// The longest pause (a year; a longer break is archiving the habit).
pub const MAX_PAUSE_DAYS: i64 = 366;

/// Pause's declaration (see `kind::declare`).
#[macro_export]
macro_rules! pause_kind {
    ($then:path) => { $then! {
        /// Days on which habits are neither due nor failed.
        kind Pause (PauseKind, PauseFields) in habits { type: "Pause", table: "habit_pauses", one: pause, many: pauses, api: crud }
        groups [["startsOn", "endsOn"]]
        key []
        fields {
            /// The habit paused; null: every habit.
            habit_id: opt Option<$crate::values::Id> [references("Habit"), filter],
            /// The first paused day.
            starts_on: req $crate::values::Date [filter],
            /// The last paused day (inclusive).
            ends_on: req $crate::values::Date [filter],
            /// Why ("vacation").
            reason: opt String [search],
        }
    } };
}
crate::pause_kind!(crate::declare_kind);

impl EntityKind for PauseKind {
    fn validate(f: &PauseFields) -> Result<(), FieldError> {
        if f.starts_on.is_unset() {
            return Err(FieldError::new("startsOn", "is required"));
        }
        if f.ends_on.is_unset() {
            return Err(FieldError::new("endsOn", "is required"));
        }
        let days = (f.ends_on.get() - f.starts_on.get()).num_days();
        if days < 0 {
            return Err(FieldError::new("endsOn", "must not be before startsOn"));
        }
        if days >= MAX_PAUSE_DAYS {
            return Err(FieldError::new("endsOn", format!("a pause lasts at most {MAX_PAUSE_DAYS} days")));
        }
        max_chars("reason", &f.reason, 500)
    }
}

impl PauseFields {
    /// Whether this pause covers `day` for `habit`.
    pub fn covers(&self, habit: &str, day: chrono::NaiveDate) -> bool {
        let applies = self.habit_id.as_ref().is_none_or(|id| id.as_str() == habit);
        applies && self.starts_on.get() <= day && day <= self.ends_on.get()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn date(text: &str) -> crate::values::Date {
        serde_json::from_value(serde_json::json!(text)).expect("a date")
    }

    #[test]
    fn a_pause_for_all_habits_covers_every_habit_on_its_days_only() {
        let pause = PauseFields { starts_on: date("2026-07-01"), ends_on: date("2026-07-14"), ..PauseFields::default() };
        assert!(PauseKind::validate(&pause).is_ok());
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 7, d).expect("a day");
        assert!(pause.covers("any", day(1)) && pause.covers("other", day(14)));
        assert!(!pause.covers("any", day(15)));
        let backwards = PauseFields { ends_on: date("2026-06-30"), ..pause };
        assert_eq!(PauseKind::validate(&backwards).err().map(|e| e.field), Some("endsOn".into()));
    }
}
