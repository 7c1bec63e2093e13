//! Command-line text to the JSON a GraphQL input field of a given type expects: `true` for a
//! `Boolean`, `high` → `HIGH` for an enum, `a,b` (or a JSON array) for a list, `tomorrow`
//! for a `DateTime`, JSON for an input object or `JSON`. Anything else stays a string —
//! the server validates and names the field if it is wrong. Pure (the date words take `now`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{Schema, TypeRef};
use crate::dates;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{field}: {message}")]
pub struct CoerceError {
    pub field: String,
    pub message: String,
}

/// The value of `field` (of type `ty`) given as `text`.
pub fn coerce(schema: &Schema, field: &str, ty: &TypeRef, text: &str, now: DateTime<Utc>) -> Result<Value, CoerceError> {
    let bad = |message: String| CoerceError { field: field.to_owned(), message };
    if ty.list {
        if text.trim_start().starts_with('[') {
            return serde_json::from_str(text).map_err(|e| bad(format!("not a JSON array: {e}")));
        }
        let items = text.split(',').map(str::trim).filter(|t| !t.is_empty());
        return items.map(|item| scalar(schema, &ty.name, item, now).map_err(bad)).collect::<Result<Vec<_>, _>>().map(Value::Array);
    }
    scalar(schema, &ty.name, text, now).map_err(bad)
}

fn scalar(schema: &Schema, type_name: &str, text: &str, now: DateTime<Utc>) -> Result<Value, String> {
    if let Some(values) = schema.enum_values(type_name) {
        // `credit-card` is CREDIT_CARD, `budget-assignment` is BudgetAssignment.
        let loose = |t: &str| t.chars().filter(|c| *c != '-' && *c != '_').collect::<String>().to_ascii_lowercase();
        let wanted = loose(text.trim());
        let found = values.iter().find(|v| v.as_str() == text.trim()).or_else(|| values.iter().find(|v| loose(v) == wanted));
        let shown = |v: &String| if v.chars().any(|c| c.is_ascii_lowercase()) { crate::schema::kebab(v) } else { v.to_ascii_lowercase().replace('_', "-") };
        return found.map(|v| json!(v)).ok_or_else(|| format!("one of {}", values.iter().map(shown).collect::<Vec<_>>().join(", ")));
    }
    match type_name {
        "Boolean" => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "on" => Ok(json!(true)),
            "false" | "no" | "n" | "0" | "off" => Ok(json!(false)),
            _ => Err("true or false".into()),
        },
        "Int" | "Long" => text.trim().parse::<i64>().map(|n| json!(n)).map_err(|_| "a whole number".into()),
        "Float" => text.trim().parse::<f64>().map(|n| json!(n)).map_err(|_| "a number".into()),
        "DateTime" => dates::instant(text, now).map(|at| json!(dates::format_instant(at))),
        "Date" => dates::date(text, now).map(|d| json!(d.to_string())),
        "JSON" => serde_json::from_str(text).map_err(|e| format!("not JSON: {e}")),
        object if schema.is_input(object) => serde_json::from_str(text).map_err(|e| format!("a JSON object ({object}): {e}")),
        _ => Ok(json!(text)),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn ty(name: &str, list: bool) -> TypeRef {
        TypeRef { name: name.into(), list, required: false, text: String::new() }
    }

    #[test]
    fn text_becomes_the_fields_type() -> Result<(), Box<dyn std::error::Error>> {
        let schema = Schema::embedded()?;
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 15, 0, 0).single().ok_or("time")?;
        let c = |name: &str, list: bool, text: &str| coerce(&schema, "f", &ty(name, list), text, now);
        assert_eq!(c("Boolean", false, "yes")?, json!(true));
        assert_eq!(c("Int", false, "42")?, json!(42));
        assert_eq!(c("TaskPriority", false, "high")?, json!("HIGH"));
        assert_eq!(c("AccountType", false, "credit-card")?, json!("CREDIT_CARD"));
        assert_eq!(c("String", true, "a, b")?, json!(["a", "b"]));
        assert_eq!(c("String", true, "[\"a,b\"]")?, json!(["a,b"]));
        assert_eq!(c("String", false, "42")?, json!("42"));
        assert_eq!(c("Date", false, "tomorrow")?, json!("2026-12-05"));
        assert!(c("Boolean", false, "maybe").is_err());
        assert_eq!(c("EntityType", false, "budget-assignment")?, json!("BudgetAssignment"));
        assert_eq!(c("EntityType", false, "Note")?, json!("Note"));
        assert!(c("TaskPriority", false, "urgent-ish").is_err_and(|e| e.field == "f" && e.message.contains("high")));
        Ok(())
    }
}
