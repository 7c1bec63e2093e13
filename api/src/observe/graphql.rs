//! Per-operation metrics as a schema extension, so HTTP and websocket operations are counted
//! by the same code: operations by label, type, transport and status, their latency, and
//! every answered error by its `extensions.code`. The label (`label.rs`) is also handed to
//! the HTTP request's access-log line (`http.rs`); a websocket operation writes its own line
//! when it ends.
//!
//! This extension only observes: it never changes a request, a document or a response.

use std::any::TypeId;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest, NextRequest, NextSubscribe};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, Response, ServerError, ServerResult, Variables};
use futures::stream::{BoxStream, StreamExt};

use super::label::{label, OperationLabel};
use super::metrics::{code_label, CodeLabels, LatencyLabels, Metrics, OperationLabels};
use crate::auth::context::RequestMeta;

/// The extension factory: one observer per operation.
pub struct OperationMetrics(pub Arc<Metrics>);

impl ExtensionFactory for OperationMetrics {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Observer { metrics: self.0.clone(), name: OnceLock::new(), label: Arc::default(), request_id: Arc::default() })
    }
}

struct Observer {
    metrics: Arc<Metrics>,
    /// The operation name the request chose (only used to pick the operation).
    name: OnceLock<Option<String>>,
    label: Arc<OnceLock<OperationLabel>>,
    /// The operation's request id (a websocket operation's own; see `sync/ws/operations.rs`).
    request_id: Arc<OnceLock<String>>,
}

#[derive(Clone, Copy)]
enum Transport {
    Http,
    Websocket,
}

impl Transport {
    fn label(self) -> &'static str {
        match self {
            Transport::Http => "http",
            Transport::Websocket => "websocket",
        }
    }
}

/// Counts `errors` by code.
fn count_errors(metrics: &Metrics, errors: &[ServerError]) {
    for error in errors {
        let code = error.extensions.as_ref().and_then(|x| x.get("code")).and_then(|v| match v {
            async_graphql::Value::String(s) => Some(s.as_str()),
            _ => None,
        });
        metrics.errors.get_or_create(&CodeLabels { code: code_label(code) }).inc();
    }
}

/// Counts one finished operation and its latency.
fn finished(metrics: &Metrics, label: Option<&OperationLabel>, transport: Transport, failed: bool, elapsed: Duration) {
    let fallback = OperationLabel::default();
    let label = label.unwrap_or(&fallback);
    let status = if failed { "error" } else { "ok" };
    let labels = OperationLabels { operation: label.operation.clone(), r#type: label.r#type, transport: transport.label(), status };
    metrics.operations.get_or_create(&labels).inc();
    let latency = LatencyLabels { operation: label.operation.clone(), transport: transport.label() };
    metrics.operation_duration.get_or_create(&latency).observe(elapsed.as_secs_f64());
}

/// A websocket operation in flight: counted once when its stream ends or is dropped
/// (`complete`, the socket closing, or the last event).
struct InFlight {
    metrics: Arc<Metrics>,
    label: Arc<OnceLock<OperationLabel>>,
    request_id: Arc<OnceLock<String>>,
    started: Instant,
    failed: bool,
}

impl InFlight {
    fn saw(&mut self, response: &Response) {
        self.failed |= !response.errors.is_empty();
        count_errors(&self.metrics, &response.errors);
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let elapsed = self.started.elapsed();
        finished(&self.metrics, self.label.get(), Transport::Websocket, self.failed, elapsed);
        let operation = self.label.get().map_or(super::label::OTHER, |l| l.operation.as_str());
        let request_id = self.request_id.get().map_or("-", String::as_str);
        super::access::websocket_operation(operation, self.failed, elapsed, request_id);
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Observer {
    /// HTTP (`Schema::execute`): the whole request, parse to answer.
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = Instant::now();
        let response = next.run(ctx).await;
        count_errors(&self.metrics, &response.errors);
        finished(&self.metrics, self.label.get(), Transport::Http, !response.errors.is_empty(), started.elapsed());
        response
    }

    /// Websocket (`Schema::execute_stream`, every operation type).
    fn subscribe<'s>(&self, ctx: &ExtensionContext<'_>, stream: BoxStream<'s, Response>, next: NextSubscribe<'_>) -> BoxStream<'s, Response> {
        let mut in_flight = InFlight {
            metrics: self.metrics.clone(),
            label: self.label.clone(),
            request_id: self.request_id.clone(),
            started: Instant::now(),
            failed: false,
        };
        next.run(ctx, stream)
            .map(move |response| {
                in_flight.saw(&response);
                response
            })
            .boxed()
    }

    async fn prepare_request(&self, ctx: &ExtensionContext<'_>, request: Request, next: NextPrepareRequest<'_>) -> ServerResult<Request> {
        let _ = self.name.set(request.operation_name.clone());
        let meta = request.data.get(&TypeId::of::<RequestMeta>()).and_then(|d| d.downcast_ref::<RequestMeta>());
        if let Some(meta) = meta {
            let _ = self.request_id.set(meta.request_id.clone());
        }
        next.run(ctx, request).await
    }

    async fn parse_query(&self, ctx: &ExtensionContext<'_>, query: &str, variables: &Variables, next: NextParseQuery<'_>) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let chosen = self.name.get().and_then(|n| n.as_deref());
        let label = label(&ctx.schema_env.registry, &doc, chosen);
        super::http::note_operation(&label);
        let _ = self.label.set(label);
        Ok(doc)
    }
}
