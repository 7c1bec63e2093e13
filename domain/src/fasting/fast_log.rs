//! FastLog: the rule aggregate that keeps one user's fasts from overlapping — so at most one
//! runs. One stream per (workspace, user) (`"{workspace_id}:{user_id}"`, aggregate type
//! "FastLog") holding every live fast's span. Every Fast write that creates, restores, moves
//! or ends a fast sets its span here (a delete removes it) in the same batch as the fast's own
//! events, so two devices starting a fast at once serialise on this stream: one wins, the
//! other is `CONFLICT` on `startedAt` — over GraphQL an error, in a push a REJECTED mutation
//! with that code the device keeps in its rejected list (the user ends or moves one fast and
//! tries again). An edit of history that would make two fasts overlap is refused alike.
//!
//! Pure: must never look at anything but its own events.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::rule::{CrossRule, EntityWrite, RuleAggregate, RuleCall, RuleError};

/// A fast's span: from its start to its end (None: running, open-ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl Span {
    fn overlaps(&self, other: &Span) -> bool {
        let before_end = |at: DateTime<Utc>, span: &Span| span.ended_at.is_none_or(|end| at < end);
        before_end(self.started_at, other) && before_end(other.started_at, self)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FastLog {
    pub fasts: BTreeMap<String, Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FastLogCommand {
    Set { fast_id: String, span: Span },
    Remove { fast_id: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FastLogEvent {
    Set { fast_id: String, span: Span },
    Removed { fast_id: String },
}

impl DomainEvent for FastLogEvent {
    fn event_type(&self) -> String {
        match self {
            FastLogEvent::Set { .. } => "FastLogSet",
            FastLogEvent::Removed { .. } => "FastLogRemoved",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

impl RuleAggregate for FastLog {
    fn decide(&self, command: FastLogCommand) -> Result<Vec<FastLogEvent>, RuleError> {
        match command {
            FastLogCommand::Set { fast_id, span } => {
                if self.fasts.get(&fast_id) == Some(&span) {
                    return Ok(Vec::new());
                }
                let clash = self.fasts.iter().find(|(id, other)| **id != fast_id && other.overlaps(&span));
                if let Some((_, other)) = clash {
                    let message = match (other.ended_at, span.ended_at) {
                        (None, None) => "another fast is running: end it first".to_owned(),
                        _ => format!("overlaps your fast that started at {}", other.started_at.to_rfc3339()),
                    };
                    return Err(RuleError::Conflict { field: "startedAt", message });
                }
                Ok(vec![FastLogEvent::Set { fast_id, span }])
            }
            FastLogCommand::Remove { fast_id } if self.fasts.contains_key(&fast_id) => Ok(vec![FastLogEvent::Removed { fast_id }]),
            FastLogCommand::Remove { .. } => Ok(Vec::new()),
        }
    }

    fn evolve(&mut self, event: &FastLogEvent) {
        match event {
            FastLogEvent::Set { fast_id, span } => {
                self.fasts.insert(fast_id.clone(), *span);
            }
            FastLogEvent::Removed { fast_id } => {
                self.fasts.remove(fast_id);
            }
        }
    }
}

impl Aggregate for FastLog {
    const TYPE: &'static str = "FastLog";
    type Command = FastLogCommand;
    type Event = FastLogEvent;
    type Error = RuleError;
    type Services = ();

    async fn handle(&mut self, command: FastLogCommand, _: &(), sink: &EventSink<Self>) -> Result<(), RuleError> {
        crate::emit::emit(sink, RuleAggregate::decide(self, command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: FastLogEvent) {
        RuleAggregate::evolve(self, &event);
    }
}

/// Fast's cross-entity rule: a user's fasts never overlap.
#[derive(Debug, Clone, Copy)]
pub struct NoOverlap;

fn instant(fields: &serde_json::Map<String, Value>, field: &str) -> Option<DateTime<Utc>> {
    let text = fields.get(field)?.as_str()?;
    DateTime::parse_from_rfc3339(text).ok().map(|at| at.with_timezone(&Utc))
}

impl CrossRule for NoOverlap {
    fn name(&self) -> &'static str {
        "a user's fasts never overlap"
    }

    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall> {
        let states = write.after.as_ref().or(write.before.as_ref());
        let Some(user) = states.and_then(|f| f.get("userId")).and_then(Value::as_str) else { return Vec::new() };
        let stream = format!("{}:{user}", write.workspace_id);
        let fast_id = write.entity_id.to_owned();
        let command = match &write.after {
            None => FastLogCommand::Remove { fast_id },
            Some(after) => {
                let moved = write.before.is_none() || ["startedAt", "endedAt"].iter().any(|f| write.changes.contains_key(*f));
                let Some(started_at) = instant(after, "startedAt").filter(|_| moved) else { return Vec::new() };
                FastLogCommand::Set { fast_id, span: Span { started_at, ended_at: instant(after, "endedAt") } }
            }
        };
        vec![RuleCall::FastLog { stream, command }]
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).single().expect("a time")
    }

    fn given(spans: &[(&str, Span)]) -> FastLog {
        let mut log = FastLog::default();
        for (id, span) in spans {
            for event in log.decide(FastLogCommand::Set { fast_id: (*id).into(), span: *span }).expect("fits") {
                log.evolve(&event);
            }
        }
        log
    }

    fn set(log: &FastLog, id: &str, started: DateTime<Utc>, ended: Option<DateTime<Utc>>) -> Result<Vec<FastLogEvent>, RuleError> {
        log.decide(FastLogCommand::Set { fast_id: id.into(), span: Span { started_at: started, ended_at: ended } })
    }

    #[test]
    fn given_a_running_fast_when_another_starts_then_it_is_a_conflict_on_started_at() {
        let log = given(&[("a", Span { started_at: at(14, 20), ended_at: None })]);
        let second = set(&log, "b", at(15, 8), None);
        assert!(matches!(second, Err(RuleError::Conflict { field: "startedAt", .. })), "{second:?}");
        assert!(set(&log, "b", at(13, 8), Some(at(14, 21))).is_err(), "a past fast running into it overlaps too");
        assert_eq!(set(&log, "b", at(13, 8), Some(at(14, 20))).map(|e| e.len()), Ok(1), "ending as it starts touches, not overlaps");
    }

    #[test]
    fn given_ended_fasts_when_history_is_edited_to_overlap_then_it_is_refused_and_moving_itself_is_fine() {
        let log = given(&[("a", Span { started_at: at(1, 20), ended_at: Some(at(2, 12)) }), ("b", Span { started_at: at(3, 20), ended_at: Some(at(4, 12)) })]);
        assert!(set(&log, "b", at(2, 10), Some(at(4, 12))).is_err());
        assert_eq!(set(&log, "b", at(3, 18), Some(at(4, 14))).map(|e| e.len()), Ok(1));
        assert_eq!(set(&log, "a", at(1, 20), Some(at(2, 12))), Ok(Vec::new()), "unchanged: no event");
    }

    #[test]
    fn a_removed_fast_no_longer_blocks_and_the_events_are_pinned() {
        let mut log = given(&[("a", Span { started_at: at(14, 20), ended_at: None })]);
        for event in log.decide(FastLogCommand::Remove { fast_id: "a".into() }).expect("removed") {
            log.evolve(&event);
        }
        assert_eq!(set(&log, "b", at(15, 8), None).map(|e| e.len()), Ok(1));
        let event = FastLogEvent::Removed { fast_id: "a".into() };
        assert_eq!(serde_json::to_value(&event).ok(), Some(serde_json::json!({"Removed": {"fast_id": "a"}})));
        assert_eq!((event.event_type().as_str(), event.event_version().as_str()), ("FastLogRemoved", "1"));
    }
}
