//! Runs a script from `tests/python/` (the off-the-shelf Python `gql` client) with the
//! interpreter of `tests/python/.venv` (made by `.ci/run`: `python3 -m venv` + `pip install -r
//! requirements.txt`) against a test server. Skipped with a notice when the venv is missing,
//! except under CI (see `node.rs`, whose core it shares).

use std::path::PathBuf;
use std::time::Duration;

use crate::node::{run_program, Ran};

/// `tests/python`, where the scripts, their pinned requirements and the venv live.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python")
}

/// Runs `<venv python> <script>` in `tests/python` with `env`; `None` when skipped.
pub async fn run(test: &str, script: &str, env: &[(&str, &str)], limit: Duration) -> anyhow::Result<Option<Ran>> {
    let python = dir().join(".venv/bin/python");
    let missing = (!python.is_file())
        .then(|| format!("{} is missing (python3 -m venv tests/python/.venv && pip install -r tests/python/requirements.txt)", python.display()));
    run_program(test, missing, &python, &dir(), script, env, limit).await
}
