//! Applying field maps through a kind's typed field set, one key at a time, so that the first
//! bad key (unknown, wrong type, null where a value is required) is named in the error.

use serde_json::Value;

use super::kind::{EntityKind, FieldError};
use super::types::Fields;

/// Folds `changes` into `fields` (a key with null is kept as null).
pub fn merge(fields: &mut Fields, changes: &Fields) {
    for (key, value) in changes {
        fields.insert(key.clone(), value.clone());
    }
}

/// `base` with `patch` applied, normalised through `K::Fields` and validated.
pub fn apply<K: EntityKind>(base: &Fields, patch: &Fields) -> Result<Fields, FieldError> {
    let mut merged = base.clone();
    let mut typed = parse::<K>(&merged, "fields")?;
    for (key, value) in patch {
        merged.insert(key.clone(), value.clone());
        typed = parse::<K>(&merged, key)?;
    }
    K::validate(&typed)?;
    let fields = normalize::<K>(&typed)?;
    storable(&fields)?;
    Ok(fields)
}

/// Every text of a normalised field map — string values, and strings inside lists and
/// objects — must be one storage can hold; the error names the top-level field.
pub fn storable(fields: &Fields) -> Result<(), FieldError> {
    fn check(field: &str, value: &Value) -> Result<(), FieldError> {
        match value {
            Value::String(text) => crate::values::storable_text(field, text),
            Value::Array(items) => items.iter().try_for_each(|v| check(field, v)),
            Value::Object(map) => map.iter().try_for_each(|(k, v)| {
                crate::values::storable_text(field, k)?;
                check(field, v)
            }),
            Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
        }
    }
    fields.iter().try_for_each(|(field, value)| check(field, value))
}

/// The default field set of a kind, as a map.
pub fn defaults<K: EntityKind>() -> Result<Fields, FieldError> {
    normalize::<K>(&K::Fields::default())
}

fn parse<K: EntityKind>(fields: &Fields, key: &str) -> Result<K::Fields, FieldError> {
    serde_json::from_value(Value::Object(fields.clone())).map_err(|e| FieldError::new(key, describe(&e)))
}

pub fn normalize<K: EntityKind>(typed: &K::Fields) -> Result<Fields, FieldError> {
    match serde_json::to_value(typed) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) | Err(_) => Err(FieldError::new("fields", "cannot be represented")),
    }
}

/// serde's message without its " at line 1 column N" suffix.
fn describe(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Keys whose value in `after` differs from `before`.
pub fn diff(before: &Fields, after: &Fields) -> Fields {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A field declared immutable keeps its created value: a write that changes it is refused.
pub fn check_immutable<K: EntityKind>(before: &Fields, after: &Fields) -> Result<(), FieldError> {
    for field in K::SPEC.fields.iter().filter(|f| f.immutable) {
        if before.get(field.name) != after.get(field.name) {
            return Err(FieldError::new(field.name, "cannot be changed after create"));
        }
    }
    Ok(())
}
