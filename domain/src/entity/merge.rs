//! Merging a device's offline write into an entity: per-register last-writer-wins by hybrid
//! logical clock. The rules (ARCHITECTURE.md "Sync conflicts" has worked examples):
//!
//! 1. Every field is a register carrying the clock of its last write; so is deletion
//!    ([`DELETED`]). A write wins a register only with a strictly greater clock.
//! 2. `Upsert(fields)` writes each named field, and writes "alive" to the deletion register:
//!    an edit later (by clock) than a delete resurrects the entity; an earlier one does not,
//!    though its winning field values still merge into the deleted entity.
//! 3. `Delete` / `Restore` write the deletion register only.
//! 4. A clock more than `MAX_CLOCK_DRIFT_MS` ahead of the server is clamped to that bound.
//! 5. An `Upsert` of an id that does not exist creates it (missing fields take defaults); a
//!    `Delete` or `Restore` of one is NOT_FOUND.
//! 6. Every named field is validated, winning or not, and the merged result must be valid:
//!    otherwise the write is rejected whole.
//! 7. A field group ([`EntityKind::groups`], e.g. a place's latitude+longitude) is ONE
//!    register, so a merged entity never mixes two devices' halves:
//!    a. an `Upsert` (creating or not) that names some but not all members of a group is
//!    rejected with VALIDATION naming the first missing member ("fields of the group
//!    latitude+longitude must be written together"): devices send whole groups;
//!    b. the group's clock is the greatest of its members' clocks (for entities written
//!    before the group existed, whose members were stamped apart); a winning write sets
//!    and stamps every member, a losing one sets none and reports every member in `lost`;
//!    c. server-side writes (`EntityCommand::Update`, transitions) may name part of a group
//!    (online, nothing to merge); they stamp every member, i.e. the group's register.
//!
//! 8. A field declared immutable (Link's endpoints) keeps its created value: an Upsert that
//!    changes it is rejected.
//!
//! The result is independent of the order in which devices' writes arrive: each register
//! (field or group) ends with the value of its greatest-clocked write.

use chrono::{DateTime, Utc};

use super::aggregate::{Entity, DELETED};
use lifeos_proto::Hlc;
use super::groups::require_whole_groups;
use super::kind::EntityKind;
use super::patch::{apply, check_immutable};
use super::types::{EntityError as Error, EntityEvent as Event, Fields, MergeOp};

/// What a merge decided: the events to append, and the registers the write lost (the entity
/// kept a newer value; `"deletedAt"` names the deletion register).
#[derive(Debug, Clone, PartialEq)]
pub struct Merge<K> {
    pub events: Vec<Event<K>>,
    pub lost: Vec<String>,
}

/// The wire name of the deletion register in `lost`.
const DELETED_FIELD: &str = "deletedAt";

impl<K: EntityKind> Entity<K> {
    pub fn merge(&self, workspace_id: String, id: String, op: MergeOp, clock: Hlc, at: DateTime<Utc>) -> Result<Merge<K>, Error> {
        let clock = clock.clamped(at);
        if let MergeOp::Upsert(fields) = &op {
            require_whole_groups::<K>(fields)?;
        }
        if !self.exists() {
            return match op {
                MergeOp::Upsert(fields) => {
                    let events = self.decide_create(workspace_id, id, &fields, at, Some(clock))?;
                    Ok(Merge { events, lost: Vec::new() })
                }
                MergeOp::Delete | MergeOp::Restore => Err(Error::NotFound),
            };
        }
        if let MergeOp::Upsert(fields) = &op {
            // Rule 8: a field fixed at create is never changed by a merge either.
            check_immutable::<K>(&self.fields, &apply::<K>(&self.fields, fields)?)?;
        }
        let wins_deletion = clock > self.clock_of(DELETED);
        match op {
            MergeOp::Upsert(fields) => self.merge_fields(&fields, clock, wins_deletion, at),
            MergeOp::Delete | MergeOp::Restore if !wins_deletion => {
                Ok(Merge { events: Vec::new(), lost: vec![DELETED_FIELD.to_owned()] })
            }
            MergeOp::Delete => Ok(self.merged(Fields::new(), Some(true), clock, at, Vec::new())),
            MergeOp::Restore => Ok(self.merged(Fields::new(), Some(false), clock, at, Vec::new())),
        }
    }

    fn merge_fields(&self, fields: &Fields, clock: Hlc, wins_deletion: bool, at: DateTime<Utc>) -> Result<Merge<K>, Error> {
        // Every named field must be valid, whether or not it wins. A group's members share
        // one register clock, so they win or lose together.
        apply::<K>(&self.fields, fields)?;
        let (won, mut lost): (Fields, Fields) = fields.clone().into_iter().partition(|(key, _)| clock > self.register_clock(key));
        let after = apply::<K>(&self.fields, &won)?;
        // The normalised values of the winning fields (same value or not: the clock moves).
        let changes: Fields = won.keys().filter_map(|k| after.get(k).map(|v| (k.clone(), v.clone()))).collect();
        let revive = self.deleted_at.is_some() && wins_deletion;
        if self.deleted_at.is_some() && !wins_deletion {
            lost.insert(DELETED_FIELD.to_owned(), serde_json::Value::Null);
        }
        let lost: Vec<String> = lost.into_iter().map(|(k, _)| k).collect();
        if changes.is_empty() && !wins_deletion {
            return Ok(Merge { events: Vec::new(), lost });
        }
        Ok(self.merged(changes, revive.then_some(false), clock, at, lost))
    }

    fn merged(&self, changes: Fields, deleted: Option<bool>, clock: Hlc, at: DateTime<Utc>, lost: Vec<String>) -> Merge<K> {
        Merge { events: vec![Event::Merged { changes, deleted, clock, at }], lost }
    }
}
