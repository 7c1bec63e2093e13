//! The `/graphql` handlers: GET and POST read their parameters, then [`run`] decides and
//! executes — persisted query resolved, the transport's rule for the operation (GET runs
//! queries only; subscriptions belong to the websocket), the auth context resolved once,
//! read-your-writes, one `schema.execute`, and the answer in the negotiated media type.
//!
//! Holds no business rule; document limits are the schema's own extension.

use std::net::SocketAddr;

use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::accept::{self, Media};
use super::phases::{selected, Executed};
use super::{params, response};
use crate::auth::context::{Auth, RequestMeta};
use crate::commands::consistency::STALE_EXTENSION;
use crate::error::ApiError;
use crate::graphql::limits::only_mutations;
use crate::state::AppState;

/// How the request arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Get,
    Post,
}

/// `GET /graphql`: a query in the query string; GraphiQL for a browser asking for a page.
pub async fn get(State(state): State<AppState>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    if !params::has_operation(raw.as_deref()) && accept::wants_html(&headers) {
        return response::vary_by_accept(crate::graphiql::page());
    }
    let Some(media) = accept::negotiate(&headers) else { return not_acceptable(&state) };
    match params::from_query_string(raw.as_deref()) {
        Ok(request) => run(&state, peer, &headers, Transport::Get, media, request).await,
        Err(e) => refused(&state, StatusCode::BAD_REQUEST, media, &e),
    }
}

/// `POST /graphql` with a JSON body (the CSRF rule has checked the content type).
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(media) = accept::negotiate(&headers) else { return not_acceptable(&state) };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let error = ApiError::bad_request(format!("the request body could not be read: {}", rejection.body_text()));
            return refused(&state, rejection.status(), media, &error);
        }
    };
    match params::from_body(&body) {
        Ok(request) => run(&state, peer, &headers, Transport::Post, media, request).await,
        Err(e) => refused(&state, StatusCode::BAD_REQUEST, media, &e),
    }
}

fn not_acceptable(state: &AppState) -> Response {
    let error = ApiError::bad_request("acceptable answers are application/graphql-response+json and application/json");
    refused(state, StatusCode::NOT_ACCEPTABLE, Media::Json, &error)
}

/// A request refused before the schema saw it, counted like the schema's own errors.
fn refused(state: &AppState, status: StatusCode, media: Media, error: &ApiError) -> Response {
    state.ctx.metrics.refused_before_schema(error.code());
    response::refused(status, media, error)
}

/// Decides on and executes one GraphQL request arriving over HTTP.
pub async fn run(state: &AppState, peer: SocketAddr, headers: &HeaderMap, transport: Transport, media: Media, request: async_graphql::Request) -> Response {
    let mut request = match state.ctx.persisted.resolve(request) {
        Ok(request) => request,
        Err(error) => {
            let code = error.extensions.as_ref().and_then(|e| e.get("code"));
            if let Some(async_graphql::Value::String(code)) = code {
                state.ctx.metrics.refused_before_schema(code);
            }
            return response::graphql(media, async_graphql::Response::from_errors(vec![error]), false);
        }
    };
    let name = request.operation_name.clone();
    // A document that does not parse is left to the schema, which reports it with its code.
    let (operation, reads) = match request.parsed_query() {
        Ok(doc) => (selected(doc, name.as_deref()).map(|op| op.ty), !only_mutations(doc)),
        Err(_) => (None, true),
    };
    match (transport, operation) {
        (Transport::Get, Some(OperationType::Mutation | OperationType::Subscription)) => {
            let error = ApiError::bad_request("GET runs queries only; send mutations with POST");
            state.ctx.metrics.refused_before_schema(error.code());
            return response::post_only(media, &error);
        }
        (Transport::Post, Some(OperationType::Subscription)) => {
            let error = ApiError::bad_request("subscriptions run over the websocket at /graphql/ws");
            return refused(state, StatusCode::BAD_REQUEST, media, &error);
        }
        _ => {}
    }
    let meta = RequestMeta::from_request(headers, peer, &state.ctx.config.trusted_proxies);
    let auth = match Auth::resolve(&state.pool, &state.ctx.auth_cache, headers, state.ctx.services.clock.now()).await {
        Ok(auth) => auth,
        Err(e) => return refused(state, StatusCode::INTERNAL_SERVER_ERROR, media, &e),
    };
    let mut stale = false;
    if let (Some(user), true) = (&auth.user, reads) {
        // Read-your-writes: this session's own entity writes are projected before it reads.
        stale = !state.ctx.commands.session_writes.caught_up(&user.session_id).await;
    }
    let executed = Executed::default();
    let mut result = state.schema.execute(request.data(auth).data(meta).data(executed.clone())).await;
    if stale {
        // The wait gave up: the answer may miss this session's own latest writes. Said, not hidden.
        result.extensions.insert(STALE_EXTENSION.to_owned(), async_graphql::Value::Boolean(true));
    }
    response::graphql(media, result, executed.began())
}

/// A refusal before the handler (the CSRF rule), in the media type the client accepts.
pub fn refused_media(status: StatusCode, headers: &HeaderMap, error: &ApiError) -> Response {
    response::refused(status, accept::negotiate(headers).unwrap_or(Media::Json), error)
}
