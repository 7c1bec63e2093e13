//! PostGraphile v4 (`bench/node/postgraphile.js`, run by node) as a child process against a
//! bench database, ready when it prints its "listening on" line; killed when dropped. Absent
//! node or `bench/node/node_modules` (`npm ci` there installs it), `start` answers `None` and
//! the scenario is skipped with a message — never a failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The page PostGraphile serves for the same table (first 20, by primary key).
pub const ALL_NOTES: &str = "{ allNotes(first: 20) { nodes { id title } pageInfo { hasNextPage endCursor } } }";

pub struct Postgraphile {
    child: Child,
    pub endpoint: String,
}

fn node_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("node")
}

/// Starts PostGraphile over `database_url`; `None` when it is not installed here.
pub fn start(database_url: &str) -> anyhow::Result<Option<Postgraphile>> {
    let dir = node_dir();
    if !dir.join("node_modules").join("postgraphile").is_dir() {
        return Ok(None);
    }
    let Ok(mut child) = Command::new("node")
        .arg("postgraphile.js")
        .current_dir(&dir)
        .env("DATABASE_URL", database_url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return Ok(None);
    };
    let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        if let Some(endpoint) = line?.strip_prefix("postgraphile listening on ") {
            let endpoint = endpoint.trim().to_owned();
            std::thread::spawn(move || lines.for_each(drop));
            return Ok(Some(Postgraphile { child, endpoint }));
        }
    }
    let _ = child.wait();
    anyhow::bail!("postgraphile exited before it was ready")
}

impl Drop for Postgraphile {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
