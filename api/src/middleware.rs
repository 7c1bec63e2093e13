//! Per-request plumbing: a request id (echoed as `x-request-id`) and one tracing span per
//! request carrying method, path and request id. Query strings are never logged: they may
//! carry secrets.
//!
//! The request id ends up in immutable event metadata, so a client-supplied one is kept only
//! when it is bounded and well formed ([`well_formed_request_id`]); anything else is dropped
//! and replaced by a fresh ULID. Never store or log a client's value without that check.

use axum::extract::Request;
use axum::http::HeaderValue;
use tower_http::request_id::{MakeRequestId, RequestId};
use tracing::Span;

pub const REQUEST_ID_HEADER: &str = lifeos_proto::headers::REQUEST_ID;

/// Longest client-supplied request id kept (a UUID is 36, a W3C traceparent 55).
pub const MAX_REQUEST_ID_LEN: usize = 64;

#[derive(Clone, Copy, Default)]
pub struct UlidRequestId;

impl MakeRequestId for UlidRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&ulid::Ulid::new().to_string()).ok().map(RequestId::new)
    }
}

/// 1–64 characters of `A–Z a–z 0–9 . _ : -`.
pub fn well_formed_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len())
        && id.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// Drops a client's `x-request-id` unless it is well formed (every copy, if sent several
/// times), so the request-id layer behind this one draws a ULID instead.
pub async fn drop_malformed_request_id(mut request: Request) -> Request {
    let headers = request.headers_mut();
    let mut values = headers.get_all(REQUEST_ID_HEADER).iter();
    let keep = match (values.next(), values.next()) {
        (Some(only), None) => well_formed_request_id(only.as_bytes()),
        (None, _) => true,
        _ => false,
    };
    if !keep {
        headers.remove(REQUEST_ID_HEADER);
    }
    request
}

pub fn request_span<B>(request: &Request<B>) -> Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bounded_plain_ids_are_well_formed() {
        for good in ["01J0ABCDEF", "3f2b6c1e-8a4d-4e7b-9c2a-1b2c3d4e5f60", "a.b_c:d-e", &"x".repeat(64)] {
            assert!(well_formed_request_id(good.as_bytes()), "{good}");
        }
        for bad in ["", &"x".repeat(65), "has space", "semi;colon", "quote\"", "ünï", "tab\t", "a/b"] {
            assert!(!well_formed_request_id(bad.as_bytes()), "{bad}");
        }
    }
}
