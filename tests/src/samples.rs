//! Sample field values for creating an entity of any registered kind from its declaration:
//! one value of each field's SQL type ([`sample_value`]), reference fields pointed at
//! entities the caller already made, and the caller's overrides for fields validated beyond
//! their type (enums, emails) on top. Nothing here asserts.

use lifeos_domain::kind::{FieldSpec, Input, KindSpec, Reference, SqlType};
use serde_json::{json, Map, Value};

/// A value of the field's type that passes type checks (not necessarily the kind's own rules).
pub fn sample_value(field: &FieldSpec) -> Value {
    match field.sql {
        SqlType::Text => json!(format!("sample {}", field.name)),
        SqlType::Boolean => json!(true),
        SqlType::Integer | SqlType::BigInt => json!(7),
        SqlType::Double => json!(1.5),
        SqlType::Numeric => json!("1.5"),
        SqlType::Timestamptz => json!("2026-03-04T05:06:07Z"),
        SqlType::Date => json!("2026-03-04"),
        SqlType::TextArray => json!([format!("sample {}", field.name)]),
        SqlType::Jsonb => json!({}),
    }
}

/// An entity made earlier, which reference fields may point at.
#[derive(Debug, Clone)]
pub struct Target {
    pub type_name: &'static str,
    pub id: String,
}

/// The fields of a create of `spec`: every field the inputs carry (read-only ones left to the
/// kind), a sample of its type, then `overrides`; each reference field names the first of
/// `targets` of the kind it references (left out when there is none yet).
pub fn sample_fields(spec: &KindSpec, overrides: &Map<String, Value>, targets: &[Target]) -> Map<String, Value> {
    let mut fields = Map::new();
    for field in spec.fields.iter().filter(|f| f.input != Input::ReadOnly && f.reference.is_none()) {
        fields.insert(field.name.to_owned(), sample_value(field));
    }
    fields.extend(overrides.clone());
    for (field, reference) in spec.references() {
        let target = match reference {
            Reference::Kind(kind) => targets.iter().find(|t| t.type_name == kind),
            Reference::TypedBy(type_field) => match fields.get(type_field).and_then(Value::as_str) {
                Some(kind) if overrides.contains_key(type_field) => targets.iter().find(|t| t.type_name == kind),
                _ => targets.first(),
            },
        };
        let Some(target) = target else { continue };
        if let Reference::TypedBy(type_field) = reference {
            fields.insert(type_field.to_owned(), json!(target.type_name));
        }
        fields.insert(field.name.to_owned(), json!(target.id));
    }
    fields
}

/// The first plain text field of `spec` not in `overrides` (one an update can change freely).
pub fn editable_text(spec: &KindSpec, overrides: &Map<String, Value>) -> Option<&'static FieldSpec> {
    spec.fields.iter().find(|f| {
        f.sql == SqlType::Text && f.input != Input::ReadOnly && f.reference.is_none() && !f.immutable && !overrides.contains_key(f.name)
    })
}
