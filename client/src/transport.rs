//! GraphQL over HTTP to one server: auth and workspace headers, the typed push/pull calls,
//! and the mapping of GraphQL errors to `ClientError` (the only place that reads
//! `extensions.code`). Also knows the WebSocket URL and `connection_init` payload.

use std::time::Duration;

use graphql_client::GraphQLQuery;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::error::ClientError;
use crate::record::Pending;
use crate::wire::{changes, push_changes, ChangePage, Changes, PushChanges, PushOutcome};

pub(crate) struct Transport {
    http: reqwest::Client,
    endpoint: String,
    ws_url: String,
    token: SecretString,
    workspace: Option<String>,
    client_id: String,
}

impl Transport {
    pub fn new(
        endpoint: String,
        ws_url: Option<String>,
        token: SecretString,
        workspace: Option<String>,
        client_id: String,
    ) -> Result<Self, ClientError> {
        let ws_url = match ws_url {
            Some(url) => url,
            None => websocket_url(&endpoint)?,
        };
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()?;
        Ok(Self { http, endpoint, ws_url, token, workspace, client_id })
    }

    pub fn ws_url(&self) -> &str {
        &self.ws_url
    }

    /// The graphql-transport-ws `connection_init` payload.
    pub fn init_payload(&self) -> Value {
        let mut payload = json!({"authorization": format!("Bearer {}", self.token.expose_secret())});
        if let Some(workspace) = &self.workspace {
            payload["workspaceId"] = json!(workspace);
        }
        payload
    }

    /// Pushes `batch`, acknowledging the results up to `acknowledged_seq` (the last seq whose
    /// result this device has durably applied), so the server can drop them.
    pub async fn push(&self, client_id: &str, batch: &[Pending], acknowledged_seq: Option<i64>) -> Result<PushOutcome, ClientError> {
        let input = push_changes::PushInput {
            client_id: client_id.to_owned(),
            mutations: batch.iter().map(push_changes::ClientMutationInput::from).collect(),
            acknowledged_seq,
        };
        Ok(self.execute::<PushChanges>(push_changes::Variables { input }).await?.into())
    }

    pub async fn changes(&self, after: Option<String>, limit: i64) -> Result<ChangePage, ClientError> {
        Ok(self.execute::<Changes>(changes::Variables { after, limit }).await?.into())
    }

    async fn execute<Q: GraphQLQuery>(&self, variables: Q::Variables) -> Result<Q::ResponseData, ClientError> {
        let mut request = self
            .http
            .post(&self.endpoint)
            .bearer_auth(self.token.expose_secret())
            .header("x-lifeos-client-id", &self.client_id)
            .json(&Q::build_query(variables));
        if let Some(workspace) = &self.workspace {
            request = request.header("x-lifeos-workspace", workspace);
        }
        let response = request.send().await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        match serde_json::from_slice::<graphql_client::Response<Q::ResponseData>>(&bytes) {
            Ok(decoded) => into_data(decoded),
            Err(_) => Err(ClientError::HttpStatus {
                status: status.as_u16(),
                body: String::from_utf8_lossy(&bytes).chars().take(500).collect(),
            }),
        }
    }
}

/// The data of a GraphQL response, or its first error.
pub(crate) fn into_data<T>(response: graphql_client::Response<T>) -> Result<T, ClientError> {
    if let Some(error) = response.errors.as_ref().and_then(|errors| errors.first()) {
        return Err(graphql_error(error));
    }
    response.data.ok_or_else(|| ClientError::Protocol("a GraphQL response with neither data nor errors".into()))
}

pub(crate) fn graphql_error(error: &graphql_client::Error) -> ClientError {
    let extension = |key: &str| error.extensions.as_ref().and_then(|e| e.get(key)).and_then(Value::as_str);
    ClientError::from_graphql(extension("code"), extension("field"), &error.message)
}

/// `http(s)://host/graphql` → `ws(s)://host/graphql/ws`.
fn websocket_url(endpoint: &str) -> Result<String, ClientError> {
    let base = endpoint.trim_end_matches('/');
    let ws = if let Some(rest) = base.strip_prefix("https://") {
        format!("wss://{rest}/ws")
    } else if let Some(rest) = base.strip_prefix("http://") {
        format!("ws://{rest}/ws")
    } else {
        return Err(ClientError::Config(format!("endpoint must be http(s)://…, got {endpoint:?}")));
    };
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websocket_url_follows_the_graphql_endpoint() {
        assert_eq!(websocket_url("http://127.0.0.1:8080/graphql").ok(), Some("ws://127.0.0.1:8080/graphql/ws".into()));
        assert_eq!(websocket_url("https://life.example/graphql/").ok(), Some("wss://life.example/graphql/ws".into()));
        assert!(websocket_url("ftp://x").is_err());
    }

    #[test]
    fn reset_required_is_its_own_error_and_other_codes_keep_their_field() {
        let error = |code: &str| graphql_client::Error {
            message: "m".into(),
            locations: None,
            path: None,
            extensions: Some([("code".to_owned(), json!(code)), ("field".to_owned(), json!("title"))].into()),
        };
        assert!(matches!(graphql_error(&error("RESET_REQUIRED")), ClientError::ResetRequired));
        match graphql_error(&error("VALIDATION")) {
            ClientError::Server(e) => assert_eq!((e.code.as_str(), e.field.as_deref()), ("VALIDATION", Some("title"))),
            other => panic!("unexpected {other:?}"),
        }
    }
}
