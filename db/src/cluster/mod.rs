//! The embedded default database: a private PostgreSQL cluster under the data directory,
//! created on first run with the machine's installed server binaries, listening only on a
//! unix socket inside the data directory (no TCP port), and stopped on shutdown.
//!
//! Layout of `<data_dir>`: `pg/` (PGDATA), `run/` (socket + server log).
//! A cluster left running by a killed process is adopted, not started twice.

mod binaries;
mod owner;

use std::path::{Path, PathBuf};
use std::process::Output;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

pub use binaries::BinSearch;
use owner::ClusterOwner;

/// The superuser and database the embedded cluster is created with.
const SUPERUSER: &str = "lifeos";
pub const DATABASE: &str = "lifeos";
/// Unix socket paths are limited to 107 bytes; `/.s.PGSQL.5432` takes 15 of them.
const MAX_SOCKET_DIR_LEN: usize = 107 - 15;

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found; searched: {}. \
         Install them (Debian/Ubuntu: `apt-get install postgresql`; or set LIFEOS_PG_BINDIR to \
         their directory), or set LIFEOS_DATABASE_URL to use an existing PostgreSQL server.",
        display_paths(.searched)
    )]
    BinariesNotFound { searched: Vec<PathBuf> },
    #[error(
        "running as root, but there is no `postgres` system user to run the embedded cluster \
         (initdb refuses root); create one, run lifeosd as an ordinary user, or set LIFEOS_DATABASE_URL"
    )]
    NoUnprivilegedUser,
    #[error(
        "the embedded cluster's user `{user}` cannot enter {dir}; choose a LIFEOS_DATA_DIR \
         that user can reach (e.g. under /var/lib or /srv), or set LIFEOS_DATABASE_URL"
    )]
    NotTraversable { dir: PathBuf, user: String },
    #[error("data directory path {0} is too long for a unix socket; use a shorter LIFEOS_DATA_DIR")]
    PathTooLong(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, #[source] source: std::io::Error },
    #[error("`{command}` failed: {detail}")]
    Command { command: String, detail: String },
    #[error("the embedded cluster started but does not answer: {0}")]
    Connect(#[from] sqlx::Error),
}

fn display_paths(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "(nothing)".into();
    }
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// A running private cluster. Call [`EmbeddedCluster::stop`] on shutdown.
#[derive(Debug)]
pub struct EmbeddedCluster {
    bindir: PathBuf,
    pgdata: PathBuf,
    socket_dir: PathBuf,
    owner: ClusterOwner,
}

impl EmbeddedCluster {
    /// Creates the cluster on first use, starts it (or adopts a running one) and makes sure
    /// the `lifeos` database exists. Blocking process work runs off the async executor.
    pub async fn start(data_dir: &Path, search: BinSearch) -> Result<Self, ClusterError> {
        let data_dir = data_dir.to_path_buf();
        let cluster = tokio::task::spawn_blocking(move || Self::start_blocking(&data_dir, search))
            .await
            .map_err(|e| ClusterError::Command { command: "start".into(), detail: e.to_string() })??;
        cluster.ensure_database().await?;
        Ok(cluster)
    }

    fn start_blocking(data_dir: &Path, mut search: BinSearch) -> Result<Self, ClusterError> {
        let io = |source| ClusterError::Io { path: data_dir.to_path_buf(), source };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let data_dir = data_dir.canonicalize().map_err(io)?;
        let pgdata = data_dir.join("pg");
        let socket_dir = data_dir.join("run");
        if socket_dir.as_os_str().len() > MAX_SOCKET_DIR_LEN {
            return Err(ClusterError::PathTooLong(socket_dir));
        }
        if search.prefer_major.is_none() {
            search.prefer_major = std::fs::read_to_string(pgdata.join("PG_VERSION"))
                .ok()
                .map(|v| v.trim().to_owned());
        }
        let bindir = search.find()?;
        let owner = ClusterOwner::detect()?;
        let cluster = Self { bindir, pgdata, socket_dir, owner };
        cluster.owner.prepare_private_dir(&cluster.socket_dir)?;
        if !cluster.pgdata.join("PG_VERSION").is_file() {
            cluster.owner.prepare_private_dir(&cluster.pgdata)?;
            cluster.initdb()?;
        }
        if cluster.is_running() {
            tracing::info!(pgdata = %cluster.pgdata.display(), "adopting running embedded cluster");
        } else {
            cluster.pg_ctl_start()?;
        }
        Ok(cluster)
    }

    /// Connect options for the cluster's socket (no TCP, no password: the socket directory
    /// is private to the cluster's owner).
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .username(SUPERUSER)
            .database(database)
    }

    pub fn pgdata(&self) -> &Path {
        &self.pgdata
    }

    /// Stops the cluster (fast shutdown: open transactions roll back, committed data stays).
    pub async fn stop(self) -> Result<(), ClusterError> {
        tokio::task::spawn_blocking(move || self.pg_ctl(&["stop", "-m", "fast", "-w", "-t", "60"]))
            .await
            .map_err(|e| ClusterError::Command { command: "stop".into(), detail: e.to_string() })?
    }

    fn initdb(&self) -> Result<(), ClusterError> {
        tracing::info!(pgdata = %self.pgdata.display(), "creating embedded PostgreSQL cluster");
        let out = self
            .owner
            .command(&self.bindir.join("initdb"))
            .arg("-D")
            .arg(&self.pgdata)
            .args(["-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
            .output();
        check("initdb", out)
    }

    fn pg_ctl_start(&self) -> Result<(), ClusterError> {
        tracing::info!(pgdata = %self.pgdata.display(), "starting embedded PostgreSQL cluster");
        let opts = format!("-c listen_addresses='' -k '{}'", self.socket_dir.display());
        let log = self.socket_dir.join("postgres.log");
        self.pg_ctl(&["start", "-w", "-t", "120", "-o", &opts, "-l", &log.to_string_lossy()])
    }

    fn is_running(&self) -> bool {
        self.owner
            .command(&self.bindir.join("pg_ctl"))
            .arg("status")
            .arg("-D")
            .arg(&self.pgdata)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<(), ClusterError> {
        let out = self
            .owner
            .command(&self.bindir.join("pg_ctl"))
            .arg("-D")
            .arg(&self.pgdata)
            .args(args)
            .output();
        check(&format!("pg_ctl {}", args.first().unwrap_or(&"")), out)
    }

    async fn ensure_database(&self) -> Result<(), ClusterError> {
        let mut conn = self.connect_options("postgres").connect().await?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(DATABASE)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            sqlx::query(&format!("CREATE DATABASE \"{DATABASE}\"")).execute(&mut conn).await?;
        }
        conn.close().await?;
        Ok(())
    }
}

fn check(command: &str, out: std::io::Result<Output>) -> Result<(), ClusterError> {
    let out = out.map_err(|e| ClusterError::Command { command: command.into(), detail: e.to_string() })?;
    if out.status.success() {
        return Ok(());
    }
    let mut detail = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    if detail.is_empty() {
        detail = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    }
    Err(ClusterError::Command { command: command.into(), detail })
}
