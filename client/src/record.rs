//! Local data shapes: the mirrored row (`Record`), a pending outbox mutation (`Pending`) and
//! how a pending mutation is laid over a row for local reads. Pure: no SQL, no I/O.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use lifeos_proto::Hlc;

/// What a mutation does to its entity: the wire's `SyncOp`, shared with the server.
pub use lifeos_proto::sync::SyncOp as Op;

/// One entity as the client sees it: the mirrored server row with pending edits on top.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub entity_type: String,
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The server version this row is based on (0: never seen by the server yet).
    pub version: i64,
    /// The kind's own fields, camelCase, as the server sends them.
    pub fields: Map<String, Value>,
    /// How many outbox mutations are merged into this view.
    pub pending: usize,
}

impl Record {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Lays `mutation` over this row, leaving out `lost` fields (ones the server kept).
    pub(crate) fn apply(&mut self, mutation: &Pending, lost: &[String]) {
        let wins = |field: &str| !lost.iter().any(|l| l == field);
        match mutation.op {
            Op::Upsert => {
                for (key, value) in mutation.fields.iter().flatten().filter(|(key, _)| wins(key)) {
                    self.fields.insert(key.clone(), value.clone());
                }
                // An edit writes "alive" too: it resurrects a row it is later than.
                if wins("deletedAt") {
                    self.deleted_at = None;
                }
            }
            Op::Delete if wins("deletedAt") => self.deleted_at = Some(mutation.client_updated_at),
            Op::Restore if wins("deletedAt") => self.deleted_at = None,
            Op::Delete | Op::Restore => {}
        }
        self.updated_at = self.updated_at.max(mutation.client_updated_at);
    }

    /// A row for an entity first written by `mutation` (an UPSERT on an unknown id creates it).
    pub(crate) fn created_by(mutation: &Pending) -> Self {
        Self {
            entity_type: mutation.entity_type.clone(),
            id: mutation.entity_id.clone(),
            created_at: mutation.client_updated_at,
            updated_at: mutation.client_updated_at,
            deleted_at: None,
            version: 0,
            fields: Map::new(),
            pending: 0,
        }
    }
}

/// A mutation waiting in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub seq: i64,
    pub mutation_id: String,
    pub entity_type: String,
    pub entity_id: String,
    pub op: Op,
    /// UPSERT only: the fields written.
    pub fields: Option<Map<String, Value>>,
    pub base_version: Option<i64>,
    pub hlc: Hlc,
    pub client_updated_at: DateTime<Utc>,
}

/// A mutation the server refused as invalid; kept for the user to see, never pushed again.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub mutation: Pending,
    pub code: String,
    pub field: Option<String>,
    pub message: String,
}

/// The local view of one entity: `base` (mirror row) with `pending` (in seq order) on top.
pub(crate) fn merge(base: Option<Record>, pending: &[Pending]) -> Option<Record> {
    pending.iter().fold(base, |row, mutation| {
        let mut row = match (row, mutation.op) {
            (Some(row), _) => row,
            (None, Op::Upsert) => Record::created_by(mutation),
            // A delete/restore of a row the mirror no longer holds (reset): nothing to show.
            (None, _) => return None,
        };
        row.apply(mutation, &[]);
        row.pending += 1;
        Some(row)
    })
}
