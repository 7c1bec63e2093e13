//! Deterministic ids from natural keys: an entity that is unique per some key (a check-in per
//! habit and local date, a budget per category and period, a bank line per account and FITID, a
//! health sample per source and record id, a link per from/to/relation, settings per workspace
//! and user) gets an id every device computes alike, so two offline devices creating "the same"
//! entity address one stream instead of making duplicates.
//!
//! The algorithm, version 1 (the TypeScript client ports it byte for byte; the vectors in
//! `spec/natural-ids.json` pin it):
//!
//! 1. Message = the 20 ASCII bytes `lifeos/natural-id/v1`, then for each field in order —
//!    `kind`, `workspace_id`, then every element of `parts` — its length in UTF-8 bytes as a
//!    4-byte big-endian unsigned integer followed by those UTF-8 bytes. Nothing else: no
//!    separator, no count of parts (the length prefixes make the encoding unambiguous).
//! 2. Digest = SHA-256(message).
//! 3. n = the first 16 digest bytes read as a big-endian unsigned 128-bit integer.
//! 4. Id = n in Crockford base32, 26 characters, most significant first: character `i`
//!    (0..=25) is `"0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(n >> (125 - 5 * i)) & 31]` — the
//!    `ulid` crate's `Display`. The first character is therefore always `0`–`7`.
//!
//! Strings are hashed exactly as given: no Unicode normalisation, trimming or case folding
//! (callers pass the key in its one canonical form, e.g. an ISO date `2026-03-14`). A
//! JavaScript string with a lone surrogate has no Rust equivalent and must be refused by the
//! TypeScript port, not replaced. Every field is at most `u32::MAX` bytes (far beyond any
//! request body). Changing any of this is a new version with a new prefix, never an edit.
//!
//! Such ids are ULID-shaped but carry no time: ids of natural-key entities do NOT sort by
//! creation time (unlike server- or client-drawn ULIDs).
//!
//! Must never: read a clock, draw randomness, or change the bytes an existing key maps to.

use sha2::{Digest, Sha256};
use ulid::Ulid;

/// The domain-separation prefix of version 1.
pub const NATURAL_ID_V1: &str = "lifeos/natural-id/v1";

/// The id of the `kind` entity with natural key `parts` in `workspace_id` (algorithm above).
pub fn natural_id(kind: &str, workspace_id: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(NATURAL_ID_V1.as_bytes());
    for field in [kind, workspace_id].iter().chain(parts) {
        // No key comes near 4 GiB (request bodies are capped far below); saturating keeps
        // this total without a panic path.
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        hasher.update(len.to_be_bytes());
        hasher.update(field.as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    Ulid(u128::from_be_bytes(first)).to_string()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::values::parse_ulid;

    const WS: &str = "01JAAAAAAAAAAAAAAAAAAAAAAA";
    const HABIT: &str = "01JBBBBBBBBBBBBBBBBBBBBBBB";

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Vector {
        kind: String,
        workspace_id: String,
        parts: Vec<String>,
        id: String,
    }

    #[test]
    fn every_published_vector_is_reproduced() -> Result<(), serde_json::Error> {
        let vectors: Vec<Vector> = serde_json::from_str(include_str!("../../spec/natural-ids.json"))?;
        assert!(vectors.len() >= 10, "the spec publishes at least ten vectors");
        for v in &vectors {
            let parts: Vec<&str> = v.parts.iter().map(String::as_str).collect();
            assert_eq!(natural_id(&v.kind, &v.workspace_id, &parts), v.id, "{} {:?}", v.kind, v.parts);
        }
        Ok(())
    }

    #[test]
    fn given_one_key_on_two_devices_when_each_computes_the_id_then_they_agree() {
        let phone = natural_id("HabitCheckIn", WS, &[HABIT, "2026-03-14"]);
        let laptop = natural_id("HabitCheckIn", WS, &[HABIT, "2026-03-14"]);
        assert_eq!(phone, laptop);
        assert_ne!(phone, natural_id("HabitCheckIn", WS, &[HABIT, "2026-03-15"]), "another day, another check-in");
    }

    #[test]
    fn order_of_parts_kind_and_workspace_all_matter() {
        let id = natural_id("Link", WS, &["A", "B", "relates"]);
        assert_ne!(id, natural_id("Link", WS, &["B", "A", "relates"]));
        assert_ne!(id, natural_id("Link2", WS, &["A", "B", "relates"]));
        assert_ne!(id, natural_id("Link", "01JCCCCCCCCCCCCCCCCCCCCCCC", &["A", "B", "relates"]));
    }

    #[test]
    fn moving_bytes_between_fields_changes_the_id() {
        assert_ne!(natural_id("K", WS, &["ab", "c"]), natural_id("K", WS, &["a", "bc"]));
        assert_ne!(natural_id("K", WS, &[]), natural_id("K", WS, &[""]));
        assert_ne!(natural_id("K", WS, &[""]), natural_id("K", WS, &["", ""]));
        assert_ne!(natural_id("Ka", WS, &[]), natural_id("K", WS, &["a"]), "kind and parts do not run together");
    }

    #[test]
    fn ids_are_ulid_shaped_and_parse_with_the_one_ulid_parser() {
        for parts in [&[][..], &["x"][..], &["Zürich", "🦀"][..]] {
            let id = natural_id("Place", WS, parts);
            assert_eq!(id.len(), 26, "{id}");
            assert!(id.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()), "{id}");
            assert_eq!(parse_ulid(&id).map(|u| u.to_string()), Some(id.clone()));
        }
    }
}
