//! The command line: `serve`, `migrate`, `schema`, and the admin commands. Parses flags/env, loads the config once,
//! and runs the chosen command; errors print as one readable chain (one JSON object in json
//! mode) and exit non-zero. Each command takes only the settings groups it uses
//! (`config.rs`), so its `--help` lists only its own flags.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use crate::config::{Config, DatabaseCommand, Load, LogFormat, OwnerCommand, ServeSettings};
use crate::database::Database;
use crate::server::RunningServer;

#[derive(Parser)]
#[command(name = "lifeosd", version, about = "LifeOS server: an event-sourced operating system for your life")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP/GraphQL server (applies pending migrations first).
    Serve(#[command(flatten)] Box<ServeSettings>),
    /// Apply pending database migrations and exit.
    Migrate(#[command(flatten)] DatabaseCommand),
    /// Run only the projectors (no HTTP), e.g. on another node; one instance per projection
    /// is active at a time (advisory locks), so running several is safe.
    Project(#[command(flatten)] DatabaseCommand),
    /// Print the GraphQL schema (SDL). Touches no database.
    Schema,
    /// Print the client contract the SDL cannot say (error codes, headers, sync bounds, each
    /// kind's natural key) as JSON — `spec/contract.json`. Touches no database.
    Contract,
    /// Print a workspace's event log, or one entity's history (auditors).
    Replay(crate::replay_cmd::ReplayArgs),
    /// Rebuild a projection from position zero, blue/green, while the live one keeps serving.
    Rebuild(crate::rebuild_cmd::RebuildArgs),
    /// Projection status (position, lag, parked streams) and repair of parked streams.
    Projections(crate::projections_cmd::ProjectionsArgs),
    /// Manage the sign-up allowlist (emails allowed to create an account).
    Allowlist {
        #[command(subcommand)]
        action: AllowlistAction,
        #[command(flatten)]
        settings: DatabaseCommand,
    },
    /// The instance owner's first sign-up.
    Owner {
        #[command(subcommand)]
        action: OwnerAction,
        #[command(flatten)]
        settings: OwnerCommand,
    },
}

#[derive(Subcommand, Clone)]
enum OwnerAction {
    /// Print a new one-time setup code for the first owner sign-up (valid 24 h; replaces any
    /// earlier one) as `lifeosd setup code: XXXX-XXXX-XXXX`.
    SetupCode,
}

#[derive(Subcommand, Clone)]
enum AllowlistAction {
    /// Allow an email to sign up.
    Add { email: String },
    /// Take an email off the allowlist.
    Remove { email: String },
    /// Print the allowlist, one email per line.
    List,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let flagged = cli.log_format();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The configured format once the config loaded, else what the flags/env said.
            let format = crate::telemetry::format().or(flagged).unwrap_or_default();
            crate::output::error(format, &e);
            ExitCode::FAILURE
        }
    }
}

impl Cli {
    /// The log format the flags/env ask for (the file may say more; see `main`).
    fn log_format(&self) -> Option<LogFormat> {
        match &self.command {
            Command::Schema | Command::Contract => None,
            Command::Serve(s) => s.log.log_format,
            Command::Migrate(s) | Command::Project(s) | Command::Allowlist { settings: s, .. } => s.log.log_format,
            Command::Replay(a) => a.settings.log.log_format,
            Command::Rebuild(a) => a.settings.log.log_format,
            Command::Projections(a) => a.settings.log.log_format,
            Command::Owner { settings, .. } => settings.base.log.log_format,
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Schema => {
            print!("{}", lifeos_api::sdl());
            Ok(())
        }
        Command::Contract => {
            print!("{}", lifeos_api::contract_json());
            Ok(())
        }
        Command::Serve(settings) => with_runtime(settings.as_ref(), serve),
        Command::Migrate(settings) => with_runtime(&settings, migrate),
        Command::Project(settings) => with_runtime(&settings, project),
        Command::Replay(args) => {
            let settings = args.settings.clone();
            with_runtime(&settings, |config| with_database(config, |pool| async move { crate::replay_cmd::run(&pool, &args).await }))
        }
        Command::Rebuild(args) => {
            let settings = args.settings.clone();
            with_runtime(&settings, |config| {
                let format = config.log_format;
                with_database(config, move |pool| async move {
                    lifeos_db::migrate::run(&pool).await?;
                    crate::rebuild_cmd::run(&pool, &args, format).await
                })
            })
        }
        Command::Projections(args) => {
            let settings = args.settings.clone();
            with_runtime(&settings, |config| {
                let format = config.log_format;
                with_database(config, move |pool| async move {
                    lifeos_db::migrate::run(&pool).await?;
                    crate::projections_cmd::run(&pool, args.action, format).await
                })
            })
        }
        Command::Allowlist { action, settings } => with_runtime(&settings, |config| allowlist(config, action)),
        Command::Owner { action: OwnerAction::SetupCode, settings } => with_runtime(&settings, |config| {
            let (owner_email, format) = (config.api().owner_email, config.log_format);
            with_database(config, move |pool| async move {
                lifeos_db::migrate::run(&pool).await?;
                crate::owner_cmd::print_setup_code(&pool, owner_email.as_deref(), format).await
            })
        }),
    }
}

fn with_runtime<F, Fut>(settings: &impl Load, command: F) -> anyhow::Result<()>
where
    F: FnOnce(Config) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let config = settings.load()?;
    crate::telemetry::init(&config);
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(command(config))
}

/// Opens the database, runs `work` on its pool, and always closes it (and its cluster).
async fn with_database<F, Fut>(config: Config, work: F) -> anyhow::Result<()>
where
    F: FnOnce(sqlx::PgPool) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let db = Database::open(&config).await?;
    let result = work(db.pool.clone()).await;
    db.close().await;
    result
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let db = Database::open(&config).await?;
    let result = serve_on(&config, &db).await;
    db.close().await;
    result
}

async fn serve_on(config: &Config, db: &Database) -> anyhow::Result<()> {
    let format = config.log_format;
    apply_migrations(&db.pool, format).await?;
    crate::owner_cmd::at_boot(&db.pool, config.api().owner_email.as_deref(), format).await?;
    let listener = TcpListener::bind(config.listen_addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen_addr))?;
    let server = RunningServer::start(config, db.pool.clone(), listener)
        .with_context(|| format!("cannot start the server (metrics address {:?})", config.metrics_addr))?;
    let shutdown = shutdown_signal();
    tracing::info!(addr = %server.addr, "lifeosd is ready");
    if let Some(metrics) = server.metrics_addr {
        crate::output::stdout(format, &format!("lifeosd metrics on http://{metrics}/metrics"), serde_json::json!({"metricsAddr": metrics.to_string()}));
    }
    // Scripts and tests read this line to learn the address (and that the server is ready).
    let addr = server.addr.to_string();
    crate::output::stdout(format, &format!("lifeosd listening on http://{addr}"), serde_json::json!({"addr": addr}));
    shutdown.await;
    tracing::info!("shutting down");
    server.shutdown().await
}

async fn project(config: Config) -> anyhow::Result<()> {
    let format = config.log_format;
    with_database(config, |pool| async move {
        apply_migrations(&pool, format).await?;
        let shutdown = shutdown_signal();
        let projectors = crate::server::Projectors::spawn(&pool);
        tracing::info!("projectors running");
        shutdown.await;
        projectors.shutdown().await;
        Ok(())
    })
    .await
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let format = config.log_format;
    with_database(config, |pool| async move { apply_migrations(&pool, format).await }).await
}

async fn allowlist(config: Config, action: AllowlistAction) -> anyhow::Result<()> {
    let format = config.log_format;
    with_database(config, |pool| allowlist_on(pool, action, format)).await
}

async fn allowlist_on(pool: sqlx::PgPool, action: AllowlistAction, format: LogFormat) -> anyhow::Result<()> {
    use lifeos_api::auth::users;
    lifeos_db::migrate::run(&pool).await?;
    let normalize = |email: &str| users::normalize_email(email).map_err(|e| anyhow::anyhow!(e.message()));
    match action {
        AllowlistAction::Add { email } => {
            let email = normalize(&email)?;
            users::allow(&pool, &email, None, chrono::Utc::now()).await?;
            crate::output::summary(format, &format!("allowed {email}"));
        }
        AllowlistAction::Remove { email } => {
            let email = normalize(&email)?;
            let removed = users::revoke(&pool, &email).await?;
            crate::output::summary(format, &format!("{} {email}", if removed { "removed" } else { "was not on the allowlist:" }));
        }
        AllowlistAction::List => {
            for email in users::allowlist(&pool).await? {
                crate::output::stdout(format, &email, serde_json::json!({"email": email}));
            }
        }
    }
    Ok(())
}

/// Applies pending migrations; the `migrations: …` summary is a stdout line in human mode
/// and a log line in json mode.
async fn apply_migrations(pool: &sqlx::PgPool, format: LogFormat) -> anyhow::Result<()> {
    let applied = lifeos_db::migrate::run(pool).await?;
    let summary = if applied.is_empty() {
        "migrations: 0 applied (up to date)".to_owned()
    } else {
        format!("migrations: {} applied {:?}", applied.len(), applied)
    };
    crate::output::summary(format, &summary);
    Ok(())
}

/// Installs the SIGINT/SIGTERM handlers now — before the readiness line, so that a signal
/// sent right after it is a graceful stop, not the default kill — and returns the future
/// that completes on the first of them.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, Signal, SignalKind};
    let listen = |kind: SignalKind| {
        signal(kind).map_err(|e| tracing::error!(error = %e, "cannot listen for a shutdown signal")).ok()
    };
    async fn recv(signal: Option<Signal>) {
        match signal {
            Some(mut signal) => {
                signal.recv().await;
            }
            None => std::future::pending().await,
        }
    }
    let (interrupt, terminate) = (listen(SignalKind::interrupt()), listen(SignalKind::terminate()));
    async move {
        tokio::select! { () = recv(interrupt) => {}, () = recv(terminate) => {} }
    }
}
