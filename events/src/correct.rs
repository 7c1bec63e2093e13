//! Corrections: registered fixes for stored payloads the read side cannot use as recorded — a
//! value the database cannot hold, written before the domain refused it (a NUL in a text, a
//! date outside years 1–9999). Like upcasters they are applied on read — by the projectors to
//! each batch, by aggregate loading and by replay — and never by editing the store: the event
//! stays as recorded, the fix is reviewed code with a test that loads the bad payload.
//!
//! A correction must be safe to apply to any payload (it only changes values no projection
//! could store anyway) and cheap to rule out: `suspect` scans the raw text first, so the
//! common, clean payload costs one substring search per correction.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde_json::Value;

/// One registered fix.
#[derive(Clone, Copy)]
pub struct Correction {
    /// Stable name, logged when it changes a payload.
    pub name: &'static str,
    /// Whether the raw payload text may need this fix (false: certainly not).
    pub suspect: fn(&str) -> bool,
    /// Fixes the payload in place; true when anything changed.
    pub fix: fn(&mut Value) -> bool,
}

impl std::fmt::Debug for Correction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The corrections a reader applies, in order.
#[derive(Debug, Clone)]
pub struct Corrections(Vec<Correction>);

/// Every correction this release ships.
pub const BUILTIN: [Correction; 2] = [
    Correction { name: "nul-in-text", suspect: has_nul_escape, fix: replace_nul },
    Correction { name: "unstorable-date", suspect: has_unusual_year, fix: null_unstorable_dates },
];

impl Default for Corrections {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Corrections {
    pub fn builtin() -> Self {
        Self(BUILTIN.to_vec())
    }

    /// No corrections at all (what a release before a fix did; tests of parking use it).
    pub fn none() -> Self {
        Self(Vec::new())
    }

    /// These plus `extra` (applied after them).
    pub fn with(mut self, extra: Correction) -> Self {
        self.0.push(extra);
        self
    }

    /// The corrected payload text and the names of the corrections that changed it, or `None`
    /// when the payload needs none (the common case: nothing is parsed).
    pub fn correct_text(&self, payload: &str) -> Option<(String, Vec<&'static str>)> {
        let suspects: Vec<&Correction> = self.0.iter().filter(|c| (c.suspect)(payload)).collect();
        if suspects.is_empty() {
            return None;
        }
        let mut value: Value = serde_json::from_str(payload).ok()?;
        let applied: Vec<&'static str> = suspects.into_iter().filter(|c| (c.fix)(&mut value)).map(|c| c.name).collect();
        if applied.is_empty() {
            return None;
        }
        Some((value.to_string(), applied))
    }

    /// Corrects an already parsed payload in place; the names of the corrections that changed it.
    pub fn correct_value(&self, payload: &mut Value) -> Vec<&'static str> {
        self.0.iter().filter(|c| (c.fix)(payload)).map(|c| c.name).collect()
    }
}

/// Visits every string (values and object keys) of a JSON tree; true when `f` changed one.
fn each_string(value: &mut Value, f: &mut dyn FnMut(&mut String) -> bool) -> bool {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| each_string(item, f) | changed),
        Value::Object(map) => {
            let mut changed = false;
            let entries = std::mem::take(map);
            for (mut key, mut item) in entries {
                changed |= f(&mut key);
                changed |= each_string(&mut item, f);
                map.insert(key, item);
            }
            changed
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fn has_nul_escape(payload: &str) -> bool {
    payload.contains("\\u0000")
}

/// U+0000 (which no Postgres text can hold) becomes U+FFFD, the replacement character.
fn replace_nul(payload: &mut Value) -> bool {
    each_string(payload, &mut |s| {
        if !s.contains('\0') {
            return false;
        }
        *s = s.replace('\0', "\u{FFFD}");
        true
    })
}

/// A string starting with a signed year or year 0000 (chrono writes `+99999-…`, `-0001-…`).
fn has_unusual_year(payload: &str) -> bool {
    let bytes = payload.as_bytes();
    bytes.windows(3).any(|w| w[0] == b'"' && (w[1] == b'+' || w[1] == b'-') && w[2].is_ascii_digit())
        || payload.contains("\"0000-")
}

/// Dates and timestamps outside years 1–9999 (what the wire accepts and Postgres stores)
/// become null: every such field is optional, and no value of it could ever be stored.
fn null_unstorable_dates(payload: &mut Value) -> bool {
    fn walk(value: &mut Value) -> bool {
        match value {
            Value::String(s) if is_unstorable_date(s) => {
                *value = Value::Null;
                true
            }
            Value::Array(items) => items.iter_mut().fold(false, |changed, item| walk(item) | changed),
            Value::Object(map) => map.values_mut().fold(false, |changed, item| walk(item) | changed),
            _ => false,
        }
    }
    walk(payload)
}

fn is_unstorable_date(s: &str) -> bool {
    // Only a signed year or year 0 can be out of range: rule everything else out unparsed.
    if !(s.starts_with(['+', '-']) || s.starts_with("0000-")) {
        return false;
    }
    let year = s
        .parse::<DateTime<FixedOffset>>()
        .map(|t| t.year())
        .or_else(|_| s.parse::<NaiveDate>().map(|d| d.year()))
        .ok();
    year.is_some_and(|y| !(1..=9999).contains(&y))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_nul_in_any_text_becomes_the_replacement_character() {
        let stored = r#"{"Created":{"fields":{"title":"nul\u0000byte","tags":["a\u0000"]},"at":"2026-01-01T00:00:00Z"}}"#;
        let (fixed, applied) = Corrections::builtin().correct_text(stored).expect("corrected");
        assert_eq!(applied, ["nul-in-text"]);
        let value: Value = serde_json::from_str(&fixed).expect("json");
        assert_eq!(value["Created"]["fields"]["title"], "nul\u{FFFD}byte");
        assert_eq!(value["Created"]["fields"]["tags"][0], "a\u{FFFD}");
    }

    #[test]
    fn dates_outside_years_1_to_9999_become_null_and_others_stay() {
        let stored = json!({"Updated": {"changes": {"dueAt": "+99999-01-01T00:00:00Z", "birthday": "0000-01-01",
                            "completedAt": "2026-01-01T00:00:00Z", "title": "-1 degrees"}, "at": "2026-01-01T00:00:00Z"}})
        .to_string();
        let (fixed, applied) = Corrections::builtin().correct_text(&stored).expect("corrected");
        assert_eq!(applied, ["unstorable-date"]);
        let value: Value = serde_json::from_str(&fixed).expect("json");
        let changes = &value["Updated"]["changes"];
        assert_eq!((changes["dueAt"].clone(), changes["birthday"].clone()), (Value::Null, Value::Null));
        assert_eq!(changes["completedAt"], "2026-01-01T00:00:00Z");
        assert_eq!(changes["title"], "-1 degrees");
    }

    #[test]
    fn clean_payloads_are_not_parsed_or_changed() {
        let clean = r#"{"Updated":{"changes":{"title":"ok","dueAt":"2026-12-01T10:00:00.123456Z"},"at":"2026-01-01T00:00:00Z"}}"#;
        assert!(Corrections::builtin().correct_text(clean).is_none());
        assert!(Corrections::none().correct_text(r#"{"t":"\u0000"}"#).is_none());
    }
}
