//! Rules that span entities and must hold under concurrency (a task tree without cycles; later,
//! one running fast per user). A unique index or check on a read table cannot enforce them:
//! writers do not wait for projectors, so it would fail inside the projector, not the command.
//!
//! The mechanism is a **rule aggregate** ([`RuleAggregate`]): a small pure aggregate with its
//! own event stream, scoped to the rule's consistency boundary (per workspace for the task
//! tree). A kind declares the rules its writes can break ([`EntityKind::rules`]); each
//! [`CrossRule`] looks at what a write effectively changed ([`EntityWrite`]) and says which rule
//! stream must decide on it ([`RuleCall`]). The command path decides the rule aggregate right
//! after the entity and appends its events in the same batch, so two racing writes serialise on
//! the rule's stream (optimistic concurrency per stream) and the loser, decided again, sees the
//! winner's effect.
//!
//! Pure: no I/O. Must never consult read tables or anything but the rule's own events.
//!
//! [`EntityKind::rules`]: crate::entity::EntityKind::rules

use chrono::{DateTime, Utc};
use cqrs_es::Aggregate;

use crate::entity::{EntityEvent, EntityKind, Fields};
use crate::error::ErrorKind;
use crate::finance::account_ledger::{AccountLedger, AccountLedgerCommand};
use crate::fasting::fast_log::{FastLog, FastLogCommand};
use crate::habits::habit_log::{HabitLog, HabitLogCommand};
use crate::primitives::task_tree::{TaskTree, TaskTreeCommand};

/// A pure aggregate guarding a rule across entities. `decide` refuses a command that would
/// break the rule with a [`RuleError`]; `evolve` folds its events.
pub trait RuleAggregate: Aggregate<Error = RuleError, Services = (), Command: Send> + Clone + 'static {
    fn decide(&self, command: Self::Command) -> Result<Vec<Self::Event>, RuleError>;
    fn evolve(&mut self, event: &Self::Event);
}

/// A rule refused a write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// A state conflict: the write is valid alone but not against other entities' current
    /// state — the same whether the other write committed earlier or raced this one.
    #[error("{message}")]
    Conflict { field: &'static str, message: String },
    /// The write is invalid given what the rule holds (closing an account that still has a
    /// balance, posting in another currency than the account's): `VALIDATION` on the field.
    #[error("{message}")]
    Validation { field: &'static str, message: String },
}

impl RuleError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            RuleError::Conflict { .. } => ErrorKind::Conflict,
            RuleError::Validation { .. } => ErrorKind::Validation,
        }
    }

    /// The field (camelCase) of the refused write.
    pub fn field(&self) -> &'static str {
        match self {
            RuleError::Conflict { field, .. } | RuleError::Validation { field, .. } => field,
        }
    }
}

/// What one entity write effectively changed (after its decide or merge).
#[derive(Debug, Clone, PartialEq)]
pub struct EntityWrite<'a> {
    pub workspace_id: &'a str,
    pub entity_id: &'a str,
    /// Every field the write's events change, last value winning: a create's non-null fields,
    /// an update's or transition's changes, a merge's **winning** registers only.
    pub changes: Fields,
    /// The time of the write's last event.
    pub at: DateTime<Utc>,
    /// The entity's fields before the write, if it was live (existing, not deleted) — set by
    /// the command path, which holds the entity ([`EntityWrite::with_states`]).
    pub before: Option<Fields>,
    /// Its fields after the write, if it is live then (None: deleted by it).
    pub after: Option<Fields>,
}

impl<'a> EntityWrite<'a> {
    /// The write made of `events` (`None`: no events); its states are unset until
    /// [`with_states`](Self::with_states).
    pub fn of<K: EntityKind>(workspace_id: &'a str, entity_id: &'a str, events: &[EntityEvent<K>]) -> Option<Self> {
        let mut changes = Fields::new();
        let mut last = None;
        for event in events {
            match event {
                // Before a create every field is absent: only its non-null values change anything.
                EntityEvent::Created { fields, at, .. } => {
                    changes.extend(fields.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())));
                    last = Some(*at);
                }
                EntityEvent::Updated { changes: c, at }
                | EntityEvent::Transitioned { changes: c, at, .. }
                | EntityEvent::Merged { changes: c, at, .. } => {
                    changes.extend(c.iter().map(|(k, v)| (k.clone(), v.clone())));
                    last = Some(*at);
                }
                EntityEvent::Deleted { at } | EntityEvent::Restored { at } => last = Some(*at),
                EntityEvent::_Kind(_) => {}
            }
        }
        let at = last?;
        Some(Self { workspace_id, entity_id, changes, at, before: None, after: None })
    }

    /// The write with the entity's live fields before and after it.
    pub fn with_states(self, before: Option<Fields>, after: Option<Fields>) -> Self {
        Self { before, after, ..self }
    }
}

/// A rule a kind's writes can break: when a write concerns it, the rule stream and command.
pub trait CrossRule: Sync {
    /// For logs and documentation ("task tree without cycles").
    fn name(&self) -> &'static str;
    /// The rule commands the write needs (none when it cannot break the rule: it does not
    /// change what the rule reads) — one per rule stream it concerns.
    fn triggered(&self, write: &EntityWrite<'_>) -> Vec<RuleCall>;
}

/// A command for a rule aggregate, addressed to its stream: the registry of rule aggregates
/// (one variant each). [`RuleCall::visit`] hands it, typed, to generic code.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleCall {
    /// Stream: the workspace id.
    TaskTree { stream: String, command: TaskTreeCommand },
    /// Stream: `"{workspace_id}:{account_id}"`.
    AccountLedger { stream: String, command: AccountLedgerCommand },
    /// Stream: `"{workspace_id}:{habit_id}"`.
    HabitLog { stream: String, command: HabitLogCommand },
    /// Stream: `"{workspace_id}:{user_id}"`.
    FastLog { stream: String, command: FastLogCommand },
}

/// Runs code generic over the rule aggregate a [`RuleCall`] addresses.
pub trait RuleVisitor {
    type Output;
    fn visit<A: RuleAggregate>(self, stream: String, command: A::Command) -> Self::Output;
}

impl RuleCall {
    pub fn visit<V: RuleVisitor>(self, visitor: V) -> V::Output {
        match self {
            RuleCall::TaskTree { stream, command } => visitor.visit::<TaskTree>(stream, command),
            RuleCall::AccountLedger { stream, command } => visitor.visit::<AccountLedger>(stream, command),
            RuleCall::HabitLog { stream, command } => visitor.visit::<HabitLog>(stream, command),
            RuleCall::FastLog { stream, command } => visitor.visit::<FastLog>(stream, command),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;
    use crate::entity::Hlc;
    use crate::task::TaskKind;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).single().expect("valid time")
    }

    fn fields(v: serde_json::Value) -> Fields {
        v.as_object().cloned().expect("an object")
    }

    #[test]
    fn a_create_changes_only_its_non_null_fields_and_later_events_win() {
        let events: Vec<EntityEvent<TaskKind>> = vec![
            EntityEvent::Created { workspace_id: "W".into(), id: "T".into(), fields: fields(json!({"title": "a", "parentId": null})), at: at(), clock: None },
            EntityEvent::Updated { changes: fields(json!({"title": "b"})), at: at() },
        ];
        let write = EntityWrite::of("W", "T", &events).expect("a write");
        assert_eq!(write.changes, fields(json!({"title": "b"})));
    }

    #[test]
    fn a_merge_changes_only_the_registers_it_won_and_a_delete_changes_nothing() {
        let merged: Vec<EntityEvent<TaskKind>> =
            vec![EntityEvent::Merged { changes: fields(json!({"notes": "x"})), deleted: None, clock: Hlc::at(at()), at: at() }];
        let write = EntityWrite::of("W", "T", &merged).expect("a write");
        assert!(!write.changes.contains_key("parentId"));
        let deleted: Vec<EntityEvent<TaskKind>> = vec![EntityEvent::Deleted { at: at() }];
        assert_eq!(EntityWrite::of("W", "T", &deleted).map(|w| w.changes), Some(Fields::new()));
        assert_eq!(EntityWrite::of::<TaskKind>("W", "T", &[]), None);
    }

    #[test]
    fn a_rule_conflict_is_a_conflict_naming_its_field() {
        let e = RuleError::Conflict { field: "parentId", message: "cycle".into() };
        assert_eq!((e.kind(), e.field(), e.to_string().as_str()), (ErrorKind::Conflict, "parentId", "cycle"));
    }
}
