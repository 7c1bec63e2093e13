//! Logging setup: `tracing` to stderr, human-readable by default, JSON lines with
//! `LIFEOS_LOG_FORMAT=json`, filtered RUST_LOG-style (the access log is the target
//! `lifeos::access`). Stdout is kept for program output (the SDL, the readiness line, the
//! setup code) so scripts can read it; `output.rs` keeps it JSON in json mode.

use std::io::IsTerminal;
use std::sync::OnceLock;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::{Config, LogFormat};

const DEFAULT_FILTER: &str = "info,sqlx=warn";

/// The format of the installed subscriber (the first one, in a process that boots several).
static FORMAT: OnceLock<LogFormat> = OnceLock::new();

/// The format logging was installed with, if it was.
pub fn format() -> Option<LogFormat> {
    FORMAT.get().copied()
}

/// Installs the global subscriber once; later calls (tests booting several servers) are no-ops.
pub fn init(config: &Config) {
    let filter = config
        .log_filter
        .clone()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| DEFAULT_FILTER.to_owned());
    let filter = EnvFilter::try_new(&filter).unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match config.log_format {
        LogFormat::Human => registry
            .with(fmt::layer().with_ansi(std::io::stderr().is_terminal()).with_writer(std::io::stderr))
            .try_init(),
        LogFormat::Json => registry
            .with(fmt::layer().json().with_current_span(true).with_writer(std::io::stderr))
            .try_init(),
    };
    // Already installed (several servers in one test process): keep the first.
    if result.is_ok() {
        let _ = FORMAT.set(config.log_format);
    }
}
