//! Where the credential file's passphrase comes from: a fixed value (tests, a passphrase the
//! CLI read from stdin), `LIFEOS_CLI_PASSPHRASE`, or a no-echo prompt on the terminal.
//!
//! Must never: prompt when stdin or stderr is not a terminal, or when the caller asked for a
//! non-interactive answer (`lifeos auth status`); echo, print or log the passphrase.

use std::io::IsTerminal;
use std::path::Path;

use secrecy::{ExposeSecret, SecretString};

use super::env::{EnvLookup, PASSPHRASE_VAR};
use super::error::CredentialError;

/// How the vault obtains the file passphrase.
#[derive(Debug)]
pub enum PassphraseSource {
    /// This passphrase, always.
    Fixed(SecretString),
    /// `LIFEOS_CLI_PASSPHRASE` only; never prompts (scripts, `--no-input`).
    Env,
    /// `LIFEOS_CLI_PASSPHRASE` if set, else a prompt when stdin and stderr are terminals.
    EnvOrPrompt,
}

/// Why the passphrase is wanted: a new file asks twice so a typo cannot lock the user out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Unlock,
    Create,
}

impl PassphraseSource {
    /// The passphrase, or `PassphraseUnavailable` when none can be had (with `interactive`
    /// false the prompt is never used).
    pub(crate) fn resolve(
        &self,
        env: &EnvLookup,
        path: &Path,
        purpose: Purpose,
        interactive: bool,
    ) -> Result<SecretString, CredentialError> {
        let found = match self {
            PassphraseSource::Fixed(p) => SecretString::from(p.expose_secret()),
            PassphraseSource::Env | PassphraseSource::EnvOrPrompt => {
                match env.get(PASSPHRASE_VAR) {
                    Some(value) => SecretString::from(value),
                    None if interactive
                        && matches!(self, PassphraseSource::EnvOrPrompt)
                        && std::io::stdin().is_terminal()
                        && std::io::stderr().is_terminal() =>
                    {
                        prompt(path, purpose)?
                    }
                    None => {
                        return Err(CredentialError::PassphraseUnavailable {
                            path: path.to_path_buf(),
                        })
                    }
                }
            }
        };
        if found.expose_secret().is_empty() {
            return Err(CredentialError::EmptyPassphrase);
        }
        Ok(found)
    }
}

fn prompt(path: &Path, purpose: Purpose) -> Result<SecretString, CredentialError> {
    let ask = |text: String| {
        rpassword::prompt_password(text).map(SecretString::from).map_err(CredentialError::Prompt)
    };
    match purpose {
        Purpose::Unlock => ask(format!("Passphrase for {}: ", path.display())),
        Purpose::Create => {
            let first = ask(format!("New passphrase for {}: ", path.display()))?;
            let again = ask("Repeat the passphrase: ".to_owned())?;
            if first.expose_secret() != again.expose_secret() {
                return Err(CredentialError::PassphraseMismatch);
            }
            Ok(first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("/tmp/credentials.enc")
    }

    #[test]
    fn given_a_fixed_passphrase_when_resolved_then_it_is_returned_without_the_env() {
        let source = PassphraseSource::Fixed(SecretString::from("correct horse"));
        let env = EnvLookup::from_pairs([(PASSPHRASE_VAR, "other")]);
        let got = source.resolve(&env, path(), Purpose::Unlock, false).expect("test expectation");
        assert_eq!(got.expose_secret(), "correct horse");
    }

    #[test]
    fn given_the_env_var_when_resolved_then_it_wins_over_the_prompt() {
        let env = EnvLookup::from_pairs([(PASSPHRASE_VAR, "from env")]);
        for source in [PassphraseSource::Env, PassphraseSource::EnvOrPrompt] {
            let got = source.resolve(&env, path(), Purpose::Create, true).expect("test expectation");
            assert_eq!(got.expose_secret(), "from env");
        }
    }

    #[test]
    fn given_no_env_var_and_no_interaction_when_resolved_then_the_error_names_the_variable() {
        let err = PassphraseSource::EnvOrPrompt
            .resolve(&EnvLookup::empty(), path(), Purpose::Unlock, false)
            .expect_err("test expectation");
        assert!(matches!(err, CredentialError::PassphraseUnavailable { .. }));
        assert!(err.to_string().contains("LIFEOS_CLI_PASSPHRASE"), "{err}");
        let err = PassphraseSource::Env
            .resolve(&EnvLookup::empty(), path(), Purpose::Unlock, true)
            .expect_err("test expectation");
        assert!(matches!(err, CredentialError::PassphraseUnavailable { .. }));
    }

    #[test]
    fn given_an_empty_fixed_passphrase_when_resolved_then_it_is_refused() {
        let err = PassphraseSource::Fixed(SecretString::from(""))
            .resolve(&EnvLookup::empty(), path(), Purpose::Create, false)
            .expect_err("test expectation");
        assert!(matches!(err, CredentialError::EmptyPassphrase));
    }

    #[test]
    fn given_a_fixed_passphrase_when_debug_printed_then_it_is_redacted() {
        let shown = format!("{:?}", PassphraseSource::Fixed(SecretString::from("hunter2-pass")));
        assert!(!shown.contains("hunter2-pass"), "{shown}");
    }
}
