//! The HTTP middleware of observability: per request, the HTTP metrics (by method, matched
//! route and status; latency by route) and the access-log line, with the GraphQL operation
//! label when the request executed one. The label reaches this layer through a task-local
//! slot that the schema extension (`graphql.rs`) fills while the handler runs inside it.
//!
//! Route labels are axum's `MatchedPath` (never the raw path); requests no route matched
//! are `unmatched`. This layer must run inside the request-id layer (it logs the id), and
//! never reads or logs a query string, a header other than the request id, or a body.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::label::OperationLabel;
use super::metrics::{method_label, HttpLabels, Metrics, RouteLabels};
use crate::middleware::REQUEST_ID_HEADER;

/// The route label of requests that matched no route.
pub const UNMATCHED: &str = "unmatched";

type Slot = Arc<OnceLock<OperationLabel>>;

tokio::task_local! {
    static OPERATION: Slot;
}

/// Hands the operation label to the HTTP request being served, if any (websocket
/// operations run outside one: then nothing happens). The first operation of a batch wins.
pub(crate) fn note_operation(label: &OperationLabel) {
    let _ = OPERATION.try_with(|slot| slot.set(label.clone()));
}

/// The request's id as the request-id layer set it.
pub fn request_id(headers: &axum::http::HeaderMap) -> String {
    headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned()
}

pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request.extensions().get::<MatchedPath>().map_or_else(|| UNMATCHED.to_owned(), |p| p.as_str().to_owned());
    let request_id = request_id(request.headers());
    let slot = Slot::default();
    let response = OPERATION.scope(slot.clone(), next.run(request)).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    metrics.http_requests.get_or_create(&HttpLabels { method, route: route.clone(), status }).inc();
    metrics.http_duration.get_or_create(&RouteLabels { route: route.clone() }).observe(elapsed.as_secs_f64());
    super::access::request(method, &route, slot.get(), status, elapsed, &request_id);
    response
}
