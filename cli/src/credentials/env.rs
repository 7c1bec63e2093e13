//! The injectable environment lookup: the vault reads `LIFEOS_TOKEN` and
//! `LIFEOS_CLI_PASSPHRASE` through it, so tests never depend on the real environment.
//!
//! Must never: be consulted for anything but those two names; print values in `Debug`.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The read-only token for every profile (the env backend).
pub const TOKEN_VAR: &str = "LIFEOS_TOKEN";
/// The credential file's passphrase, for non-interactive use.
pub const PASSPHRASE_VAR: &str = "LIFEOS_CLI_PASSPHRASE";

type Lookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// A source of environment variables: the process's own, or a fixed map.
#[derive(Clone)]
pub struct EnvLookup(Arc<Lookup>);

impl EnvLookup {
    /// The real process environment (what `main` passes).
    pub fn process() -> Self {
        EnvLookup(Arc::new(|name: &str| std::env::var(name).ok()))
    }

    /// A fixed set of variables; anything else is unset.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let map: HashMap<String, String> =
            pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        EnvLookup(Arc::new(move |name: &str| map.get(name).cloned()))
    }

    /// No variable set.
    pub fn empty() -> Self {
        EnvLookup::from_pairs(std::iter::empty::<(String, String)>())
    }

    /// Any lookup function (e.g. a config layer that already read the environment).
    pub fn from_fn(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        EnvLookup(Arc::new(lookup))
    }

    /// The value of `name`; an empty value counts as unset.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.is_empty())
    }
}

impl fmt::Debug for EnvLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvLookup(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_a_fixed_map_when_looked_up_then_only_its_non_empty_values_are_seen() {
        let env = EnvLookup::from_pairs([(TOKEN_VAR, "tok"), (PASSPHRASE_VAR, "")]);
        assert_eq!(env.get(TOKEN_VAR).as_deref(), Some("tok"));
        assert_eq!(env.get(PASSPHRASE_VAR), None);
        assert_eq!(env.get("HOME"), None);
        assert_eq!(format!("{env:?}"), "EnvLookup(..)");
    }
}
