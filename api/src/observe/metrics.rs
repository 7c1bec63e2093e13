//! The Prometheus metric families of one server, in one registry (no global recorder: several
//! servers in one process, as in tests, keep their own counts), and their text exposition.
//!
//! Every label value is bounded by the server, never taken from client text: routes are the
//! matched route, operations are root fields of the schema (`label.rs`), error codes are the
//! server's own (`error.rs`), methods a fixed list. Must never grow a label set from input.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Latency buckets in seconds, from a cache hit to a slow batch.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

fn latency() -> Histogram {
    Histogram::new(BUCKETS.iter().copied())
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub method: &'static str,
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    pub operation: String,
    /// `query`, `mutation`, `subscription`, or `unknown` (unparsed or not chosen).
    pub r#type: &'static str,
    /// `http` or `websocket`.
    pub transport: &'static str,
    /// `ok`, or `error` when the operation answered with any error.
    pub status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LatencyLabels {
    pub operation: String,
    pub transport: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CodeLabels {
    pub code: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ProjectionLabels {
    pub projection: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PoolLabels {
    pub state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ConflictLabels {
    pub reason: &'static str,
}

/// Why a command met a concurrent write.
#[derive(Debug, Clone, Copy)]
pub enum ConflictReason {
    /// The client's `expectedVersion` was not the entity's current version (`CONFLICT`).
    StaleVersion,
    /// Another request appended to the stream first; the command is decided again.
    AppendRace,
    /// Append races went on past the retry bound (`CONFLICT`).
    RetriesExhausted,
}

impl ConflictReason {
    fn label(self) -> &'static str {
        match self {
            ConflictReason::StaleVersion => "stale_version",
            ConflictReason::AppendRace => "append_race",
            ConflictReason::RetriesExhausted => "retries_exhausted",
        }
    }
}

/// The command path's conflict counter (cheap to clone; clones count together).
#[derive(Clone, Debug, Default)]
pub struct Conflicts(Family<ConflictLabels, Counter>);

impl Conflicts {
    pub fn record(&self, reason: ConflictReason) {
        self.0.get_or_create(&ConflictLabels { reason: reason.label() }).inc();
    }
}

/// Every family; the scrape-time gauges are set by `endpoint.rs` just before encoding.
pub struct Metrics {
    registry: Registry,
    pub http_requests: Family<HttpLabels, Counter>,
    pub http_duration: Histograms<RouteLabels>,
    pub operations: Family<OperationLabels, Counter>,
    pub operation_duration: Histograms<LatencyLabels>,
    pub errors: Family<CodeLabels, Counter>,
    pub conflicts: Conflicts,
    pub projection_position: Family<ProjectionLabels, Gauge>,
    pub projection_lag: Family<ProjectionLabels, Gauge>,
    pub projection_parked: Family<ProjectionLabels, Gauge>,
    pub projection_held: Family<ProjectionLabels, Gauge>,
    pub live_subscribers: Gauge,
    pub queued_changes: Gauge,
    pub open_websockets: Gauge,
    pub pool_connections: Family<PoolLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("lifeos");
        let http_requests = Family::default();
        registry.register("http_requests", "HTTP requests by method, matched route and status", http_requests.clone());
        let http_duration: Histograms<RouteLabels> = Family::new_with_constructor(latency);
        registry.register("http_request_duration_seconds", "HTTP request latency by matched route", http_duration.clone());
        let operations = Family::default();
        registry.register(
            "graphql_operations",
            "GraphQL operations (HTTP and websocket) by operation label, type, transport and status",
            operations.clone(),
        );
        let operation_duration: Histograms<LatencyLabels> = Family::new_with_constructor(latency);
        registry.register(
            "graphql_operation_duration_seconds",
            "GraphQL operation latency by operation label (a subscription: until it ends)",
            operation_duration.clone(),
        );
        let errors = Family::default();
        registry.register("graphql_errors", "GraphQL errors answered, by extensions.code", errors.clone());
        let conflicts = Conflicts::default();
        registry.register(
            "command_conflicts",
            "Commands that met a concurrent write: stale expectedVersion, lost append race, retries exhausted",
            conflicts.0.clone(),
        );
        let projection_position = Family::default();
        registry.register("projection_position", "Global feed position of each projection's checkpoint", projection_position.clone());
        let projection_lag = Family::default();
        registry.register("projection_lag_events", "Events each projection handles not yet projected (capped)", projection_lag.clone());
        let projection_parked = Family::default();
        registry.register("projection_parked_streams", "Streams each projection has parked", projection_parked.clone());
        let projection_held = Family::default();
        registry.register(
            "projection_held_events",
            "Events each projection holds back behind its parked events (the parked ones not counted)",
            projection_held.clone(),
        );
        let live_subscribers = Gauge::default();
        registry.register("sync_live_subscribers", "Live change-feed subscribers of this process", live_subscribers.clone());
        let queued_changes = Gauge::default();
        registry.register("sync_queued_changes", "Changes queued for live subscribers, not yet sent", queued_changes.clone());
        let open_websockets = Gauge::default();
        registry.register("websockets_open", "Open GraphQL websockets of this process", open_websockets.clone());
        let pool_connections = Family::default();
        registry.register("db_pool_connections", "Database pool connections by state (in_use, idle)", pool_connections.clone());
        Self {
            registry,
            http_requests,
            http_duration,
            operations,
            operation_duration,
            errors,
            conflicts,
            projection_position,
            projection_lag,
            projection_parked,
            projection_held,
            live_subscribers,
            queued_changes,
            open_websockets,
            pool_connections,
        }
    }

    /// Counts a GraphQL request refused before the schema saw it (a malformed body, an
    /// unknown persisted query, a mutation over GET): one `other` operation with status
    /// `error` over HTTP, and its error code. Requests the schema executes are counted by
    /// its extension (`graphql.rs`) and must not be counted here too.
    pub fn refused_before_schema(&self, code: &str) {
        let labels = OperationLabels { operation: super::label::OTHER.to_owned(), r#type: "unknown", transport: "http", status: "error" };
        self.operations.get_or_create(&labels).inc();
        self.errors.get_or_create(&CodeLabels { code: code_label(Some(code)) }).inc();
    }

    /// The OpenMetrics text exposition of every family.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }
}

/// A method as a label: the standard ones by name, anything else `OTHER`.
pub fn method_label(method: &axum::http::Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        _ => "OTHER",
    }
}

/// An error code as a label: the server's own codes are upper snake case; anything else
/// (none, or not of that shape) is `NONE`/`OTHER`, so the set stays bounded.
pub fn code_label(code: Option<&str>) -> String {
    match code {
        None => "NONE".to_owned(),
        Some(c) if (1..=40).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()) => c.to_owned(),
        Some(_) => "OTHER".to_owned(),
    }
}
