//! The axum router: routes, the GraphQL handler (auth context resolved once per request,
//! read-your-writes), the CSRF content-type rule, and the middleware stack. Document limits
//! (aliases, complexity, response size) are the schema's `graphql/limits.rs` extension, so
//! they hold on the websocket too.

use std::net::SocketAddr;

use async_graphql::ErrorExtensions;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::auth::context::{Auth, RequestMeta};
use crate::error::ApiError;
use crate::graphql::limits::only_mutations;
use crate::health::{healthz, readyz};
use crate::middleware::{drop_malformed_request_id, request_span, UlidRequestId, REQUEST_ID_HEADER};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let layers = ServiceBuilder::new()
        .layer(middleware::map_request(drop_malformed_request_id))
        .layer(SetRequestIdLayer::new(request_id.clone(), UlidRequestId))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn_with_state(state.ctx.metrics.clone(), crate::observe::http::track))
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(RequestBodyLimitLayer::new(state.ctx.config.max_body_bytes));
    Router::new()
        .route("/graphql", get(graphiql).post(graphql).layer(middleware::from_fn(json_only)))
        .route("/graphql/ws", get(crate::sync::ws::graphql_ws))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(crate::graphiql::routes())
        .merge(crate::observe::endpoint::routes(&state))
        .layer(layers)
        .with_state(state)
}

async fn graphql(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let meta = RequestMeta::from_request(&headers, peer, &state.ctx.config.trusted_proxies);
    let auth = match Auth::resolve(&state.pool, &state.ctx.auth_cache, &headers, state.ctx.services.clock.now()).await {
        Ok(auth) => auth,
        Err(e) => return error_response(e),
    };
    let mut request = request.into_inner();
    let reads = request.parsed_query().map_or(true, |doc| !only_mutations(doc));
    let mut stale = false;
    if let (Some(user), true) = (&auth.user, reads) {
        // Read-your-writes: this session's own entity writes are projected before it reads.
        stale = !state.ctx.commands.session_writes.caught_up(&user.session_id).await;
    }
    let mut response = state.schema.execute(request.data(auth).data(meta)).await;
    if stale {
        // The wait gave up: the answer may miss this session's own latest writes. Said, not hidden.
        response.extensions.insert(crate::commands::consistency::STALE_EXTENSION.to_owned(), async_graphql::Value::Boolean(true));
    }
    response.into()
}


fn error_response(e: ApiError) -> GraphQLResponse {
    let error = e.extend().into_server_error(async_graphql::Pos::default());
    async_graphql::Response::from_errors(vec![error]).into()
}


/// CSRF armour for cookie sessions: POSTs must be `application/json`, which a cross-site
/// form or "simple request" cannot send without a CORS preflight. GET never executes.
async fn json_only(request: Request, next: Next) -> Response {
    if request.method() == axum::http::Method::POST {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
        if !json {
            let body = serde_json::json!({"errors": [{
                "message": "POST /graphql requires Content-Type: application/json",
                "extensions": {"code": "BAD_REQUEST"}
            }]});
            return (StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(body)).into_response();
        }
    }
    next.run(request).await
}

async fn graphiql() -> Response {
    crate::graphiql::page()
}
