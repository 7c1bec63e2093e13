//! The entity aggregate: state, `decide` (command → events or rejection) and `evolve`.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use cqrs_es::event_sink::EventSink;
use cqrs_es::Aggregate;
use serde::{Deserialize, Serialize};

use lifeos_proto::Hlc;
use super::kind::{EntityKind, FieldError};
use super::patch::{apply, check_immutable, defaults, diff, merge, normalize};
use super::types::{EntityCommand as Cmd, EntityError as Error, EntityEvent as Event, Fields};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Entity<K> {
    pub workspace_id: String,
    pub id: String,
    /// Full, normalised field set.
    pub fields: Fields,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Number of events applied.
    pub version: i64,
    /// The clock of the last write to each register (field, or [`DELETED`]), for merging
    /// devices' offline writes. Absent in snapshots taken before clocks existed.
    #[serde(default)]
    pub clocks: BTreeMap<String, Hlc>,
    #[serde(skip)]
    kind: PhantomData<K>,
}

impl<K> Default for Entity<K> {
    fn default() -> Self {
        Self {
            workspace_id: String::new(),
            id: String::new(),
            fields: Fields::new(),
            created_at: None,
            updated_at: None,
            deleted_at: None,
            version: 0,
            clocks: BTreeMap::new(),
            kind: PhantomData,
        }
    }
}

/// The register holding "is this entity deleted", beside the field registers.
pub const DELETED: &str = "$deleted";

impl<K: EntityKind> Entity<K> {
    pub fn exists(&self) -> bool {
        self.version > 0
    }

    /// The fields as the kind's typed struct.
    pub fn typed(&self) -> Result<K::Fields, FieldError> {
        serde_json::from_value(serde_json::Value::Object(self.fields.clone()))
            .map_err(|e| FieldError::new("fields", e.to_string()))
    }

    pub fn decide(&self, command: Cmd) -> Result<Vec<Event<K>>, Error> {
        match command {
            Cmd::Create { workspace_id, id, fields, at } => {
                // A re-sent create implies what the first one did, at the first one's time.
                let first_at = if self.exists() { self.created_at.unwrap_or(at) } else { at };
                let fields = implying::<K>(&K::Fields::default(), &fields, first_at);
                return self.decide_create(workspace_id, id, &fields, at, None);
            }
            Cmd::Merge { workspace_id, id, op, clock, at } => {
                return self.merge(workspace_id, id, op, clock, at).map(|m| m.events);
            }
            _ => {}
        }
        if !self.exists() {
            return Err(Error::NotFound);
        }
        match command {
            Cmd::Create { .. } | Cmd::Merge { .. } => Ok(Vec::new()), // handled above
            Cmd::Update { expected_version, patch, at } => {
                self.check_version(expected_version)?;
                self.require_live()?;
                let patch = implying::<K>(&self.typed()?, &patch, at);
                let after = apply::<K>(&self.fields, &patch)?;
                check_immutable::<K>(&self.fields, &after)?;
                let changes = diff(&self.fields, &after);
                Ok(if changes.is_empty() { Vec::new() } else { vec![Event::Updated { changes, at }] })
            }
            Cmd::Delete { expected_version, at } => {
                self.check_version(expected_version)?;
                if self.deleted_at.is_some() {
                    return Err(Error::AlreadyDeleted);
                }
                Ok(vec![Event::Deleted { at }])
            }
            Cmd::Restore { expected_version, at } => {
                self.check_version(expected_version)?;
                if self.deleted_at.is_none() {
                    return Err(Error::NotDeleted);
                }
                Ok(vec![Event::Restored { at }])
            }
            Cmd::Transition { name, expected_version, at } => {
                self.check_version(expected_version)?;
                self.require_live()?;
                let changes = K::transition(&name, &self.typed()?, at)?;
                let after = apply::<K>(&self.fields, &changes)?;
                Ok(vec![Event::Transitioned { name, changes: diff(&self.fields, &after), at }])
            }
        }
    }

    pub(super) fn decide_create(
        &self,
        workspace_id: String,
        id: String,
        given: &Fields,
        at: DateTime<Utc>,
        clock: Option<Hlc>,
    ) -> Result<Vec<Event<K>>, Error> {
        if crate::values::parse_ulid(&id).is_none() {
            return Err(FieldError::new("id", "must be a ULID (26 characters, Crockford base32)").into());
        }
        let fields = apply::<K>(&defaults::<K>()?, given)?;
        natural::<K>(&workspace_id, &id, &fields)?;
        if self.exists() {
            // Re-sending the same create is idempotent; anything else is a conflict.
            let same = self.workspace_id == workspace_id && self.id == id && self.created_fields_match(&fields);
            return if same { Ok(Vec::new()) } else { Err(Error::AlreadyExists) };
        }
        Ok(vec![Event::Created { workspace_id, id, fields, at, clock }])
    }

    /// A re-sent create matches if it would have produced the current fields from scratch.
    fn created_fields_match(&self, fields: &Fields) -> bool {
        self.typed().ok().and_then(|t| normalize::<K>(&t).ok()).as_ref() == Some(fields)
    }

    fn check_version(&self, expected: Option<i64>) -> Result<(), Error> {
        match expected {
            Some(expected) if expected != self.version => {
                Err(Error::VersionConflict { expected, actual: self.version })
            }
            _ => Ok(()),
        }
    }

    fn require_live(&self) -> Result<(), Error> {
        if self.deleted_at.is_some() {
            return Err(Error::Deleted);
        }
        Ok(())
    }

    pub fn evolve(&mut self, event: &Event<K>) {
        match event {
            Event::Created { workspace_id, id, fields, at, clock } => {
                self.workspace_id.clone_from(workspace_id);
                self.id.clone_from(id);
                self.fields.clone_from(fields);
                self.created_at = Some(*at);
                self.updated_at = Some(*at);
                self.stamp(fields, &clock.clone().unwrap_or_else(|| Hlc::at(*at)));
            }
            Event::Updated { changes, at } | Event::Transitioned { changes, at, .. } => {
                merge(&mut self.fields, changes);
                self.updated_at = Some(*at);
                self.stamp(changes, &Hlc::at(*at));
            }
            Event::Deleted { at } => {
                self.deleted_at = Some(*at);
                self.updated_at = Some(*at);
                self.stamp(&Fields::new(), &Hlc::at(*at));
            }
            Event::Restored { at } => {
                self.deleted_at = None;
                self.updated_at = Some(*at);
                self.stamp(&Fields::new(), &Hlc::at(*at));
            }
            Event::Merged { changes, deleted, clock, at } => {
                merge(&mut self.fields, changes);
                match deleted {
                    Some(true) => self.deleted_at = self.deleted_at.or(Some(*at)),
                    Some(false) => self.deleted_at = None,
                    None => {}
                }
                self.updated_at = Some(*at);
                self.stamp(changes, clock);
            }
            Event::_Kind(_) => return,
        }
        self.version += 1;
    }
}

/// A kind with a natural key: the id must be the natural id of its (normalised) key fields.
fn natural<K: EntityKind>(workspace_id: &str, id: &str, fields: &Fields) -> Result<(), Error> {
    let Some(expected) = K::SPEC.natural_id(workspace_id, fields) else { return Ok(()) };
    if !id.eq_ignore_ascii_case(&expected) {
        return Err(FieldError::new("id", format!("must be {expected}, the natural id of this {}", K::TYPE)).into());
    }
    Ok(())
}

/// `given` plus the changes it implies ([`EntityKind::implied`]); a key given explicitly wins.
fn implying<K: EntityKind>(before: &K::Fields, given: &Fields, at: DateTime<Utc>) -> Fields {
    let mut all = K::implied(before, given, at);
    merge(&mut all, given);
    all
}

impl<K: EntityKind> Entity<K> {
    /// The clock of a register's last write. Registers written before clocks were kept count
    /// as written at the entity's last update (the seeds' "ties broken by updated_at").
    pub fn clock_of(&self, register: &str) -> Hlc {
        self.clocks.get(register).cloned().or_else(|| self.updated_at.map(Hlc::at)).unwrap_or_default()
    }

    /// Every write stamps the registers it names (a group's: all its members), and the deletion
    /// register (a write asserts the entity is alive; a delete or restore writes it directly).
    /// Clocks only move forward.
    fn stamp(&mut self, written: &Fields, clock: &Hlc) {
        for register in super::groups::stamped::<K>(written).into_iter().chain([DELETED]) {
            let entry = self.clocks.entry(register.to_owned()).or_insert_with(|| clock.clone());
            if *entry < *clock {
                entry.clone_from(clock);
            }
        }
    }
}

impl<K: EntityKind> Aggregate for Entity<K> {
    const TYPE: &'static str = K::TYPE;
    type Command = Cmd;
    type Event = Event<K>;
    type Error = Error;
    type Services = ();

    async fn handle(&mut self, command: Cmd, _: &(), sink: &EventSink<Self>) -> Result<(), Error> {
        crate::emit::emit(sink, self.decide(command)?).await;
        Ok(())
    }

    fn apply(&mut self, event: Event<K>) {
        self.evolve(&event);
    }
}
