//! Stored event schema: `event_type` + `event_version` for every event, and the upcasters
//! that lift old payloads to the current shape on read. History is never edited; a changed
//! event shape is a new version plus an upcaster with a test that loads the old payload.
