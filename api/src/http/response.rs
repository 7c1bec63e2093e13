//! The HTTP answer for a GraphQL result (GraphQL-over-HTTP): the negotiated media type; a
//! result whose execution never began has no `data` entry and, under
//! `application/graphql-response+json`, status 400 (under `application/json`, 200); a
//! request the transport refuses gets its own status with one coded error. Headers resolvers
//! set (the session cookie) and the cache policy are kept.
//!
//! Never decides what to execute, and never puts anything but the GraphQL result in a body.

use axum::http::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::accept::Media;
use crate::error::ApiError;

/// The answer to an operation run (or refused) by the schema.
pub fn graphql(media: Media, response: async_graphql::Response, executed: bool) -> Response {
    let mut body = Map::new();
    if executed {
        body.insert("data".into(), serde_json::to_value(&response.data).unwrap_or(Value::Null));
    }
    if !response.errors.is_empty() {
        body.insert("errors".into(), serde_json::to_value(&response.errors).unwrap_or(Value::Null));
    }
    if !response.extensions.is_empty() {
        body.insert("extensions".into(), serde_json::to_value(&response.extensions).unwrap_or(Value::Null));
    }
    let status = match (executed, media) {
        (false, Media::GraphqlResponse) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    let mut http = json(status, media, &Value::Object(body));
    if executed && response.errors.is_empty() {
        if let Some(value) = response.cache_control.value().and_then(|v| HeaderValue::from_str(&v).ok()) {
            http.headers_mut().insert(CACHE_CONTROL, value);
        }
    }
    http.headers_mut().extend(response.http_headers);
    http
}

/// A request refused before the schema saw it: `status` and one error saying why.
pub fn refused(status: StatusCode, media: Media, error: &ApiError) -> Response {
    let body = serde_json::json!({ "errors": [error.server_error()] });
    json(status, media, &body)
}

/// `405 Method Not Allowed` for an operation GET cannot run (`Allow: POST`).
pub fn post_only(media: Media, error: &ApiError) -> Response {
    let mut response = refused(StatusCode::METHOD_NOT_ALLOWED, media, error);
    response.headers_mut().insert(ALLOW, HeaderValue::from_static("POST"));
    response
}

fn json(status: StatusCode, media: Media, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(media.content_type()));
    vary_by_accept(response)
}

/// Marks an answer as chosen by `Accept` (a GET's may be cached).
pub fn vary_by_accept(mut response: Response) -> Response {
    response.headers_mut().append(VARY, HeaderValue::from_static("accept"));
    response
}
