//! Off-the-shelf GraphQL-over-HTTP clients against a test server, each a script in
//! `tests/node/` (skipped with a notice outside CI when node is missing, see `node.rs`):
//! graphql-http's server audit (every MUST and SHOULD), Apollo Client and urql with their
//! default settings — a query, a mutation and an automatic persisted query each.

use std::time::Duration;

use lifeos_tests::{node, TestServer};

/// Hang guard for one script (not a timing assertion).
const LIMIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_http_server_audit_passes_every_must_and_should() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let url = server.url("");
    let test = "graphql_http_server_audit_passes_every_must_and_should";
    if let Some(ran) = node::run(test, "graphql-http", "http-audit.mjs", &[("LIFEOS_URL", url.as_str())], LIMIT).await? {
        println!("{}", ran.stdout);
        assert!(ran.stdout.contains("every MUST and SHOULD passed"), "stdout: {}\nstderr: {}", ran.stdout, ran.stderr);
    }
    server.stop().await
}

/// Runs `script` as the owner of a fresh server; it prints `ok: <step>` per step it passed.
async fn run_client(test: &str, package: &str, script: &str) -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let url = server.url("");
    let env = [("LIFEOS_URL", url.as_str()), ("LIFEOS_TOKEN", owner.token.as_str())];
    if let Some(ran) = node::run(test, package, script, &env, LIMIT).await? {
        for step in ["query", "mutation", "persisted query"] {
            assert!(ran.stdout.contains(&format!("ok: {step}\n")), "no {step}\nstdout: {}\nstderr: {}", ran.stdout, ran.stderr);
        }
    }
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apollo_client_runs_a_query_a_mutation_and_a_persisted_query() -> anyhow::Result<()> {
    run_client("apollo_client_runs_a_query_a_mutation_and_a_persisted_query", "@apollo/client", "apollo.mjs").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urql_runs_a_query_a_mutation_and_a_persisted_query_over_get() -> anyhow::Result<()> {
    run_client("urql_runs_a_query_a_mutation_and_a_persisted_query_over_get", "@urql/exchange-persisted", "urql.mjs").await
}
