//! `GET /metrics`: the Prometheus scrape. Readable from loopback, or with
//! `Authorization: Bearer <LIFEOS_METRICS_TOKEN>` when a token is configured; when the
//! metrics have their own listener (`LIFEOS_METRICS_ADDR`) the main router has no `/metrics`
//! and the own listener serves it to whoever reaches it (still only with the token, or from
//! loopback, when a token is configured).
//!
//! "Loopback" is the client address after the trusted-proxy rule (`auth/client_ip.rs`), and a
//! loopback peer that is not a trusted proxy yet forwards for someone (`X-Forwarded-For`,
//! `Forwarded`, `X-Real-IP`) is not loopback: a reverse proxy on the same host must not
//! publish the metrics. Gauges that describe state (projections, pool, live subscribers) are
//! read at scrape time. Never answers with anything but the exposition or a refusal.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::metrics::{Metrics, PoolLabels, ProjectionLabels};
use crate::auth::client_ip;
use crate::auth::context::bearer_token;
use crate::config::MetricsConfig;
use crate::state::AppState;

const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
const FORWARDING: [&str; 3] = ["x-forwarded-for", "forwarded", "x-real-ip"];

/// `/metrics` for the main router, unless the metrics have their own listener.
pub fn routes(state: &AppState) -> Router<AppState> {
    if state.ctx.config.metrics.own_listener {
        return Router::new();
    }
    Router::new().route("/metrics", get(scrape))
}

/// The router of the metrics' own listener: `/metrics` only.
pub fn own_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

/// Whether this request may read the metrics.
fn allowed(config: &MetricsConfig, trusted: &client_ip::TrustedProxies, peer: SocketAddr, headers: &HeaderMap) -> bool {
    let offered = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer_token);
    if let (Some(token), Some(offered)) = (&config.token, offered) {
        if token.matches(offered) {
            return true;
        }
    }
    if config.own_listener && config.token.is_none() {
        return true;
    }
    let forwarded = !trusted.contains(peer.ip()) && FORWARDING.iter().any(|h| headers.contains_key(*h));
    !forwarded && client_ip::resolve(peer.ip(), headers, trusted).is_loopback()
}

async fn scrape(State(state): State<AppState>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap) -> Response {
    let config = &state.ctx.config;
    if !allowed(&config.metrics, &config.trusted_proxies, peer, &headers) {
        return match config.metrics.token {
            Some(_) => (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "metrics: send the metrics token\n").into_response(),
            None => (StatusCode::FORBIDDEN, "metrics are readable from loopback only (or set LIFEOS_METRICS_TOKEN)\n").into_response(),
        };
    }
    let metrics = &state.ctx.metrics;
    refresh(metrics, &state).await;
    match metrics.encode() {
        Ok(text) => ([(header::CONTENT_TYPE, OPENMETRICS)], text).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot encode the metrics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Sets the state gauges from their sources.
async fn refresh(metrics: &Metrics, state: &AppState) {
    match lifeos_projections::status::read(&state.pool).await {
        Ok(statuses) => {
            for s in statuses {
                let labels = ProjectionLabels { projection: s.projection };
                metrics.projection_position.get_or_create(&labels).set(s.position.global_position);
                metrics.projection_lag.get_or_create(&labels).set(s.lag);
                metrics.projection_parked.get_or_create(&labels).set(i64::try_from(s.parked.len()).unwrap_or(i64::MAX));
                metrics.projection_held.get_or_create(&labels).set(s.parked.iter().map(|p| p.held).sum());
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: projection status unreadable"),
    }
    let gauge = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let (size, idle) = (state.pool.size() as usize, state.pool.num_idle());
    metrics.pool_connections.get_or_create(&PoolLabels { state: "in_use" }).set(gauge(size.saturating_sub(idle)));
    metrics.pool_connections.get_or_create(&PoolLabels { state: "idle" }).set(gauge(idle));
    let hub = &state.ctx.hub;
    let load = hub.load().await;
    metrics.live_subscribers.set(gauge(load.subscribers));
    metrics.queued_changes.set(gauge(load.queued));
    metrics.open_websockets.set(gauge(hub.sockets().len()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MetricsToken;

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().expect("ip"), 4000)
    }

    fn with(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, axum::http::HeaderValue::from_static(value));
        h
    }

    #[test]
    fn loopback_or_token_and_never_a_forwarding_local_proxy() {
        let none = client_ip::TrustedProxies::default();
        let open = MetricsConfig::default();
        assert!(allowed(&open, &none, peer("127.0.0.1"), &HeaderMap::new()));
        assert!(allowed(&open, &none, peer("::1"), &HeaderMap::new()));
        assert!(!allowed(&open, &none, peer("192.0.2.1"), &HeaderMap::new()));
        assert!(!allowed(&open, &none, peer("127.0.0.1"), &with("x-forwarded-for", "203.0.113.9")), "a local proxy forwarding");
        let proxies: client_ip::TrustedProxies = "127.0.0.1".parse().expect("list");
        assert!(!allowed(&open, &proxies, peer("127.0.0.1"), &with("x-forwarded-for", "203.0.113.9")));
        assert!(allowed(&open, &proxies, peer("127.0.0.1"), &with("x-forwarded-for", "127.0.0.1")));
        let token = MetricsConfig { token: Some(MetricsToken::new("s3cret")), own_listener: false };
        assert!(allowed(&token, &none, peer("192.0.2.1"), &with("authorization", "Bearer s3cret")));
        assert!(!allowed(&token, &none, peer("192.0.2.1"), &with("authorization", "Bearer s3cre")));
        let own = MetricsConfig { token: None, own_listener: true };
        assert!(allowed(&own, &none, peer("192.0.2.1"), &HeaderMap::new()), "the own listener is the operator's choice");
    }
}
