//! A small graphql-transport-ws client for black-box tests (the protocol of the npm
//! `graphql-ws` package): connect to `/graphql/ws`, `connection_init`, `subscribe`, and read
//! `next`/`error`/`complete` or the close code. It answers protocol pings with pongs while it
//! reads, and reads only when asked: a test that stops calling `recv` is a slow consumer (pair
//! it with a small `recv_buffer` so the kernel's window fills quickly). Every wait is bounded.

use std::net::SocketAddr;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// The subprotocol this client speaks.
pub const PROTOCOL: &str = "graphql-transport-ws";
/// How long `recv` waits for a message before failing the test.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// How to open the socket.
#[derive(Debug, Clone, Default)]
pub struct WsOptions {
    /// `SO_RCVBUF` in bytes, set before connecting (a small one makes a non-reading client
    /// back-pressure the server after little data instead of megabytes).
    pub recv_buffer: Option<u32>,
    /// A `Cookie` header for the upgrade request (browser-style session auth).
    pub cookie: Option<String>,
    /// An `Origin` header for the upgrade request (what a browser page sends).
    pub origin: Option<String>,
}

/// How the server ended the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub code: u16,
    pub reason: String,
}

/// One message from the server (pings are answered inside `recv` and never surface).
#[derive(Debug, Clone, PartialEq)]
pub enum ServerMsg {
    Ack(Value),
    /// An execution result: `{data, errors}`.
    Next { id: String, payload: Value },
    /// Operation errors: a list of GraphQL errors.
    Error { id: String, payload: Value },
    Complete { id: String },
    Closed(Closed),
    /// Anything else the server sent (e.g. a `pong`), kept for the test to judge.
    Other(Value),
}

pub struct GqlWs {
    socket: WebSocketStream<TcpStream>,
    /// Protocol pings received (and answered) so far.
    pub pings: usize,
}

impl GqlWs {
    /// Opens the WebSocket (handshake only; no `connection_init` yet).
    pub async fn open(addr: SocketAddr, options: WsOptions) -> anyhow::Result<Self> {
        let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
        if let Some(bytes) = options.recv_buffer {
            socket.set_recv_buffer_size(bytes)?;
        }
        let stream = socket.connect(addr).await?;
        let mut request = format!("ws://{addr}/graphql/ws").into_client_request()?;
        request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static(PROTOCOL));
        if let Some(cookie) = &options.cookie {
            request.headers_mut().insert("cookie", HeaderValue::from_str(cookie)?);
        }
        if let Some(origin) = &options.origin {
            request.headers_mut().insert("origin", HeaderValue::from_str(origin)?);
        }
        let (socket, response) = tokio_tungstenite::client_async(request, stream).await?;
        let chosen = response.headers().get("sec-websocket-protocol").and_then(|v| v.to_str().ok());
        anyhow::ensure!(chosen == Some(PROTOCOL), "server chose subprotocol {chosen:?}");
        Ok(Self { socket, pings: 0 })
    }

    /// Opens and initialises; fails if the server refuses the init.
    pub async fn connect(addr: SocketAddr, init_payload: Value) -> anyhow::Result<Self> {
        let mut ws = Self::open(addr, WsOptions::default()).await?;
        if let Err(closed) = ws.init(init_payload).await? {
            anyhow::bail!("connection_init refused: {closed:?}");
        }
        Ok(ws)
    }

    /// The usual init payload: a bearer token and optionally a workspace.
    pub fn bearer_payload(token: &str, workspace_id: Option<&str>) -> Value {
        let mut payload = json!({ "authorization": format!("Bearer {token}") });
        if let Some(id) = workspace_id {
            payload["workspaceId"] = json!(id);
        }
        payload
    }

    /// Sends `connection_init` and waits for `connection_ack` (its payload) or the close.
    pub async fn init(&mut self, payload: Value) -> anyhow::Result<Result<Value, Closed>> {
        self.send_init(payload).await?;
        match self.recv().await? {
            ServerMsg::Ack(payload) => Ok(Ok(payload)),
            ServerMsg::Closed(closed) => Ok(Err(closed)),
            other => anyhow::bail!("expected connection_ack, got {other:?}"),
        }
    }

    /// Sends `connection_init` without waiting for the answer.
    pub async fn send_init(&mut self, payload: Value) -> anyhow::Result<()> {
        self.send(json!({ "type": "connection_init", "payload": payload })).await
    }

    /// Starts operation `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) -> anyhow::Result<()> {
        let payload = json!({ "query": query, "variables": variables });
        self.send(json!({ "id": id, "type": "subscribe", "payload": payload })).await
    }

    /// Stops operation `id` from the client side.
    pub async fn complete(&mut self, id: &str) -> anyhow::Result<()> {
        self.send(json!({ "id": id, "type": "complete" })).await
    }

    /// Sends any protocol message as a text frame.
    pub async fn send(&mut self, message: Value) -> anyhow::Result<()> {
        self.socket.send(Message::text(message.to_string())).await?;
        Ok(())
    }

    /// The next message, waiting at most `DEFAULT_WAIT`.
    pub async fn recv(&mut self) -> anyhow::Result<ServerMsg> {
        self.recv_within(DEFAULT_WAIT).await
    }

    /// The next message, waiting at most `wait` (an error after that, so no test hangs).
    pub async fn recv_within(&mut self, wait: Duration) -> anyhow::Result<ServerMsg> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .map_err(|_| anyhow::anyhow!("no message from the server within {wait:?}"))?;
            let text = match frame {
                None => return Ok(ServerMsg::Closed(abnormal("stream ended"))),
                Some(Err(e)) => return Ok(ServerMsg::Closed(abnormal(&e.to_string()))),
                Some(Ok(Message::Text(text))) => text,
                Some(Ok(Message::Close(frame))) => {
                    let closed = frame.map_or_else(
                        || Closed { code: 1005, reason: String::new() },
                        |f| Closed { code: u16::from(f.code), reason: f.reason.to_string() },
                    );
                    return Ok(ServerMsg::Closed(closed));
                }
                // WebSocket-level pings are answered by tungstenite itself.
                Some(Ok(_)) => continue,
            };
            let message: Value = serde_json::from_str(text.as_str())?;
            if message["type"] == "ping" {
                self.pings += 1;
                self.send(json!({ "type": "pong" })).await?;
                continue;
            }
            return Ok(parse(message));
        }
    }

    /// Reads until the server closes the socket; every message seen before is returned too.
    pub async fn until_closed(&mut self) -> anyhow::Result<(Closed, Vec<ServerMsg>)> {
        let mut seen = Vec::new();
        loop {
            match self.recv().await? {
                ServerMsg::Closed(closed) => return Ok((closed, seen)),
                other => seen.push(other),
            }
        }
    }

    /// Closes the socket normally.
    pub async fn close(mut self) -> anyhow::Result<()> {
        self.socket.close(None).await?;
        Ok(())
    }
}

/// A connection that ended without a close frame (code 1006, as browsers report it).
fn abnormal(reason: &str) -> Closed {
    Closed { code: 1006, reason: reason.to_owned() }
}

fn parse(message: Value) -> ServerMsg {
    let id = message["id"].as_str().unwrap_or_default().to_owned();
    match message["type"].as_str() {
        Some("connection_ack") => ServerMsg::Ack(message["payload"].clone()),
        Some("next") => ServerMsg::Next { id, payload: message["payload"].clone() },
        Some("error") => ServerMsg::Error { id, payload: message["payload"].clone() },
        Some("complete") => ServerMsg::Complete { id },
        _ => ServerMsg::Other(message),
    }
}
