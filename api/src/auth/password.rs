//! Password hashing with argon2id at OWASP's recommended parameters (19 MiB, t=2, p=1),
//! a fresh salt per hash, over the password's Unicode NFC form (so "é" typed as one code
//! point or as e + combining accent is the same password). Verification of unknown users
//! runs against a dummy hash so that "no such user" and "wrong password" take the same time.
//! Must never log, store or return a password.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;

fn argon2() -> Argon2<'static> {
    // Constant, valid parameters: Params::new only fails for out-of-range values.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The form a password is hashed in.
pub fn normalize(password: &str) -> String {
    password.nfc().collect()
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of the NFC form.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(normalize(password).as_bytes(), &salt)?.to_string())
}

/// How a password matched its stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Matched only the raw, non-NFC bytes: a hash made before passwords were normalised.
    /// The caller should store a fresh `hash` so the next sign-in matches `Yes`.
    Legacy,
}

impl Verified {
    pub fn matched(self) -> bool {
        self != Verified::No
    }
}

/// Checks the NFC form, then (only if it differs) the raw input, so accounts whose hash
/// predates normalisation keep working. A malformed stored hash never matches.
pub fn verify(phc: &str, password: &str) -> Verified {
    let Ok(parsed) = PasswordHash::new(phc) else { return Verified::No };
    let matches = |bytes: &[u8]| argon2().verify_password(bytes, &parsed).is_ok();
    let nfc = normalize(password);
    if matches(nfc.as_bytes()) {
        Verified::Yes
    } else if nfc != password && matches(password.as_bytes()) {
        Verified::Legacy
    } else {
        Verified::No
    }
}

/// Runs the CPU-heavy hash off the async executor.
pub async fn hash_blocking(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password).map_err(|e| e.to_string()))
        .await
        .map_err(|e| e.to_string())?
}

pub async fn verify_blocking(phc: String, password: String) -> Verified {
    tokio::task::spawn_blocking(move || verify(&phc, &password)).await.unwrap_or(Verified::No)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NFC: &str = "caf\u{e9} au lait";
    const NFD: &str = "cafe\u{301} au lait";

    #[test]
    fn hashes_are_salted_argon2id_and_verify() {
        let a = hash("correct horse").expect("hash");
        let b = hash("correct horse").expect("hash");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert_eq!(verify(&a, "correct horse"), Verified::Yes);
        assert_eq!(verify(&a, "wrong horse"), Verified::No);
        assert_eq!(verify("not a hash", "correct horse"), Verified::No);
    }

    #[test]
    fn composed_and_decomposed_forms_are_one_password() {
        assert_ne!(NFC, NFD);
        let stored = hash(NFC).expect("hash");
        assert_eq!(verify(&stored, NFD), Verified::Yes);
        assert_eq!(verify(&hash(NFD).expect("hash"), NFC), Verified::Yes);
    }

    #[test]
    fn a_hash_of_raw_decomposed_bytes_still_verifies_and_asks_for_a_rehash() {
        // What the code before normalisation stored for an NFD password.
        let salt = SaltString::generate(&mut OsRng);
        let legacy = argon2().hash_password(NFD.as_bytes(), &salt).expect("hash").to_string();
        assert_eq!(verify(&legacy, NFD), Verified::Legacy);
        assert_eq!(verify(&legacy, NFC), Verified::No, "only the exact old bytes match an old hash");
        assert_eq!(verify(&legacy, "something else"), Verified::No);
    }
}
