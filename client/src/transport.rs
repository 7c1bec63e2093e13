//! GraphQL over HTTP to one server (`Http`, public: the CLI runs on it too): auth, workspace
//! and device headers, the typed push/pull calls, plain HTTP calls beside GraphQL, traces of
//! each exchange, and the mapping of GraphQL errors to `ClientError` (the only place that
//! reads `extensions.code`). Also knows the WebSocket URL and `connection_init` payload.
//! Must never put a token in an error, a trace or a log.

use std::sync::Arc;
use std::time::{Duration, Instant};

use graphql_client::GraphQLQuery;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ClientError;
use crate::record::Pending;
use crate::wire::{changes, push_changes, ChangePage, Changes, PushChanges, PushOutcome};

/// What one request/response was, for a caller's trace (`lifeos --verbose`): never a token.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The GraphQL operation name, or the HTTP path.
    pub operation: String,
    pub status: u16,
    /// The server's request id (`x-request-id`), to find the request in its logs.
    pub request_id: Option<String>,
    pub elapsed: Duration,
}

type Observer = Arc<dyn Fn(&Exchange) + Send + Sync>;

/// GraphQL over HTTP to one server as one caller (a token or none, a workspace, a device id):
/// what the offline client syncs through and what the `lifeos` CLI runs every command on.
/// Cheap to clone.
#[derive(Clone)]
pub struct Http {
    http: reqwest::Client,
    endpoint: String,
    ws_url: String,
    token: Option<SecretString>,
    workspace: Option<String>,
    client_id: Option<String>,
    observer: Option<Observer>,
}

impl Http {
    /// A caller of the GraphQL `endpoint` (`http(s)://host/graphql`), anonymous until `token`.
    pub fn new(endpoint: impl Into<String>) -> Result<Self, ClientError> {
        let endpoint = endpoint.into();
        let ws_url = websocket_url(&endpoint)?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()?;
        Ok(Self { http, endpoint, ws_url, token: None, workspace: None, client_id: None, observer: None })
    }

    /// Sends `Authorization: Bearer <token>` (and puts it in the websocket's init payload).
    pub fn token(mut self, token: SecretString) -> Self {
        self.token = Some(token);
        self
    }

    /// Acts in this workspace (`X-LifeOS-Workspace`); default the user's personal one.
    pub fn workspace(mut self, workspace: Option<String>) -> Self {
        self.workspace = workspace;
        self
    }

    /// Sends this device id (`X-LifeOS-Client-Id`), recorded on the events it causes.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The graphql-transport-ws URL (default: the endpoint with `ws(s)://` and `/ws` appended).
    pub fn websocket_url(mut self, url: impl Into<String>) -> Self {
        self.ws_url = url.into();
        self
    }

    /// Calls `observer` after every exchange (for traces).
    pub fn observe(mut self, observer: impl Fn(&Exchange) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn ws_url(&self) -> &str {
        &self.ws_url
    }

    /// The graphql-transport-ws `connection_init` payload.
    pub fn init_payload(&self) -> Value {
        let mut payload = json!({});
        if let Some(token) = &self.token {
            payload["authorization"] = json!(format!("Bearer {}", token.expose_secret()));
        }
        if let Some(workspace) = &self.workspace {
            payload["workspaceId"] = json!(workspace);
        }
        payload
    }

    /// Pushes `batch`, acknowledging the results up to `acknowledged_seq` (the last seq whose
    /// result this device has durably applied), so the server can drop them.
    pub(crate) async fn push(&self, client_id: &str, batch: &[Pending], acknowledged_seq: Option<i64>) -> Result<PushOutcome, ClientError> {
        let input = push_changes::PushInput {
            client_id: client_id.to_owned(),
            mutations: batch.iter().map(push_changes::ClientMutationInput::from).collect(),
            acknowledged_seq,
        };
        Ok(self.execute::<PushChanges>(push_changes::Variables { input }).await?.into())
    }

    /// One page of the workspace's change feed after `after` (null: from the start).
    pub async fn changes(&self, after: Option<String>, limit: i64) -> Result<ChangePage, ClientError> {
        Ok(self.execute::<Changes>(changes::Variables { after, limit }).await?.into())
    }

    /// Runs a typed operation (checked against the schema at compile time).
    pub async fn execute<Q: GraphQLQuery>(&self, variables: Q::Variables) -> Result<Q::ResponseData, ClientError> {
        let body = Q::build_query(variables);
        self.graphql(&body, body.operation_name).await
    }

    /// Runs `body` (`{query, operationName, variables}`) and decodes its data as `R`: for a
    /// caller that builds the variables itself from a compile-checked document.
    pub async fn graphql<R: DeserializeOwned>(&self, body: &impl Serialize, operation: &str) -> Result<R, ClientError> {
        let (status, bytes) = self.send(operation, self.request(reqwest::Method::POST, &self.endpoint).json(body)).await?;
        match serde_json::from_slice::<graphql_client::Response<R>>(&bytes) {
            Ok(decoded) => into_data(decoded),
            Err(_) => Err(status_error(status, &bytes)),
        }
    }

    /// A plain HTTP call beside GraphQL (`/import/ofx`, `/export/journal`): `path` is
    /// resolved against the endpoint's origin; a non-2xx answer is an error (its GraphQL-style
    /// `errors[0]`, if the body has one).
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<(String, Vec<u8>)>) -> Result<Vec<u8>, ClientError> {
        let url = origin(&self.endpoint)? + path;
        let mut request = self.request(method, &url);
        if let Some((content_type, bytes)) = body {
            request = request.header(reqwest::header::CONTENT_TYPE, content_type).body(bytes);
        }
        let (status, bytes) = self.send(path, request).await?;
        if (200..300).contains(&status) {
            return Ok(bytes);
        }
        match serde_json::from_slice::<graphql_client::Response<Value>>(&bytes) {
            Ok(decoded) if decoded.errors.as_ref().is_some_and(|e| !e.is_empty()) => Err(into_data(decoded).err().unwrap_or_else(|| status_error(status, &bytes))),
            _ => Err(status_error(status, &bytes)),
        }
    }

    fn request(&self, method: reqwest::Method, url: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        if let Some(client_id) = &self.client_id {
            request = request.header(lifeos_proto::headers::CLIENT_ID, client_id);
        }
        if let Some(workspace) = &self.workspace {
            request = request.header(lifeos_proto::headers::WORKSPACE, workspace);
        }
        request
    }

    async fn send(&self, operation: &str, request: reqwest::RequestBuilder) -> Result<(u16, Vec<u8>), ClientError> {
        let started = Instant::now();
        let response = request.send().await?;
        let status = response.status().as_u16();
        let request_id = response.headers().get(lifeos_proto::headers::REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = response.bytes().await?.to_vec();
        if let Some(observer) = &self.observer {
            observer(&Exchange { operation: operation.to_owned(), status, request_id, elapsed: started.elapsed() });
        }
        Ok((status, bytes))
    }
}

fn status_error(status: u16, bytes: &[u8]) -> ClientError {
    ClientError::HttpStatus { status, body: String::from_utf8_lossy(bytes).chars().take(500).collect() }
}

/// `http://host:port/graphql` → `http://host:port`.
fn origin(endpoint: &str) -> Result<String, ClientError> {
    let scheme_end = endpoint.find("://").map(|i| i + 3).ok_or_else(|| ClientError::Config(format!("not a URL: {endpoint:?}")))?;
    let path_start = endpoint[scheme_end..].find('/').map_or(endpoint.len(), |i| scheme_end + i);
    Ok(endpoint[..path_start].to_owned())
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
        assert_eq!(origin("http://127.0.0.1:8080/graphql").ok(), Some("http://127.0.0.1:8080".into()));
        assert_eq!(origin("https://life.example").ok(), Some("https://life.example".into()));
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
