//! Observability of a running server: Prometheus metrics (`metrics.rs`, served by
//! `endpoint.rs`), the access log (`access.rs`), the HTTP layer that feeds both (`http.rs`),
//! and the schema extension that counts GraphQL operations and errors over HTTP and websocket
//! alike (`graphql.rs`, labels from `label.rs`).
//!
//! Never records client text (documents, variables, raw paths, tokens) in a label or a line.

pub mod access;
pub mod endpoint;
pub mod graphql;
pub mod http;
pub mod label;
pub mod metrics;

pub use metrics::{ConflictReason, Conflicts, Metrics};
