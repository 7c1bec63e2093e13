//! CheckIn: a habit's entry for one local day — YES, NO (an explicit failure), SKIP, or a
//! measurable habit's VALUE — with a note. One per (habit, date): its id is their natural id,
//! so two devices checking in the same day address one entity and converge on its newest
//! state (state and value merge as one register). The date is the local day the client
//! computed (`day::local_day`); a check-in keeps it when its maker travels.

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError};
use crate::habits::habit_log::CheckInFits;
use crate::rule::CrossRule;

crate::field_enum! {
    /// What a day holds for a habit.
    pub enum CheckInState {
        /// Done (the default).
        Yes,
        /// Explicitly not done: breaks the streak.
        No,
        /// Neither done nor failed (rest day, sick): bridges the streak, keeps the score.
        Skip,
        /// A measurable habit's quantity, in `value`.
        Value,
    }
}

/// How far back a check-in may be dated before its habit was created (importing an older
/// history from another tracker is a Loop CSV import, which sets the habit's history).
pub const BACKFILL_DAYS: i64 = 366;

/// CheckIn's declaration (see `kind::declare`).
#[macro_export]
macro_rules! check_in_kind {
    ($then:path) => { $then! {
        /// A habit's entry for one local day.
        kind CheckIn (CheckInKind, CheckInFields) in habits { type: "CheckIn", table: "check_ins", one: check_in, many: check_ins, api: crud }
        groups [["state", "value"]]
        key ["habitId", "date"]
        fields {
            /// The habit checked in.
            habit_id: fix $crate::values::Id [references("Habit"), filter],
            /// The local day it is for (the user's time zone and day-start hour).
            date: fix $crate::values::Date [filter],
            /// Done, failed, skipped, or a value.
            state: opt $crate::habits::check_in::CheckInState [filter],
            /// A measurable habit's quantity (state VALUE).
            value: opt Option<$crate::values::Decimal>,
            /// A note on the day.
            note: opt String [search],
        }
    } };
}
crate::check_in_kind!(crate::declare_kind);

impl EntityKind for CheckInKind {
    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&CheckInFits]
    }

    fn validate(f: &CheckInFields) -> Result<(), FieldError> {
        if f.habit_id.as_str().is_empty() {
            return Err(FieldError::new("habitId", "is required"));
        }
        if f.date.is_unset() {
            return Err(FieldError::new("date", "is required"));
        }
        match (f.state, f.value) {
            (CheckInState::Value, None) => return Err(FieldError::new("value", "is required with state VALUE")),
            (CheckInState::Value, Some(_)) | (_, None) => {}
            (_, Some(_)) => return Err(FieldError::new("value", "is only for state VALUE")),
        }
        max_chars("note", &f.note, 2_000)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn validate(fields: serde_json::Value) -> Result<(), FieldError> {
        let mut all = crate::entity::defaults::<CheckInKind>().expect("defaults");
        all.extend(fields.as_object().cloned().unwrap_or_default());
        let typed: CheckInFields = serde_json::from_value(serde_json::Value::Object(all)).expect("typed");
        CheckInKind::validate(&typed)
    }

    const HABIT: &str = "01JBBBBBBBBBBBBBBBBBBBBBBB";

    #[test]
    fn a_value_goes_with_state_value_only() {
        assert!(validate(json!({"habitId": HABIT, "date": "2026-03-14"})).is_ok());
        assert!(validate(json!({"habitId": HABIT, "date": "2026-03-14", "state": "VALUE", "value": "4.5"})).is_ok());
        let missing = validate(json!({"habitId": HABIT, "date": "2026-03-14", "state": "VALUE"}));
        assert_eq!(missing.err().map(|e| e.field), Some("value".into()));
        let stray = validate(json!({"habitId": HABIT, "date": "2026-03-14", "state": "YES", "value": "1"}));
        assert_eq!(stray.err().map(|e| e.field), Some("value".into()));
    }

    #[test]
    fn a_check_in_lives_at_the_natural_id_of_its_habit_and_day() {
        let spec = <CheckInKind as crate::kind::Declared>::SPEC;
        let fields = json!({"habitId": HABIT, "date": "2026-03-14"}).as_object().cloned().unwrap_or_default();
        let id = spec.natural_id("01JAAAAAAAAAAAAAAAAAAAAAAA", &fields);
        assert_eq!(id.as_deref(), Some(crate::ids::natural_id("CheckIn", "01JAAAAAAAAAAAAAAAAAAAAAAA", &[HABIT, "2026-03-14"]).as_str()));
    }
}
