//! The axum router: routes, the CSRF content-type rule of `/graphql`, CORS for the listed
//! origins (`http/origin.rs`), and the middleware stack. The GraphQL handlers are
//! `http/handler.rs`; document limits (aliases, complexity, response size) are the schema's
//! `graphql/limits.rs` extension, so they hold on the websocket too.

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::health::{healthz, readyz};
use crate::http::handler;
use crate::middleware::{drop_malformed_request_id, request_span, UlidRequestId, REQUEST_ID_HEADER};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let layers = ServiceBuilder::new()
        .layer(middleware::map_request(drop_malformed_request_id))
        .layer(SetRequestIdLayer::new(request_id.clone(), UlidRequestId))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn_with_state(state.ctx.metrics.clone(), crate::observe::http::track))
        .layer(PropagateRequestIdLayer::new(request_id));
    let body_cap = state.ctx.config.max_body_bytes;
    let import_cap = state.ctx.config.import_max_bytes;
    let mut routes = Router::new()
        .route("/graphql", get(handler::get).post(handler::post).layer(middleware::from_fn(json_only)))
        // The body cap is `max_body_bytes` (below), not the extractor's own default of 2 MB.
        .layer(DefaultBodyLimit::max(body_cap))
        .layer(RequestBodyLimitLayer::new(body_cap))
        // Bank files have their own, larger cap.
        .merge(
            Router::new()
                .route("/import/{format}", axum::routing::post(crate::import::post))
                .layer(DefaultBodyLimit::max(import_cap))
                .layer(RequestBodyLimitLayer::new(import_cap)),
        )
        .route("/graphql/ws", get(crate::sync::ws::graphql_ws))
        .route("/export/journal", get(crate::export::journal))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(crate::graphiql::routes())
        .merge(crate::observe::endpoint::routes(&state));
    if let Some(cors) = state.ctx.config.origins.cors_layer() {
        // Inside the request-id and trace layers: preflights are logged and carry an id.
        routes = routes.layer(cors);
    }
    routes.layer(layers).with_state(state)
}

/// CSRF armour for cookie sessions: POSTs must be `application/json`, which a cross-site
/// form or "simple request" cannot send without a CORS preflight (answered only for listed
/// origins). GET runs queries only, never a mutation.
async fn json_only(request: Request, next: Next) -> Response {
    if request.method() == Method::POST {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            let error = ApiError::bad_request("POST /graphql requires Content-Type: application/json");
            return crate::http::handler::refused_media(StatusCode::UNSUPPORTED_MEDIA_TYPE, request.headers(), &error);
        }
    }
    next.run(request).await
}
