//! The names of the three credential backends (as written in the TOML config and printed by
//! `lifeos auth status`) and what a backend holds for a profile.
//!
//! Must never: carry a secret; `Presence::Unavailable` reasons come from backend errors, which
//! never contain one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::CredentialError;

/// Where a profile's secret can live. Written and parsed as `keyring`, `file` or `env`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// The OS keyring: Keychain, Windows Credential Manager, Linux kernel keyutils.
    Keyring,
    /// The AES-256-GCM file whose key is derived from a passphrase (Argon2id).
    File,
    /// `LIFEOS_TOKEN`: read-only, applies to every profile.
    Env,
}

impl Backend {
    /// The order used when the config names none.
    pub const DEFAULT_ORDER: [Backend; 3] = [Backend::Keyring, Backend::File, Backend::Env];

    /// The lowercase name used in the config and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Keyring => "keyring",
            Backend::File => "file",
            Backend::Env => "env",
        }
    }

    /// Whether `store` can write to it (`env` is read-only).
    pub fn is_storable(self) -> bool {
        !matches!(self, Backend::Env)
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Backend {
    type Err = CredentialError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "keyring" => Ok(Backend::Keyring),
            "file" => Ok(Backend::File),
            "env" => Ok(Backend::Env),
            _ => Err(CredentialError::UnknownBackend { name: s.to_owned() }),
        }
    }
}

/// What one backend holds for one profile, for `lifeos auth status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// A secret is there.
    Holds,
    /// The backend works and has nothing for this profile.
    Empty,
    /// The file exists but no passphrase is available without prompting.
    Locked,
    /// The backend cannot be used; the reason is safe to print.
    Unavailable(String),
}

impl fmt::Display for Presence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Presence::Holds => f.write_str("holds a credential"),
            Presence::Empty => f.write_str("empty"),
            Presence::Locked => f.write_str("locked (set LIFEOS_CLI_PASSPHRASE to check it)"),
            Presence::Unavailable(reason) => write!(f, "unavailable: {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_each_backend_when_displayed_then_it_parses_back_to_itself() {
        for backend in Backend::DEFAULT_ORDER {
            assert_eq!(backend.to_string().parse::<Backend>().expect("test expectation"), backend);
        }
        assert_eq!(" KEYRING ".parse::<Backend>().expect("test expectation"), Backend::Keyring);
    }

    #[test]
    fn given_an_unknown_name_when_parsed_then_the_error_lists_the_valid_names() {
        let err = "vault".parse::<Backend>().expect_err("test expectation");
        assert!(matches!(err, CredentialError::UnknownBackend { .. }));
        assert!(err.to_string().contains("keyring, file or env"), "{err}");
    }

    #[test]
    fn given_a_config_list_when_deserialized_then_lowercase_names_map_to_backends() {
        let order: Vec<Backend> = serde_json::from_str(r#"["file","env","keyring"]"#).expect("test expectation");
        assert_eq!(order, vec![Backend::File, Backend::Env, Backend::Keyring]);
        assert_eq!(serde_json::to_string(&Backend::Keyring).expect("test expectation"), r#""keyring""#);
        assert!(serde_json::from_str::<Backend>(r#""File""#).is_err());
    }
}
