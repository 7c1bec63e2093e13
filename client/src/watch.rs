//! `watch()`: live sync. Catch up with `sync()`, then subscribe to `changes(after: cursor)`
//! over graphql-transport-ws, applying each entry as it arrives and pushing local writes as
//! they happen. On RESET_REQUIRED, `complete` or a dropped connection it falls back to
//! `sync()` and subscribes again (with backoff after failures). Auth refusals end it.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use graphql_client::GraphQLQuery;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::client::Client;
use crate::error::ClientError;
use crate::transport::{graphql_error, into_data};
use crate::wire::{watch_changes, Change, WatchChanges};

const PROTOCOL: &str = "graphql-transport-ws";
const SUBSCRIPTION_ID: &str = "changes";
const ACK_TIMEOUT: Duration = Duration::from_secs(10);
const MIN_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A running `watch()`. `stop` ends it and reports how it went; dropping the handle also
/// ends it (without waiting).
pub struct WatchHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<(), ClientError>>,
}

impl WatchHandle {
    /// Ends the watch (closing the subscription) and returns how it ended: `Ok` unless it had
    /// already stopped on a fatal error (e.g. the server refused the credentials).
    pub async fn stop(self) -> Result<(), ClientError> {
        // A send error only means the task already ended; its result is below.
        let _ = self.stop.send(true);
        self.task.await.map_err(|e| ClientError::Protocol(format!("the watch task failed: {e}")))?
    }

    /// Waits until the watch ends by itself, i.e. on a fatal error (a CLI's `watch` command).
    pub async fn join(self) -> Result<(), ClientError> {
        self.task.await.map_err(|e| ClientError::Protocol(format!("the watch task failed: {e}")))?
    }

    /// True once the watch has ended by itself (a fatal error).
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Client {
    /// Starts live sync on the current tokio runtime.
    pub fn watch(&self) -> WatchHandle {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(self.clone(), stopped));
        WatchHandle { stop, task }
    }
}

/// Follows the change feed live from `after` (null: from the start) over graphql-transport-ws
/// — no mirror, no outbox — calling `each` with every entry until it returns false, or the
/// server ends the stream (`Ok`), or a failure (`Err`; RESET_REQUIRED included: the caller
/// decides). The `lifeos watch` command prints each entry.
pub async fn follow_changes(http: &crate::Http, after: Option<String>, mut each: impl FnMut(Change) -> bool) -> Result<(), ClientError> {
    let mut socket = connect(http).await?;
    let query = WatchChanges::build_query(watch_changes::Variables { after });
    send(&mut socket, json!({"id": SUBSCRIPTION_ID, "type": "subscribe", "payload": query})).await?;
    while let Some(message) = socket.next().await {
        match message? {
            Message::Text(text) => {
                let message: Value = serde_json::from_str(&text)?;
                match message["type"].as_str() {
                    Some("ping") => send(&mut socket, json!({"type": "pong"})).await?,
                    Some("next") => {
                        let response: graphql_client::Response<watch_changes::ResponseData> = serde_json::from_value(message["payload"].clone())?;
                        if !each(Change::from(into_data(response)?.changes)) {
                            // Best effort: we are leaving either way.
                            let _ = send(&mut socket, json!({"id": SUBSCRIPTION_ID, "type": "complete"})).await;
                            let _ = socket.close(None).await;
                            return Ok(());
                        }
                    }
                    Some("error") => return Err(first_error(&message)?),
                    Some("complete") => return Ok(()),
                    _ => {}
                }
            }
            Message::Close(frame) => return Err(closed(frame)),
            _ => {}
        }
    }
    Err(ClientError::Protocol("the server went away".into()))
}

/// Connects, sends `connection_init` and waits for the ack.
async fn connect(http: &crate::Http) -> Result<Socket, ClientError> {
    let mut request = http.ws_url().into_client_request()?;
    request.headers_mut().insert("Sec-WebSocket-Protocol", HeaderValue::from_static(PROTOCOL));
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    send(&mut socket, json!({"type": "connection_init", "payload": http.init_payload()})).await?;
    tokio::time::timeout(ACK_TIMEOUT, await_ack(&mut socket))
        .await
        .map_err(|_| ClientError::Protocol("no connection_ack".into()))??;
    Ok(socket)
}

fn first_error(message: &Value) -> Result<ClientError, ClientError> {
    let errors: Vec<graphql_client::Error> = serde_json::from_value(message["payload"].clone())?;
    Ok(errors.first().map(graphql_error).unwrap_or_else(|| ClientError::Protocol("an empty error".into())))
}

/// How a session ended without an error.
enum End {
    Stopped,
    /// RESET_REQUIRED or `complete`: pull, then subscribe again.
    Resync,
}

async fn run(client: Client, mut stop: watch::Receiver<bool>) -> Result<(), ClientError> {
    let mut backoff = MIN_BACKOFF;
    loop {
        let synced = tokio::select! {
            synced = client.sync() => synced,
            _ = stop.changed() => return Ok(()),
        };
        let attempt = match synced {
            Ok(_) => session(&client, &mut stop, &mut backoff).await,
            Err(error) => Err(error),
        };
        match attempt {
            Ok(End::Stopped) => return Ok(()),
            Ok(End::Resync) => tracing::debug!("watch: resyncing"),
            Err(error) if is_fatal(&error) => return Err(error),
            Err(error) => tracing::warn!(%error, retry_in = ?backoff, "watch: falling back to sync"),
        }
        if stopped_while_waiting(backoff, &mut stop).await {
            return Ok(());
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

fn is_fatal(error: &ClientError) -> bool {
    matches!(error, ClientError::Server(e) if matches!(e.code.as_str(), "UNAUTHENTICATED" | "FORBIDDEN"))
}

async fn stopped_while_waiting(delay: Duration, stop: &mut watch::Receiver<bool>) -> bool {
    tokio::select! {
        () = tokio::time::sleep(delay) => *stop.borrow(),
        _ = stop.changed() => true,
    }
}

/// One subscription: connect, init, subscribe from the stored cursor, then apply entries and
/// push local writes until something ends it.
async fn session(client: &Client, stop: &mut watch::Receiver<bool>, backoff: &mut Duration) -> Result<End, ClientError> {
    let mut socket = connect(&client.inner.transport).await?;
    *backoff = MIN_BACKOFF;

    let query = WatchChanges::build_query(watch_changes::Variables { after: client.cursor()? });
    send(&mut socket, json!({"id": SUBSCRIPTION_ID, "type": "subscribe", "payload": query})).await?;
    loop {
        tokio::select! {
            _ = stop.changed() => {
                send(&mut socket, json!({"id": SUBSCRIPTION_ID, "type": "complete"})).await?;
                // Best effort: the server may already be gone.
                let _ = socket.close(None).await;
                return Ok(End::Stopped);
            }
            () = client.inner.local_writes.notified() => {
                client.push().await?;
            }
            message = socket.next() => {
                let Some(message) = message else { return Err(ClientError::Protocol("the server went away".into())) };
                match message? {
                    Message::Text(text) => {
                        if let Some(end) = on_message(client, &mut socket, serde_json::from_str(&text)?).await? {
                            return Ok(end);
                        }
                    }
                    Message::Close(frame) => return Err(closed(frame)),
                    _ => {}
                }
            }
        }
    }
}

/// Handles one protocol message; `Some` ends the session.
async fn on_message(client: &Client, socket: &mut Socket, message: Value) -> Result<Option<End>, ClientError> {
    match message["type"].as_str() {
        Some("ping") => send(socket, json!({"type": "pong"})).await?,
        Some("next") => {
            let response: graphql_client::Response<watch_changes::ResponseData> =
                serde_json::from_value(message["payload"].clone())?;
            match into_data(response) {
                Ok(data) => {
                    let change = Change::from(data.changes);
                    let _serialized = client.inner.sync_lock.lock().await;
                    client.apply_changes(std::slice::from_ref(&change), &change.cursor)?;
                }
                Err(ClientError::ResetRequired) => return Ok(Some(End::Resync)),
                Err(error) => return Err(error),
            }
        }
        Some("error") => return Err(first_error(&message)?),
        Some("complete") => return Ok(Some(End::Resync)),
        _ => {}
    }
    Ok(None)
}

async fn await_ack(socket: &mut Socket) -> Result<(), ClientError> {
    while let Some(message) = socket.next().await {
        match message? {
            Message::Text(text) => {
                let message: Value = serde_json::from_str(&text)?;
                match message["type"].as_str() {
                    Some("connection_ack") => return Ok(()),
                    Some("ping") => send(socket, json!({"type": "pong"})).await?,
                    _ => {}
                }
            }
            Message::Close(frame) => return Err(closed(frame)),
            _ => {}
        }
    }
    Err(ClientError::Protocol("the server closed before connection_ack".into()))
}

async fn send(socket: &mut Socket, message: Value) -> Result<(), ClientError> {
    socket.send(Message::text(message.to_string())).await?;
    Ok(())
}

/// A close frame as an error: 4401/4403 are the server's auth refusals.
fn closed(frame: Option<CloseFrame>) -> ClientError {
    let code = frame.as_ref().map(|f| u16::from(f.code));
    let reason = frame.as_ref().map(|f| f.reason.to_string()).unwrap_or_default();
    match code {
        Some(4401) => ClientError::from_graphql(Some("UNAUTHENTICATED"), None, &reason),
        Some(4403) => ClientError::from_graphql(Some("FORBIDDEN"), None, &reason),
        _ => ClientError::Protocol(format!("the server closed the connection ({code:?} {reason})")),
    }
}
