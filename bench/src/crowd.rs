//! A crowd of live `changes` subscribers over graphql-transport-ws (`/graphql/ws`), as cheap
//! as a client can be: one tokio task per socket, which answers pings and notes when each
//! change arrives (its `entityId`, found by a substring search instead of a JSON parse).
//! Opening never fails the run: refused or failed sockets are counted and the first error is
//! kept for the report. Must never buffer more than the arrivals it was asked to record.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use serde_json::json;
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

const PROTOCOL: &str = "graphql-transport-ws";
/// Handshakes in flight at once (keeps the server's accept backlog from overflowing).
const OPENING_AT_ONCE: usize = 256;
/// Each socket's read buffer (a change is well under 1 KiB).
const READ_BUFFER: usize = 4 * 1024;
/// Failed sockets after which `open` stops trying.
const GIVE_UP_AFTER: usize = 64;
/// How long one socket may take from connect to `connection_ack`.
const OPEN_WITHIN: Duration = Duration::from_secs(30);
const SUBSCRIPTION: &str =
    "subscription($a: String) { changes(after: $a) { cursor entityType entityId op version updatedAt data } }";

/// When one subscriber received which entity's change.
pub type Arrival = (String, Instant);

/// Where and as whom to subscribe.
pub struct Target {
    /// `host:port` of the server.
    pub addr: String,
    init: String,
    subscribe: String,
}

impl Target {
    /// Subscribers to `changes(after: cursor)` at `base` (`http://host:port`) with `token`.
    pub fn new(base: &str, token: &str, cursor: &str) -> Self {
        let addr = base.trim_start_matches("http://").to_owned();
        let init = json!({"type": "connection_init", "payload": {"authorization": format!("Bearer {token}")}});
        let subscribe =
            json!({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION, "variables": {"a": cursor}}});
        Self { addr, init: init.to_string(), subscribe: subscribe.to_string() }
    }
}

pub struct Crowd {
    received: Arc<AtomicUsize>,
    ended: Arc<AtomicUsize>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<Vec<Arrival>>>,
    /// Sockets that could not be opened, and the first reason.
    pub failed: usize,
    pub first_error: Option<String>,
}

impl Default for Crowd {
    fn default() -> Self {
        Self {
            received: Arc::default(),
            ended: Arc::default(),
            stop: watch::channel(false).0,
            tasks: Vec::new(),
            failed: 0,
            first_error: None,
        }
    }
}

impl Crowd {
    /// Sockets opened and subscribed so far.
    pub fn opened(&self) -> usize {
        self.tasks.len()
    }

    /// Changes received by all subscribers together.
    pub fn received(&self) -> usize {
        self.received.load(Ordering::Relaxed)
    }

    /// Subscriptions the server ended (error, complete, close) or that broke.
    pub fn ended(&self) -> usize {
        self.ended.load(Ordering::Relaxed)
    }

    /// Opens `n` more subscribers; each keeps its arrivals when `record`. Returns how many
    /// opened (it stops early once `GIVE_UP_AFTER` have failed).
    pub async fn open(&mut self, target: &Target, n: usize, record: bool) -> usize {
        let mut opening = futures::stream::iter(0..n).map(|_| connect(target)).buffer_unordered(OPENING_AT_ONCE);
        let (mut opened, mut failed) = (0, 0);
        while let Some(result) = opening.next().await {
            match result {
                Ok(socket) => {
                    let (received, ended, stop) = (self.received.clone(), self.ended.clone(), self.stop.subscribe());
                    self.tasks.push(tokio::spawn(listen(socket, received, ended, stop, record)));
                    opened += 1;
                }
                Err(e) => {
                    self.failed += 1;
                    failed += 1;
                    self.first_error.get_or_insert_with(|| format!("{e:#}"));
                    if failed >= GIVE_UP_AFTER {
                        break; // a limit was hit: the rest would fail (slowly) the same way
                    }
                }
            }
        }
        opened
    }

    /// Waits until `expected` changes were received in all, or `within` passed; `true` if they were.
    pub async fn wait_received(&self, expected: usize, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while self.received() < expected {
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        true
    }

    /// Closes every socket; the arrivals each subscriber recorded.
    pub async fn close(self) -> Vec<Vec<Arrival>> {
        let _ = self.stop.send(true);
        let mut all = Vec::with_capacity(self.tasks.len());
        for task in self.tasks {
            all.push(task.await.unwrap_or_default());
        }
        all
    }
}

/// Raises the soft limit on open files to the hard one; the new soft limit.
pub fn raise_fd_limit() -> nix::Result<u64> {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (_, hard) = getrlimit(Resource::RLIMIT_NOFILE)?;
    setrlimit(Resource::RLIMIT_NOFILE, hard, hard)?;
    Ok(hard)
}

/// Handshake, `connection_init` → `connection_ack`, `subscribe`.
async fn connect(target: &Target) -> anyhow::Result<WebSocketStream<TcpStream>> {
    tokio::time::timeout(OPEN_WITHIN, async {
        let stream = TcpStream::connect(&target.addr).await?;
        stream.set_nodelay(true)?;
        let mut request = format!("ws://{}/graphql/ws", target.addr).into_client_request()?;
        request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_static(PROTOCOL));
        let (mut socket, _) = tokio_tungstenite::client_async_with_config(request, stream, Some(small_buffers())).await?;
        socket.send(Message::text(target.init.as_str())).await?;
        loop {
            match socket.next().await {
                Some(Ok(Message::Text(text))) if text.as_str().contains("connection_ack") => break,
                Some(Ok(Message::Text(text))) => anyhow::bail!("expected connection_ack, got {}", text.as_str()),
                Some(Ok(Message::Close(frame))) => anyhow::bail!("closed during init: {frame:?}"),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
                None => anyhow::bail!("stream ended during init"),
            }
        }
        socket.send(Message::text(target.subscribe.as_str())).await?;
        Ok(socket)
    })
    .await
    .map_err(|_| anyhow::anyhow!("no connection_ack within {OPEN_WITHIN:?}"))?
}

/// tungstenite's 128 KiB read buffer per socket is more than 10k idle subscribers need.
fn small_buffers() -> WebSocketConfig {
    WebSocketConfig::default().read_buffer_size(READ_BUFFER).write_buffer_size(0)
}

/// One subscriber: answers pings, counts (and maybe records) changes until stopped or ended.
async fn listen(
    mut socket: WebSocketStream<TcpStream>,
    received: Arc<AtomicUsize>,
    ended: Arc<AtomicUsize>,
    mut stop: watch::Receiver<bool>,
    record: bool,
) -> Vec<Arrival> {
    let mut arrivals = Vec::new();
    loop {
        let frame = tokio::select! {
            _ = stop.changed() => break,
            frame = socket.next() => frame,
        };
        let text = match frame {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Close(_)) | Err(_)) | None => {
                ended.fetch_add(1, Ordering::Relaxed);
                return arrivals;
            }
            Some(Ok(_)) => continue,
        };
        let at = Instant::now();
        let text = text.as_str();
        if let Some(id) = entity_id(text) {
            if record {
                arrivals.push((id.to_owned(), at));
            }
            received.fetch_add(1, Ordering::Relaxed);
        } else if text.starts_with(r#"{"type":"ping""#) {
            if socket.send(Message::text(r#"{"type":"pong"}"#)).await.is_err() {
                ended.fetch_add(1, Ordering::Relaxed);
                return arrivals;
            }
        } else {
            ended.fetch_add(1, Ordering::Relaxed); // `error` or `complete`: the subscription is over
            break;
        }
    }
    let _ = socket.close(None).await;
    arrivals
}

/// The `entityId` of a `next` message, without parsing the rest. String values inside `data`
/// have their quotes escaped, so the first unescaped `"entityId":"` is the field itself.
fn entity_id(text: &str) -> Option<&str> {
    const KEY: &str = r#""entityId":""#;
    let start = text.find(KEY)? + KEY.len();
    let len = text[start..].find('"')?;
    Some(&text[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::entity_id;

    #[test]
    fn entity_id_is_found_in_a_next_message_and_not_in_a_ping() {
        let next = r#"{"type":"next","id":"1","payload":{"data":{"changes":{"cursor":"c","entityType":"Note","entityId":"01ABC","data":{"title":"\"entityId\":\"x"}}}}}"#;
        assert_eq!(entity_id(next), Some("01ABC"));
        assert_eq!(entity_id(r#"{"type":"ping"}"#), None);
    }
}
