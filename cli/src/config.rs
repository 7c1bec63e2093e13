//! The CLI's settings: `config.toml` in the XDG config dir (`$XDG_CONFIG_HOME/lifeos`, or
//! `LIFEOS_CONFIG_DIR`) — profiles (server URL, default workspace, email, output format),
//! the current profile and the credential backends' order. Never a secret: tokens live in the
//! credential store (`credentials/`), and this file may be shared, synced or pasted safely.
//! Loaded once per run; written atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::credentials::Backend;
use crate::error::CliError;
use crate::output::Format;

pub const CONFIG_DIR_VAR: &str = "LIFEOS_CONFIG_DIR";
pub const DEFAULT_PROFILE: &str = "default";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct Config {
    /// The profile used without `--profile`.
    pub current: Option<String>,
    /// Where credentials are looked for, first to last (default keyring, file, env).
    pub credentials: Credentials,
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct Credentials {
    pub order: Vec<Backend>,
}

impl Default for Credentials {
    fn default() -> Self {
        Self { order: vec![Backend::Keyring, Backend::File, Backend::Env] }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct Profile {
    /// The server's base URL, e.g. `https://life.example` (GraphQL at `/graphql`).
    pub server: String,
    /// The workspace commands act in (default: the personal one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The output format when `--output` is not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Format>,
}

/// Where the config and the encrypted credential file live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub dir: PathBuf,
}

impl Paths {
    /// `LIFEOS_CONFIG_DIR`, else the platform's config dir for `lifeos`.
    pub fn locate(env: &dyn Fn(&str) -> Option<String>) -> Result<Self, CliError> {
        if let Some(dir) = env(CONFIG_DIR_VAR).filter(|d| !d.is_empty()) {
            return Ok(Self { dir: PathBuf::from(dir) });
        }
        let dirs = directories::ProjectDirs::from("", "", "lifeos").ok_or_else(|| CliError::Config("no home directory to keep the configuration in; set LIFEOS_CONFIG_DIR".into()))?;
        Ok(Self { dir: dirs.config_dir().to_path_buf() })
    }

    pub fn config(&self) -> PathBuf {
        self.dir.join("config.toml")
    }

    pub fn credentials(&self) -> PathBuf {
        self.dir.join("credentials.enc")
    }
}

impl Config {
    /// The file's settings, or the defaults if there is none yet.
    pub fn load(path: &Path) -> Result<Self, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| CliError::Config(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(CliError::Config(format!("{}: {e}", path.display()))),
        }
    }

    /// Writes the settings (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), CliError> {
        let text = toml::to_string_pretty(self).map_err(|e| CliError::Config(e.to_string()))?;
        let io = |e: std::io::Error| CliError::Config(format!("{}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let temporary = path.with_extension("toml.tmp");
        std::fs::write(&temporary, text).map_err(io)?;
        std::fs::rename(&temporary, path).map_err(io)
    }

    /// The profile a run uses: the flag, else the current one, else `default`.
    pub fn profile_name(&self, flag: Option<&str>) -> String {
        flag.map(str::to_owned).or_else(|| self.current.clone()).unwrap_or_else(|| DEFAULT_PROFILE.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_toml_and_default_the_credential_order() -> Result<(), CliError> {
        let dir = tempfile::tempdir().map_err(|e| CliError::Config(e.to_string()))?;
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path)?.credentials.order, vec![Backend::Keyring, Backend::File, Backend::Env]);
        let mut config = Config { current: Some("work".into()), ..Config::default() };
        config.profiles.insert("work".into(), Profile { server: "https://w.example".into(), output: Some(Format::Yaml), ..Profile::default() });
        config.save(&path)?;
        assert_eq!(Config::load(&path)?, config);
        assert_eq!(config.profile_name(None), "work");
        assert_eq!(config.profile_name(Some("home")), "home");
        Ok(())
    }
}
