//! The one-time setup code that lets the first owner sign up: 60 random bits shown as
//! `XXXX-XXXX-XXXX` (Crockford base32: no I, L, O, U; read case- and dash-insensitively),
//! stored only as its SHA-256, valid for 24 hours and for one sign-up. Issuing a code
//! replaces the previous one; none is issued once an owner exists. Must never log or store
//! the code itself.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// How long a code is valid after it was issued.
pub fn ttl() -> Duration {
    Duration::hours(24)
}

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS: usize = 3;
const GROUP_LEN: usize = 4;

/// A fresh random code, e.g. `7G2K-M9QX-41TD`.
pub fn generate() -> String {
    let mut rng = rand::rngs::OsRng;
    let groups: Vec<String> = (0..GROUPS)
        .map(|_| (0..GROUP_LEN).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect())
        .collect();
    groups.join("-")
}

/// The canonical form a code is hashed in: upper case, no dashes or spaces, and the
/// letters Crockford base32 reads as digits (O → 0, I/L → 1).
pub fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

pub fn digest(code: &str) -> Vec<u8> {
    Sha256::digest(normalize(code).as_bytes()).to_vec()
}

/// Stores a new code valid from `now` (the old one stops working) and returns it, or None
/// when an owner already exists (a code would be useless).
pub async fn issue(pool: &PgPool, now: DateTime<Utc>) -> Result<Option<String>, sqlx::Error> {
    let code = generate();
    let stored = sqlx::query(
        "INSERT INTO owner_setup_code (code_hash, created_at, expires_at)
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM instance_owner)
         ON CONFLICT (singleton) DO UPDATE
            SET code_hash = EXCLUDED.code_hash, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at",
    )
    .bind(digest(&code))
    .bind(now)
    .bind(now + ttl())
    .execute(pool)
    .await?
    .rows_affected();
    Ok((stored == 1).then_some(code))
}

/// Uses up `code` if it is the live one and unexpired at `now`. Inside the sign-up's
/// transaction: a rollback gives the code back, and of two sign-ups racing with the same
/// code exactly one gets it (the row lock makes the second find nothing).
pub async fn consume(tx: &mut sqlx::PgConnection, code: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let used = sqlx::query("DELETE FROM owner_setup_code WHERE code_hash = $1 AND expires_at > $2")
        .bind(digest(code))
        .bind(now)
        .execute(tx)
        .await?
        .rows_affected();
    Ok(used == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_three_groups_of_four_unambiguous_characters() {
        let code = generate();
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 3, "{code}");
        assert!(groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| ALPHABET.contains(&b))), "{code}");
        assert_ne!(generate(), code);
    }

    #[test]
    fn codes_are_read_forgivingly_but_hashed_exactly() {
        assert_eq!(digest("7G2K-M9QX-41TD"), digest(" 7g2k m9qx 41td "));
        assert_eq!(digest("10O0-AAAA-BBBB"), digest("lo00-aaaa-bbbb"));
        assert_ne!(digest("7G2K-M9QX-41TD"), digest("7G2K-M9QX-41TE"));
        assert_eq!(digest("7G2K-M9QX-41TD").len(), 32);
    }
}
