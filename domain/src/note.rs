//! Note: `title`, `body` (markdown), `pinned`, `tags`.

use serde::{Deserialize, Serialize};

use crate::entity::kind_rules::{max_chars, string_list};
use crate::entity::{Entity, EntityKind, FieldError};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoteKind;

pub type Note = Entity<NoteKind>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct NoteFields {
    pub title: String,
    pub body: String,
    pub pinned: bool,
    pub tags: Vec<String>,
}

impl EntityKind for NoteKind {
    const TYPE: &'static str = "Note";
    type Fields = NoteFields;

    fn validate(f: &NoteFields) -> Result<(), FieldError> {
        max_chars("title", &f.title, 500)?;
        max_chars("body", &f.body, 1_000_000)?;
        string_list("tags", &f.tags, 50, 50)?;
        let mut seen = std::collections::HashSet::new();
        if !f.tags.iter().all(|t| seen.insert(t.trim())) {
            return Err(FieldError::new("tags", "must not repeat a tag"));
        }
        Ok(())
    }
}
