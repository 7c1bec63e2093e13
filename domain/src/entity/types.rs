//! Commands, events and errors of the entity kernel.

use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use cqrs_es::DomainEvent;
use serde::{Deserialize, Serialize};

use lifeos_proto::Hlc;
use super::kind::{EntityKind, FieldError};
use crate::error::ErrorKind;

/// An entity's fields as camelCase JSON: the wire and storage form.
pub type Fields = serde_json::Map<String, serde_json::Value>;

#[derive(Debug, Clone, PartialEq)]
pub enum EntityCommand {
    Create { workspace_id: String, id: String, fields: Fields, at: DateTime<Utc> },
    Update { expected_version: Option<i64>, patch: Fields, at: DateTime<Utc> },
    Delete { expected_version: Option<i64>, at: DateTime<Utc> },
    Restore { expected_version: Option<i64>, at: DateTime<Utc> },
    Transition { name: String, expected_version: Option<i64>, at: DateTime<Utc> },
    /// A device's offline write, merged per field by its clock (see `merge.rs`). Creates the
    /// entity when an `Upsert` names an id that does not exist yet.
    Merge { workspace_id: String, id: String, op: MergeOp, clock: Hlc, at: DateTime<Utc> },
}

/// What a device wrote.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeOp {
    /// Set these fields (and assert the entity is alive).
    Upsert(Fields),
    Delete,
    Restore,
}

/// Stored as `{"Created": {...}}` etc.; the kind only names the event type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub enum EntityEvent<K> {
    Created {
        workspace_id: String,
        id: String,
        fields: Fields,
        at: DateTime<Utc>,
        /// The device clock, when a device created it offline (absent: the clock of `at`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        clock: Option<Hlc>,
    },
    Updated { changes: Fields, at: DateTime<Utc> },
    Deleted { at: DateTime<Utc> },
    Restored { at: DateTime<Utc> },
    Transitioned { name: String, changes: Fields, at: DateTime<Utc> },
    /// A device's write that won (some of) its registers: the winning field values, the
    /// deletion register if it flipped (`Some(true)` deleted, `Some(false)` alive again), and
    /// the device clock every register it names now carries.
    Merged {
        changes: Fields,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deleted: Option<bool>,
        clock: Hlc,
        at: DateTime<Utc>,
    },
    #[doc(hidden)]
    #[serde(skip)]
    _Kind(PhantomData<K>),
}

impl<K: EntityKind> DomainEvent for EntityEvent<K> {
    fn event_type(&self) -> String {
        let suffix = match self {
            EntityEvent::Created { .. } => "Created",
            EntityEvent::Updated { .. } => "Updated",
            EntityEvent::Deleted { .. } => "Deleted",
            EntityEvent::Restored { .. } => "Restored",
            EntityEvent::Transitioned { name, .. } => name.as_str(),
            EntityEvent::Merged { .. } => "Merged",
            EntityEvent::_Kind(_) => "",
        };
        format!("{}{suffix}", K::TYPE)
    }

    fn event_version(&self) -> String {
        "1".to_owned()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntityError {
    #[error("{}: {}", .0.field, .0.message)]
    Validation(FieldError),
    #[error("a different entity with this id already exists")]
    AlreadyExists,
    #[error("not found")]
    NotFound,
    #[error("expected version {expected}, but the current version is {actual}")]
    VersionConflict { expected: i64, actual: i64 },
    #[error("already deleted")]
    AlreadyDeleted,
    #[error("deleted; restore it first")]
    Deleted,
    #[error("not deleted")]
    NotDeleted,
    #[error("unknown transition {0}")]
    UnknownTransition(String),
    #[error("{0}")]
    InvalidTransition(String),
}

impl EntityError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            EntityError::Validation(_) | EntityError::UnknownTransition(_) | EntityError::InvalidTransition(_) => {
                ErrorKind::Validation
            }
            EntityError::AlreadyExists
            | EntityError::VersionConflict { .. }
            | EntityError::AlreadyDeleted
            | EntityError::Deleted
            | EntityError::NotDeleted => ErrorKind::Conflict,
            EntityError::NotFound => ErrorKind::NotFound,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            EntityError::Validation(e) => Some(&e.field),
            _ => None,
        }
    }

    pub fn current_version(&self) -> Option<i64> {
        match self {
            EntityError::VersionConflict { actual, .. } => Some(*actual),
            _ => None,
        }
    }
}

impl From<FieldError> for EntityError {
    fn from(e: FieldError) -> Self {
        EntityError::Validation(e)
    }
}
