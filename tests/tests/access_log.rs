//! The access log and json mode, black-box: an in-process server's `lifeos::access` lines
//! (captured through a tracing subscriber) carry method, matched path, operation, status,
//! duration and request id and never query text, variables or tokens; a websocket's close
//! is a line too. A `lifeosd serve` child in `LIFEOS_LOG_FORMAT=json` writes nothing but
//! JSON on stdout and stderr, and with `LIFEOS_METRICS_ADDR` serves `/metrics` only there.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use lifeos_tests::{lifeosd, GqlWs, ServerMsg, TestDb, TestServer};
use serde_json::{json, Value};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Log output captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    /// Installs a JSON subscriber of the access-log target writing here.
    fn install() -> anyhow::Result<Self> {
        let captured = Self::default();
        tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new("lifeos::access=info"))
            .with(tracing_subscriber::fmt::layer().json().with_writer(captured.clone()))
            .try_init()?;
        Ok(captured)
    }

    fn text(&self) -> String {
        self.0.lock().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    fn lines(&self) -> anyhow::Result<Vec<Value>> {
        self.text().lines().map(|l| Ok(serde_json::from_str(l)?)).collect()
    }
}

#[tokio::test]
async fn one_access_line_per_request_without_query_text_or_tokens() -> anyhow::Result<()> {
    let captured = Captured::install()?;
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let secret = "confidential-title-0815";
    let response = reqwest::Client::new()
        .post(server.url("/graphql"))
        .bearer_auth(&owner.token)
        .json(&json!({"query": format!("mutation($t: String) {{ createNote(input: {{title: $t, body: \"{secret}-inline\"}}) {{ id }} }}"), "variables": {"t": secret}}))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let request_id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(request_id.len(), 26, "a ULID request id");
    let body: Value = response.json().await?;
    assert!(body["errors"].is_null(), "{body}");
    reqwest::get(server.url("/healthz?token=in-the-query-string")).await?;

    let lines = captured.lines()?;
    let line = lines
        .iter()
        .find(|l| l["fields"]["request_id"] == request_id.as_str())
        .ok_or_else(|| anyhow::anyhow!("no access line for {request_id}: {lines:?}"))?;
    assert_eq!(line["target"], "lifeos::access");
    assert_eq!(line["level"], "INFO");
    let fields = &line["fields"];
    assert_eq!(fields["method"], "POST");
    assert_eq!(fields["path"], "/graphql");
    assert_eq!(fields["operation"], "createNote");
    assert_eq!(fields["status"], 200);
    assert!(fields["duration_ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{line}");
    let health = lines.iter().find(|l| l["fields"]["path"] == "/healthz").ok_or_else(|| anyhow::anyhow!("{lines:?}"))?;
    assert_eq!(health["fields"]["status"], 200);
    assert!(health["fields"]["operation"].is_null(), "no GraphQL operation: {health}");

    let text = captured.text();
    for never in [secret, "mutation", "createNote(input", owner.token.as_str(), "in-the-query-string"] {
        assert!(!text.contains(never), "the access log carries {never:?}:\n{text}");
    }

    // A websocket operation is a line when it ends (here before its `complete` is sent).
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    ws.subscribe("q", "{ __typename }", json!({})).await?;
    while !matches!(ws.recv().await?, ServerMsg::Complete { .. }) {}
    let lines = captured.lines()?;
    let operation = lines
        .iter()
        .find(|l| l["fields"]["message"] == "websocket operation")
        .ok_or_else(|| anyhow::anyhow!("no websocket operation line: {lines:?}"))?;
    assert_eq!(operation["fields"]["operation"], "__typename");
    assert_eq!(operation["fields"]["outcome"], "ok");
    assert_eq!(operation["fields"]["request_id"].as_str().map(str::len), Some(26), "{operation}");

    // A websocket the server closes (a duplicate operation id) is a line when it closes.
    let subscription = "subscription { changes { cursor } }";
    ws.subscribe("dup", subscription, json!({})).await?;
    ws.subscribe("dup", subscription, json!({})).await?;
    let mut closed = None;
    while closed.is_none() {
        if let ServerMsg::Closed(c) = ws.recv().await? {
            closed = Some(c.code);
        }
    }
    // The server logs right after sending the close; this runtime is single-threaded, so
    // yielding lets its task finish.
    let mut line = None;
    for _ in 0..10_000 {
        line = captured.lines()?.into_iter().find(|l| l["fields"]["message"] == "websocket closed");
        if line.is_some() {
            break;
        }
        tokio::task::yield_now().await;
    }
    let line = line.ok_or_else(|| anyhow::anyhow!("no websocket line: {}", captured.text()))?;
    assert_eq!(line["fields"]["close_code"], json!(closed));
    assert_eq!(line["fields"]["path"], "/graphql/ws");
    assert_eq!(line["fields"]["request_id"].as_str().map(str::len), Some(26), "{line}");
    server.stop().await
}

/// Every line of `text` parses as a JSON object.
fn all_json(what: &str, text: &str) -> anyhow::Result<Vec<Value>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let value: Value = serde_json::from_str(l).map_err(|e| anyhow::anyhow!("{what} line is not JSON ({e}): {l}"))?;
            anyhow::ensure!(value.is_object(), "{what} line is not an object: {l}");
            Ok(value)
        })
        .collect()
}

#[tokio::test]
async fn json_mode_writes_nothing_but_json_and_metrics_have_their_own_address() -> anyhow::Result<()> {
    let db = TestDb::empty().await?;
    let mut cmd = lifeosd!();
    cmd.args(["serve", "--listen-addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0", "--log-format", "json"])
        .env("LIFEOS_DATABASE_URL", db.url())
        .env("LIFEOS_COOKIE_SECURE", "false")
        .env("LIFEOS_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn()?;
    let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let stderr = child.stderr.take().ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let stderr = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut lines = BufReader::new(stdout).lines();
    let mut before_ready = String::new();
    let (mut addr, mut metrics_addr, mut setup_code) = (None, None, None);
    for line in lines.by_ref() {
        let line = line?;
        before_ready += &line;
        before_ready.push('\n');
        let value: Value = serde_json::from_str(&line).map_err(|e| anyhow::anyhow!("stdout line is not JSON ({e}): {line}"))?;
        metrics_addr = metrics_addr.or_else(|| value["metricsAddr"].as_str().map(str::to_owned));
        setup_code = setup_code.or_else(|| value["setupCode"].as_str().map(str::to_owned));
        if let Some(at) = value["addr"].as_str() {
            assert_eq!(value["message"], format!("lifeosd listening on http://{at}"));
            addr = Some(at.to_owned());
            break;
        }
    }
    let after_ready = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>().join("\n"));
    let addr = addr.ok_or_else(|| anyhow::anyhow!("never ready; stdout: {before_ready}"))?;
    let metrics_addr = metrics_addr.ok_or_else(|| anyhow::anyhow!("no metrics address: {before_ready}"))?;
    let setup_code = setup_code.ok_or_else(|| anyhow::anyhow!("a fresh instance prints a setup code: {before_ready}"))?;

    let http = reqwest::Client::new();
    assert_eq!(http.get(format!("http://{addr}/healthz")).send().await?.status(), 200);
    let answer = http.post(format!("http://{addr}/graphql")).json(&json!({"query": "{ __typename }"})).send().await?;
    assert_eq!(answer.status(), 200);
    assert_eq!(http.get(format!("http://{addr}/metrics")).send().await?.status(), 404, "only on the metrics address");
    let scraped = http.get(format!("http://{metrics_addr}/metrics")).send().await?;
    assert_eq!(scraped.status(), 200);
    assert!(scraped.text().await?.contains("lifeos_graphql_operations_total{operation=\"__typename\""));

    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id())?);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM)?;
    assert!(child.wait()?.success());
    let stdout = before_ready + &after_ready.join().map_err(|_| anyhow::anyhow!("stdout reader panicked"))?;
    let stderr = stderr.join().map_err(|_| anyhow::anyhow!("stderr reader panicked"))?;
    all_json("stdout", &stdout)?;
    let log = all_json("stderr", &stderr)?;
    assert!(!stderr.contains(&setup_code), "the setup code never reaches the log");
    assert!(log.iter().any(|l| l["fields"]["message"].as_str().is_some_and(|m| m.starts_with("migrations: "))), "{stderr}");
    let access = log
        .iter()
        .find(|l| l["target"] == "lifeos::access" && l["fields"]["path"] == "/graphql")
        .ok_or_else(|| anyhow::anyhow!("no access line: {stderr}"))?;
    assert_eq!(access["fields"]["operation"], "__typename");
    assert_eq!(access["fields"]["method"], "POST");
    Ok(())
}

#[test]
fn a_failing_command_in_json_mode_says_so_in_json() -> anyhow::Result<()> {
    let out = lifeosd!()
        .args(["migrate", "--log-format", "json"])
        .env("LIFEOS_DATABASE_URL", "postgres://someone:hunter2@127.0.0.1:1/lifeos")
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    let lines = all_json("stderr", &stderr)?;
    let error = lines.last().ok_or_else(|| anyhow::anyhow!("no error line"))?;
    assert_eq!(error["level"], "ERROR");
    assert!(error["message"].as_str().is_some_and(|m| m.contains("cannot connect to PostgreSQL at 127.0.0.1:1/lifeos")), "{error}");
    assert!(!stderr.contains("hunter2"));
    all_json("stdout", &String::from_utf8(out.stdout)?)?;
    Ok(())
}
