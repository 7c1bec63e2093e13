//! Page cursors: opaque to clients (base64url of a small JSON array), they carry what the next
//! page starts after — the list's kind and ordering, the row's sort value and its id — so a
//! cursor of another list or ordering, or one that is not a cursor at all, is refused
//! (`VALIDATION` naming the argument) instead of silently giving an empty page. Never reads
//! data; never trusts a cursor's contents beyond comparing them with the list asked for.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use crate::error::ApiError;

/// A position in one ordering of one kind's list: the row's sort value (JSON, `null` for a
/// null column) and its id (the tie-breaker).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Position {
    pub value: Value,
    pub id: String,
}

/// `list` names the kind and the ordering (e.g. `Note:createdAt:ASC`).
pub(crate) fn encode(list: &str, position: &Position) -> String {
    let raw = Value::Array(vec![Value::from(list), position.value.clone(), Value::from(position.id.as_str())]);
    URL_SAFE_NO_PAD.encode(raw.to_string())
}

/// The position a cursor names, if it is a cursor of `list`; else `VALIDATION` on `argument`.
pub(crate) fn decode(argument: &str, list: &str, cursor: &str) -> Result<Position, ApiError> {
    let refuse = |why: &str| ApiError::validation(argument, format!("not a cursor of this list and ordering ({why})"));
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim_end_matches('=')).map_err(|_| refuse("not base64url"))?;
    let raw: Value = serde_json::from_slice(&bytes).map_err(|_| refuse("malformed"))?;
    match raw.as_array().map(Vec::as_slice) {
        Some([Value::String(of), value, Value::String(id)]) if !value.is_array() && !value.is_object() => {
            if of != list {
                return Err(refuse("from another list or ordering"));
            }
            lifeos_domain::values::parse_ulid(id).ok_or_else(|| refuse("malformed"))?;
            Ok(Position { value: value.clone(), id: id.clone() })
        }
        _ => Err(refuse("malformed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(value: Value) -> Position {
        Position { value, id: "01J0000000000000000000000A".into() }
    }

    #[test]
    fn a_cursor_reads_back_as_the_position_it_was_made_from() {
        for value in [Value::Null, Value::from("2026-01-01T00:00:00+00:00"), Value::from(true), Value::from(4.5)] {
            let position = at(value);
            let cursor = encode("Note:createdAt:ASC", &position);
            assert_eq!(decode("after", "Note:createdAt:ASC", &cursor).ok(), Some(position));
        }
    }

    #[test]
    fn a_cursor_of_another_list_or_no_cursor_at_all_is_refused() {
        let cursor = encode("Note:createdAt:ASC", &at(Value::Null));
        for (list, text) in [
            ("Note:createdAt:DESC", cursor.as_str()),
            ("Task:createdAt:ASC", cursor.as_str()),
            ("Note:createdAt:ASC", "not base64!"),
            ("Note:createdAt:ASC", "e30"), // {}
            ("Note:createdAt:ASC", "01J0000000000000000000000A"),
        ] {
            let error = decode("before", list, text);
            assert!(matches!(error, Err(ApiError::Validation { field: Some(ref f), .. }) if f == "before"), "{list} {text}");
        }
    }
}
