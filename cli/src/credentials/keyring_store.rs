//! The OS keyring backend through the `keyring` crate: service `lifeos`, user
//! `profile:<name>` (keyutils description `keyring-rs:profile:<name>@lifeos`). On Linux that is
//! the kernel keyutils store (feature linux-native; no D-Bus, works headless): keyring 3 adds
//! the key to the calling thread's session keyring and links it into the user's persistent
//! keyring (`_persistent.<uid>`), and every lookup searches the session keyring, into which the
//! persistent one is linked. So every process of the same user sees the key: children inherit
//! the session keyring, unrelated processes and other login sessions reach it through the
//! persistent keyring, which the kernel drops after
//! `/proc/sys/kernel/keys/persistent_keyring_expiry` seconds without use (3 days by default;
//! each lookup restarts the clock). Kernel keys do not survive a reboot: `load` then finds
//! nothing and the user logs in again.
//!
//! Must never: format a `keyring::Error` with `{:?}` (BadEncoding carries the secret's bytes);
//! treat "no such entry" as a failure.

use keyring::{Entry, Error as KeyringError};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::error::{CredentialError, Failure};

/// The keyring service name every entry is filed under.
pub const KEYRING_SERVICE: &str = "lifeos";

fn entry(profile: &str) -> Result<Entry, Failure> {
    // keyutils: building an entry asks for the session keyring and then links the persistent
    // keyring into it. In a thread with no session keyring of its own (no pam_keyinit: cron,
    // containers, CI, many ssh setups) the first ask hands back the user-session keyring and
    // the link step moves the thread to a fresh session keyring, so the key would be added
    // where the thread no longer possesses it and linking it to the persistent keyring fails
    // (EACCES, which keyring 3 reports as NoEntry). A throwaway entry first settles the thread
    // on its final session keyring; the real one is then built against it. Harmless when the
    // login already gave a session keyring.
    #[cfg(target_os = "linux")]
    Entry::new(KEYRING_SERVICE, "session-probe").map_err(|e| classify(profile, e))?;
    Entry::new(KEYRING_SERVICE, &format!("profile:{profile}")).map_err(|e| classify(profile, e))
}

fn classify(profile: &str, error: KeyringError) -> Failure {
    let fail = |reason: String| {
        Failure::Error(CredentialError::Keyring { profile: profile.to_owned(), reason })
    };
    match &error {
        KeyringError::NoStorageAccess(_) | KeyringError::PlatformFailure(_) => {
            Failure::Unavailable(error.to_string())
        }
        KeyringError::BadEncoding(_) => fail("the stored entry is not UTF-8 text".to_owned()),
        KeyringError::Ambiguous(found) => fail(format!("{} entries match", found.len())),
        other => fail(other.to_string()),
    }
}

/// The profile's secret, `None` if the keyring has no entry for it.
pub(crate) fn get(profile: &str) -> Result<Option<SecretString>, Failure> {
    match entry(profile)?.get_secret() {
        Ok(bytes) => {
            let bytes = Zeroizing::new(bytes);
            match std::str::from_utf8(&bytes) {
                Ok(text) => Ok(Some(SecretString::from(text))),
                Err(_) => Err(classify(profile, KeyringError::BadEncoding(Vec::new()))),
            }
        }
        Err(KeyringError::NoEntry) => Ok(None),
        Err(e) => Err(classify(profile, e)),
    }
}

/// Stores (or replaces) the profile's secret.
pub(crate) fn set(profile: &str, secret: &SecretString) -> Result<(), Failure> {
    let entry = entry(profile)?;
    match entry.set_password(secret.expose_secret()) {
        Ok(()) => Ok(()),
        // keyutils reports a refused link (EACCES) as NoEntry: the keyring is not usable here.
        // The key may have been added before the link failed; take it back, best effort.
        Err(KeyringError::NoEntry) => {
            let _ = entry.delete_credential();
            Err(Failure::Unavailable("the keyring refused to store the entry".to_owned()))
        }
        Err(e) => Err(classify(profile, e)),
    }
}

/// Deletes the profile's entry; whether there was one.
pub(crate) fn delete(profile: &str) -> Result<bool, Failure> {
    match entry(profile)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(KeyringError::NoEntry) => Ok(false),
        Err(e) => Err(classify(profile, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngCore;
    use std::process::Command;

    const CHILD_TEST: &str = "credentials::keyring_store::tests::child_process_reads_the_entry";
    const CHILD_PROFILE: &str = "LIFEOS_TEST_KEYRING_CHILD_PROFILE";
    const CHILD_EXPECT: &str = "LIFEOS_TEST_KEYRING_CHILD_EXPECT";

    fn random() -> String {
        format!("{:016x}", rand::thread_rng().next_u64())
    }

    #[test]
    fn given_a_stored_secret_when_loaded_here_and_in_a_child_process_then_both_see_it_until_removed() {
        let profile = format!("unit-test-{}", random());
        let secret = format!("lifeos_test_token_{}", random());
        match set(&profile, &SecretString::from(secret.as_str())) {
            Ok(()) => {}
            Err(Failure::Unavailable(reason)) => {
                eprintln!("note: the OS keyring is unavailable here ({reason}); skipping");
                return;
            }
            Err(Failure::Error(e)) => panic!("storing in the keyring failed: {e}"),
        }
        let here = get(&profile);
        let child = std::env::current_exe().and_then(|exe| {
            Command::new(exe)
                .args(["--exact", CHILD_TEST, "--ignored", "--nocapture", "--test-threads=1"])
                .env(CHILD_PROFILE, &profile)
                .env(CHILD_EXPECT, &secret)
                .output()
        });
        let removed = delete(&profile);
        // Asserts come after the cleanup so a failure leaves nothing in the keyring.
        assert_eq!(here.expect("test expectation").expect("test expectation").expose_secret(), secret);
        let child = child.expect("test expectation");
        let child_out = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success(), "child failed: {child_out}");
        assert!(child_out.contains("1 passed"), "the child ran no test: {child_out}");
        assert!(matches!(removed, Ok(true)), "{removed:?}");
        assert!(matches!(get(&profile), Ok(None)));
        assert!(matches!(delete(&profile), Ok(false)));
    }

    /// Run only by the test above, as a separate process, with the profile in its environment.
    #[test]
    #[ignore = "spawned as a child process by the keyring round-trip test"]
    fn child_process_reads_the_entry() {
        let (Ok(profile), Ok(expected)) = (std::env::var(CHILD_PROFILE), std::env::var(CHILD_EXPECT))
        else {
            eprintln!("note: only meaningful when spawned by the keyring round-trip test");
            return;
        };
        let got = get(&profile).expect("test expectation").expect("the child process sees the entry");
        assert_eq!(got.expose_secret(), expected);
    }
}
