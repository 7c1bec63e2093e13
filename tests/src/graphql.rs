//! A minimal GraphQL-over-HTTP client for tests: posts JSON, keeps cookies, optionally sends
//! a bearer token and workspace header, and returns the decoded response body.

use serde_json::{json, Value};

pub struct GqlClient {
    endpoint: String,
    http: reqwest::Client,
    pub bearer: Option<String>,
    pub workspace: Option<String>,
}

impl GqlClient {
    pub fn new(endpoint: String) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self { endpoint, http, bearer: None, workspace: None }
    }

    /// Runs an operation and returns the whole response body (`data` and `errors`).
    pub async fn run(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        let mut request = self.http.post(&self.endpoint).json(&json!({
            "query": query,
            "variables": variables,
        }));
        if let Some(token) = &self.bearer {
            request = request.bearer_auth(token);
        }
        if let Some(ws) = &self.workspace {
            request = request.header("x-lifeos-workspace", ws);
        }
        Ok(request.send().await?.json().await?)
    }

    /// Runs an operation that must succeed and returns `data.<field>`.
    pub async fn data(&self, query: &str, variables: Value, field: &str) -> anyhow::Result<Value> {
        let body = self.run(query, variables).await?;
        anyhow::ensure!(body["errors"].is_null(), "{field} failed: {body}");
        Ok(body["data"][field].clone())
    }

    /// A client without a cookie jar that sends exactly the given headers.
    pub fn bare(endpoint: String) -> Self {
        Self { endpoint, http: reqwest::Client::new(), bearer: None, workspace: None }
    }

    /// Posts with an extra raw header (e.g. a hand-made `Cookie`).
    pub async fn run_with_header(&self, query: &str, name: &str, value: &str) -> anyhow::Result<Value> {
        let request = self.http.post(&self.endpoint).header(name, value).json(&json!({"query": query}));
        Ok(request.send().await?.json().await?)
    }

    /// Any request of a session waits until the session's own writes are projected (its
    /// read-your-writes); this cheap one is the sync point tests use before reading the
    /// read tables directly with SQL.
    pub async fn read_own_writes(&self) -> anyhow::Result<()> {
        let body = self.run("{ __typename }", Value::Null).await?;
        anyhow::ensure!(body["errors"].is_null(), "sync point failed: {body}");
        Ok(())
    }

    /// The first error's `extensions.code`, if any.
    pub fn error_code(response: &Value) -> Option<&str> {
        response["errors"][0]["extensions"]["code"].as_str()
    }
}
