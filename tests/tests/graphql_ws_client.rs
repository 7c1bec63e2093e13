//! The `changes` subscription works with the off-the-shelf npm `graphql-ws` client: runs
//! `tests/node/live-change.mjs` (subscribe, create a note over HTTP, wait for it live) against
//! a test server (skipped with a notice outside CI when node is missing, see `node.rs`).

use std::time::Duration;

use lifeos_tests::{node, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_npm_graphql_ws_client_receives_a_change_live() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let url = server.url("");
    let env = [("LIFEOS_URL", url.as_str()), ("LIFEOS_TOKEN", owner.token.as_str()), ("LIFEOS_TIMEOUT_MS", "20000")];
    let test = "the_npm_graphql_ws_client_receives_a_change_live";
    if let Some(ran) = node::run(test, "graphql-ws", "live-change.mjs", &env, Duration::from_secs(60)).await? {
        assert!(ran.stdout.contains("received live change"), "stdout: {}\nstderr: {}", ran.stdout, ran.stderr);
    }
    server.stop().await
}
