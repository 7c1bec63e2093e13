//! The vault: one secret per profile across the backends, in the configured order. `store`
//! writes to the first storable backend that is available (an unavailable keyring falls
//! through to the file; `env` is read-only and skipped), `load` returns the first backend that
//! holds the profile, `remove` clears the profile from every storable backend in the order,
//! `status` reports each backend without prompting.
//!
//! Must never: prompt in `status`; ask for a passphrase when the file does not exist and
//! nothing is written to it; move on silently after a wrong passphrase or a damaged file (those
//! are errors, only an unavailable keyring falls through); touch a backend left out of the order.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use secrecy::{ExposeSecret, SecretString};

use super::backend::{Backend, Presence};
use super::env::{EnvLookup, TOKEN_VAR};
use super::error::{CredentialError, Failure};
use super::file_format::{self, KdfParams, SecretMap};
use super::file_store;
use super::keyring_store;
use super::passphrase::{PassphraseSource, Purpose};

/// The credential store of one CLI invocation.
#[derive(Debug)]
pub struct Vault {
    order: Vec<Backend>,
    file: PathBuf,
    passphrase: PassphraseSource,
    env: EnvLookup,
    kdf: KdfParams,
    /// The passphrase once it opened (or created) the file, so one command prompts once.
    unlocked: Mutex<Option<SecretString>>,
}

impl Vault {
    /// A vault over `order` (duplicates dropped), the encrypted file at `file` (the CLI passes
    /// `<config dir>/credentials.enc`), its passphrase source, and the environment.
    pub fn new(order: Vec<Backend>, file: PathBuf, passphrase: PassphraseSource, env: EnvLookup) -> Self {
        let mut deduped = Vec::with_capacity(order.len());
        for backend in order {
            if !deduped.contains(&backend) {
                deduped.push(backend);
            }
        }
        Vault {
            order: deduped,
            file,
            passphrase,
            env,
            kdf: KdfParams::RECOMMENDED,
            unlocked: Mutex::new(None),
        }
    }

    /// Argon2id parameters for files this vault writes (reading uses the file's own).
    pub fn with_kdf(mut self, kdf: KdfParams) -> Self {
        self.kdf = kdf;
        self
    }

    /// The backends in the order they are tried.
    pub fn order(&self) -> &[Backend] {
        &self.order
    }

    /// The encrypted file's path.
    pub fn file_path(&self) -> &Path {
        &self.file
    }

    /// Saves `secret` for `profile` in the first storable, available backend; which one.
    pub fn store(&self, profile: &str, secret: &SecretString) -> Result<Backend, CredentialError> {
        check_profile(profile)?;
        if secret.expose_secret().is_empty() {
            return Err(CredentialError::EmptySecret);
        }
        let mut skipped = Vec::new();
        for &backend in &self.order {
            match backend {
                Backend::Env => skipped.push("env is read-only".to_owned()),
                Backend::Keyring => match keyring_store::set(profile, secret) {
                    Ok(()) => return Ok(Backend::Keyring),
                    Err(Failure::Unavailable(reason)) => {
                        skipped.push(format!("keyring unavailable: {reason}"));
                    }
                    Err(Failure::Error(e)) => return Err(e),
                },
                Backend::File => {
                    self.update_file(|map| {
                        map.insert(profile, secret);
                        true
                    })?;
                    return Ok(Backend::File);
                }
            }
        }
        if skipped.is_empty() {
            skipped.push("no backend configured".to_owned());
        }
        Err(CredentialError::NothingCanStore { profile: profile.to_owned(), reasons: skipped.join("; ") })
    }

    /// The profile's secret from the first backend in the order that holds one.
    pub fn load(&self, profile: &str) -> Result<Option<(Backend, SecretString)>, CredentialError> {
        check_profile(profile)?;
        for &backend in &self.order {
            let found = match backend {
                Backend::Keyring => match keyring_store::get(profile) {
                    Ok(found) => found,
                    Err(Failure::Unavailable(_)) => None,
                    Err(Failure::Error(e)) => return Err(e),
                },
                Backend::File => self.open_file(true)?.and_then(|map| map.get(profile)),
                Backend::Env => self.env.get(TOKEN_VAR).map(SecretString::from),
            };
            if let Some(secret) = found {
                return Ok(Some((backend, secret)));
            }
        }
        Ok(None)
    }

    /// Deletes the profile from every storable backend in the order; those that had it.
    pub fn remove(&self, profile: &str) -> Result<Vec<Backend>, CredentialError> {
        check_profile(profile)?;
        let mut removed = Vec::new();
        for &backend in &self.order {
            let had = match backend {
                Backend::Env => false,
                Backend::Keyring => match keyring_store::delete(profile) {
                    Ok(had) => had,
                    Err(Failure::Unavailable(_)) => false,
                    Err(Failure::Error(e)) => return Err(e),
                },
                Backend::File => self.update_file(|map| map.remove(profile))?,
            };
            if had {
                removed.push(backend);
            }
        }
        Ok(removed)
    }

    /// What each backend in the order holds for the profile, without ever prompting.
    pub fn status(&self, profile: &str) -> Vec<(Backend, Presence)> {
        self.order.iter().map(|&backend| (backend, self.presence(backend, profile))).collect()
    }

    fn presence(&self, backend: Backend, profile: &str) -> Presence {
        if let Err(e) = check_profile(profile) {
            return Presence::Unavailable(e.to_string());
        }
        let holds = |found: bool| if found { Presence::Holds } else { Presence::Empty };
        match backend {
            Backend::Keyring => match keyring_store::get(profile) {
                Ok(found) => holds(found.is_some()),
                Err(Failure::Unavailable(reason)) => Presence::Unavailable(reason),
                Err(Failure::Error(e)) => Presence::Unavailable(e.to_string()),
            },
            Backend::File => match self.open_file(false) {
                Ok(None) => Presence::Empty,
                Ok(Some(map)) => holds(map.contains(profile)),
                Err(CredentialError::PassphraseUnavailable { .. }) => Presence::Locked,
                Err(e) => Presence::Unavailable(e.to_string()),
            },
            Backend::Env => holds(self.env.get(TOKEN_VAR).is_some()),
        }
    }

    /// The decrypted file, `None` if it does not exist (then no passphrase is asked for).
    fn open_file(&self, interactive: bool) -> Result<Option<SecretMap>, CredentialError> {
        let Some(bytes) = file_store::read(&self.file)? else {
            return Ok(None);
        };
        let passphrase = self.passphrase(Purpose::Unlock, interactive)?;
        let map = file_format::open(&bytes, &passphrase, &self.file)?;
        self.remember(passphrase);
        Ok(Some(map))
    }

    /// Applies `edit` to the file's map and rewrites it when `edit` says it changed something
    /// (creating the file if needed); whether it changed.
    fn update_file(&self, edit: impl FnOnce(&mut SecretMap) -> bool) -> Result<bool, CredentialError> {
        let existing = file_store::read(&self.file)?;
        let (mut map, passphrase) = match existing {
            Some(bytes) => {
                let passphrase = self.passphrase(Purpose::Unlock, true)?;
                (file_format::open(&bytes, &passphrase, &self.file)?, passphrase)
            }
            None => {
                let mut probe = SecretMap::default();
                if !edit(&mut probe) {
                    return Ok(false);
                }
                let passphrase = self.passphrase(Purpose::Create, true)?;
                self.write_file(&probe, &passphrase)?;
                self.remember(passphrase);
                return Ok(true);
            }
        };
        let changed = edit(&mut map);
        if changed {
            self.write_file(&map, &passphrase)?;
        }
        self.remember(passphrase);
        Ok(changed)
    }

    fn write_file(&self, map: &SecretMap, passphrase: &SecretString) -> Result<(), CredentialError> {
        let bytes = file_format::seal(map, passphrase, self.kdf)?;
        file_store::write(&self.file, &bytes)
    }

    fn passphrase(&self, purpose: Purpose, interactive: bool) -> Result<SecretString, CredentialError> {
        let cached = self.unlocked.lock().unwrap_or_else(PoisonError::into_inner);
        match cached.as_ref() {
            Some(p) => Ok(SecretString::from(p.expose_secret())),
            None => self.passphrase.resolve(&self.env, &self.file, purpose, interactive),
        }
    }

    fn remember(&self, passphrase: SecretString) {
        *self.unlocked.lock().unwrap_or_else(PoisonError::into_inner) = Some(passphrase);
    }
}

fn check_profile(profile: &str) -> Result<(), CredentialError> {
    if profile.is_empty() || profile.chars().any(char::is_control) {
        return Err(CredentialError::InvalidProfile { profile: profile.escape_debug().to_string() });
    }
    Ok(())
}

#[cfg(test)]
#[path = "vault_tests.rs"]
mod tests;
