//! The `lifeos` CLI's credential store: one secret (a session token or a personal access token)
//! per profile, kept in the OS keyring, an encrypted file or read from `LIFEOS_TOKEN`, tried in a
//! configurable order (default keyring → file → env) through [`Vault`].
//!
//! Must never: print, log or put a secret or the file passphrase into an error message or a
//! `Debug` output; write a secret in clear to disk; read the process environment on its own
//! (the caller hands in an [`EnvLookup`]); touch the TOML config file.
//!
//! Files: `backend` (the names), `error`, `env`, `passphrase`, `file_format` (the sealed JSON
//! document and its crypto), `file_store` (atomic 0600 writes), `keyring_store`, `vault` (the
//! order). THREAT-MODEL.md at the repo root says what each backend protects against.

mod backend;
mod env;
mod error;
mod file_format;
mod file_store;
mod keyring_store;
mod passphrase;
mod vault;

pub use backend::{Backend, Presence};
pub use env::{EnvLookup, PASSPHRASE_VAR, TOKEN_VAR};
pub use error::CredentialError;
pub use file_format::KdfParams;
pub use keyring_store::KEYRING_SERVICE;
pub use passphrase::PassphraseSource;
pub use vault::Vault;
