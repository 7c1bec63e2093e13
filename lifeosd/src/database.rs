//! Opening the database for a lifeosd process: the configured URL, or else the embedded
//! cluster under the data directory (guarded by a lock file so two processes never share or
//! stop each other's cluster). Error messages name the host, never the credentials.

use std::fs::{File, OpenOptions};
use std::str::FromStr;

use anyhow::{anyhow, Context};
use lifeos_db::cluster::{BinSearch, DATABASE};
use lifeos_db::{EmbeddedCluster, PoolSettings};
use nix::fcntl::{Flock, FlockArg};
use secrecy::ExposeSecret;
use sqlx::postgres::PgConnectOptions;
use sqlx::PgPool;

use crate::config::Config;

/// The pool plus whatever must be shut down with it.
pub struct Database {
    pub pool: PgPool,
    embedded: Option<(EmbeddedCluster, Flock<File>)>,
}

impl Database {
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        let settings = PoolSettings {
            max_connections: config.db_max_connections,
            ..PoolSettings::default()
        };
        match &config.database_url {
            Some(url) => {
                let options = PgConnectOptions::from_str(url.expose_secret())
                    .map_err(|_| anyhow!("LIFEOS_DATABASE_URL is not a valid postgres:// URL"))?;
                let options = plain_on_loopback(options, url.expose_secret());
                let target = describe(&options);
                let pool = lifeos_db::connect(options, settings)
                    .await
                    .with_context(|| format!("cannot connect to PostgreSQL at {target}"))?;
                Ok(Self { pool, embedded: None })
            }
            None => Self::open_embedded(config, settings).await,
        }
    }

    async fn open_embedded(config: &Config, settings: PoolSettings) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
        let lock_path = config.data_dir.join("lifeosd.lock");
        let lock_file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        let lock = Flock::lock(lock_file, FlockArg::LockExclusiveNonblock).map_err(|_| {
            anyhow!(
                "another lifeosd is already using the data directory {}",
                config.data_dir.display()
            )
        })?;
        let search = BinSearch { explicit: config.pg_bindir.clone(), prefer_major: None };
        let cluster = EmbeddedCluster::start(&config.data_dir, search)
            .await
            .context("cannot start the embedded PostgreSQL cluster")?;
        tracing::info!(pgdata = %cluster.pgdata().display(), "embedded PostgreSQL cluster is up");
        let pool = lifeos_db::connect(cluster.connect_options(DATABASE), settings)
            .await
            .context("cannot connect to the embedded PostgreSQL cluster")?;
        Ok(Self { pool, embedded: Some((cluster, lock)) })
    }

    /// Closes the pool, then stops the embedded cluster if this process runs one.
    pub async fn close(self) {
        self.pool.close().await;
        if let Some((cluster, _lock)) = self.embedded {
            match cluster.stop().await {
                Ok(()) => tracing::info!("embedded PostgreSQL cluster stopped"),
                Err(e) => tracing::error!(error = %e, "stopping the embedded cluster failed"),
            }
        }
    }
}

/// `host:port/database` — enough to act on, without user or password.
/// Without an explicit `sslmode`, libpq's default is `prefer` (TLS if offered). On the
/// loopback interface TLS protects nothing and cost ~15% of the CPU of a write-heavy run
/// (both sides encrypting every round trip), so there it is off unless the URL asks for it.
fn plain_on_loopback(options: PgConnectOptions, url: &str) -> PgConnectOptions {
    let explicit = url.to_ascii_lowercase().contains("sslmode=");
    let loopback = options.get_host().parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()) || options.get_host() == "localhost";
    if explicit || !loopback {
        return options;
    }
    options.ssl_mode(sqlx::postgres::PgSslMode::Disable)
}

fn describe(options: &PgConnectOptions) -> String {
    format!(
        "{}:{}/{}",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("(default)")
    )
}
