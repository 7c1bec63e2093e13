//! The sync API as a test sees it: pulling `changes` pages, pushing new notes as a device
//! (`pushChanges` with its own clientId, seq and HLC), concurrent note writers, reading a
//! `changes` subscription, and the ground truth a stream is compared to: `sync_log` in feed
//! order. Nothing here asserts; tests decide what must hold.

use serde_json::{json, Value};
use sqlx::PgPool;

use crate::entities::{bearer_client, NOTE};
use crate::graphql::GqlClient;
use crate::ws::{GqlWs, ServerMsg};

/// The subscription every stream test uses (identity of each change, no row data).
pub const SUBSCRIBE_CHANGES: &str =
    "subscription($after: String) { changes(after: $after) { cursor entityType entityId op version } }";
/// Same, with the row data (for tests that need big messages).
pub const SUBSCRIBE_CHANGES_WITH_DATA: &str =
    "subscription($after: String) { changes(after: $after) { cursor entityType entityId op version data } }";

/// One change entry: where to resume after it, and which entity version it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub cursor: String,
    pub entity_id: String,
    pub version: i64,
}

impl Change {
    /// From a `ChangeEntry` JSON object.
    pub fn from_entry(entry: &Value) -> anyhow::Result<Self> {
        let field = |name: &str| entry[name].as_str().map(str::to_owned);
        match (field("cursor"), field("entityId"), entry["version"].as_i64()) {
            (Some(cursor), Some(entity_id), Some(version)) => Ok(Self { cursor, entity_id, version }),
            _ => anyhow::bail!("not a change entry: {entry}"),
        }
    }

    /// `(entityId, version)`, as `sync_log` has it.
    pub fn key(&self) -> (String, i64) {
        (self.entity_id.clone(), self.version)
    }
}

/// The `(entity_id, version)` of every change of a workspace, in feed order.
pub async fn sync_log(pool: &PgPool, workspace_id: &str) -> anyhow::Result<Vec<(String, i64)>> {
    let rows = sqlx::query_as(
        "SELECT entity_id, version FROM sync_log WHERE workspace_id = $1 ORDER BY transaction_id, global_position",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

/// One `changes(after, limit)` page: `{entries, cursor, hasMore}`; an error if the response has errors.
pub async fn pull(client: &GqlClient, after: Option<&str>, limit: i64) -> anyhow::Result<Value> {
    let body = client
        .run(
            "query($after: String, $limit: Int) {
               changes(after: $after, limit: $limit) { entries { cursor entityType entityId op version } cursor hasMore }
             }",
            json!({ "after": after, "limit": limit }),
        )
        .await?;
    anyhow::ensure!(body["errors"].is_null(), "changes failed: {body}");
    Ok(body["data"]["changes"].clone())
}

/// A syncing device: its own clientId, strictly increasing seq and a hybrid logical clock.
pub struct Device {
    pub client_id: String,
    seq: i64,
    counter: u64,
}

impl Default for Device {
    fn default() -> Self {
        Self { client_id: ulid::Ulid::new().to_string(), seq: 0, counter: 0 }
    }
}

impl Device {
    /// An UPSERT creating note `entity_id` (a fresh ULID the caller chose).
    pub fn new_note(&mut self, entity_id: &str, title: &str, body: &str) -> Value {
        self.seq += 1;
        self.counter += 1;
        let now = chrono::Utc::now();
        json!({
            "seq": self.seq,
            "entityType": "Note",
            "entityId": entity_id,
            "op": "UPSERT",
            "fields": { "title": title, "body": body },
            "hlc": format!("{:015}-{:06}-{}", now.timestamp_millis(), self.counter, self.client_id),
            "clientUpdatedAt": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        })
    }

    /// Pushes `mutations` in one `pushChanges`; an error unless it committed.
    pub async fn push(&self, client: &GqlClient, mutations: Vec<Value>) -> anyhow::Result<Value> {
        let body = client
            .run(
                "mutation($i: PushInput!) {
                   pushChanges(input: $i) { clientId lastSeq committed results { seq entityId status version code message } }
                 }",
                json!({ "i": { "clientId": self.client_id, "mutations": mutations } }),
            )
            .await?;
        let result = &body["data"]["pushChanges"];
        anyhow::ensure!(body["errors"].is_null() && result["committed"] == true, "pushChanges failed: {body}");
        Ok(result.clone())
    }
}

/// How a writer creates its notes.
#[derive(Debug, Clone, Copy)]
pub enum WriteVia {
    /// One `createNote` per note.
    CreateNote,
    /// `pushChanges` with up to this many new notes per push (one transaction each).
    Push(usize),
}

/// Creates `count` notes with `body` as one client; returns how many it wrote.
pub async fn write_notes(client: GqlClient, via: WriteVia, count: usize, body: String) -> anyhow::Result<usize> {
    let mut device = Device::default();
    let mut written = 0;
    while written < count {
        match via {
            WriteVia::CreateNote => {
                NOTE.create(&client, json!({ "title": format!("note {written}"), "body": body })).await?.ok()?;
                written += 1;
            }
            WriteVia::Push(batch) => {
                let size = batch.max(1).min(count - written);
                let mutations = (written..written + size)
                    .map(|n| device.new_note(&ulid::Ulid::new().to_string(), &format!("note {n}"), &body))
                    .collect();
                device.push(&client, mutations).await?;
                written += size;
            }
        }
    }
    Ok(written)
}

/// `writers` clients of `token` at once, `per_writer` notes with `body` each, alternating
/// `createNote` and `pushChanges` batches of 10 so the feed mixes one- and many-change
/// transactions. Returns how many notes were written.
pub async fn write_concurrently(
    endpoint: &str,
    token: &str,
    writers: usize,
    per_writer: usize,
    body: &str,
) -> anyhow::Result<usize> {
    let tasks = (0..writers).map(|w| {
        let via = if w % 2 == 0 { WriteVia::CreateNote } else { WriteVia::Push(10) };
        write_notes(bearer_client(endpoint.to_owned(), token), via, per_writer, body.to_owned())
    });
    Ok(futures::future::try_join_all(tasks).await?.into_iter().sum())
}

/// Creates note `entity_id` through `pushChanges` (a marker whose id is known in advance).
pub async fn push_marker(client: &GqlClient, entity_id: &str) -> anyhow::Result<()> {
    let mut device = Device::default();
    let mutation = device.new_note(entity_id, "marker", "");
    device.push(client, vec![mutation]).await.map(|_| ())
}

/// The change entry of a `next` payload; an error (with the payload) if it carries errors.
pub fn change_of(payload: &Value) -> anyhow::Result<Change> {
    anyhow::ensure!(payload["errors"].is_null(), "subscription sent errors: {payload}");
    Change::from_entry(&payload["data"]["changes"])
}

/// Reads operation `id`'s changes up to and including the one of entity `last_entity`.
pub async fn changes_until(ws: &mut GqlWs, id: &str, last_entity: &str) -> anyhow::Result<Vec<Change>> {
    let mut received: Vec<Change> = Vec::new();
    loop {
        let message = ws.recv().await.map_err(|e| e.context(format!("after {} changes", received.len())))?;
        match message {
            ServerMsg::Next { id: got, payload } if got == id => {
                let change = change_of(&payload)?;
                let done = change.entity_id == last_entity;
                received.push(change);
                if done {
                    return Ok(received);
                }
            }
            other => anyhow::bail!("after {} changes, unexpected {other:?}", received.len()),
        }
    }
}
