//! An entity field naming a kind of entity by its type name (Link's `fromType`/`toType`), so
//! wire layers can give it their enum of registered kinds. Any text deserialises: the kind's
//! validation checks it against the registry and names the field when it is not a kind.

use serde::{Deserialize, Serialize};

/// `Default` is the empty name (only ever a default a kind's validation refuses).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KindName(String);

impl KindName {
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
