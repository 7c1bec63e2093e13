//! HabitLog: the rule aggregate that keeps check-ins consistent with their habit — one stream
//! per habit (`"{workspace_id}:{habit_id}"`, aggregate type "HabitLog"). A habit's create
//! registers its kind (fixed from then on) and its creation day; every check-in write is
//! checked against them on the command path, in the same batch: a VALUE on a YES_NO habit, a
//! YES or NO on a MEASURABLE one, a day after today anywhere on Earth (UTC+14 at the write's
//! time — the rule reads only its own events, never the user's settings), or a day more than
//! [`BACKFILL_DAYS`] before the habit was created are `VALIDATION` naming the field.
//!
//! Pure: must never look at anything but its own events.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::habits::check_in::{CheckInState, BACKFILL_DAYS};
use crate::habits::habit::HabitType;
use crate::rule::{CrossRule, EntityWrite, RuleAggregate, RuleCall, RuleError};

/// The earliest offset from UTC of any zone: no one's today is later than UTC+14's.
const LATEST_OFFSET_HOURS: i64 = 14;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HabitLog {
    pub kind: Option<HabitType>,
    pub created_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HabitLogCommand {
    /// A habit was created.
    Register { kind: HabitType, at: DateTime<Utc> },
    /// A check-in is written with this state (after the write).
    Check { state: CheckInState, has_value: bool, date: NaiveDate, at: DateTime<Utc> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HabitLogEvent {
    Registered { kind: HabitType, created_on: NaiveDate },
}

impl DomainEvent for HabitLogEvent {
    fn event_type(&self) -> String {
        match self {
            HabitLogEvent::Registered { .. } => "HabitLogRegistered",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> RuleError {
    RuleError::Validation { field, message: message.into() }
}

impl RuleAggregate for HabitLog {
    fn decide(&self, command: HabitLogCommand) -> Result<Vec<HabitLogEvent>, RuleError> {
        match command {
            HabitLogCommand::Register { .. } if self.kind.is_some() => Ok(Vec::new()),
            HabitLogCommand::Register { kind, at } => Ok(vec![HabitLogEvent::Registered { kind, created_on: at.date_naive() }]),
            HabitLogCommand::Check { state, has_value, date, at } => {
                match (self.kind, state) {
                    (Some(HabitType::YesNo), CheckInState::Value) => {
                        return Err(invalid(if has_value { "value" } else { "state" }, "a YES_NO habit takes YES, NO or SKIP, not a value"));
                    }
                    (Some(HabitType::Measurable), CheckInState::Yes | CheckInState::No) => {
                        return Err(invalid("state", "a MEASURABLE habit takes a VALUE (or SKIP)"));
                    }
                    _ => {}
                }
                if date > (at + Duration::hours(LATEST_OFFSET_HOURS)).date_naive() {
                    return Err(invalid("date", "is in the future"));
                }
                if let Some(created) = self.created_on {
                    if date < created - Duration::days(BACKFILL_DAYS) {
                        return Err(invalid("date", format!("is more than {BACKFILL_DAYS} days before the habit was created")));
                    }
                }
                Ok(Vec::new())
            }
        }
    }

    fn evolve(&mut self, event: &HabitLogEvent) {
        let HabitLogEvent::Registered { kind, created_on } = event;
        self.kind = Some(*kind);
        self.created_on = Some(*created_on);
    }
}

impl Aggregate for HabitLog {
    const TYPE: &'static str = "HabitLog";
    type Command = HabitLogCommand;
    type Event = HabitLogEvent;
    type Error = RuleError;
    type Services = ();

    async fn handle(&mut self, command: HabitLogCommand, _: &(), sink: &EventSink<Self>) -> Result<(), RuleError> {
        crate::emit::emit(sink, RuleAggregate::decide(self, command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: HabitLogEvent) {
        RuleAggregate::evolve(self, &event);
    }
}

fn stream(workspace_id: &str, habit_id: &str) -> String {
    format!("{workspace_id}:{habit_id}")
}

/// Habit's rule: its create registers its kind and day.
#[derive(Debug, Clone, Copy)]
pub struct RegisterHabit;

impl CrossRule for RegisterHabit {
    fn name(&self) -> &'static str {
        "a habit's check-ins fit its kind"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let created = write.before.is_none() && write.after.is_some();
        let kind = write.changes.get("kind").and_then(|k| serde_json::from_value::<HabitType>(k.clone()).ok());
        match (created, kind) {
            (true, Some(kind)) => vec![RuleCall::HabitLog {
                stream: stream(write.workspace_id, write.entity_id),
                command: HabitLogCommand::Register { kind, at: write.at },
            }],
            _ => Vec::new(),
        }
    }
}

/// CheckIn's rule: its state, value and date fit its habit.
#[derive(Debug, Clone, Copy)]
pub struct CheckInFits;

impl CrossRule for CheckInFits {
    fn name(&self) -> &'static str {
        "a check-in fits its habit"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let touches = ["state", "value", "date", "habitId"].iter().any(|f| write.changes.contains_key(*f));
        let Some(after) = write.after.as_ref().filter(|_| touches) else { return Vec::new() };
        let text = |field: &str| after.get(field).and_then(Value::as_str);
        let state = after.get("state").and_then(|s| serde_json::from_value::<CheckInState>(s.clone()).ok());
        let date = text("date").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let (Some(habit_id), Some(state), Some(date)) = (text("habitId"), state, date) else { return Vec::new() };
        let has_value = after.get("value").is_some_and(|v| !v.is_null());
        vec![RuleCall::HabitLog {
            stream: stream(write.workspace_id, habit_id),
            command: HabitLogCommand::Check { state, has_value, date, at: write.at },
        }]
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 20, 0, 0).single().expect("a time")
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a day")
    }

    fn registered(kind: HabitType) -> HabitLog {
        let mut log = HabitLog::default();
        for event in log.decide(HabitLogCommand::Register { kind, at: at() }).expect("registered") {
            log.evolve(&event);
        }
        log
    }

    fn check(log: &HabitLog, state: CheckInState, has_value: bool, date: NaiveDate) -> Result<(), &'static str> {
        log.decide(HabitLogCommand::Check { state, has_value, date, at: at() }).map(drop).map_err(|e| e.field())
    }

    #[test]
    fn given_a_yes_no_habit_when_a_value_is_checked_in_then_it_is_refused_on_value() {
        let log = registered(HabitType::YesNo);
        assert_eq!(check(&log, CheckInState::Yes, false, day(14)), Ok(()));
        assert_eq!(check(&log, CheckInState::Skip, false, day(14)), Ok(()));
        assert_eq!(check(&log, CheckInState::Value, true, day(14)), Err("value"));
    }

    #[test]
    fn given_a_measurable_habit_when_yes_or_no_is_checked_in_then_it_is_refused_on_state() {
        let log = registered(HabitType::Measurable);
        assert_eq!(check(&log, CheckInState::Value, true, day(14)), Ok(()));
        assert_eq!(check(&log, CheckInState::Skip, false, day(14)), Ok(()));
        assert_eq!(check(&log, CheckInState::Yes, false, day(14)), Err("state"));
        assert_eq!(check(&log, CheckInState::No, false, day(14)), Err("state"));
    }

    #[test]
    fn a_future_day_or_one_before_the_backfill_window_is_refused_on_date() {
        let log = registered(HabitType::YesNo);
        assert_eq!(check(&log, CheckInState::Yes, false, day(15)), Ok(()), "already the 15th in UTC+14 at 20:00 UTC");
        assert_eq!(check(&log, CheckInState::Yes, false, day(16)), Err("date"));
        let old = day(14) - Duration::days(BACKFILL_DAYS + 1);
        assert_eq!(check(&log, CheckInState::Yes, false, old), Err("date"));
        assert_eq!(check(&log, CheckInState::Yes, false, old + Duration::days(1)), Ok(()));
    }

    #[test]
    fn registering_twice_changes_nothing_and_the_event_is_pinned() {
        let log = registered(HabitType::YesNo);
        assert_eq!(log.decide(HabitLogCommand::Register { kind: HabitType::Measurable, at: at() }), Ok(Vec::new()));
        let event = HabitLogEvent::Registered { kind: HabitType::Measurable, created_on: day(14) };
        assert_eq!(serde_json::to_value(&event).ok(), Some(serde_json::json!({"Registered": {"kind": "MEASURABLE", "created_on": "2026-03-14"}})));
        assert_eq!((event.event_type().as_str(), event.event_version().as_str()), ("HabitLogRegistered", "1"));
    }
}
