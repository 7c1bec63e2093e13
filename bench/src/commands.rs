//! Commands over GraphQL HTTP, authenticated, against lifeosd: `createNote` at concurrency 1
//! and 8, and `updateNote` on notes whose history is 1, 100 and 10,000 events long (flat
//! thanks to snapshots). Mutations answer once their events commit; all load clients share
//! one session, so a reading request would wait for their writes to project (the `lag`
//! scenario measures that lag separately).

use std::time::Instant;

use serde_json::{json, Value};

use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::{Server, OWNER, PASSWORD};
use crate::stats::{concurrently, Samples};
use crate::Args;

/// A GraphQL-over-HTTP client on one session (its bearer token).
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub endpoint: String,
    pub token: String,
}

impl Client {
    /// Runs one operation (without a token: anonymously); a GraphQL error is an `Err`.
    pub async fn run(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        let mut request = self.http.post(&self.endpoint);
        if !self.token.is_empty() {
            request = request.bearer_auth(&self.token);
        }
        let body: Value = request
            .json(&json!({"query": query, "variables": variables}))
            .send()
            .await?
            .json()
            .await?;
        anyhow::ensure!(body["errors"].is_null(), "GraphQL error: {body}");
        Ok(body)
    }
}

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let server = Server::start(args, &db.url)?;
    let client = sign_up(&server).await?;
    let ceiling8 = report.rate_of("ceiling: 1-row tx", "conc=8");
    let baseline8 = report.rate_of("baseline: create (view)", "conc=8");
    for conc in [1usize, 8] {
        let samples = creates(&client, conc, args.size(2000, 40) * conc.min(4)).await?;
        let mut ratios = Vec::new();
        if conc == 8 {
            if let Some(b) = baseline8 {
                ratios.push(("baseline create conc=8".to_owned(), samples.rate() / b));
            }
            if let Some(c) = ceiling8 {
                ratios.push(("ceiling 1-row conc=8".to_owned(), samples.rate() / c));
            }
        }
        report.add(row("lifeos: createNote HTTP", format!("conc={conc}"), &samples, ratios));
    }
    let depths: Vec<usize> = if args.quick { vec![1, 10, 100] } else { vec![1, 100, 10_000] };
    let mut first_p50 = None;
    for depth in depths {
        let samples = updates_at_depth(&client, depth, args.size(300, 20)).await?;
        let p50 = samples.percentile_ms(0.5);
        let base = *first_p50.get_or_insert(p50);
        let ratio = vec![("p50 vs history=1".to_owned(), p50 / base)];
        report.add(row("lifeos: updateNote HTTP", format!("history={depth}, conc=1"), &samples, ratio));
    }
    drop(server);
    db.drop_now().await
}

pub fn row(scenario: &str, setting: String, samples: &Samples, ratios: Vec<(String, f64)>) -> Row {
    Row {
        scenario: scenario.into(),
        setting,
        ops: samples.ops(),
        rate: samples.rate(),
        unit: "cmd/s",
        p50_ms: Some(samples.percentile_ms(0.5)),
        p99_ms: Some(samples.percentile_ms(0.99)),
        ratios,
    }
}

/// Signs the bench owner up (with the setup code the server printed) and returns a client on
/// that first session.
pub async fn sign_up(server: &Server) -> anyhow::Result<Client> {
    let mut client =
        Client { http: reqwest::Client::new(), endpoint: format!("{}/graphql", server.base), token: String::new() };
    let body: Value = client
        .http
        .post(&client.endpoint)
        .json(&json!({"query": "mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
                      "variables": {"i": {"email": OWNER, "password": PASSWORD, "displayName": "Bench",
                                          "setupCode": server.setup_code}}}))
        .send()
        .await?
        .json()
        .await?;
    client.token = body["data"]["signUp"]["token"].as_str().ok_or_else(|| anyhow::anyhow!("signUp: {body}"))?.to_owned();
    Ok(client)
}

pub async fn creates(client: &Client, conc: usize, total: usize) -> anyhow::Result<Samples> {
    concurrently(conc, || {
        let client = client.clone();
        async move {
            let mut latencies = Vec::new();
            for i in 0..total / conc {
                let t = Instant::now();
                client
                    .run("mutation($t: String!) { createNote(input: {title: $t}) { id } }", json!({"t": format!("n{i}")}))
                    .await?;
                latencies.push(t.elapsed());
            }
            Ok(latencies)
        }
    })
    .await
}

const UPDATE: &str = "mutation($i: UpdateNoteInput!) { updateNote(input: $i) { version } }";

/// A note with `depth` events of history, then `measured` more updates, timed.
async fn updates_at_depth(client: &Client, depth: usize, measured: usize) -> anyhow::Result<Samples> {
    let created = client.run("mutation { createNote(input: {title: \"deep\"}) { id } }", json!({})).await?;
    let id = created["data"]["createNote"]["id"].as_str().unwrap_or_default().to_owned();
    let mut version = 1;
    for _ in 1..depth {
        client.run(UPDATE, json!({"i": {"id": id, "expectedVersion": version, "title": format!("v{version}")}})).await?;
        version += 1;
    }
    let mut samples = Samples::default();
    let started = Instant::now();
    for _ in 0..measured {
        let t = Instant::now();
        client.run(UPDATE, json!({"i": {"id": id, "expectedVersion": version, "title": format!("v{version}")}})).await?;
        samples.latencies.push(t.elapsed());
        version += 1;
    }
    samples.elapsed = started.elapsed();
    Ok(samples)
}
