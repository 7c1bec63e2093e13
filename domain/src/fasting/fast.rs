//! Fast: one fast of one user — when it started, when it ended (null while it runs; start and
//! end merge as one register), its goal (a protocol such as 16:8, or hours), a note. The user
//! is the owner: only they write their fasts. History is editable; `FastLog` keeps a user's
//! fasts from overlapping.

use rust_decimal::Decimal;

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError};
use crate::fasting::fast_log::NoOverlap;
use crate::rule::CrossRule;

crate::field_enum! {
    /// A fasting protocol: its fasting window in hours (the rest of the day is the eating window).
    pub enum FastProtocol {
        /// A goal in `goalHours` (the default).
        Custom,
        /// 16:8 — 16 hours fasting.
        Fast16,
        /// 18:6 — 18 hours.
        Fast18,
        /// 20:4 — 20 hours.
        Fast20,
        /// One meal a day — 23 hours.
        Omad,
        /// 36 hours.
        Fast36,
    }
}

/// The longest fast this accepts (a longer one is a mistyped date, or medical supervision).
pub const MAX_FAST_HOURS: i64 = 240;

/// Fast's declaration (see `kind::declare`).
#[macro_export]
macro_rules! fast_kind {
    ($then:path) => { $then! {
        /// A fast of one user.
        kind Fast (FastKind, FastFields) in fasting { type: "Fast", table: "fasts", one: fast, many: fasts, api: crud }
        groups [["startedAt", "endedAt"]]
        key []
        fields {
            /// The user fasting (your own user id).
            user_id: fix $crate::values::Id [owner, filter],
            /// When the fast started.
            started_at: req Option<$crate::values::Timestamp> [filter],
            /// When it ended; null while it runs.
            ended_at: opt Option<$crate::values::Timestamp> [filter],
            /// The protocol (its goal), or CUSTOM with `goalHours`.
            protocol: opt $crate::fasting::fast::FastProtocol [filter],
            /// A CUSTOM fast's goal in hours.
            goal_hours: opt Option<$crate::values::Decimal>,
            /// A note.
            note: opt String [search],
        }
    } };
}
crate::fast_kind!(crate::declare_kind);

impl FastProtocol {
    /// The protocol's fasting hours (None: CUSTOM).
    pub fn hours(self) -> Option<Decimal> {
        match self {
            FastProtocol::Custom => None,
            FastProtocol::Fast16 => Some(Decimal::from(16)),
            FastProtocol::Fast18 => Some(Decimal::from(18)),
            FastProtocol::Fast20 => Some(Decimal::from(20)),
            FastProtocol::Omad => Some(Decimal::from(23)),
            FastProtocol::Fast36 => Some(Decimal::from(36)),
        }
    }
}

impl FastFields {
    /// The goal in hours: the protocol's, or `goalHours`.
    pub fn goal(&self) -> Option<Decimal> {
        self.protocol.hours().or(self.goal_hours.map(|g| g.get()))
    }
}

impl EntityKind for FastKind {
    fn rules() -> &'static [&'static dyn CrossRule] {
        &[&NoOverlap]
    }

    fn validate(f: &FastFields) -> Result<(), FieldError> {
        if f.user_id.as_str().is_empty() {
            return Err(FieldError::new("userId", "is required"));
        }
        let Some(started) = f.started_at else {
            return Err(FieldError::new("startedAt", "is required"));
        };
        if let Some(ended) = f.ended_at {
            let minutes = (ended.get() - started.get()).num_minutes();
            if minutes < 0 {
                return Err(FieldError::new("endedAt", "must not be before startedAt"));
            }
            if minutes > MAX_FAST_HOURS * 60 {
                return Err(FieldError::new("endedAt", format!("a fast lasts at most {MAX_FAST_HOURS} hours")));
            }
        }
        match (f.protocol, f.goal_hours) {
            (FastProtocol::Custom, None) => return Err(FieldError::new("goalHours", "is required for a CUSTOM fast")),
            (FastProtocol::Custom, Some(goal)) if goal.get() <= Decimal::ZERO || goal.get() > Decimal::from(MAX_FAST_HOURS) => {
                return Err(FieldError::new("goalHours", format!("must be more than 0 and at most {MAX_FAST_HOURS}")));
            }
            (FastProtocol::Custom, Some(_)) | (_, None) => {}
            (_, Some(_)) => return Err(FieldError::new("goalHours", "is only for a CUSTOM fast (the protocol sets the goal)")),
        }
        max_chars("note", &f.note, 2_000)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn validate(fields: serde_json::Value) -> Result<(), FieldError> {
        let mut all = crate::entity::defaults::<FastKind>().expect("defaults");
        all.extend(fields.as_object().cloned().unwrap_or_default());
        let typed: FastFields = serde_json::from_value(serde_json::Value::Object(all)).expect("typed");
        FastKind::validate(&typed)
    }

    const USER: &str = "01JHHHHHHHHHHHHHHHHHHHHHHH";

    #[test]
    fn given_fasts_when_validated_then_bad_ends_and_goals_name_their_field() {
        let ok = json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z", "protocol": "FAST16"});
        assert!(validate(ok).is_ok());
        let field = |v| validate(v).err().map(|e| e.field);
        assert_eq!(field(json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z", "endedAt": "2026-03-14T19:00:00Z", "protocol": "OMAD"})), Some("endedAt".into()));
        assert_eq!(field(json!({"userId": USER, "startedAt": "2026-03-01T20:00:00Z", "endedAt": "2026-03-14T19:00:00Z", "protocol": "OMAD"})), Some("endedAt".into()));
        assert_eq!(field(json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z"})), Some("goalHours".into()));
        assert_eq!(field(json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z", "goalHours": "0"})), Some("goalHours".into()));
        assert_eq!(field(json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z", "protocol": "FAST18", "goalHours": "3"})), Some("goalHours".into()));
        assert!(validate(json!({"userId": USER, "startedAt": "2026-03-14T20:00:00Z", "goalHours": "13.5"})).is_ok());
    }

    #[test]
    fn the_goal_comes_from_the_protocol_or_the_hours() {
        let omad = FastFields { protocol: FastProtocol::Omad, ..FastFields::default() };
        assert_eq!(omad.goal(), Some(Decimal::from(23)));
        assert_eq!(FastFields::default().goal(), None);
    }
}
