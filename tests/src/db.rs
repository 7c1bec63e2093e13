//! Per-test databases. The PostgreSQL server is found from `LIFEOS_TEST_DATABASE_URL`, else
//! 127.0.0.1:5432 as user `postgres`, else the embedded cluster under `target/`. A template
//! database named after the migrations' checksums is built once (under an advisory lock) and
//! every test clones it with `CREATE DATABASE .. TEMPLATE`, dropping its clone at the end.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::str::FromStr;

use lifeos_db::cluster::BinSearch;
use lifeos_db::{EmbeddedCluster, PoolSettings, MIGRATOR};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection, PgPool};

/// Advisory-lock key for building the template (any constant unique to this harness).
const TEMPLATE_LOCK: i64 = 0x0011_fe05_7e57;

/// A database of this test's own, dropped (forcibly) when the value is dropped.
pub struct TestDb {
    pub name: String,
    pub options: PgConnectOptions,
    pub pool: PgPool,
    admin: PgConnectOptions,
}

impl TestDb {
    /// A fresh, fully migrated database.
    pub async fn migrated() -> anyhow::Result<Self> {
        let admin = admin_options().await?;
        let template = ensure_template(&admin).await?;
        Self::create(admin, Some(&template)).await
    }

    /// A fresh database with no tables at all (for migration tests).
    pub async fn empty() -> anyhow::Result<Self> {
        let admin = admin_options().await?;
        Self::create(admin, None).await
    }

    async fn create(admin: PgConnectOptions, template: Option<&str>) -> anyhow::Result<Self> {
        let name = format!("lifeos_t_{}", ulid::Ulid::new().to_string().to_lowercase());
        let mut conn = admin.connect().await?;
        let template = template.unwrap_or("template0");
        sqlx::query(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        let options = admin.clone().database(&name);
        let pool = lifeos_db::connect(options.clone(), PoolSettings::default()).await?;
        Ok(Self { name, options, pool, admin })
    }

    /// A `postgres://` URL for this database (for child processes).
    pub fn url(&self) -> String {
        options_to_url(&self.options)
    }
}

impl TestDb {
    /// Writers blocked on their INSERT into `events` behind a test's table lock (the barrier
    /// that makes two racing commands decide before either commits).
    pub async fn waiting_writers(&self) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'events'::regclass
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
        .fetch_one(&self.pool)
        .await?)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs outside any async context we can rely on: use a private runtime. The
        // pool belongs to the test's runtime, which is blocked here; FORCE ends its sessions.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                return;
            };
            rt.block_on(async move {
                if let Ok(mut conn) = admin.connect().await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

fn options_to_url(options: &PgConnectOptions) -> String {
    let host = options.get_host();
    let db = options.get_database().unwrap_or("postgres");
    let user = options.get_username();
    if host.starts_with('/') {
        format!("postgres://{user}@localhost/{db}?host={host}&port={}", options.get_port())
    } else {
        format!("postgres://{user}@{host}:{}/{db}", options.get_port())
    }
}

/// Connect options for a role allowed to create databases.
pub async fn admin_options() -> anyhow::Result<PgConnectOptions> {
    if let Ok(url) = std::env::var("LIFEOS_TEST_DATABASE_URL") {
        return Ok(PgConnectOptions::from_str(&url)?);
    }
    let local = PgConnectOptions::new()
        .host("127.0.0.1")
        .port(5432)
        .username("postgres")
        .database("postgres");
    if let Ok(conn) = local.connect().await {
        let _ = conn.close().await;
        return Ok(local);
    }
    embedded_admin_options().await
}

/// The managed cluster under `target/lifeos-test-pg`, started once and left running for
/// later test processes (a file lock serialises the first start).
async fn embedded_admin_options() -> anyhow::Result<PgConnectOptions> {
    let dir = target_dir().join("lifeos-test-pg");
    std::fs::create_dir_all(&dir)?;
    let lock = std::fs::File::create(dir.join("start.lock"))?;
    let guard = tokio::task::spawn_blocking(move || {
        nix::fcntl::Flock::lock(lock, nix::fcntl::FlockArg::LockExclusive).map_err(|(_, e)| e)
    })
    .await??;
    let cluster = EmbeddedCluster::start(&dir.join("data"), BinSearch::default()).await?;
    drop(guard);
    Ok(cluster.connect_options("postgres"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target")
    })
}

/// Builds `lifeos_tpl_<checksum>` once; concurrent test processes wait on an advisory lock.
async fn ensure_template(admin: &PgConnectOptions) -> anyhow::Result<String> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for m in MIGRATOR.iter() {
        m.version.hash(&mut hasher);
        m.checksum.hash(&mut hasher);
    }
    let template = format!("lifeos_tpl_{:016x}", hasher.finish());
    let mut conn = admin.connect().await?;
    sqlx::query("SELECT pg_advisory_lock($1)").bind(TEMPLATE_LOCK).execute(&mut conn).await?;
    let result = build_template_if_missing(&mut conn, admin, &template).await;
    sqlx::query("SELECT pg_advisory_unlock($1)").bind(TEMPLATE_LOCK).execute(&mut conn).await?;
    conn.close().await?;
    result.map(|()| template)
}

async fn build_template_if_missing(
    conn: &mut PgConnection,
    admin: &PgConnectOptions,
    template: &str,
) -> anyhow::Result<()> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(template)
            .fetch_one(&mut *conn)
            .await?;
    if exists {
        return Ok(());
    }
    // Build under a scratch name and rename when complete: a crash never leaves a
    // half-migrated template behind.
    let building = format!("{template}_building");
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)")).execute(&mut *conn).await?;
    sqlx::query(&format!("CREATE DATABASE \"{building}\" TEMPLATE template0")).execute(&mut *conn).await?;
    let pool = lifeos_db::connect(admin.clone().database(&building), PoolSettings::default()).await?;
    lifeos_db::migrate::run(&pool).await?;
    pool.close().await;
    sqlx::query(&format!("ALTER DATABASE \"{building}\" RENAME TO \"{template}\"")).execute(&mut *conn).await?;
    Ok(())
}
