//! The one error type of the credential store boundary.
//!
//! Must never: hold or format a secret or a passphrase. Variants carry paths, profile names,
//! backend names and reasons from the OS or the parser, nothing read from a secret.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// Why a credential operation failed.
#[derive(Debug, Error)]
pub enum CredentialError {
    /// The AEAD tag did not verify: the passphrase is wrong, or a byte of the salt, nonce,
    /// parameters or ciphertext was changed.
    #[error(
        "the credential file {} could not be decrypted: wrong passphrase or the file was modified",
        path.display()
    )]
    BadPassphraseOrTampered { path: PathBuf },

    /// The file is not a credential document this version can read (bad JSON, bad base64,
    /// unknown version or KDF, parameters out of range).
    #[error(
        "the credential file {} is damaged or was modified ({reason}); restore it from a backup \
         or delete it and log in again",
        path.display()
    )]
    Malformed { path: PathBuf, reason: String },

    /// Encrypting failed (invalid KDF parameters given by the caller, or the cipher refused).
    #[error("could not encrypt the credential file: {reason}")]
    Seal { reason: String },

    /// Reading, writing or renaming the file failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// No passphrase could be had without a terminal.
    #[error(
        "a passphrase is needed for the credential file {}: set LIFEOS_CLI_PASSPHRASE or run \
         the command in a terminal",
        path.display()
    )]
    PassphraseUnavailable { path: PathBuf },

    /// The passphrase given was empty.
    #[error("the passphrase for the credential file must not be empty")]
    EmptyPassphrase,

    /// The new passphrase and its confirmation differ.
    #[error("the two passphrases did not match; nothing was written")]
    PassphraseMismatch,

    /// Reading the passphrase from the terminal failed.
    #[error("could not read the passphrase from the terminal: {0}")]
    Prompt(#[source] io::Error),

    /// The keyring answered with something other than "not there" or "unavailable".
    #[error("the OS keyring failed for profile {profile:?}: {reason}")]
    Keyring { profile: String, reason: String },

    /// No backend in the order can store (only `env`, or every storable one is unavailable).
    #[error(
        "nowhere to store the credential for profile {profile:?} ({reasons}); set LIFEOS_TOKEN \
         in the environment yourself instead"
    )]
    NothingCanStore { profile: String, reasons: String },

    /// An empty secret was given to `store`.
    #[error("refusing to store an empty credential")]
    EmptySecret,

    /// A profile name that cannot be used as a key (empty or with control characters).
    #[error("invalid profile name {profile:?}: it must be non-empty and printable")]
    InvalidProfile { profile: String },

    /// A backend name in the config that is not `keyring`, `file` or `env`.
    #[error("unknown credential backend {name:?}: expected keyring, file or env")]
    UnknownBackend { name: String },
}

impl CredentialError {
    pub(crate) fn malformed(path: &std::path::Path, reason: impl Into<String>) -> Self {
        CredentialError::Malformed { path: path.to_path_buf(), reason: reason.into() }
    }

    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: io::Error) -> Self {
        CredentialError::Io { action, path: path.to_path_buf(), source }
    }
}

/// How one backend failed inside the vault: `Unavailable` lets the vault move on to the next
/// backend in the order; `Error` stops it.
#[derive(Debug)]
pub(crate) enum Failure {
    Unavailable(String),
    Error(CredentialError),
}

impl From<CredentialError> for Failure {
    fn from(e: CredentialError) -> Self {
        Failure::Error(e)
    }
}
