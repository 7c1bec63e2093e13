//! The access log: one `info` line per HTTP request, one per websocket operation and one per
//! closed websocket, on the
//! target [`TARGET`] (so `LIFEOS_LOG=lifeos::access=off` silences it and
//! `LIFEOS_LOG=warn,lifeos::access=info` keeps only it).
//!
//! A line carries method, matched route, operation label, status, duration and request id —
//! never a query string, a document, variables, headers or tokens.

use std::time::Duration;

use super::label::OperationLabel;

/// The tracing target of access-log lines.
pub const TARGET: &str = "lifeos::access";

fn millis(elapsed: Duration) -> f64 {
    (elapsed.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

/// One finished HTTP request (the response head is ready).
pub fn request(method: &str, path: &str, operation: Option<&OperationLabel>, status: u16, elapsed: Duration, request_id: &str) {
    tracing::info!(
        target: TARGET,
        method,
        path,
        operation = operation.map(|o| o.operation.as_str()),
        status,
        duration_ms = millis(elapsed),
        request_id,
        "request"
    );
}

/// One finished websocket operation (a subscription: when it ends), with its own request id.
pub fn websocket_operation(operation: &str, failed: bool, elapsed: Duration, request_id: &str) {
    tracing::info!(
        target: TARGET,
        path = "/graphql/ws",
        operation,
        outcome = if failed { "error" } else { "ok" },
        duration_ms = millis(elapsed),
        request_id,
        "websocket operation"
    );
}

/// One closed GraphQL websocket: how long it was open and the close code the server sent
/// (none: the client went away).
pub fn websocket_closed(path: &str, close_code: Option<u16>, elapsed: Duration, request_id: &str) {
    tracing::info!(
        target: TARGET,
        path,
        close_code,
        duration_ms = millis(elapsed),
        request_id,
        "websocket closed"
    );
}
