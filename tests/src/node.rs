//! Runs a script from `tests/node/` (off-the-shelf npm clients: graphql-ws, graphql-http's
//! audit, Apollo, urql, codegen, playwright-core) against a test server (`python.rs` runs the
//! Python ones through the same core). When `node` or
//! `tests/node/node_modules` is missing the check is skipped with a notice, except under CI
//! (`CI` set), where a skip would hide a broken setup. Never interprets the script's output
//! beyond handing it back.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use tokio::process::Command;

/// `tests/node`, where the scripts and their `node_modules` live.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node")
}

/// Why node scripts cannot run here (needing `package` installed), if they cannot.
async fn missing_prerequisite(package: &str) -> Option<String> {
    let node = Command::new("node").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().await;
    if !node.is_ok_and(|status| status.success()) {
        return Some("`node` is not installed".into());
    }
    if !dir().join("node_modules").join(package).is_dir() {
        return Some(format!("{} has no node_modules/{package} (run `npm ci` there)", dir().display()));
    }
    None
}

/// What a finished script printed.
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
}

/// Runs `node <script>` in `tests/node` with `env`, requiring `package` to be installed; `None`
/// when the check is skipped (printed as `SKIPPED <test>: why`). Fails if the script exits
/// non-zero or takes longer than `limit` (a hang guard, not a timing assertion).
pub async fn run(
    test: &str,
    package: &str,
    script: &str,
    env: &[(&str, &str)],
    limit: Duration,
) -> anyhow::Result<Option<Ran>> {
    let missing = missing_prerequisite(package).await;
    run_program(test, missing, Path::new("node"), &dir(), script, env, limit).await
}

/// Runs `program <script>` in `dir` unless `missing` says why it cannot run here (a skip with
/// a notice, except under CI); the shared core of the node and Python checks.
pub(crate) async fn run_program(
    test: &str,
    missing: Option<String>,
    program: &Path,
    dir: &Path,
    script: &str,
    env: &[(&str, &str)],
    limit: Duration,
) -> anyhow::Result<Option<Ran>> {
    let script = dir.join(script);
    run_with_args(test, missing, program, dir, &[script.as_os_str()], env, limit).await
}

/// Runs `node <args…>` in `dir` (a package of the repository's own, e.g. `clients/ts`) unless
/// `missing` says why it cannot run here, under the same rules as [`run`].
pub async fn run_in(
    test: &str,
    missing: Option<String>,
    dir: &Path,
    args: &[&std::ffi::OsStr],
    env: &[(&str, &str)],
    limit: Duration,
) -> anyhow::Result<Option<Ran>> {
    run_with_args(test, missing, Path::new("node"), dir, args, env, limit).await
}

async fn run_with_args(
    test: &str,
    missing: Option<String>,
    program: &Path,
    dir: &Path,
    args: &[&std::ffi::OsStr],
    env: &[(&str, &str)],
    limit: Duration,
) -> anyhow::Result<Option<Ran>> {
    if let Some(why) = missing {
        anyhow::ensure!(std::env::var_os("CI").is_none(), "{test} cannot run under CI: {why}");
        eprintln!("SKIPPED {test}: {why}");
        return Ok(None);
    }
    let mut command = Command::new(program);
    command.args(args).current_dir(dir).kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    let output: Output = tokio::time::timeout(limit, command.output()).await??;
    let ran = Ran {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    anyhow::ensure!(
        output.status.success(),
        "{} {args:?} exited with {}\nstdout: {}\nstderr: {}",
        program.display(),
        output.status,
        ran.stdout,
        ran.stderr
    );
    Ok(Some(ran))
}
