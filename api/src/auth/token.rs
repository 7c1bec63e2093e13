//! Session tokens: 256 random bits, base64url. Only their SHA-256 is stored; logs may show
//! only the last 6 characters.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh token and the hash to store for it.
pub fn generate() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = digest(&token);
    (token, hash)
}

pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub use lifeos_proto::redact::redacted;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_unique_and_only_their_tail_is_loggable() {
        let (a, hash_a) = generate();
        let (b, _) = generate();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).expect("base64url").len(), 32);
        assert_ne!(a, b);
        assert_eq!(hash_a, digest(&a));
        assert_eq!(redacted(&a).chars().count(), 7);
        assert!(a.ends_with(redacted(&a).trim_start_matches('…')));
    }
}
