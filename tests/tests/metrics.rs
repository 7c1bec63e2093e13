//! `/metrics`, black-box: scraped over real HTTP from loopback and parsed with a Prometheus
//! text parser; every family is there, values move after a mutation, a failing one and a
//! stale `expectedVersion`; labels never carry client text; the token and the forwarding
//! rule decide who else may read it.

use std::collections::HashSet;

use lifeos_tests::sync::SUBSCRIBE_CHANGES;
use lifeos_tests::{GqlClient, GqlWs, ServerMsg, TestServer};
use serde_json::json;

/// Every family the server exposes (OpenMetrics names: counters without `_total`).
const FAMILIES: [(&str, &str); 14] = [
    ("lifeos_http_requests", "counter"),
    ("lifeos_http_request_duration_seconds", "histogram"),
    ("lifeos_graphql_operations", "counter"),
    ("lifeos_graphql_operation_duration_seconds", "histogram"),
    ("lifeos_graphql_errors", "counter"),
    ("lifeos_command_conflicts", "counter"),
    ("lifeos_projection_position", "gauge"),
    ("lifeos_projection_lag_events", "gauge"),
    ("lifeos_projection_parked_streams", "gauge"),
    ("lifeos_projection_held_events", "gauge"),
    ("lifeos_sync_live_subscribers", "gauge"),
    ("lifeos_sync_queued_changes", "gauge"),
    ("lifeos_websockets_open", "gauge"),
    ("lifeos_db_pool_connections", "gauge"),
];

/// One scrape: the raw text and its samples.
struct Scrape {
    text: String,
    samples: Vec<prometheus_parse::Sample>,
}

impl Scrape {
    /// The value of the sample `metric` whose labels include all of `labels` (0 if none).
    fn value(&self, metric: &str, labels: &[(&str, &str)]) -> f64 {
        self.samples
            .iter()
            .filter(|s| s.metric == metric && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
            .map(|s| match &s.value {
                prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Gauge(v) | prometheus_parse::Value::Untyped(v) => *v,
                prometheus_parse::Value::Histogram(buckets) => buckets.last().map_or(0.0, |b| b.count),
                prometheus_parse::Value::Summary(_) => 0.0,
            })
            .sum()
    }

    /// Every label value of every sample.
    fn label_values(&self) -> Vec<String> {
        self.samples.iter().flat_map(|s| s.labels.values().cloned().collect::<Vec<_>>()).collect()
    }
}

async fn scrape(server: &TestServer) -> anyhow::Result<Scrape> {
    let response = reqwest::get(server.url("/metrics")).await?;
    anyhow::ensure!(response.status() == 200, "scrape refused: {}", response.status());
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    anyhow::ensure!(content_type.starts_with("application/openmetrics-text"), "{content_type}");
    let text = response.text().await?;
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    let samples = prometheus_parse::Scrape::parse(lines)?.samples;
    Ok(Scrape { text, samples })
}

fn ops(operation: &str, status: &str) -> Vec<(&'static str, String)> {
    vec![("operation", operation.to_owned()), ("transport", "http".to_owned()), ("status", status.to_owned())]
}

fn value_of(scrape: &Scrape, metric: &str, labels: &[(&'static str, String)]) -> f64 {
    let borrowed: Vec<(&str, &str)> = labels.iter().map(|(k, v)| (*k, v.as_str())).collect();
    scrape.value(metric, &borrowed)
}

#[tokio::test]
async fn every_family_is_scraped_and_values_move_with_the_requests() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let before = scrape(&server).await?;
    for (family, kind) in FAMILIES {
        assert!(before.text.contains(&format!("# TYPE {family} {kind}\n")), "{family} ({kind}) missing:\n{}", before.text);
    }
    assert!(before.text.trim_end().ends_with("# EOF"), "OpenMetrics exposition ends with # EOF");
    let position = before.value("lifeos_projection_position", &[("projection", "kernel")]);
    assert!(before.samples.iter().any(|s| s.metric == "lifeos_projection_lag_events"), "lag per projection");
    let pool = before.value("lifeos_db_pool_connections", &[("state", "in_use")]) + before.value("lifeos_db_pool_connections", &[("state", "idle")]);
    assert!(pool >= 1.0, "the pool is open: {}", before.text);

    // A mutation, a failing one, a stale expectedVersion.
    let created = owner.client.run("mutation { createNote(input: {title: \"secret-title-7\"}) { id version } }", json!({})).await?;
    let id = created["data"]["createNote"]["id"].as_str().ok_or_else(|| anyhow::anyhow!("{created}"))?.to_owned();
    let bad = owner.client.run("mutation { createNote(input: {id: \"not-a-ulid\", title: \"x\"}) { id } }", json!({})).await?;
    assert_eq!(GqlClient::error_code(&bad), Some("VALIDATION"), "{bad}");
    let stale = owner
        .client
        .run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }", json!({"i": {"id": id, "expectedVersion": 7, "title": "t"}}))
        .await?;
    assert_eq!(GqlClient::error_code(&stale), Some("CONFLICT"), "{stale}");
    let unknown = owner.client.run("{ passwordOfAlice }", json!({})).await?;
    assert!(unknown["errors"].is_array(), "{unknown}");
    let missing = reqwest::get(server.url("/no/such/path/4711")).await?;
    assert_eq!(missing.status(), 404);
    owner.client.read_own_writes().await?;

    let after = scrape(&server).await?;
    let mutation_ok = [ops("createNote", "ok"), vec![("type", "mutation".to_owned())]].concat();
    let ops_total = "lifeos_graphql_operations_total";
    assert_eq!(value_of(&after, ops_total, &mutation_ok) - value_of(&before, ops_total, &mutation_ok), 1.0, "{}", after.text);
    assert!(value_of(&after, ops_total, &ops("createNote", "error")) >= 1.0, "the failing create counts as an error");
    assert_eq!(value_of(&after, ops_total, &ops("updateNote", "error")), 1.0);
    assert!(value_of(&after, ops_total, &ops("other", "error")) >= 1.0, "an unknown field is `other`");
    assert!(after.value("lifeos_graphql_operation_duration_seconds", &[("operation", "createNote")]) >= 2.0, "latency observed per operation");
    assert_eq!(after.value("lifeos_graphql_errors_total", &[("code", "CONFLICT")]), 1.0, "{}", after.text);
    assert!(after.value("lifeos_graphql_errors_total", &[("code", "VALIDATION")]) >= 1.0, "the failing create's code");
    assert_eq!(after.value("lifeos_command_conflicts_total", &[("reason", "stale_version")]), 1.0, "{}", after.text);
    let posts = [("method", "POST"), ("route", "/graphql"), ("status", "200")];
    assert!(after.value("lifeos_http_requests_total", &posts) >= before.value("lifeos_http_requests_total", &posts) + 4.0);
    assert_eq!(after.value("lifeos_http_requests_total", &[("route", "unmatched"), ("status", "404")]), 1.0);
    assert!(after.value("lifeos_http_request_duration_seconds", &[("route", "/metrics")]) >= 1.0);
    assert!(after.value("lifeos_projection_position", &[("projection", "kernel")]) > position, "the kernel projected the note");

    // Bounded labels: nothing the client sent is a label value.
    for value in after.label_values() {
        for client_text in ["secret-title-7", "passwordOfAlice", "/no/such/path/4711", &id] {
            assert!(!value.contains(client_text), "label value {value:?} carries client text");
        }
    }
    server.stop().await
}

#[tokio::test]
async fn live_subscribers_and_websocket_operations_are_counted() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    ws.subscribe("q", "{ __typename }", json!({})).await?;
    let mut completed = false;
    while !completed {
        completed = matches!(ws.recv().await?, ServerMsg::Complete { .. });
    }
    ws.subscribe("changes", SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    // The subscription is live once a change written now reaches it.
    owner.client.run("mutation { createNote(input: {title: \"live\"}) { id } }", json!({})).await?;
    let mut live = false;
    while !live {
        live = matches!(ws.recv().await?, ServerMsg::Next { .. });
    }
    // A change can arrive from the store's catch-up just before the stream turns to the hub;
    // it registers there as soon as the store has nothing more (a few scrapes at most).
    let mut scraped = scrape(&server).await?;
    for _ in 0..100 {
        if scraped.value("lifeos_sync_live_subscribers", &[]) >= 1.0 {
            break;
        }
        scraped = scrape(&server).await?;
    }
    assert_eq!(scraped.value("lifeos_sync_live_subscribers", &[]), 1.0, "{}", scraped.text);
    assert_eq!(scraped.value("lifeos_websockets_open", &[]), 1.0);
    assert!(scraped.samples.iter().any(|s| s.metric == "lifeos_sync_queued_changes"));
    let ws_query = [("operation", "__typename"), ("transport", "websocket"), ("status", "ok"), ("type", "query")];
    assert_eq!(scraped.value("lifeos_graphql_operations_total", &ws_query), 1.0, "{}", scraped.text);
    server.stop().await
}

#[tokio::test]
async fn only_loopback_or_the_token_reads_the_metrics() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| {
        c.metrics_token = Some("metrics-s3cret".to_owned().into());
        // The test client is the proxy: its X-Forwarded-For names the client.
        c.trusted_proxies = "127.0.0.1".parse().unwrap_or_default();
    })
    .await?;
    let http = reqwest::Client::new();
    let get = |forwarded: Option<&str>, token: Option<&str>| {
        let mut request = http.get(server.url("/metrics"));
        if let Some(ip) = forwarded {
            request = request.header("x-forwarded-for", ip);
        }
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    assert_eq!(get(None, None).await?.status(), 200, "loopback");
    let outside = get(Some("203.0.113.7"), None).await?;
    assert_eq!(outside.status(), 401, "a non-loopback client without the token");
    assert_eq!(outside.headers().get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
    assert_eq!(get(Some("203.0.113.7"), Some("metrics-s3cre")).await?.status(), 401, "a wrong token");
    let with_token = get(Some("203.0.113.7"), Some("metrics-s3cret")).await?;
    assert_eq!(with_token.status(), 200);
    assert!(with_token.text().await?.contains("# TYPE lifeos_http_requests counter"));
    server.stop().await?;

    // No token configured: a local proxy forwarding for an outside client is not loopback.
    let server = TestServer::start().await?;
    let forwarded = reqwest::Client::new().get(server.url("/metrics")).header("x-forwarded-for", "203.0.113.7").send().await?;
    assert_eq!(forwarded.status(), 403);
    server.stop().await
}

#[tokio::test]
async fn error_codes_and_operations_come_from_the_server_only() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let client = server.client();
    // Unparseable, an operation name that is not in the document, several root fields.
    client.run("{ passwordOfBob", json!({})).await?;
    client.run("query A { __typename } query B { __typename }", json!({})).await?;
    client.run("{ me { id } __typename }", json!({})).await?;
    let scraped = scrape(&server).await?;
    let operations: HashSet<&str> = scraped
        .samples
        .iter()
        .filter(|s| s.metric == "lifeos_graphql_operations_total")
        .filter_map(|s| s.labels.get("operation"))
        .collect();
    assert!(operations.contains("other"), "{operations:?}");
    assert!(operations.contains("__typename"), "the first sorted root field of `{{ me __typename }}`: {operations:?}");
    for code in scraped.samples.iter().filter(|s| s.metric == "lifeos_graphql_errors_total").filter_map(|s| s.labels.get("code")) {
        assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()), "{code}");
    }
    assert!(scraped.value("lifeos_graphql_errors_total", &[("code", "GRAPHQL_PARSE_FAILED")]) >= 1.0, "{}", scraped.text);

    // Requests refused before the schema sees them count by their codes too.
    let http = reqwest::Client::new();
    let url = server.url("/graphql");
    http.post(&url).header("content-type", "application/json").body("{not json").send().await?;
    http.get(format!("{url}?query=mutation%7B__typename%7D")).header("accept", "application/json").send().await?;
    let unknown_hash = json!({"persistedQuery": {"version": 1, "sha256Hash": "0".repeat(64)}}).to_string();
    http.get(&url).query(&[("extensions", unknown_hash.as_str())]).header("accept", "application/json").send().await?;
    let scraped = scrape(&server).await?;
    assert!(scraped.value("lifeos_graphql_errors_total", &[("code", "BAD_REQUEST")]) >= 2.0, "{}", scraped.text);
    assert_eq!(scraped.value("lifeos_graphql_errors_total", &[("code", "PERSISTED_QUERY_NOT_FOUND")]), 1.0, "{}", scraped.text);
    server.stop().await
}
