//! Notes as the comparisons see them: the server's read table and a device's local view, by
//! id, and a readable list of where two such maps differ.

use std::collections::BTreeMap;
use std::fmt::Debug;

use lifeos_client::{Client, Record};
use lifeos_tests::TestServer;
use serde_json::Value;

pub const NOTE: &str = "Note";

/// What per-register last-writer-wins decides: deletion and the four fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Registers {
    pub deleted: bool,
    pub title: Value,
    pub body: Value,
    pub pinned: Value,
    pub tags: Value,
}

/// One note's comparable state.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteState {
    pub version: i64,
    pub registers: Registers,
}

impl NoteState {
    fn of_record(record: &Record) -> Self {
        let field = |name: &str| record.fields.get(name).cloned().unwrap_or(Value::Null);
        let registers = Registers {
            deleted: record.is_deleted(),
            title: field("title"),
            body: field("body"),
            pinned: field("pinned"),
            tags: field("tags"),
        };
        Self { version: record.version, registers }
    }

    fn of_row(row: &Value) -> Self {
        let registers = Registers {
            deleted: !row["deleted_at"].is_null(),
            title: row["title"].clone(),
            body: row["body"].clone(),
            pinned: row["pinned"].clone(),
            tags: row["tags"].clone(),
        };
        Self { version: row["version"].as_i64().unwrap_or(-1), registers }
    }
}

/// The server's `notes` rows of the workspace, by id.
pub async fn server_notes(server: &TestServer, workspace: &str) -> anyhow::Result<BTreeMap<String, NoteState>> {
    let rows: Vec<(Value,)> = sqlx::query_as("SELECT to_jsonb(n) FROM notes n WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_all(&server.db.pool)
        .await?;
    Ok(rows.iter().map(|(row,)| (row["id"].as_str().unwrap_or_default().to_owned(), NoteState::of_row(row))).collect())
}

/// A device's local view of its notes (deleted ones included), by id.
pub fn mirror_notes(client: &Client) -> anyhow::Result<BTreeMap<String, NoteState>> {
    Ok(notes_by_id(&client.list(NOTE, true)?))
}

/// Local records (of any client) as comparable notes, by id.
pub fn notes_by_id(records: &[Record]) -> BTreeMap<String, NoteState> {
    records.iter().map(|r| (r.id.clone(), NoteState::of_record(r))).collect()
}

/// Where `left` and `right` disagree, one entry per id.
pub fn differences<T: PartialEq + Debug>(left: &BTreeMap<String, T>, right: &BTreeMap<String, T>) -> Vec<String> {
    let mut ids: Vec<&String> = left.keys().chain(right.keys()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter(|id| left.get(*id) != right.get(*id))
        .map(|id| format!("{id}:\n  {:?}\n  {:?}", left.get(id), right.get(id)))
        .collect()
}
