//! Password hashing with argon2id at OWASP's recommended parameters (19 MiB, t=2, p=1),
//! a fresh salt per hash. Verification of unknown users runs against a dummy hash so that
//! "no such user" and "wrong password" take the same time.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    // Constant, valid parameters: Params::new only fails for out-of-range values.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// True when `password` matches `phc`. A malformed stored hash never matches.
pub fn verify(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Runs the CPU-heavy hash off the async executor.
pub async fn hash_blocking(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password).map_err(|e| e.to_string()))
        .await
        .map_err(|e| e.to_string())?
}

pub async fn verify_blocking(phc: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&phc, &password)).await.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_argon2id_and_verify() {
        let a = hash("correct horse").expect("hash");
        let b = hash("correct horse").expect("hash");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify(&a, "correct horse"));
        assert!(!verify(&a, "wrong horse"));
        assert!(!verify("not a hash", "correct horse"));
    }
}
