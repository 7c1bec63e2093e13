//! The off-the-shelf Python `gql` client works against the server as it comes: it fetches the
//! schema by introspection at the default limits (validating its documents against it), runs
//! a mutation and a query over HTTP, and receives the created note from the `changes`
//! subscription over `graphql-transport-ws` (`tests/python/gql_client.py`; skipped with a
//! notice outside CI when the venv is missing, see `python.rs`).

use std::time::Duration;

use lifeos_tests::{python, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_gql_fetches_the_schema_writes_reads_and_subscribes() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let url = server.url("");
    let env = [("LIFEOS_URL", url.as_str()), ("LIFEOS_TOKEN", owner.token.as_str()), ("LIFEOS_TIMEOUT_S", "20")];
    let test = "python_gql_fetches_the_schema_writes_reads_and_subscribes";
    if let Some(ran) = python::run(test, "gql_client.py", &env, Duration::from_secs(60)).await? {
        for step in ["schema fetched by introspection", "mutation created", "query read it back", "subscription delivered Note"] {
            assert!(ran.stdout.contains(&format!("ok: {step}")), "no `{step}`\nstdout: {}\nstderr: {}", ran.stdout, ran.stderr);
        }
    }
    server.stop().await
}
