//! The one typed configuration, loaded once at start and passed down explicitly.
//!
//! Sources, later ones winning: built-in defaults, an optional TOML file (`--config` /
//! `LIFEOS_CONFIG`), then `LIFEOS_*` environment variables and command-line flags (clap reads
//! both). Settings come in groups — the file, logging, the database, the owner, the server
//! ([`Settings`]) — and each command takes only the groups it uses, so its `--help` lists only
//! its own flags. A flag is named like its variable: `LIFEOS_LISTEN_ADDR` is `--listen-addr`.
//! Secrets are `SecretString`s: their `Debug` prints `[REDACTED]`, and help output hides their
//! environment values.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, ValueEnum};
use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use lifeos_api::auth::client_ip::TrustedProxies;
use lifeos_api::http::OriginPolicy;
use lifeos_api::{ApiConfig, GraphqlLimits, MetricsConfig, MetricsToken, SyncConfig};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// Effective configuration of a lifeosd process.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub listen_addr: SocketAddr,
    pub database_url: Option<SecretString>,
    pub data_dir: PathBuf,
    pub pg_bindir: Option<PathBuf>,
    pub db_max_connections: u32,
    pub max_body_bytes: usize,
    pub import_max_bytes: usize,
    /// How often due scheduled transactions are created (0: never, e.g. a node that only serves reads).
    pub schedule_interval_ms: u64,
    pub log_format: LogFormat,
    pub log_filter: Option<String>,
    pub owner_email: Option<String>,
    pub session_ttl_days: u32,
    pub cookie_secure: bool,
    pub auth_attempts_per_minute: u32,
    pub trusted_proxies: TrustedProxies,
    pub metrics_addr: Option<SocketAddr>,
    pub metrics_token: Option<SecretString>,
    pub graphql_max_depth: usize,
    pub graphql_max_complexity: usize,
    pub graphql_max_aliases: usize,
    pub graphql_max_response_bytes: usize,
    pub graphql_introspection: bool,
    pub read_your_writes_timeout_ms: u64,
    pub auth_cache_ms: u64,
    pub subscriber_queue: usize,
    pub ws_init_timeout_ms: u64,
    pub ws_ping_interval_ms: u64,
    pub ws_idle_timeout_ms: u64,
    pub ready_max_lag: i64,
    pub ws_auth_recheck_ms: u64,
    pub cors_origins: OriginPolicy,
    pub apq_cache_bytes: usize,
    /// Bench only: extra projections `synthetic_<i>` in the `live` group.
    pub synthetic_projections: usize,
    pub group_commit_max: usize,
    pub group_commit_lanes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen_addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 8787)),
            database_url: None,
            data_dir: PathBuf::from("lifeos-data"),
            pg_bindir: None,
            db_max_connections: 16,
            max_body_bytes: 4 * 1024 * 1024,
            import_max_bytes: 64 * 1024 * 1024,
            schedule_interval_ms: 60_000,
            log_format: LogFormat::Human,
            log_filter: None,
            owner_email: None,
            session_ttl_days: 30,
            cookie_secure: true,
            auth_attempts_per_minute: 10,
            trusted_proxies: TrustedProxies::default(),
            metrics_addr: None,
            metrics_token: None,
            graphql_max_depth: 12,
            graphql_max_complexity: 20_000,
            graphql_max_aliases: 30,
            graphql_max_response_bytes: 16 * 1024 * 1024,
            graphql_introspection: true,
            read_your_writes_timeout_ms: 5000,
            auth_cache_ms: 1000,
            subscriber_queue: 1024,
            ws_init_timeout_ms: 10_000,
            ws_ping_interval_ms: 15_000,
            ws_idle_timeout_ms: 60_000,
            ready_max_lag: 10_000,
            ws_auth_recheck_ms: 30_000,
            cors_origins: OriginPolicy::default(),
            apq_cache_bytes: lifeos_api::config::DEFAULT_PERSISTED_QUERY_BYTES,
            synthetic_projections: 0,
            group_commit_max: lifeos_api::config::GroupCommitConfig::default().max_commands,
            group_commit_lanes: lifeos_api::config::GroupCommitConfig::default().lanes,
        }
    }
}

impl Config {
    /// The API's slice of the configuration.
    pub fn api(&self) -> ApiConfig {
        ApiConfig {
            max_body_bytes: self.max_body_bytes,
            import_max_bytes: self.import_max_bytes,
            owner_email: self.owner_email.as_deref().map(|e| e.trim().to_lowercase()),
            session_ttl: Duration::from_secs(u64::from(self.session_ttl_days) * 24 * 3600),
            cookie_secure: self.cookie_secure,
            auth_attempts_per_minute: self.auth_attempts_per_minute,
            trusted_proxies: self.trusted_proxies.clone(),
            metrics: MetricsConfig {
                token: self.metrics_token.as_ref().map(|t| MetricsToken::new(t.expose_secret())),
                own_listener: self.metrics_addr.is_some(),
            },
            graphql: GraphqlLimits {
                max_depth: self.graphql_max_depth,
                max_complexity: self.graphql_max_complexity,
                max_aliases: self.graphql_max_aliases,
                introspection: self.graphql_introspection,
                max_response_bytes: self.graphql_max_response_bytes,
            },
            read_your_writes_timeout: Duration::from_millis(self.read_your_writes_timeout_ms),
            auth_cache_ttl: Duration::from_millis(self.auth_cache_ms),
            sync: SyncConfig {
                subscriber_queue: self.subscriber_queue.max(1),
                ws_init_timeout: Duration::from_millis(self.ws_init_timeout_ms),
                ws_ping_interval: Duration::from_millis(self.ws_ping_interval_ms.max(100)),
                ws_idle_timeout: Duration::from_millis(self.ws_idle_timeout_ms),
                ws_auth_recheck: Duration::from_millis(self.ws_auth_recheck_ms.max(10)),
                ..SyncConfig::default()
            },
            ready_max_lag: self.ready_max_lag,
            origins: self.cors_origins.clone(),
            persisted_query_bytes: self.apq_cache_bytes,
            group_commit: lifeos_api::config::GroupCommitConfig {
                max_commands: self.group_commit_max.max(1),
                lanes: self.group_commit_lanes.max(1),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// The optional settings file (every command that loads the configuration).
#[derive(Args, Clone, Default)]
pub struct ConfigFile {
    /// TOML file with any of the settings (snake_case keys, e.g. `listen_addr`).
    #[arg(long = "config", env = "LIFEOS_CONFIG", value_name = "FILE")]
    pub config_file: Option<PathBuf>,
}

/// Logging (every command that runs).
#[derive(Args, Clone, Default, Serialize)]
#[command(next_help_heading = "Logging")]
pub struct LogSettings {
    /// Log format; `json` makes every line lifeosd writes on stdout and stderr a JSON object
    /// [default: human].
    #[arg(long, env = "LIFEOS_LOG_FORMAT", value_enum)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<LogFormat>,

    /// Log filter in RUST_LOG syntax (falls back to RUST_LOG); the access log is the target
    /// `lifeos::access` [default: info].
    #[arg(long = "log", alias = "log-filter", env = "LIFEOS_LOG", value_name = "FILTER")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_filter: Option<String>,
}

/// The database (every command that opens it).
#[derive(Args, Clone, Default, Serialize)]
#[command(next_help_heading = "Database")]
pub struct DatabaseSettings {
    /// PostgreSQL URL. Unset: lifeosd runs its own embedded cluster under the data directory.
    #[arg(long, env = "LIFEOS_DATABASE_URL", value_name = "URL", hide_env_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,

    /// Directory for the embedded cluster and local state [default: lifeos-data].
    #[arg(long, env = "LIFEOS_DATA_DIR", value_name = "DIR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,

    /// Directory holding initdb/pg_ctl/postgres for the embedded cluster [default: searched
    /// via pg_config, /usr/lib/postgresql/*/bin and PATH].
    #[arg(long, env = "LIFEOS_PG_BINDIR", value_name = "DIR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pg_bindir: Option<PathBuf>,

    /// Maximum database connections in the pool [default: 16].
    #[arg(long, env = "LIFEOS_DB_MAX_CONNECTIONS", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_max_connections: Option<u32>,
}

/// The first owner (`serve` and `owner`).
#[derive(Args, Clone, Default, Serialize)]
#[command(next_help_heading = "Owner")]
pub struct OwnerSettings {
    /// The only email that may sign up as the first owner (with the setup code lifeosd prints);
    /// unset: whoever holds the code.
    #[arg(long, env = "LIFEOS_OWNER_EMAIL", value_name = "EMAIL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_email: Option<String>,
}

/// The HTTP server's settings (`serve` only), as flags and `LIFEOS_*` environment variables.
/// Unset ones fall back to the TOML file, then to defaults.
#[derive(Args, Clone, Default, Serialize)]
#[command(next_help_heading = "Server")]
pub struct Settings {
    /// Address the HTTP server listens on [default: 127.0.0.1:8787].
    #[arg(long = "listen-addr", alias = "listen", env = "LIFEOS_LISTEN_ADDR", value_name = "ADDR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen_addr: Option<SocketAddr>,

    /// Largest accepted HTTP request body, in bytes [default: 4194304].
    #[arg(long, env = "LIFEOS_MAX_BODY_BYTES", value_name = "BYTES")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_body_bytes: Option<usize>,

    /// Largest accepted bank file on `POST /import/{format}`, in bytes [default: 67108864].
    #[arg(long, env = "LIFEOS_IMPORT_MAX_BYTES", value_name = "BYTES")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_max_bytes: Option<usize>,

    /// How often due scheduled transactions are created, in milliseconds; 0: never [default: 60000].
    #[arg(long, env = "LIFEOS_SCHEDULE_INTERVAL_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_interval_ms: Option<u64>,

    /// Session lifetime in days [default: 30].
    #[arg(long, env = "LIFEOS_SESSION_TTL_DAYS", value_name = "DAYS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_ttl_days: Option<u32>,

    /// Mark the session cookie `Secure` (set false only for plain-http localhost) [default: true].
    #[arg(long, env = "LIFEOS_COOKIE_SECURE", value_name = "BOOL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookie_secure: Option<bool>,

    /// Sign-in/sign-up attempts per minute for one email from one client IP (5× that per
    /// client IP across emails, 3× that per email across IPs) [default: 10].
    #[arg(long, env = "LIFEOS_AUTH_ATTEMPTS_PER_MINUTE", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_attempts_per_minute: Option<u32>,

    /// Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client
    /// IP for rate limits: the rightmost hop that is not one of them. Unset: the header is
    /// ignored and the TCP peer is the client [default: none].
    #[arg(long, env = "LIFEOS_TRUSTED_PROXIES", value_name = "LIST")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_proxies: Option<String>,

    /// Serve `/metrics` only on this separate address (e.g. an internal interface), to
    /// whoever reaches it; unset: on the main address, from loopback or with the token.
    #[arg(long, env = "LIFEOS_METRICS_ADDR", value_name = "ADDR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_addr: Option<SocketAddr>,

    /// Bearer token that reads `/metrics` from anywhere (`Authorization: Bearer TOKEN`);
    /// unset: loopback only (or anyone on `--metrics-addr`).
    #[arg(long, env = "LIFEOS_METRICS_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics_token: Option<String>,

    /// Deepest accepted GraphQL selection nesting [default: 12].
    #[arg(long, env = "LIFEOS_GRAPHQL_MAX_DEPTH", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphql_max_depth: Option<usize>,

    /// Highest accepted GraphQL query complexity; a list field costs `first`/`limit` times its
    /// selection [default: 20000].
    #[arg(long, env = "LIFEOS_GRAPHQL_MAX_COMPLEXITY", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphql_max_complexity: Option<usize>,

    /// Most aliased fields accepted in one GraphQL document [default: 30].
    #[arg(long, env = "LIFEOS_GRAPHQL_MAX_ALIASES", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphql_max_aliases: Option<usize>,

    /// Largest GraphQL response `data` in bytes, HTTP and websocket alike; a bigger answer is
    /// refused with `RESPONSE_TOO_LARGE` and list pages stop early to stay under it
    /// [default: 16777216].
    #[arg(long, env = "LIFEOS_GRAPHQL_MAX_RESPONSE_BYTES", value_name = "BYTES")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphql_max_response_bytes: Option<usize>,

    /// Serve GraphQL introspection (GraphiQL needs it) [default: true].
    #[arg(long, env = "LIFEOS_GRAPHQL_INTROSPECTION", value_name = "BOOL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graphql_introspection: Option<bool>,

    /// How long a mutation waits for its own write to be projected, in ms [default: 5000].
    #[arg(long, env = "LIFEOS_READ_YOUR_WRITES_TIMEOUT_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_your_writes_timeout_ms: Option<u64>,

    /// How long a resolved session and membership may be reused in this process, in ms
    /// (0: look up every request) [default: 1000].
    #[arg(long, env = "LIFEOS_AUTH_CACHE_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_cache_ms: Option<u64>,

    /// Changes queued per live subscriber before it is told to resync [default: 1024].
    #[arg(long, env = "LIFEOS_SUBSCRIBER_QUEUE", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscriber_queue: Option<usize>,

    /// Time a websocket has to send `connection_init`, in ms [default: 10000].
    #[arg(long, env = "LIFEOS_WS_INIT_TIMEOUT_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ws_init_timeout_ms: Option<u64>,

    /// Interval of server pings on websockets, in ms [default: 15000].
    #[arg(long, env = "LIFEOS_WS_PING_INTERVAL_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ws_ping_interval_ms: Option<u64>,

    /// A websocket silent this long (no message, no pong) is closed, in ms [default: 60000].
    #[arg(long, env = "LIFEOS_WS_IDLE_TIMEOUT_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ws_idle_timeout_ms: Option<u64>,

    /// A projection lagging by more events than this is reported as degraded by `/readyz`
    /// (which still answers 200: lag and parked streams never take the instance out) [default: 10000].
    #[arg(long, env = "LIFEOS_READY_MAX_LAG", value_name = "EVENTS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_max_lag: Option<i64>,
    /// Every open websocket's session and membership are re-checked this often, in ms
    /// (sign-out, revocation and removal close sockets at once; this bounds session expiry
    /// and missed notices) [default: 30000].
    #[arg(long, env = "LIFEOS_WS_AUTH_RECHECK_MS", value_name = "MS")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ws_auth_recheck_ms: Option<u64>,

    /// Origins (`scheme://host[:port]`, comma-separated) whose pages may call the API with
    /// credentials (CORS) and open cookie-authenticated websockets, besides this server's own
    /// [default: none].
    #[arg(long, env = "LIFEOS_CORS_ORIGINS", value_name = "LIST")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cors_origins: Option<String>,

    /// Bytes of query text kept for automatic persisted queries, least recently used out
    /// first (0: none kept) [default: 4194304].
    #[arg(long, env = "LIFEOS_APQ_CACHE_BYTES", value_name = "BYTES")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apq_cache_bytes: Option<usize>,

    /// Bench only (hidden): registers this many extra projections `synthetic_<i>` in the `live`
    /// group, each upserting a row per event into its own table `synthetic_projection_<i>`, to
    /// measure the write path's cost per projection [default: 0].
    #[arg(long, env = "LIFEOS_SYNTHETIC_PROJECTIONS", value_name = "N", hide = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synthetic_projections: Option<usize>,

    /// Most concurrent entity mutations committed together in one transaction (1: each
    /// commits alone) [default: 64].
    #[arg(long, env = "LIFEOS_GROUP_COMMIT_MAX", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_commit_max: Option<usize>,

    /// Groups of entity mutations committing at once, each on its own connection [default: 2].
    #[arg(long, env = "LIFEOS_GROUP_COMMIT_LANES", value_name = "N")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_commit_lanes: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(#[from] Box<figment::Error>);

/// Resolves `layers` (flags/env of some groups) over the optional file over defaults.
fn load(file: &ConfigFile, layers: &impl Serialize) -> Result<Config, ConfigError> {
    let mut figment = Figment::new();
    if let Some(file) = &file.config_file {
        figment = figment.merge(Toml::file_exact(file));
    }
    figment
        .merge(Serialized::defaults(layers))
        .extract()
        .map_err(|e| ConfigError(Box::new(e)))
}

/// What `serve` reads: every group.
#[derive(Args, Clone, Default, Serialize)]
pub struct ServeSettings {
    #[command(flatten)]
    #[serde(skip)]
    pub file: ConfigFile,
    #[command(flatten)]
    #[serde(flatten)]
    pub log: LogSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub database: DatabaseSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub owner: OwnerSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub server: Settings,
}

/// What the commands that only open the database read (`migrate`, `project`, `replay`,
/// `rebuild`, `projections`, `allowlist`): the file, logging and the database.
#[derive(Args, Clone, Default, Serialize)]
pub struct DatabaseCommand {
    #[command(flatten)]
    #[serde(skip)]
    pub file: ConfigFile,
    #[command(flatten)]
    #[serde(flatten)]
    pub log: LogSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub database: DatabaseSettings,
}

/// What `owner` reads: the database and the owner email.
#[derive(Args, Clone, Default, Serialize)]
pub struct OwnerCommand {
    #[command(flatten)]
    #[serde(flatten)]
    pub base: DatabaseCommand,
    #[command(flatten)]
    #[serde(flatten)]
    pub owner: OwnerSettings,
}

/// A command's settings, resolved into the one `Config`.
pub trait Load {
    fn load(&self) -> Result<Config, ConfigError>;
}

impl Load for ServeSettings {
    fn load(&self) -> Result<Config, ConfigError> {
        load(&self.file, self)
    }
}

impl Load for DatabaseCommand {
    fn load(&self) -> Result<Config, ConfigError> {
        load(&self.file, self)
    }
}

impl Load for OwnerCommand {
    fn load(&self) -> Result<Config, ConfigError> {
        load(&self.base.file, self)
    }
}

impl Config {
    /// Config for a file path alone (used by tests of the file layer).
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        ServeSettings { file: ConfigFile { config_file: Some(path.to_path_buf()) }, ..ServeSettings::default() }.load()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let config = ServeSettings::default().load().expect("defaults load");
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:8787");
        assert!(config.database_url.is_none());
        assert_eq!(config.data_dir, PathBuf::from("lifeos-data"));
    }

    #[test]
    fn flags_override_the_file_and_secrets_never_print() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("lifeos.toml");
        std::fs::write(
            &file,
            "listen_addr = \"0.0.0.0:9000\"\ndatabase_url = \"postgres://u:hunter2@db/x\"\nmax_body_bytes = 10\nmetrics_token = \"tok-hunter3\"\n",
        )
        .expect("write");
        let settings = ServeSettings {
            file: ConfigFile { config_file: Some(file) },
            server: Settings { max_body_bytes: Some(20), ..Settings::default() },
            ..ServeSettings::default()
        };
        let config = settings.load().expect("loads");
        assert_eq!(config.listen_addr.to_string(), "0.0.0.0:9000");
        assert_eq!(config.max_body_bytes, 20);
        let url = config.database_url.as_ref().expect("url from file");
        assert_eq!(url.expose_secret(), "postgres://u:hunter2@db/x");
        assert!(!format!("{config:?}").contains("hunter2"));
        assert!(!format!("{config:?} {:?}", config.api()).contains("tok-hunter3"));
        assert!(config.api().metrics.token.is_some_and(|t| t.matches("tok-hunter3")));
    }

    #[test]
    fn trusted_proxies_are_parsed_at_load_and_garbage_is_refused() {
        let serve = |server: Settings| ServeSettings { server, ..ServeSettings::default() };
        let settings = serve(Settings { trusted_proxies: Some("10.0.0.0/8, 127.0.0.1".into()), ..Settings::default() });
        let config = settings.load().expect("loads");
        assert!(config.trusted_proxies.contains("10.9.9.9".parse().expect("ip")));
        assert!(!config.trusted_proxies.contains("11.0.0.1".parse().expect("ip")));
        assert!(ServeSettings::default().load().expect("defaults").trusted_proxies.is_empty(), "off by default");
        let bad = serve(Settings { trusted_proxies: Some("10.0.0.0/8, proxy.local".into()), ..Settings::default() });
        let err = bad.load().expect_err("a typo must not pass silently");
        assert!(err.to_string().contains("proxy.local"), "{err}");
    }

    #[test]
    fn unknown_file_keys_are_rejected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("lifeos.toml");
        std::fs::write(&file, "listen_adr = \"0.0.0.0:9000\"\n").expect("write");
        let err = Config::from_file(&file).expect_err("typo must not pass silently");
        assert!(err.to_string().contains("listen_adr"), "{err}");
    }
}
