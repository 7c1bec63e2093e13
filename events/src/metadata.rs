//! The metadata stored with every event: which workspace it belongs to (the event store's
//! `workspace_id` column is generated from it and is NOT NULL), who did it, under which
//! request, and from which device.

use std::collections::HashMap;

const WORKSPACE_ID: &str = "workspace_id";
const ACTOR: &str = "actor";
const REQUEST_ID: &str = "request_id";
const CLIENT_ID: &str = "client_id";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMetadata {
    pub workspace_id: String,
    /// The user id on whose behalf the command ran.
    pub actor: String,
    pub request_id: String,
    /// The device that sent the change, when one did (sync pushes).
    pub client_id: Option<String>,
}

impl EventMetadata {
    /// The string map cqrs-es stores as the event's `metadata` JSON.
    pub fn to_map(&self) -> HashMap<String, String> {
        let mut map = HashMap::from([
            (WORKSPACE_ID.to_owned(), self.workspace_id.clone()),
            (ACTOR.to_owned(), self.actor.clone()),
            (REQUEST_ID.to_owned(), self.request_id.clone()),
        ]);
        if let Some(client) = &self.client_id {
            map.insert(CLIENT_ID.to_owned(), client.clone());
        }
        map
    }

    /// The same map as JSON text, as it is stored in the `metadata` column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_map()).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads metadata back from the stored JSON object; `None` if a required key is missing.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        let get = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        Some(Self {
            workspace_id: get(WORKSPACE_ID)?,
            actor: get(ACTOR)?,
            request_id: get(REQUEST_ID)?,
            client_id: get(CLIENT_ID),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_round_trips_through_the_stored_json() {
        let meta = EventMetadata {
            workspace_id: "W".into(),
            actor: "U".into(),
            request_id: "R".into(),
            client_id: Some("C".into()),
        };
        let json = serde_json::to_value(meta.to_map()).expect("serialises");
        assert_eq!(EventMetadata::from_json(&json), Some(meta));
    }
}
