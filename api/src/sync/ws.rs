//! GraphQL over WebSocket at `/graphql/ws`: the `graphql-transport-ws` protocol (what the npm
//! `graphql-ws` client speaks; the legacy `graphql-ws` subprotocol is accepted too), run by
//! async-graphql's protocol engine, with what it leaves to the server:
//!
//! - authentication in `connection_init` — `{"authorization": "Bearer …"}` (or `token`), else
//!   the session cookie of the upgrade request — and the workspace (`workspaceId`, else the
//!   `X-LifeOS-Workspace` header, else the personal one), checked for membership. Refusals
//!   close with 4401 (not signed in) or 4403 (not a member);
//! - an init timeout (close 4408 when `connection_init` does not arrive in time);
//! - server pings at a fixed interval, and an idle timeout (no message, not even a pong);
//! - the protocol's own refusals the engine does not make: `subscribe` before the ack closes
//!   with 4401, a second `subscribe` with a running id with 4409.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use async_graphql::http::{WebSocket as Protocol, WebSocketProtocols, WsMessage, ALL_WEBSOCKET_PROTOCOLS};
use async_graphql::Data;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use serde_json::Value;

use crate::auth::context::{Auth, RequestMeta, WorkspaceAccess, CLIENT_HEADER, WORKSPACE_HEADER};
use crate::middleware::REQUEST_ID_HEADER;
use crate::state::AppState;

const UNAUTHORIZED: u16 = 4401;
const FORBIDDEN: u16 = 4403;
const INIT_TIMEOUT: u16 = 4408;
const DUPLICATE_ID: u16 = 4409;

/// What the connection has agreed so far, checked against each client message.
#[derive(Default)]
struct Rules {
    acknowledged: bool,
    running: HashSet<String>,
}

type Violation = (u16, String);

impl Rules {
    /// `Err` when a client message breaks the protocol (it is then not passed on).
    fn check(&mut self, text: &[u8]) -> Result<(), Violation> {
        let Ok(message) = serde_json::from_slice::<Value>(text) else { return Ok(()) };
        let id = message.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        match message.get("type").and_then(Value::as_str) {
            Some("subscribe") if !self.acknowledged => Err((UNAUTHORIZED, "Unauthorized".into())),
            Some("subscribe") if !self.running.insert(id.clone()) => Err((DUPLICATE_ID, format!("Subscriber for {id} already exists"))),
            Some("complete") => {
                self.running.remove(&id);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Notes what the server sent: the ack, and operations it ended.
    fn sent(&mut self, text: &str) {
        if text.starts_with(r#"{"type":"connection_ack""#) {
            self.acknowledged = true;
        } else if text.starts_with(r#"{"type":"complete""#) || text.starts_with(r#"{"type":"error""#) {
            if let Some(id) = serde_json::from_str::<Value>(text).ok().and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned)) {
                self.running.remove(&id);
            }
        }
    }
}

pub async fn graphql_ws(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    // The subprotocol the client offers (required: it decides the message format).
    let protocol = headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|offered| offered.split(',').find_map(|p| p.trim().parse::<WebSocketProtocols>().ok()));
    let Some(protocol) = protocol else {
        return (StatusCode::BAD_REQUEST, "offer the graphql-transport-ws subprotocol").into_response();
    };
    // Small read chunks: a socket's idle cost is dominated by its read buffer (tungstenite's
    // default 128 KiB made 10k idle subscribers ~1.4 GiB; 4 KiB, ~0.25 GiB). Larger messages
    // still arrive whole; client messages here are small.
    upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS).read_buffer_size(4096).on_upgrade(move |socket| serve(socket, state, headers, protocol, peer))
}

async fn serve(socket: WebSocket, state: AppState, headers: HeaderMap, protocol: WebSocketProtocols, peer: SocketAddr) {
    let sync = state.ctx.config.sync;
    let (mut sink, stream) = socket.split();
    let strict = matches!(protocol, WebSocketProtocols::GraphQLWS);
    let rules = Arc::new(Mutex::new(Rules::default()));
    let (violations, mut violated) = tokio::sync::mpsc::unbounded_channel::<Violation>();
    let input_rules = rules.clone();
    let input = stream.take_while(|message| futures::future::ready(message.is_ok())).filter_map(move |message| {
        let text = match message {
            Ok(Message::Text(text)) => Some(text.as_str().as_bytes().to_vec()),
            Ok(Message::Binary(bytes)) => Some(bytes.to_vec()),
            _ => None,
        };
        let text = text.filter(|t| {
            let checked = if strict { input_rules.lock().map_or(Ok(()), |mut r| r.check(t)) } else { Ok(()) };
            checked.map_err(|v| violations.send(v)).is_ok()
        });
        futures::future::ready(text)
    });
    let init_state = state.clone();
    let mut engine = Protocol::new(state.schema.clone(), input, protocol)
        .on_connection_init(move |payload| connection_init(init_state, headers, payload, peer))
        .keepalive_timeout(sync.ws_idle_timeout);
    let init_deadline = tokio::time::sleep(sync.ws_init_timeout);
    tokio::pin!(init_deadline);
    let mut pings = tokio::time::interval(sync.ws_ping_interval);
    pings.tick().await;
    let mut acknowledged = false;
    loop {
        let outgoing = tokio::select! {
            message = engine.next() => match message {
                Some(WsMessage::Text(text)) => {
                    if let Ok(mut rules) = rules.lock() {
                        rules.sent(&text);
                        acknowledged = rules.acknowledged;
                    }
                    Message::Text(text.into())
                }
                Some(WsMessage::Close(code, reason)) => close(refusal(code, &reason, acknowledged), reason),
                None => break,
            },
            Some((code, reason)) = violated.recv() => close(code, reason),
            () = &mut init_deadline, if !acknowledged => close(INIT_TIMEOUT, "Connection initialisation timeout".into()),
            _ = pings.tick(), if acknowledged => Message::Text(r#"{"type":"ping"}"#.into()),
        };
        let closing = matches!(outgoing, Message::Close(_));
        if sink.send(outgoing).await.is_err() || closing {
            break;
        }
    }
}

fn close(code: u16, reason: String) -> Message {
    Message::Close(Some(CloseFrame { code, reason: reason.into() }))
}

/// async-graphql closes a refused `connection_init` with 1002; ours carry their own code
/// as the reason's first word.
fn refusal(code: u16, reason: &str, acknowledged: bool) -> u16 {
    if acknowledged {
        return code;
    }
    reason.split_whitespace().next().and_then(|w| w.parse().ok()).filter(|c| [UNAUTHORIZED, FORBIDDEN].contains(c)).unwrap_or(code)
}

/// Authenticates the connection like an HTTP request, from the init payload's credentials.
async fn connection_init(state: AppState, mut headers: HeaderMap, payload: Value, peer: SocketAddr) -> async_graphql::Result<Data> {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty());
    let bearer = text("authorization").or_else(|| text("Authorization")).map(str::to_owned).or_else(|| text("token").map(|t| format!("Bearer {t}")));
    let refused = |code: u16, why: &str| async_graphql::Error::new(format!("{code} {why}"));
    match bearer.and_then(|b| HeaderValue::from_str(&b).ok()) {
        Some(value) => {
            headers.insert(header::AUTHORIZATION, value);
        }
        // Cookie auth: a page of another site must not ride the user's cookie
        // (cross-site WebSocket hijacking), so its Origin must be this host.
        None if !same_origin(&headers) => return Err(refused(FORBIDDEN, "Forbidden: cross-origin cookie authentication")),
        None => {}
    }
    if let Some(value) = text("workspaceId").and_then(|w| HeaderValue::from_str(w).ok()) {
        headers.insert(WORKSPACE_HEADER, value);
    }
    let auth = Auth::resolve(&state.pool, &state.ctx.auth_cache, &headers, state.ctx.services.clock.now())
        .await
        .map_err(|_| refused(UNAUTHORIZED, "Unauthorized"))?;
    if auth.user.is_none() {
        return Err(refused(UNAUTHORIZED, "Unauthorized: sign in first"));
    }
    if let WorkspaceAccess::Denied { .. } = auth.workspace {
        return Err(refused(FORBIDDEN, "Forbidden: not a member of that workspace"));
    }
    let header_text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let meta = RequestMeta {
        request_id: header_text(REQUEST_ID_HEADER).unwrap_or_default(),
        ip: Some(peer.ip()),
        user_agent: header_text(header::USER_AGENT.as_str()),
        client_id: header_text(CLIENT_HEADER).filter(|c| !c.is_empty() && c.len() <= 64 && c.chars().all(|ch| ch.is_ascii_graphic())),
    };
    let mut data = Data::default();
    data.insert(auth);
    data.insert(meta);
    Ok(data)
}

/// No `Origin` (not a browser), or one naming the host the request was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest).trim_end_matches('/');
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap_or(HeaderValue::from_static("x")));
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap_or(HeaderValue::from_static("x")));
        }
        h
    }

    #[test]
    fn cookie_sockets_must_come_from_this_origin() {
        assert!(same_origin(&headers(None, "lifeos.example:8787")));
        assert!(same_origin(&headers(Some("https://lifeos.example:8787"), "lifeos.example:8787")));
        assert!(!same_origin(&headers(Some("https://evil.example"), "lifeos.example:8787")));
    }
}
