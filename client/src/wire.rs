//! The typed GraphQL operations (graphql_client, checked against `schema.graphql` at compile
//! time) and the conversions between their generated types and the client's own. Nothing
//! outside this module sees a generated type.

use graphql_client::GraphQLQuery;
use serde_json::{Map, Value};

use crate::clock::{format_instant, parse_instant};
use crate::error::ClientError;
use crate::record::{Op, Pending, Record};

/// Custom scalars as graphql_client expects them in scope.
#[allow(clippy::upper_case_acronyms)]
type JSON = Value;
type DateTime = String;
/// The enum of the server's registered kinds, kept as its wire form (the type name): the
/// mirror stores whatever kinds the server sends, so the client needs no list of them.
type EntityType = String;

#[derive(GraphQLQuery)]
#[graphql(schema_path = "../spec/schema.graphql", query_path = "graphql/push_changes.graphql", response_derives = "Debug", extern_enums("EntityType"))]
pub(crate) struct PushChanges;

#[derive(GraphQLQuery)]
#[graphql(schema_path = "../spec/schema.graphql", query_path = "graphql/changes.graphql", response_derives = "Debug", extern_enums("EntityType"))]
pub(crate) struct Changes;

#[derive(GraphQLQuery)]
#[graphql(schema_path = "../spec/schema.graphql", query_path = "graphql/watch_changes.graphql", response_derives = "Debug", extern_enums("EntityType"))]
pub(crate) struct WatchChanges;

/// Keys of a change's `data` that are kernel columns, not the kind's fields.
const KERNEL_KEYS: [&str; 6] = ["id", "createdAt", "updatedAt", "deletedAt", "version", "workspaceId"];

/// One change-feed entry, from a pulled page or the subscription: the entity's current row
/// (`data`, GraphQL field names) after the change at `cursor`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub cursor: String,
    pub entity_type: String,
    pub entity_id: String,
    pub version: i64,
    pub updated_at: String,
    pub data: Value,
}

impl Change {
    /// The row the entry carries (its current server state).
    pub(crate) fn record(&self) -> Result<Record, ClientError> {
        let Value::Object(data) = &self.data else {
            return Err(ClientError::Protocol(format!("change data is not an object: {}", self.data)));
        };
        let text = |key: &str| data.get(key).and_then(Value::as_str);
        let required = |key: &str| {
            let value = text(key).ok_or_else(|| ClientError::Protocol(format!("change data lacks {key}: {}", self.data)));
            value.and_then(parse_instant)
        };
        let fields: Map<String, Value> =
            data.iter().filter(|(key, _)| !KERNEL_KEYS.contains(&key.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
        Ok(Record {
            entity_type: self.entity_type.clone(),
            id: text("id").unwrap_or(&self.entity_id).to_owned(),
            created_at: required("createdAt")?,
            updated_at: required("updatedAt")?,
            deleted_at: text("deletedAt").map(parse_instant).transpose()?,
            version: data.get("version").and_then(Value::as_i64).unwrap_or(self.version),
            fields,
            pending: 0,
        })
    }
}

/// The feed entry shape is the same in the pull and the subscription documents; graphql_client
/// generates one type per document, so one conversion is written for both.
macro_rules! change_from {
    ($($entry:ty),*) => {$(
        impl From<$entry> for Change {
            fn from(entry: $entry) -> Self {
                Self {
                    cursor: entry.cursor,
                    entity_type: entry.entity_type,
                    entity_id: entry.entity_id,
                    version: entry.version,
                    updated_at: entry.updated_at,
                    data: entry.data,
                }
            }
        }
    )*};
}
change_from!(changes::ChangesChangesEntries, watch_changes::WatchChangesChanges);

/// One pulled page.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangePage {
    pub entries: Vec<Change>,
    pub cursor: String,
    pub has_more: bool,
}

impl From<changes::ResponseData> for ChangePage {
    fn from(data: changes::ResponseData) -> Self {
        let page = data.changes;
        Self { entries: page.entries.into_iter().map(Change::from).collect(), cursor: page.cursor, has_more: page.has_more }
    }
}

/// The server's verdict on one pushed mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    Applied,
    Merged,
    Rejected,
    Skipped,
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub seq: i64,
    pub status: Status,
    pub version: Option<i64>,
    pub lost_fields: Vec<String>,
    pub code: Option<String>,
    pub field: Option<String>,
    pub message: Option<String>,
}

/// The answer to one `pushChanges`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PushOutcome {
    /// The device's last applied seq on the server after the push.
    pub last_seq: i64,
    pub committed: bool,
    pub results: Vec<Outcome>,
}

impl From<push_changes::ResponseData> for PushOutcome {
    fn from(data: push_changes::ResponseData) -> Self {
        use push_changes::MutationStatus as S;
        let push = data.push_changes;
        let results = push
            .results
            .into_iter()
            .map(|r| Outcome {
                seq: r.seq,
                status: match r.status {
                    S::APPLIED => Status::Applied,
                    S::MERGED => Status::Merged,
                    S::REJECTED => Status::Rejected,
                    S::SKIPPED => Status::Skipped,
                    S::Other(other) => Status::Unknown(other),
                },
                version: r.version,
                lost_fields: r.lost_fields,
                code: r.code,
                field: r.field,
                message: r.message,
            })
            .collect();
        Self { last_seq: push.last_seq, committed: push.committed, results }
    }
}

impl From<&Pending> for push_changes::ClientMutationInput {
    fn from(mutation: &Pending) -> Self {
        Self {
            seq: mutation.seq,
            entity_type: mutation.entity_type.clone(),
            entity_id: mutation.entity_id.clone(),
            op: match mutation.op {
                Op::Upsert => push_changes::SyncOp::UPSERT,
                Op::Delete => push_changes::SyncOp::DELETE,
                Op::Restore => push_changes::SyncOp::RESTORE,
            },
            fields: mutation.fields.clone().map(Value::Object),
            base_version: mutation.base_version,
            hlc: mutation.hlc.to_string(),
            client_updated_at: format_instant(mutation.client_updated_at),
        }
    }
}
