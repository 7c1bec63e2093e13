//! Settings: one per (workspace, user) — its id is the natural id of the user — with the
//! typed preferences the life domains read: IANA time zone and the hour a day starts (habits,
//! fasting, daily summaries), base currency and budget period (finance); later the prayer-time
//! method (faith). Domains extend it with fields here, never with settings of their own.

use crate::entity::{EntityKind, FieldError};

crate::field_enum! {
    /// How budgets are cut into periods.
    pub enum BudgetPeriod {
        /// One period per calendar month (the default).
        Monthly,
        /// Two periods per month: from the 1st and from the 16th.
        SemiMonthly,
        /// Every two weeks from `budgetPeriodAnchor`.
        Biweekly,
        /// Every week from `budgetPeriodAnchor`.
        Weekly,
    }
}

/// Settings' declaration (see `kind::declare`).
#[macro_export]
macro_rules! settings_kind {
    ($then:path) => { $then! {
        /// The signed-in user's settings in the current workspace.
        kind Settings (SettingsKind, SettingsFields) in profile { type: "Settings", table: "settings", one: settings, many: settings_list, api: custom }
        groups [["budgetPeriod", "budgetPeriodAnchor"]]
        key ["userId"]
        fields {
            /// The user these settings belong to.
            user_id: ro $crate::values::Id [immutable, owner],
            /// IANA time zone (`Europe/Berlin`); null: UTC.
            time_zone: opt Option<$crate::values::TimeZone>,
            /// The hour (0–23, local) a day starts: a check-in at 02:00 with 4 counts for the day before.
            day_start_hour: opt i32,
            /// ISO 4217 code net worth and budgets are shown in.
            base_currency: opt Option<$crate::values::CurrencyCode>,
            /// How budgets are cut into periods.
            budget_period: opt $crate::profile::settings::BudgetPeriod,
            /// A day on which a period starts (a payday), for semi-monthly, biweekly and weekly periods.
            budget_period_anchor: opt Option<$crate::values::Date>,
        }
    } };
}
crate::settings_kind!(crate::declare_kind);

impl EntityKind for SettingsKind {
    fn validate(f: &SettingsFields) -> Result<(), FieldError> {
        if f.user_id.as_str().is_empty() {
            return Err(FieldError::new("userId", "is required"));
        }
        if !(0..=23).contains(&f.day_start_hour) {
            return Err(FieldError::new("dayStartHour", "must be between 0 and 23"));
        }
        if f.budget_period != BudgetPeriod::Monthly && f.budget_period_anchor.is_none() {
            return Err(FieldError::new("budgetPeriodAnchor", "is required unless the budget period is MONTHLY"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone as _, Utc};
    use serde_json::json;

    use super::*;
    use crate::entity::{Entity, EntityCommand, EntityError};
    use crate::ids::natural_id;

    const WS: &str = "01J0000000000000000000WS00";
    const USER: &str = "01J00000000000000000000SER";

    fn create(id: &str, fields: serde_json::Value) -> EntityCommand {
        let fields = fields.as_object().cloned().unwrap_or_default();
        EntityCommand::Create { workspace_id: WS.into(), id: id.into(), fields, at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() }
    }

    #[test]
    fn settings_live_at_the_natural_id_of_their_user() {
        let none = Entity::<SettingsKind>::default();
        let id = natural_id("Settings", WS, &[USER]);
        let events = none.decide(create(&id, json!({"userId": USER, "timeZone": "Europe/Berlin"}))).expect("created");
        assert_eq!(events.len(), 1);
        let elsewhere = none.decide(create("01J00000000000000000000000", json!({"userId": USER})));
        assert!(matches!(elsewhere, Err(EntityError::Validation(e)) if e.field == "id"));
    }

    #[test]
    fn a_pay_period_needs_an_anchor_and_a_zone_must_be_iana() {
        let none = Entity::<SettingsKind>::default();
        let id = natural_id("Settings", WS, &[USER]);
        let weekly = none.decide(create(&id, json!({"userId": USER, "budgetPeriod": "WEEKLY"})));
        assert!(matches!(weekly, Err(EntityError::Validation(e)) if e.field == "budgetPeriodAnchor"));
        let zone = none.decide(create(&id, json!({"userId": USER, "timeZone": "Mars/Olympus"})));
        assert!(matches!(zone, Err(EntityError::Validation(e)) if e.field == "timeZone"));
        let hour = none.decide(create(&id, json!({"userId": USER, "dayStartHour": 24})));
        assert!(matches!(hour, Err(EntityError::Validation(e)) if e.field == "dayStartHour"));
    }
}
