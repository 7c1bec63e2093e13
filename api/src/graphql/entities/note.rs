//! Note: `title`, `body` (markdown), `pinned`, `tags`.

use async_graphql::{InputObject, MaybeUndefined, SimpleObject, ID};
use lifeos_domain::note::NoteKind;
use serde::{Deserialize, Serialize};

use super::Kernel;

#[derive(SimpleObject, Deserialize, Clone)]
pub struct Note {
    #[graphql(flatten)]
    #[serde(flatten)]
    pub kernel: Kernel,
    pub title: String,
    pub body: String,
    pub pinned: bool,
    pub tags: Vec<String>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateNoteInput {
    /// A client-generated ULID; re-sending the same create with the same id is idempotent.
    #[serde(skip)]
    pub id: Option<ID>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// Absent fields stay unchanged; `null` clears a nullable field.
#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateNoteInput {
    #[serde(skip)]
    pub id: ID,
    #[serde(skip)]
    pub expected_version: i64,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub title: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub body: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub pinned: MaybeUndefined<bool>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub tags: MaybeUndefined<Vec<String>>,
}

super::entity_resolvers! {
    kind: NoteKind, node: Note, create_input: CreateNoteInput, update_input: UpdateNoteInput,
    query: NoteQuery { one: note, many: notes },
    mutation: NoteMutation { create: create_note, update: update_note, delete: delete_note, restore: restore_note },
}
