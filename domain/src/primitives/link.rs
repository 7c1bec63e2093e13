//! Link: a typed, directed relation between two entities of the same workspace — from
//! (`fromType`, `fromId`) to (`toType`, `toId`), a `relation` from a documented vocabulary, and an optional
//! `note`. The same (from, to, relation) is one link: its id is the natural id of that key
//! (`ids::natural_id`), so creating it twice — on one device or two — makes one entity. The
//! endpoints and relation are fixed at create. A single-valued relation between kinds is a
//! reference field of the kind instead; links are for many-to-many relations.

use crate::entity::kind_rules::max_chars;
use crate::entity::{EntityKind, FieldError};

/// The relations a link may have, and what each means.
pub const RELATIONS: [(&str, &str); 6] = [
    ("mentions", "the source mentions the target (a note mentions a person)"),
    ("attendee", "the target attends the source (a person at an event or task)"),
    ("located_at", "the source happens or is at the target place"),
    ("paid_for", "the source (a transaction) paid for the target"),
    ("about", "the source is about the target"),
    ("part_of", "the source is part of the target (a project, a trip)"),
];

/// Link's declaration (see `kind::declare`).
#[macro_export]
macro_rules! link_kind {
    ($then:path) => { $then! {
        /// A typed, directed relation between two entities of the workspace.
        kind Link (LinkKind, LinkFields) in primitives { type: "Link", table: "links", one: link, many: links, api: custom }
        groups []
        key ["fromType", "fromId", "toType", "toId", "relation"]
        fields {
            /// The source entity's kind.
            from_type: fix $crate::values::KindName [filter],
            /// The source entity's id.
            from_id: fix $crate::values::Id [typed_by("fromType"), filter],
            /// The target entity's kind.
            to_type: fix $crate::values::KindName [filter],
            /// The target entity's id.
            to_id: fix $crate::values::Id [typed_by("toType"), filter],
            /// One of `mentions`, `attendee`, `located_at`, `paid_for`, `about`, `part_of`.
            relation: fix String [filter],
            /// Free-form notes on the relation.
            note: opt String [search],
        }
    } };
}
crate::link_kind!(crate::declare_kind);

fn entity_type(field: &str, value: &str) -> Result<(), FieldError> {
    if crate::registry::spec(value).is_none() {
        let known: Vec<&str> = crate::registry::type_names().collect();
        return Err(FieldError::new(field, format!("must be one of {}", known.join(", "))));
    }
    Ok(())
}

impl EntityKind for LinkKind {
    fn validate(f: &LinkFields) -> Result<(), FieldError> {
        entity_type("fromType", f.from_type.as_str())?;
        entity_type("toType", f.to_type.as_str())?;
        if f.from_id.as_str().is_empty() {
            return Err(FieldError::new("fromId", "is required"));
        }
        if f.to_id.as_str().is_empty() {
            return Err(FieldError::new("toId", "is required"));
        }
        if !RELATIONS.iter().any(|(r, _)| *r == f.relation) {
            let known: Vec<&str> = RELATIONS.iter().map(|(r, _)| *r).collect();
            return Err(FieldError::new("relation", format!("must be one of {}", known.join(", "))));
        }
        max_chars("note", &f.note, 10_000)
    }
}
