//! Finding PostgreSQL's server binaries (`initdb`, `pg_ctl`, `postgres`) already installed on
//! the machine. Nothing is ever downloaded: there may be no internet, and a database server
//! is something the operator installs and patches, not something we smuggle in.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::ClusterError;

const REQUIRED: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Where to look, in order. `explicit` (LIFEOS_PG_BINDIR) wins alone when given.
#[derive(Debug, Clone, Default)]
pub struct BinSearch {
    pub explicit: Option<PathBuf>,
    /// Major version of an existing cluster (its `PG_VERSION`), preferred when several exist.
    pub prefer_major: Option<String>,
}

impl BinSearch {
    /// Returns the first directory holding every required binary.
    pub fn find(&self) -> Result<PathBuf, ClusterError> {
        let candidates = match &self.explicit {
            Some(dir) => vec![dir.clone()],
            None => self.default_candidates(),
        };
        candidates
            .iter()
            .find(|dir| has_all(dir))
            .cloned()
            .ok_or(ClusterError::BinariesNotFound { searched: candidates })
    }

    fn default_candidates(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        out.extend(pg_config_bindir());
        out.extend(debian_bindirs());
        if let Some(path) = std::env::var_os("PATH") {
            out.extend(std::env::split_paths(&path));
        }
        out.dedup();
        if let Some(major) = &self.prefer_major {
            // An existing cluster must be opened by its own major version (stable sort).
            out.sort_by_key(|d| !d.components().any(|c| c.as_os_str() == major.as_str()));
        }
        out
    }
}

fn has_all(dir: &Path) -> bool {
    REQUIRED.iter().all(|b| dir.join(b).is_file())
}

fn pg_config_bindir() -> Option<PathBuf> {
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let dir = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(dir.trim()))
}

/// `/usr/lib/postgresql/<major>/bin`, newest major first.
fn debian_bindirs() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") else {
        return Vec::new();
    };
    let mut majors: Vec<(u32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let major = e.file_name().to_str()?.parse::<u32>().ok()?;
            Some((major, e.path().join("bin")))
        })
        .collect();
    majors.sort_by_key(|m| std::cmp::Reverse(m.0));
    majors.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_without_binaries_is_a_clear_error() {
        let empty = tempfile::tempdir().expect("tempdir");
        let search = BinSearch { explicit: Some(empty.path().to_path_buf()), prefer_major: None };
        let err = search.find().expect_err("no binaries in an empty dir");
        let msg = err.to_string();
        assert!(msg.contains("initdb"), "{msg}");
        assert!(msg.contains("apt-get install postgresql"), "{msg}");
        assert!(msg.contains("LIFEOS_DATABASE_URL"), "{msg}");
        assert!(msg.contains(&empty.path().display().to_string()), "{msg}");
    }
}
