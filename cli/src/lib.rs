//! `lifeos`, the LifeOS command-line client: a GraphQL client of a LifeOS server (never its
//! database), typed from the checked-in schema, with profiles, credentials in the OS keyring,
//! an encrypted file or the environment, and table/json/yaml/ndjson output. The wire
//! transport is the reference client's (`lifeos_client::Http`); the clock and the HLC are
//! `lifeos_proto`'s. THREAT-MODEL.md says what protects the credentials.

pub mod app;
pub mod args;
pub mod commands;
pub mod config;
pub mod credentials;
pub mod dates;
pub mod error;
pub mod money;
pub mod ops;
pub mod output;
pub mod schema;
pub mod session;
