//! One run's context, built once from the command line, the environment and `config.toml`:
//! which profile, server and workspace, the credential vault in the configured order, the
//! output format, the clock, and the `Http` caller every command talks GraphQL through.
//! `LIFEOS_SERVER` + `LIFEOS_TOKEN` work with nothing on disk (CI, containers). With
//! `--verbose`, each exchange's operation, status, request id and time go to stderr — never
//! a token.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use lifeos_client::Http;
use serde_json::Value;

use crate::args::Globals;
use crate::config::{Config, Paths, Profile};
use crate::credentials::{Backend, EnvLookup, PassphraseSource, Vault, TOKEN_VAR};
use crate::error::CliError;
use crate::output::{self, Format};

pub const SERVER_VAR: &str = "LIFEOS_SERVER";

pub struct Session {
    pub globals: Globals,
    pub env: EnvLookup,
    pub paths: Paths,
    pub config: Config,
    /// The profile this run uses.
    pub profile: String,
    pub now: DateTime<Utc>,
    /// The credential and the caller built from it, once per run: unsealing the encrypted
    /// file costs an Argon2 derivation, which a paged `list --all` or a `load` must not pay
    /// per request.
    connection: OnceLock<(Backend, Http)>,
}

impl Session {
    pub fn new(globals: Globals, env: EnvLookup, now: DateTime<Utc>) -> Result<Self, CliError> {
        let paths = Paths::locate(&|name| env.get(name))?;
        let config = Config::load(&paths.config())?;
        let profile = config.profile_name(globals.profile.as_deref());
        Ok(Self { globals, env, paths, config, profile, now, connection: OnceLock::new() })
    }

    /// This run's profile settings (empty if it has none yet).
    pub fn settings(&self) -> Profile {
        self.config.profiles.get(&self.profile).cloned().unwrap_or_default()
    }

    pub fn vault(&self) -> Vault {
        let passphrase = if self.globals.no_input { PassphraseSource::Env } else { PassphraseSource::EnvOrPrompt };
        Vault::new(self.config.credentials.order.clone(), self.paths.credentials(), passphrase, self.env.clone())
    }

    /// The server: `--server`, else `LIFEOS_SERVER`, else the profile's.
    pub fn server(&self) -> Result<String, CliError> {
        let server = self.globals.server.clone().or_else(|| self.env.get(SERVER_VAR)).filter(|s| !s.is_empty()).or_else(|| Some(self.settings().server).filter(|s| !s.is_empty()));
        server.ok_or_else(|| CliError::Auth(format!("profile {:?} has no server: run `lifeos login --server URL` (or set {SERVER_VAR})", self.profile)))
    }

    /// A caller without credentials (sign-in).
    pub fn anonymous(&self, server: &str) -> Result<Http, CliError> {
        let mut http = Http::new(endpoint(server))?.client_id(format!("lifeos-cli-{}", self.profile));
        if self.globals.verbose {
            http = http.observe(|e| eprintln!("lifeos: {} → {} in {} ms (request id {})", e.operation, e.status, e.elapsed.as_millis(), e.request_id.as_deref().unwrap_or("-")));
        }
        Ok(http)
    }

    /// Which backend holds the profile's credential.
    pub fn credential(&self) -> Result<Backend, CliError> {
        Ok(self.connection()?.0)
    }

    /// A caller with the profile's credential, in its workspace.
    pub fn http(&self) -> Result<Http, CliError> {
        Ok(self.connection()?.1.clone())
    }

    fn connection(&self) -> Result<&(Backend, Http), CliError> {
        if let Some(connection) = self.connection.get() {
            return Ok(connection);
        }
        let (backend, token) = self.vault().load(&self.profile)?.ok_or_else(|| CliError::Auth(format!("not signed in (profile {:?}): run `lifeos login` or set {TOKEN_VAR}", self.profile)))?;
        let workspace = self.globals.workspace.clone().or_else(|| self.settings().workspace);
        let http = self.anonymous(&self.server()?)?.token(token).workspace(workspace);
        Ok(self.connection.get_or_init(|| (backend, http)))
    }

    pub fn format(&self) -> Format {
        Format::choose(self.globals.output, self.settings().output)
    }

    pub fn print(&self, data: &Value) -> Result<(), CliError> {
        output::print(self.format(), data)
    }

    pub fn save_config(&self) -> Result<(), CliError> {
        self.config.save(&self.paths.config())
    }
}

/// `https://life.example` → `https://life.example/graphql` (an URL already naming it stays).
pub fn endpoint(server: &str) -> String {
    let base = server.trim_end_matches('/');
    if base.ends_with("/graphql") {
        base.to_owned()
    } else {
        format!("{base}/graphql")
    }
}
