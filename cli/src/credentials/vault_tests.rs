//! Given/when/then tests of the vault's order, file and env behaviour (kept beside `vault.rs`
//! so that file stays small). None of them uses the keyring except the last, which skips
//! cleanly when the keyring is unavailable.

use super::*;
use crate::credentials::env::PASSPHRASE_VAR;
use crate::credentials::file_format::tests::FAST;
use std::fs;
use tempfile::TempDir;

const TOKEN_A: &str = "lifeos_pat_workA_9f8e7d6c5b4a";
const TOKEN_B: &str = "session-home-0123456789abcdef";
const PASS: &str = "correct horse battery staple";

fn secret(s: &str) -> SecretString {
    SecretString::from(s)
}

fn file_vault(dir: &TempDir, order: Vec<Backend>, pass: &str, env: EnvLookup) -> Vault {
    let path = dir.path().join("cfg").join("credentials.enc");
    Vault::new(order, path, PassphraseSource::Fixed(secret(pass)), env).with_kdf(FAST)
}

fn env_token(token: &str) -> EnvLookup {
    EnvLookup::from_pairs([(TOKEN_VAR, token)])
}

fn loaded(vault: &Vault, profile: &str) -> Option<(Backend, String)> {
    vault.load(profile).expect("test expectation").map(|(b, s)| (b, s.expose_secret().to_owned()))
}

#[test]
fn given_two_profiles_stored_in_the_file_when_loaded_by_a_new_vault_then_each_comes_back() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    assert_eq!(vault.store("work", &secret(TOKEN_A)).expect("test expectation"), Backend::File);
    assert_eq!(vault.store("home", &secret(TOKEN_B)).expect("test expectation"), Backend::File);
    let again = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    assert_eq!(loaded(&again, "work"), Some((Backend::File, TOKEN_A.to_owned())));
    assert_eq!(loaded(&again, "home"), Some((Backend::File, TOKEN_B.to_owned())));
    assert_eq!(loaded(&again, "other"), None);
}

#[test]
fn given_a_file_when_loaded_with_the_wrong_passphrase_then_it_is_the_typed_error() {
    let dir = tempfile::tempdir().expect("test expectation");
    let writer = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    writer.store("work", &secret(TOKEN_A)).expect("test expectation");
    let wrong = file_vault(&dir, vec![Backend::File, Backend::Env], "not it", env_token(TOKEN_B));
    let err = wrong.load("work").expect_err("test expectation");
    assert!(matches!(err, CredentialError::BadPassphraseOrTampered { .. }), "{err:?}");
    assert!(!err.to_string().contains("not it"));
    let err = wrong.store("home", &secret(TOKEN_B)).expect_err("test expectation");
    assert!(matches!(err, CredentialError::BadPassphraseOrTampered { .. }), "{err:?}");
}

#[test]
fn given_a_stored_file_when_a_ciphertext_byte_on_disk_is_flipped_then_load_is_the_typed_error() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let mut doc: serde_json::Value = serde_json::from_slice(&fs::read(vault.file_path()).expect("test expectation")).expect("test expectation");
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut raw = b64.decode(doc["ciphertext"].as_str().expect("test expectation")).expect("test expectation");
    let last = raw.len() - 1;
    raw[last] ^= 0x80;
    doc["ciphertext"] = b64.encode(raw).into();
    fs::write(vault.file_path(), serde_json::to_vec(&doc).expect("test expectation")).expect("test expectation");
    let fresh = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    assert!(matches!(fresh.load("work"), Err(CredentialError::BadPassphraseOrTampered { .. })));
}

#[cfg(unix)]
#[test]
fn given_a_stored_profile_then_the_file_is_0600_and_holds_neither_token_nor_passphrase_in_clear() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let mode = fs::metadata(vault.file_path()).expect("test expectation").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let bytes = fs::read(vault.file_path()).expect("test expectation");
    for needle in [TOKEN_A, PASS, "9f8e7d6c5b4a"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle:?} in clear");
    }
}

#[test]
fn given_the_same_secret_written_twice_then_salt_and_nonce_are_new_each_time() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    let read = || -> serde_json::Value {
        serde_json::from_slice(&fs::read(vault.file_path()).expect("test expectation")).expect("test expectation")
    };
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let first = read();
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let second = read();
    assert_ne!(first["salt"], second["salt"]);
    assert_ne!(first["nonce"], second["nonce"]);
    assert_ne!(first["ciphertext"], second["ciphertext"]);
}

#[test]
fn given_only_lifeos_token_and_nothing_on_disk_when_loaded_then_env_answers_for_any_profile() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File, Backend::Env], PASS, env_token(TOKEN_B));
    assert_eq!(loaded(&vault, "work"), Some((Backend::Env, TOKEN_B.to_owned())));
    assert_eq!(loaded(&vault, "anything"), Some((Backend::Env, TOKEN_B.to_owned())));
    assert!(!vault.file_path().exists());
}

#[test]
fn given_env_first_in_the_order_when_storing_then_env_is_skipped_for_the_file() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::Env, Backend::File], PASS, env_token(TOKEN_B));
    assert_eq!(vault.store("work", &secret(TOKEN_A)).expect("test expectation"), Backend::File);
    assert!(vault.file_path().exists());
}

#[test]
fn given_only_env_in_the_order_when_storing_then_the_error_says_to_set_lifeos_token() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::Env], PASS, EnvLookup::empty());
    let err = vault.store("work", &secret(TOKEN_A)).expect_err("test expectation");
    assert!(matches!(err, CredentialError::NothingCanStore { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("LIFEOS_TOKEN") && message.contains("read-only"), "{message}");
    assert!(!message.contains(TOKEN_A));
}

#[test]
fn given_file_then_env_with_env_set_when_loaded_then_env_until_the_file_holds_the_profile() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File, Backend::Env], PASS, env_token(TOKEN_B));
    assert_eq!(loaded(&vault, "work"), Some((Backend::Env, TOKEN_B.to_owned())));
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    assert_eq!(loaded(&vault, "work"), Some((Backend::File, TOKEN_A.to_owned())));
    assert_eq!(loaded(&vault, "home"), Some((Backend::Env, TOKEN_B.to_owned())));
}

#[test]
fn given_a_stored_profile_when_removed_then_only_the_file_reports_it_and_env_answers_again() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File, Backend::Env], PASS, env_token(TOKEN_B));
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    vault.store("home", &secret(TOKEN_A)).expect("test expectation");
    assert_eq!(vault.remove("work").expect("test expectation"), vec![Backend::File]);
    assert_eq!(vault.remove("work").expect("test expectation"), Vec::<Backend>::new());
    assert_eq!(loaded(&vault, "work"), Some((Backend::Env, TOKEN_B.to_owned())));
    assert_eq!(loaded(&vault, "home"), Some((Backend::File, TOKEN_A.to_owned())));
}

#[test]
fn given_no_file_when_removing_then_nothing_is_created_and_no_passphrase_is_needed() {
    let dir = tempfile::tempdir().expect("test expectation");
    let path = dir.path().join("credentials.enc");
    let vault = Vault::new(vec![Backend::File], path, PassphraseSource::Env, EnvLookup::empty());
    assert_eq!(vault.remove("work").expect("test expectation"), Vec::<Backend>::new());
    assert!(!vault.file_path().exists());
}

#[test]
fn given_no_file_when_status_then_it_is_empty_without_asking_for_a_passphrase() {
    let dir = tempfile::tempdir().expect("test expectation");
    let path = dir.path().join("credentials.enc");
    let order = vec![Backend::File, Backend::Env];
    let vault = Vault::new(order, path, PassphraseSource::EnvOrPrompt, EnvLookup::empty());
    let expected = vec![(Backend::File, Presence::Empty), (Backend::Env, Presence::Empty)];
    assert_eq!(vault.status("work"), expected);
}

#[test]
fn given_a_file_and_no_passphrase_without_prompting_when_status_then_the_file_is_locked() {
    let dir = tempfile::tempdir().expect("test expectation");
    let writer = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    writer.store("work", &secret(TOKEN_A)).expect("test expectation");
    let path = writer.file_path().to_path_buf();
    let order = vec![Backend::File, Backend::Env];
    let locked = Vault::new(order, path.clone(), PassphraseSource::EnvOrPrompt, env_token(TOKEN_B));
    let expected = vec![(Backend::File, Presence::Locked), (Backend::Env, Presence::Holds)];
    assert_eq!(locked.status("work"), expected);
    let env = EnvLookup::from_pairs([(PASSPHRASE_VAR, PASS)]);
    let unlocked = Vault::new(vec![Backend::File], path.clone(), PassphraseSource::Env, env);
    assert_eq!(unlocked.status("work"), vec![(Backend::File, Presence::Holds)]);
    assert_eq!(unlocked.status("home"), vec![(Backend::File, Presence::Empty)]);
    let nope = PassphraseSource::Fixed(secret("nope"));
    let wrong = Vault::new(vec![Backend::File], path, nope, EnvLookup::empty());
    match &wrong.status("work")[0].1 {
        Presence::Unavailable(reason) => assert!(reason.contains("wrong passphrase"), "{reason}"),
        other => panic!("expected unavailable, got {other:?}"),
    }
}

#[test]
fn given_the_passphrase_in_lifeos_cli_passphrase_when_storing_and_loading_then_it_is_used() {
    let dir = tempfile::tempdir().expect("test expectation");
    let path = dir.path().join("credentials.enc");
    let env = EnvLookup::from_pairs([(PASSPHRASE_VAR, PASS)]);
    let vault = Vault::new(vec![Backend::File], path.clone(), PassphraseSource::Env, env).with_kdf(FAST);
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let pass = PassphraseSource::Fixed(secret(PASS));
    let fixed = Vault::new(vec![Backend::File], path, pass, EnvLookup::empty());
    assert_eq!(loaded(&fixed, "work"), Some((Backend::File, TOKEN_A.to_owned())));
}

#[test]
fn given_an_empty_secret_or_a_bad_profile_name_when_storing_then_it_is_refused() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File], PASS, EnvLookup::empty());
    assert!(matches!(vault.store("work", &secret("")), Err(CredentialError::EmptySecret)));
    assert!(matches!(vault.store("", &secret(TOKEN_A)), Err(CredentialError::InvalidProfile { .. })));
    assert!(matches!(vault.load("a\nb"), Err(CredentialError::InvalidProfile { .. })));
    assert!(!vault.file_path().exists());
}

#[test]
fn given_a_vault_after_use_when_debug_printed_then_no_secret_or_passphrase_shows() {
    let dir = tempfile::tempdir().expect("test expectation");
    let vault = file_vault(&dir, vec![Backend::File, Backend::Env], PASS, env_token(TOKEN_B));
    vault.store("work", &secret(TOKEN_A)).expect("test expectation");
    let shown = format!("{vault:?} {:?}", vault.load("work").expect("test expectation"));
    for needle in [TOKEN_A, TOKEN_B, PASS] {
        assert!(!shown.contains(needle), "{needle:?} in {shown}");
    }
}

#[test]
fn given_keyring_then_file_when_storing_then_the_keyring_is_used_or_the_file_when_it_is_unavailable() {
    let dir = tempfile::tempdir().expect("test expectation");
    let profile = format!("vault-test-{}", std::process::id());
    let vault = file_vault(&dir, vec![Backend::Keyring, Backend::File], PASS, EnvLookup::empty());
    let stored = vault.store(&profile, &secret(TOKEN_A)).expect("test expectation");
    let back = loaded(&vault, &profile);
    let removed = vault.remove(&profile).expect("test expectation");
    if stored == Backend::File {
        eprintln!("note: the OS keyring is unavailable here; the vault fell back to the file");
    }
    assert_eq!(back, Some((stored, TOKEN_A.to_owned())));
    assert_eq!(removed, vec![stored]);
    let status = vault.status(&profile);
    assert_eq!(status[1], (Backend::File, Presence::Empty));
    match stored {
        Backend::Keyring => assert_eq!(status[0], (Backend::Keyring, Presence::Empty)),
        _ => assert!(matches!(status[0].1, Presence::Unavailable(_)), "{status:?}"),
    }
    assert_eq!(loaded(&vault, &profile), None);
}
