//! The encrypted credential document: `{"version":1,"kdf":"argon2id","m":..,"t":..,"p":..,
//! "salt":b64,"nonce":b64,"ciphertext":b64}`, whose plaintext is a JSON map profile → secret,
//! sealed with AES-256-GCM under a key derived by Argon2id from the passphrase. The version,
//! KDF name and parameters are the associated data, so none of them can be changed unnoticed.
//!
//! Must never: reuse a salt or nonce (both are fresh on every seal); return a partially
//! decrypted or unauthenticated value; put file content or plaintext into an error message
//! (serde errors are reduced to line/column); accept KDF parameters big enough to exhaust
//! memory; leave the key or the plaintext in memory after use (zeroized; best effort for
//! copies made by serde_json).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::error::CredentialError;

const VERSION: u32 = 1;
const KDF: &str = "argon2id";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const KEY_LEN: usize = 32;
const TAG_LEN: usize = 16;

/// Argon2id cost parameters, stored in each file so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Iterations.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane).
    pub const RECOMMENDED: KdfParams = KdfParams { m_kib: 19_456, t: 2, p: 1 };
    /// Upper bounds accepted from a file, so a doctored file cannot ask for 4 TiB of memory.
    const MAX_M_KIB: u32 = 1 << 20;
    const MAX_T: u32 = 64;
    const MAX_P: u32 = 16;

    fn argon2(self) -> Result<Argon2<'static>, String> {
        if self.m_kib > Self::MAX_M_KIB || self.t > Self::MAX_T || self.p > Self::MAX_P {
            return Err(format!(
                "argon2id parameters out of range (m ≤ {} KiB, t ≤ {}, p ≤ {})",
                Self::MAX_M_KIB,
                Self::MAX_T,
                Self::MAX_P
            ));
        }
        let params = Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|e| format!("invalid argon2id parameters: {e}"))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    fn aad(self) -> String {
        format!("lifeos-credentials:v{VERSION}:{KDF}:m={}:t={}:p={}", self.m_kib, self.t, self.p)
    }
}

/// The decrypted profile → secret map. Values are zeroized on drop; `Debug` shows names only.
#[derive(Default)]
pub(crate) struct SecretMap(BTreeMap<String, String>);

impl SecretMap {
    pub(crate) fn get(&self, profile: &str) -> Option<SecretString> {
        self.0.get(profile).map(|s| SecretString::from(s.as_str()))
    }

    pub(crate) fn contains(&self, profile: &str) -> bool {
        self.0.contains_key(profile)
    }

    pub(crate) fn insert(&mut self, profile: &str, secret: &SecretString) {
        let value = secret.expose_secret().to_owned();
        if let Some(mut old) = self.0.insert(profile.to_owned(), value) {
            old.zeroize();
        }
    }

    /// Whether the profile was there.
    pub(crate) fn remove(&mut self, profile: &str) -> bool {
        match self.0.remove(profile) {
            Some(mut old) => {
                old.zeroize();
                true
            }
            None => false,
        }
    }
}

impl Drop for SecretMap {
    fn drop(&mut self) {
        self.0.values_mut().for_each(Zeroize::zeroize);
    }
}

impl fmt::Debug for SecretMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    version: u32,
    kdf: String,
    m: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

fn derive_key(
    params: KdfParams,
    passphrase: &SecretString,
    salt: &[u8],
) -> Result<Zeroizing<[u8; KEY_LEN]>, String> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    params
        .argon2()?
        .hash_password_into(passphrase.expose_secret().as_bytes(), salt, key.as_mut())
        .map_err(|e| format!("key derivation failed: {e}"))?;
    Ok(key)
}

/// The file bytes for `map`, with a fresh salt and nonce.
pub(crate) fn seal(
    map: &SecretMap,
    passphrase: &SecretString,
    params: KdfParams,
) -> Result<Vec<u8>, CredentialError> {
    let seal_err = |reason: String| CredentialError::Seal { reason };
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let key = derive_key(params, passphrase, &salt).map_err(seal_err)?;
    // Sized up front so serde_json never reallocates (a reallocation would leave an
    // unzeroized copy of the plaintext behind): JSON escapes at most 6 bytes per byte.
    let capacity = map.0.iter().map(|(k, v)| 6 * (k.len() + v.len()) + 6).sum::<usize>() + 2;
    let mut plaintext = Zeroizing::new(Vec::with_capacity(capacity));
    serde_json::to_writer(&mut *plaintext, &map.0)
        .map_err(|e| seal_err(format!("could not serialize the profiles: {e}")))?;
    let cipher = Aes256Gcm::new_from_slice(key.as_ref())
        .map_err(|_| seal_err("bad key length".to_owned()))?;
    let aad = params.aad();
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg: &plaintext, aad: aad.as_bytes() })
        .map_err(|_| seal_err("AES-GCM refused to encrypt".to_owned()))?;
    let envelope = Envelope {
        version: VERSION,
        kdf: KDF.to_owned(),
        m: params.m_kib,
        t: params.t,
        p: params.p,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    };
    let mut bytes = serde_json::to_vec(&envelope)
        .map_err(|e| seal_err(format!("could not serialize the document: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The map sealed in `bytes` (read from `path`, named in errors).
pub(crate) fn open(
    bytes: &[u8],
    passphrase: &SecretString,
    path: &Path,
) -> Result<SecretMap, CredentialError> {
    let bad = |reason: String| CredentialError::malformed(path, reason);
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| {
        bad(format!("not a credential document: line {}, column {}", e.line(), e.column()))
    })?;
    if envelope.version != VERSION {
        return Err(bad(format!("unsupported version {}", envelope.version)));
    }
    if envelope.kdf != KDF {
        return Err(bad("unsupported key derivation function".to_owned()));
    }
    let params = KdfParams { m_kib: envelope.m, t: envelope.t, p: envelope.p };
    let decode = |field: &str, value: &str| {
        B64.decode(value).map_err(|_| bad(format!("{field} is not valid base64")))
    };
    let salt = decode("salt", &envelope.salt)?;
    let nonce = decode("nonce", &envelope.nonce)?;
    let ciphertext = decode("ciphertext", &envelope.ciphertext)?;
    if !(argon2::MIN_SALT_LEN..=64).contains(&salt.len()) {
        return Err(bad(format!("salt has {} bytes", salt.len())));
    }
    if nonce.len() != NONCE_LEN {
        return Err(bad(format!("nonce has {} bytes, expected {NONCE_LEN}", nonce.len())));
    }
    if ciphertext.len() < TAG_LEN {
        return Err(bad("ciphertext is shorter than its tag".to_owned()));
    }
    let key = derive_key(params, passphrase, &salt).map_err(bad)?;
    let cipher = Aes256Gcm::new_from_slice(key.as_ref())
        .map_err(|_| bad("bad key length".to_owned()))?;
    let aad = params.aad();
    let plaintext = Zeroizing::new(
        cipher
            .decrypt(Nonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: aad.as_bytes() })
            .map_err(|_| CredentialError::BadPassphraseOrTampered { path: path.to_path_buf() })?,
    );
    // Authentic plaintext that is not a map would be our own bug; say so without its content.
    let map: BTreeMap<String, String> = serde_json::from_slice(&plaintext)
        .map_err(|_| bad("the decrypted contents are not a profile map".to_owned()))?;
    Ok(SecretMap(map))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Cheap parameters so tests that derive many keys stay fast.
    pub(crate) const FAST: KdfParams = KdfParams { m_kib: 8, t: 1, p: 1 };

    fn path() -> &'static Path {
        Path::new("/tmp/credentials.enc")
    }

    fn pass(s: &str) -> SecretString {
        SecretString::from(s)
    }

    fn two_profiles() -> SecretMap {
        let mut map = SecretMap::default();
        map.insert("work", &pass("lifeos_pat_work_ABCDEF123456"));
        map.insert("home", &pass("session-home-987654"));
        map
    }

    fn reseal_with(bytes: &[u8], edit: impl FnOnce(&mut Envelope)) -> Vec<u8> {
        let mut envelope: Envelope = serde_json::from_slice(bytes).expect("test expectation");
        edit(&mut envelope);
        serde_json::to_vec(&envelope).expect("test expectation")
    }

    fn flip_first_byte_of(field: &str) -> impl FnOnce(&mut Envelope) + '_ {
        move |e: &mut Envelope| {
            let target = match field {
                "salt" => &mut e.salt,
                "nonce" => &mut e.nonce,
                _ => &mut e.ciphertext,
            };
            let mut raw = B64.decode(&*target).expect("test expectation");
            raw[0] ^= 0x01;
            *target = B64.encode(raw);
        }
    }

    #[test]
    fn given_two_profiles_when_sealed_with_recommended_params_then_opening_gives_both_back() {
        let bytes = seal(&two_profiles(), &pass("pw"), KdfParams::RECOMMENDED).expect("test expectation");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).expect("test expectation");
        assert_eq!(doc["version"], 1);
        assert_eq!(doc["kdf"], "argon2id");
        let params = (doc["m"].as_u64(), doc["t"].as_u64(), doc["p"].as_u64());
        assert_eq!(params, (Some(19456), Some(2), Some(1)));
        let map = open(&bytes, &pass("pw"), path()).expect("test expectation");
        assert_eq!(map.get("work").expect("test expectation").expose_secret(), "lifeos_pat_work_ABCDEF123456");
        assert_eq!(map.get("home").expect("test expectation").expose_secret(), "session-home-987654");
        assert!(map.get("other").is_none());
    }

    #[test]
    fn given_a_sealed_file_when_opened_with_the_wrong_passphrase_then_it_is_the_typed_error() {
        let bytes = seal(&two_profiles(), &pass("right"), FAST).expect("test expectation");
        let err = open(&bytes, &pass("wrong"), path()).expect_err("test expectation");
        assert!(matches!(err, CredentialError::BadPassphraseOrTampered { .. }), "{err:?}");
        assert!(err.to_string().contains("wrong passphrase or the file was modified"));
    }

    #[test]
    fn given_a_flipped_bit_in_the_ciphertext_nonce_or_salt_when_opened_then_it_is_tampered() {
        let bytes = seal(&two_profiles(), &pass("pw"), FAST).expect("test expectation");
        for field in ["ciphertext", "nonce", "salt"] {
            let doctored = reseal_with(&bytes, flip_first_byte_of(field));
            let err = open(&doctored, &pass("pw"), path()).expect_err("test expectation");
            assert!(matches!(err, CredentialError::BadPassphraseOrTampered { .. }), "{field}: {err:?}");
        }
    }

    #[test]
    fn given_changed_kdf_parameters_when_opened_then_it_is_tampered() {
        let bytes = seal(&two_profiles(), &pass("pw"), FAST).expect("test expectation");
        let doctored = reseal_with(&bytes, |e| e.m = 16);
        let err = open(&doctored, &pass("pw"), path()).expect_err("test expectation");
        assert!(matches!(err, CredentialError::BadPassphraseOrTampered { .. }), "{err:?}");
    }

    #[test]
    fn given_any_single_byte_of_the_file_flipped_when_opened_then_it_is_an_error_never_a_secret() {
        let bytes = seal(&two_profiles(), &pass("pw"), FAST).expect("test expectation");
        for i in 0..bytes.len() {
            let mut doctored = bytes.clone();
            doctored[i] ^= 0x01;
            match open(&doctored, &pass("pw"), path()) {
                Err(CredentialError::BadPassphraseOrTampered { .. })
                | Err(CredentialError::Malformed { .. }) => {}
                Err(other) => panic!("byte {i}: unexpected error {other:?}"),
                Ok(map) => panic!("byte {i}: a doctored file opened: {map:?}"),
            }
        }
    }

    #[test]
    fn given_garbage_documents_when_opened_then_they_are_malformed_with_a_reason() {
        let good = seal(&two_profiles(), &pass("pw"), FAST).expect("test expectation");
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("not json", b"hello".to_vec()),
            ("bad base64", reseal_with(&good, |e| e.nonce = "!!!!".to_owned())),
            ("short nonce", reseal_with(&good, |e| e.nonce = B64.encode([0u8; 4]))),
            ("version 2", reseal_with(&good, |e| e.version = 2)),
            ("other kdf", reseal_with(&good, |e| e.kdf = "scrypt".to_owned())),
            ("huge memory", reseal_with(&good, |e| e.m = u32::MAX)),
            ("zero passes", reseal_with(&good, |e| e.t = 0)),
        ];
        for (name, bytes) in cases {
            let err = open(&bytes, &pass("pw"), path()).expect_err("test expectation");
            assert!(matches!(err, CredentialError::Malformed { .. }), "{name}: {err:?}");
        }
    }

    #[test]
    fn given_the_same_profiles_when_sealed_twice_then_salt_nonce_and_ciphertext_differ() {
        let map = two_profiles();
        let a: serde_json::Value = serde_json::from_slice(&seal(&map, &pass("pw"), FAST).expect("test expectation")).expect("test expectation");
        let b: serde_json::Value = serde_json::from_slice(&seal(&map, &pass("pw"), FAST).expect("test expectation")).expect("test expectation");
        for field in ["salt", "nonce", "ciphertext"] {
            assert_ne!(a[field], b[field], "{field} was reused");
        }
    }

    #[test]
    fn given_a_map_when_debug_printed_then_only_profile_names_show() {
        let shown = format!("{:?}", two_profiles());
        assert!(shown.contains("work") && shown.contains("home"), "{shown}");
        assert!(!shown.contains("ABCDEF123456") && !shown.contains("987654"), "{shown}");
    }
}
