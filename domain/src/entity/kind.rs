//! What a kind of entity supplies to the kernel.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::types::{EntityError, Fields};
use crate::kind::Declared;
use crate::rule::CrossRule;

/// A rule broken by one field (camelCase name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), message: message.into() }
    }
}

/// The behaviour of a declared kind (its fields and spec come from its declaration,
/// [`Declared`]): validation, transitions, implied changes, cross-entity rules.
pub trait EntityKind:
    Declared<Fields: Serialize + DeserializeOwned + Default + Clone + PartialEq + std::fmt::Debug + Send + Sync>
    + std::fmt::Debug
    + Clone
    + PartialEq
    + Default
    + Send
    + Sync
    + 'static
{
    /// Aggregate type and event-type prefix: "Note", "Task", "Person", "Place".
    const TYPE: &'static str = <Self as Declared>::SPEC.type_name;

    /// Field groups, from the declaration: fields only valid together (camelCase names; each
    /// inner slice one group, a field in at most one, see [`crate::entity::check_groups`]). A
    /// device's merge treats a group as one register: its newest write wins every member
    /// (`merge.rs`, rule 7).
    fn groups() -> &'static [&'static [&'static str]] {
        <Self as Declared>::SPEC.groups
    }

    /// Rules beyond types (lengths, ranges, non-empty, invariants between fields). Every
    /// text of the normalised fields is checked for storability besides (`patch::apply`).
    fn validate(fields: &Self::Fields) -> Result<(), FieldError>;

    /// Kind-specific named transitions (Task: "Completed", "Reopened"): their field changes.
    fn transition(name: &str, fields: &Self::Fields, at: DateTime<Utc>) -> Result<Fields, EntityError> {
        let _ = (fields, at);
        Err(EntityError::UnknownTransition(name.to_owned()))
    }

    /// Changes a server-side create or update implies beyond the fields it names, from the
    /// fields before it (Task: setting `status` to DONE stamps `completedAt` with `at`). A
    /// device's merge implies nothing: it sends every field it means, or is rejected.
    fn implied(before: &Self::Fields, given: &Fields, at: DateTime<Utc>) -> Fields {
        let _ = (before, given, at);
        Fields::new()
    }

    /// References inside a field's value, which a declaration cannot flag (Transaction's
    /// postings name accounts and categories): `(field, kind, id)` for each one `named` (the
    /// fields a write names, as sent) holds. Checked like declared references, on the command
    /// path against the write side (`VALIDATION` on the field when one names nothing live).
    fn inner_references(named: &Fields) -> Vec<(&'static str, &'static str, String)> {
        let _ = named;
        Vec::new()
    }

    /// Rules spanning entities that this kind's writes can break (Task: no cycles in the task
    /// tree). Each is decided by its rule aggregate on the command path, in the same batch as
    /// the entity's events (`crate::rule`). Single-entity rules belong in [`validate`](Self::validate).
    fn rules() -> &'static [&'static dyn CrossRule] {
        &[]
    }
}

/// Shared check: a string field's length in characters (and that storage can hold it).
pub fn max_chars(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    crate::values::storable_text(field, value)?;
    if value.chars().count() > max {
        return Err(FieldError::new(field, format!("must be at most {max} characters")));
    }
    Ok(())
}

/// Shared check: a required text field (non-empty after trimming, bounded).
pub fn required_text(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(field, "must not be empty"));
    }
    max_chars(field, value, max)
}

/// Shared check: a bounded list of bounded, non-empty strings.
pub fn string_list(field: &str, values: &[String], max_items: usize, max_chars_each: usize) -> Result<(), FieldError> {
    if values.len() > max_items {
        return Err(FieldError::new(field, format!("must have at most {max_items} items")));
    }
    for v in values {
        required_text(field, v, max_chars_each)?;
    }
    Ok(())
}
