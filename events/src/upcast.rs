//! Upcasters: old stored payloads lifted to the current shape on read, never rewritten in
//! place. The same functions serve cqrs-es (aggregate loading, via [`upcasters`]) and the
//! projectors (raw feed rows, via [`upcast_payload`]), so both see one shape.
//!
//! Corrections of unstorable values ([`crate::correct`]) run after them on the same paths.
//!
//! Registered today: `NoteCreated` v0 → v1 (v0 stored title/body flat beside the ids; v1
//! nests the full field set under `fields`, adding `pinned` and `tags`).

use cqrs_es::persist::{EventUpcaster, SerializedEvent};
use serde_json::{json, Value};

/// One payload transformation: applies to `(event_type, from_version)`, yields `to_version`.
struct Step {
    event_type: &'static str,
    from_version: &'static str,
    to_version: &'static str,
    lift: fn(Value) -> Value,
}

const STEPS: [Step; 1] = [Step { event_type: "NoteCreated", from_version: "0", to_version: "1", lift: note_created_v0 }];

fn note_created_v0(payload: Value) -> Value {
    let old = payload.get("Created").cloned().unwrap_or(Value::Null);
    let text = |key: &str| old.get(key).cloned().unwrap_or_else(|| json!(""));
    json!({"Created": {
        "workspace_id": text("workspace_id"),
        "id": text("id"),
        "fields": {"title": text("title"), "body": text("body"), "pinned": false, "tags": []},
        "at": old.get("at").cloned().unwrap_or(Value::Null),
    }})
}

/// True when no upcaster applies to this stored version (the common case: no copy needed).
pub fn is_current(event_type: &str, event_version: &str) -> bool {
    !STEPS.iter().any(|s| s.event_type == event_type && s.from_version == event_version)
}

/// Applies every matching step in order; returns the final version and payload.
pub fn upcast_payload(_aggregate_type: &str, event_type: &str, event_version: &str, payload: Value) -> (String, Value) {
    let mut version = event_version.to_owned();
    let mut payload = payload;
    for step in STEPS.iter() {
        if step.event_type == event_type && step.from_version == version {
            payload = (step.lift)(payload);
            version = step.to_version.to_owned();
        }
    }
    (version, payload)
}

/// The cqrs-es view of the same steps.
struct Upcaster;

impl EventUpcaster for Upcaster {
    fn can_upcast(&self, event_type: &str, event_version: &str) -> bool {
        STEPS.iter().any(|s| s.event_type == event_type && s.from_version == event_version)
    }

    fn upcast(&self, mut event: SerializedEvent) -> SerializedEvent {
        let (version, payload) =
            upcast_payload(&event.aggregate_type, &event.event_type, &event.event_version, event.payload);
        event.event_version = version;
        event.payload = payload;
        event
    }
}

/// The registered corrections ([`crate::correct`]), applied to every loaded event after the
/// upcasters (cqrs-es asks by type and version only, so each payload is checked).
struct Correcting(crate::correct::Corrections);

impl EventUpcaster for Correcting {
    fn can_upcast(&self, _event_type: &str, _event_version: &str) -> bool {
        true
    }

    fn upcast(&self, mut event: SerializedEvent) -> SerializedEvent {
        self.0.correct_value(&mut event.payload);
        event
    }
}

pub fn upcasters() -> Vec<Box<dyn EventUpcaster>> {
    vec![Box::new(Upcaster), Box::new(Correcting(crate::correct::Corrections::builtin()))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_v0_note_created_is_lifted_to_v1() {
        let old = json!({"Created": {"workspace_id": "W", "id": "N", "title": "t", "body": "b", "at": "2020-01-01T00:00:00Z"}});
        let (version, payload) = upcast_payload("Note", "NoteCreated", "0", old);
        assert_eq!(version, "1");
        assert_eq!(
            payload,
            json!({"Created": {"workspace_id": "W", "id": "N", "at": "2020-01-01T00:00:00Z",
                   "fields": {"title": "t", "body": "b", "pinned": false, "tags": []}}})
        );
    }

    #[test]
    fn current_payloads_pass_through_unchanged() {
        let current = json!({"Updated": {"changes": {"title": "x"}, "at": "2020-01-01T00:00:00Z"}});
        let (version, payload) = upcast_payload("Note", "NoteUpdated", "1", current.clone());
        assert_eq!((version.as_str(), payload), ("1", current));
        assert!(!Upcaster.can_upcast("NoteCreated", "1"));
        assert!(Upcaster.can_upcast("NoteCreated", "0"));
    }
}
