//! The TypeScript client's own suite (`clients/ts/test/*.test.ts`, node's test runner) against
//! a real server started here: sign in, CRUD, pagination, typed errors, a live subscription,
//! two engines syncing and a cursor reset. Needs `npm ci && npm run build` at the repository
//! root (`.ci/run` does it); skipped with a notice otherwise, except under CI.

use std::path::Path;
use std::time::Duration;

use lifeos_tests::{node, TestServer, OWNER_EMAIL, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_client_suite_passes_against_a_real_server() -> anyhow::Result<()> {
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../clients/ts");
    let built = package.join("dist/test");
    let missing = (!built.is_dir()).then(|| format!("{} is missing (run `npm ci && npm run build` at the repository root)", built.display()));
    let (server, _owner) = TestServer::with_owner().await?;
    let url = server.url("");
    let env = [("LIFEOS_URL", url.as_str()), ("LIFEOS_EMAIL", OWNER_EMAIL), ("LIFEOS_PASSWORD", PASSWORD)];
    let test = "the_typescript_client_suite_passes_against_a_real_server";
    let mut files: Vec<std::ffi::OsString> = vec!["--test".into()];
    if missing.is_none() {
        for entry in std::fs::read_dir(&built)? {
            let path = entry?.path();
            if path.to_string_lossy().ends_with(".test.js") {
                files.push(path.into_os_string());
            }
        }
    }
    let args: Vec<&std::ffi::OsStr> = files.iter().map(std::ffi::OsString::as_os_str).collect();
    let ran = node::run_in(test, missing, &package, &args, &env, Duration::from_secs(300)).await?;
    if let Some(ran) = ran {
        assert!(ran.stdout.contains("# fail 0"), "stdout: {}\nstderr: {}", ran.stdout, ran.stderr);
        assert!(!ran.stdout.contains("# skipped") || ran.stdout.contains("# skipped 0"), "no test may skip here: {}", ran.stdout);
    }
    server.stop().await
}
