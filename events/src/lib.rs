//! Stored event schema: `event_type` + `event_version` for every event, the metadata every
//! event carries, and (as shapes change) the upcasters that lift old payloads to the current
//! shape on read. History is never edited; a changed event shape is a new version plus an
//! upcaster with a test that loads the old payload.

pub mod correct;
pub mod metadata;
pub mod upcast;

pub use metadata::EventMetadata;
