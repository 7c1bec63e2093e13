//! GraphQL over WebSocket at `/graphql/ws`: the `graphql-transport-ws` protocol (what the npm
//! `graphql-ws` client speaks; the legacy `graphql-ws` subprotocol is accepted too), run by
//! async-graphql's protocol engine, with what it leaves to the server:
//!
//! - authentication in `connection_init` by exactly one means — a bearer token in the payload,
//!   or the session cookie from a page of this origin or a listed one (the one origin rule,
//!   `http/origin.rs`) — and the workspace, checked for membership ([`auth`]). Refusals
//!   close with 4401 (not signed in) or 4403 (not a member, or a cookie from another origin);
//! - the socket closes as soon as its session ends or its user leaves the workspace
//!   (sign-out, revocation, removal: at once, in every server process; expiry or a lost
//!   notice: within `ws_auth_recheck`, 30 s by default — `sockets.rs`), and nothing is sent
//!   after that verdict;
//! - every operation, subscription or not, passes the same checks as an HTTP request
//!   ([`operations`]): queries and mutations stay allowed over the socket;
//! - client messages are capped at the HTTP body cap (`max_body_bytes`): a bigger one closes
//!   the socket with 1009 before it is parsed or run;
//! - an init timeout (close 4408 when `connection_init` does not arrive in time);
//! - server pings at a fixed interval, and an idle timeout (no message, not even a pong);
//! - the protocol's own refusals the engine does not make: `subscribe` before the ack closes
//!   with 4401, a second `subscribe` with a running id with 4409.

mod auth;
mod operations;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use async_graphql::http::{WebSocket as Protocol, WebSocketProtocols, WsMessage, ALL_WEBSOCKET_PROTOCOLS};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::watch;

use self::operations::Operations;
use super::sockets::{Verdict, UNAUTHORIZED};
use crate::state::AppState;

const INIT_TIMEOUT: u16 = 4408;
const DUPLICATE_ID: u16 = 4409;
/// A message over the size cap, or one the socket could not read at all.
const MESSAGE_TOO_BIG: u16 = 1009;

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
    // still arrive whole, up to the same cap as an HTTP body.
    let cap = state.ctx.config.max_body_bytes;
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .read_buffer_size(4096)
        .max_message_size(cap)
        .max_frame_size(cap)
        .on_upgrade(move |socket| serve(socket, state, headers, protocol, peer))
}

async fn serve(socket: WebSocket, state: AppState, headers: HeaderMap, protocol: WebSocketProtocols, peer: SocketAddr) {
    let (opened, request_id) = (std::time::Instant::now(), crate::observe::http::request_id(&headers));
    let mut close_code = None;
    let sync = state.ctx.config.sync;
    let (mut sink, stream) = socket.split();
    let strict = matches!(protocol, WebSocketProtocols::GraphQLWS);
    let rules = Arc::new(Mutex::new(Rules::default()));
    let (violations, mut violated) = tokio::sync::mpsc::unbounded_channel::<Violation>();
    let (verdict_sender, mut verdict) = watch::channel::<Option<Verdict>>(None);
    let unreadable = violations.clone();
    let cap = state.ctx.config.max_body_bytes;
    let input_rules = rules.clone();
    let input = stream
        .map(move |message| {
            if message.is_err() {
                let _ = unreadable.send((MESSAGE_TOO_BIG, format!("Message unreadable or over {cap} bytes")));
            }
            message
        })
        .take_while(|message| futures::future::ready(message.is_ok()))
        .filter_map(move |message| {
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
    let (app, init_sender) = (state.ctx.clone(), verdict_sender.clone());
    let operations = Operations::new(state.schema.clone(), state.ctx.clone());
    let mut engine = Protocol::new(operations, input, protocol)
        .on_connection_init(move |payload| auth::connection_init(app, headers, peer, init_sender, payload))
        .keepalive_timeout(sync.ws_idle_timeout);
    let init_deadline = tokio::time::sleep(sync.ws_init_timeout);
    tokio::pin!(init_deadline);
    let mut pings = tokio::time::interval(sync.ws_ping_interval);
    pings.tick().await;
    let mut acknowledged = false;
    loop {
        let outgoing = tokio::select! {
            biased;
            // A revocation (or a refused init): close before sending anything more.
            Ok(()) = verdict.changed() => match verdict.borrow_and_update().clone() {
                Some(v) => close(v.code, v.reason),
                None => continue,
            },
            message = engine.next() => match (message, verdict.borrow().clone()) {
                (Some(_), Some(v)) => close(v.code, v.reason),
                (Some(WsMessage::Text(text)), None) => {
                    if let Ok(mut rules) = rules.lock() {
                        rules.sent(&text);
                        acknowledged = rules.acknowledged;
                    }
                    Message::Text(text.into())
                }
                (Some(WsMessage::Close(code, reason)), None) => close(code, reason),
                // The input ended: unreadable (too big), or the client went away.
                (None, _) => match violated.try_recv() {
                    Ok((code, reason)) => close(code, reason),
                    Err(_) => break,
                },
            },
            Some((code, reason)) = violated.recv() => close(code, reason),
            () = &mut init_deadline, if !acknowledged => close(INIT_TIMEOUT, "Connection initialisation timeout".into()),
            _ = pings.tick(), if acknowledged => Message::Text(r#"{"type":"ping"}"#.into()),
        };
        let closing = matches!(outgoing, Message::Close(_));
        if let Message::Close(frame) = &outgoing {
            close_code = frame.as_ref().map(|f| f.code);
        }
        if sink.send(outgoing).await.is_err() || closing {
            break;
        }
    }
    drop(verdict_sender);
    crate::observe::access::websocket_closed("/graphql/ws", close_code, opened.elapsed(), &request_id);
}

fn close(code: u16, reason: String) -> Message {
    Message::Close(Some(CloseFrame { code, reason: reason.into() }))
}
