//! The client's one error type: local store, transport, server (GraphQL `extensions.code`)
//! and protocol failures. Server codes stay strings (`code`) except `RESET_REQUIRED`, which
//! the sync loop acts on.

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("local store: {0}")]
    Store(#[from] rusqlite::Error),
    #[error("local store holds unreadable data: {0}")]
    Corrupt(String),
    #[error("a previous operation panicked while holding the local store")]
    Poisoned,
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("{entity_type} {id} is not known locally")]
    NotFound { entity_type: String, id: String },
    #[error("configuration: {0}")]
    Config(String),
    #[error("http: {0}")]
    Http(#[from] reqwest::Error),
    #[error("http status {status}: {body}")]
    HttpStatus { status: u16, body: String },
    #[error("websocket: {0}")]
    WebSocket(#[from] Box<tokio_tungstenite::tungstenite::Error>),
    #[error("server error {0}")]
    Server(ServerError),
    #[error("the server cannot serve the stored cursor (RESET_REQUIRED)")]
    ResetRequired,
    #[error("protocol: {0}")]
    Protocol(String),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// A GraphQL error as the server reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    pub code: String,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(field) = &self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl From<tokio_tungstenite::tungstenite::Error> for ClientError {
    fn from(error: tokio_tungstenite::tungstenite::Error) -> Self {
        Self::WebSocket(Box::new(error))
    }
}

impl<T> From<std::sync::PoisonError<T>> for ClientError {
    fn from(_: std::sync::PoisonError<T>) -> Self {
        Self::Poisoned
    }
}

impl ClientError {
    /// Builds the error for a GraphQL error object's code, field and message.
    pub(crate) fn from_graphql(code: Option<&str>, field: Option<&str>, message: &str) -> Self {
        match code {
            Some("RESET_REQUIRED") => Self::ResetRequired,
            code => Self::Server(ServerError {
                code: code.unwrap_or("UNKNOWN").to_owned(),
                field: field.map(str::to_owned),
                message: message.to_owned(),
            }),
        }
    }
}
