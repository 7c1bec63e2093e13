//! Note: a markdown note with a title, a pinned flag and tags.

use crate::entity::kind_rules::{max_chars, string_list};
use crate::entity::{EntityKind, FieldError};

/// Note's declaration (see `kind::declare`).
#[macro_export]
macro_rules! note_kind {
    ($then:path) => { $then! {
        /// A markdown note.
        kind Note (NoteKind, NoteFields) in primitives { type: "Note", table: "notes", one: note, many: notes, api: crud }
        groups []
        key []
        fields {
            /// The note's title (may be empty).
            title: opt String [search, filter],
            /// The note's text, in Markdown.
            body: opt String [search],
            /// Whether the note is pinned.
            pinned: opt bool [filter],
            /// Free-form labels.
            tags: opt Vec<String> [filter],
        }
    } };
}
crate::note_kind!(crate::declare_kind);

impl EntityKind for NoteKind {
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
