//! Habit: what to do and how often — yes/no or measurable (a Decimal target, at least or at
//! most, in a unit), every day, N times every M days (Loop's `freqNum`/`freqDen`), or on given
//! weekdays (other days neutral); reminder times; a parent habit that groups it; archived.

use crate::entity::kind_rules::{max_chars, required_text, string_list};
use crate::entity::{EntityKind, FieldError};
use crate::habits::habit_log::RegisterHabit;
use crate::habits::score::{Cadence, HabitRule, Measure};
use crate::rule::CrossRule;

crate::field_enum! {
    /// Yes/no, or a quantity against a target.
    pub enum HabitType {
        /// Done or not (the default).
        YesNo,
        /// A number in `unit` against `target`.
        Measurable,
    }
}

crate::field_enum! {
    /// How a measurable habit's target is met.
    pub enum TargetType {
        /// The period's total must reach the target (the default).
        AtLeast,
        /// The period's total must stay at or under it.
        AtMost,
    }
}

crate::field_enum! {
    /// How often a habit is due.
    pub enum Schedule {
        /// Every day (the default).
        Daily,
        /// `freqNum` times every `freqDen` days.
        TimesPerPeriod,
        /// On the given `weekdays`; other days are neutral.
        Weekdays,
    }
}

/// Weekday names as `weekdays` holds them, Monday first.
pub const WEEKDAYS: [&str; 7] = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

/// The longest period a habit may have (Loop allows up to a year).
pub const MAX_PERIOD_DAYS: i32 = 366;

/// Habit's declaration (see `kind::declare`).
#[macro_export]
macro_rules! habit_kind {
    ($then:path) => { $then! {
        /// A habit to build (or to break, with an AT_MOST target).
        kind Habit (HabitKind, HabitFields) in habits { type: "Habit", table: "habits", one: habit, many: habits, api: crud }
        groups [["schedule", "freqNum", "freqDen", "weekdays"], ["unit", "target", "targetType"]]
        key []
        fields {
            /// The habit's name.
            name: req String [search, filter],
            /// The question a reminder asks ("Did you meditate today?").
            question: opt String [search],
            /// Yes/no or measurable; fixed once created (its check-ins depend on it).
            kind: fix $crate::habits::habit::HabitType [filter],
            /// A measurable habit's unit ("km", "pages").
            unit: opt String,
            /// A measurable habit's target per period (a day, or `freqDen` days).
            target: opt Option<$crate::values::Decimal>,
            /// Whether the target is a floor or a ceiling.
            target_type: opt $crate::habits::habit::TargetType,
            /// How often the habit is due.
            schedule: opt $crate::habits::habit::Schedule,
            /// TIMES_PER_PERIOD: how many times per period (1 ≤ freqNum ≤ freqDen).
            freq_num: opt i32,
            /// TIMES_PER_PERIOD: the period in days (at most 366).
            freq_den: opt i32,
            /// WEEKDAYS: the days it is due, as `MON`…`SUN`.
            weekdays: opt Vec<String>,
            /// Local times of day to be reminded at, `HH:MM`.
            reminder_times: opt Vec<String>,
            /// The habit that groups this one.
            parent_id: opt Option<$crate::values::Id> [references("Habit"), filter],
            /// Archived habits are kept with their history but not shown as due.
            archived: opt bool [filter],
        }
    } };
}
crate::habit_kind!(crate::declare_kind);

impl EntityKind for HabitKind {
    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&RegisterHabit]
    }

    fn validate(f: &HabitFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)?;
        max_chars("question", &f.question, 500)?;
        match f.kind {
            HabitType::YesNo => {
                if f.target.is_some() {
                    return Err(FieldError::new("target", "a YES_NO habit has no target"));
                }
                if !f.unit.is_empty() {
                    return Err(FieldError::new("unit", "a YES_NO habit has no unit"));
                }
            }
            HabitType::Measurable => {
                max_chars("unit", &f.unit, 40)?;
                match f.target {
                    None => return Err(FieldError::new("target", "is required for a MEASURABLE habit")),
                    Some(t) if t.get().is_sign_negative() => return Err(FieldError::new("target", "must not be negative")),
                    Some(_) => {}
                }
            }
        }
        validate_schedule(f)?;
        string_list("reminderTimes", &f.reminder_times, 10, 5)?;
        if let Some(bad) = f.reminder_times.iter().find(|t| !is_time_of_day(t)) {
            return Err(FieldError::new("reminderTimes", format!("{bad:?} is not a time of day HH:MM")));
        }
        if has_repeats(&f.reminder_times) {
            return Err(FieldError::new("reminderTimes", "must not repeat a time"));
        }
        Ok(())
    }
}

fn validate_schedule(f: &HabitFields) -> Result<(), FieldError> {
    let periodic = f.schedule == Schedule::TimesPerPeriod;
    if periodic {
        if !(1..=MAX_PERIOD_DAYS).contains(&f.freq_den) {
            return Err(FieldError::new("freqDen", format!("must be between 1 and {MAX_PERIOD_DAYS} days")));
        }
        if f.freq_num < 1 {
            return Err(FieldError::new("freqNum", "must be at least 1"));
        }
        if f.freq_num > f.freq_den {
            return Err(FieldError::new("freqNum", "must not be more than freqDen"));
        }
    } else if f.freq_num != 0 || f.freq_den != 0 {
        return Err(FieldError::new("freqNum", "is only for a TIMES_PER_PERIOD schedule"));
    }
    if f.schedule == Schedule::Weekdays {
        if f.weekdays.is_empty() {
            return Err(FieldError::new("weekdays", "must name at least one day for a WEEKDAYS schedule"));
        }
        if let Some(bad) = f.weekdays.iter().find(|d| !WEEKDAYS.contains(&d.as_str())) {
            return Err(FieldError::new("weekdays", format!("{bad:?} is not one of MON, TUE, WED, THU, FRI, SAT, SUN")));
        }
        if has_repeats(&f.weekdays) {
            return Err(FieldError::new("weekdays", "must not repeat a day"));
        }
    } else if !f.weekdays.is_empty() {
        return Err(FieldError::new("weekdays", "is only for a WEEKDAYS schedule"));
    }
    Ok(())
}

fn is_time_of_day(text: &str) -> bool {
    chrono::NaiveTime::parse_from_str(text, "%H:%M").is_ok() && text.len() == 5
}

fn has_repeats(values: &[String]) -> bool {
    let mut seen = std::collections::HashSet::new();
    !values.iter().all(|v| seen.insert(v.as_str()))
}

impl HabitFields {
    /// The rule the score and streak fold applies (a Decimal target as f64: a score is a ratio).
    pub fn rule(&self) -> HabitRule {
        let target = self.target.map_or(0.0, |t| rust_decimal::prelude::ToPrimitive::to_f64(&t.get()).unwrap_or(0.0));
        let measure = match (self.kind, self.target_type) {
            (HabitType::YesNo, _) => Measure::YesNo,
            (HabitType::Measurable, TargetType::AtLeast) => Measure::AtLeast(target),
            (HabitType::Measurable, TargetType::AtMost) => Measure::AtMost(target),
        };
        let cadence = match self.schedule {
            Schedule::Daily => Cadence::Daily,
            Schedule::TimesPerPeriod => Cadence::Times {
                num: u32::try_from(self.freq_num).unwrap_or(1),
                den: u32::try_from(self.freq_den).unwrap_or(1),
            },
            Schedule::Weekdays => Cadence::Weekdays(WEEKDAYS.map(|day| self.weekdays.iter().any(|d| d == day))),
        };
        HabitRule { measure, cadence }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn validate(fields: serde_json::Value) -> Result<(), FieldError> {
        let mut all = crate::entity::defaults::<HabitKind>().expect("defaults");
        all.extend(fields.as_object().cloned().unwrap_or_default());
        let typed: HabitFields = serde_json::from_value(serde_json::Value::Object(all)).expect("typed");
        HabitKind::validate(&typed)
    }

    fn field_of(result: Result<(), FieldError>) -> String {
        result.err().map(|e| e.field).unwrap_or_default()
    }

    #[test]
    fn given_valid_habits_when_validated_then_they_pass() {
        assert!(validate(json!({"name": "Meditate"})).is_ok());
        assert!(validate(json!({"name": "Gym", "schedule": "TIMES_PER_PERIOD", "freqNum": 3, "freqDen": 7})).is_ok());
        assert!(validate(json!({"name": "Run", "schedule": "WEEKDAYS", "weekdays": ["MON", "WED", "FRI"], "reminderTimes": ["07:30"]})).is_ok());
        assert!(validate(json!({"name": "Read", "kind": "MEASURABLE", "unit": "pages", "target": "20"})).is_ok());
        assert!(validate(json!({"name": "Smoke less", "kind": "MEASURABLE", "unit": "cigarettes", "target": "0", "targetType": "AT_MOST"})).is_ok());
    }

    #[test]
    fn given_inconsistent_habits_when_validated_then_the_field_is_named() {
        assert_eq!(field_of(validate(json!({"name": " "}))), "name");
        assert_eq!(field_of(validate(json!({"name": "x", "schedule": "TIMES_PER_PERIOD", "freqNum": 8, "freqDen": 7}))), "freqNum");
        assert_eq!(field_of(validate(json!({"name": "x", "schedule": "TIMES_PER_PERIOD", "freqNum": 1, "freqDen": 400}))), "freqDen");
        assert_eq!(field_of(validate(json!({"name": "x", "freqNum": 2, "freqDen": 3}))), "freqNum");
        assert_eq!(field_of(validate(json!({"name": "x", "schedule": "WEEKDAYS"}))), "weekdays");
        assert_eq!(field_of(validate(json!({"name": "x", "schedule": "WEEKDAYS", "weekdays": ["MON", "MON"]}))), "weekdays");
        assert_eq!(field_of(validate(json!({"name": "x", "weekdays": ["MON"]}))), "weekdays");
        assert_eq!(field_of(validate(json!({"name": "x", "target": "3"}))), "target");
        assert_eq!(field_of(validate(json!({"name": "x", "kind": "MEASURABLE"}))), "target");
        assert_eq!(field_of(validate(json!({"name": "x", "kind": "MEASURABLE", "target": "-1"}))), "target");
        assert_eq!(field_of(validate(json!({"name": "x", "reminderTimes": ["25:00"]}))), "reminderTimes");
    }

    #[test]
    fn the_declared_fields_give_the_folds_rule() {
        let weekly = HabitFields {
            schedule: Schedule::Weekdays,
            weekdays: vec!["MON".into(), "SUN".into()],
            ..HabitFields::default()
        };
        assert_eq!(weekly.rule().cadence, Cadence::Weekdays([true, false, false, false, false, false, true]));
        let thrice = HabitFields { schedule: Schedule::TimesPerPeriod, freq_num: 3, freq_den: 7, ..HabitFields::default() };
        assert_eq!(thrice.rule(), HabitRule { measure: Measure::YesNo, cadence: Cadence::Times { num: 3, den: 7 } });
    }
}
