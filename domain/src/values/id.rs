//! An entity field naming another entity: a ULID, deserialised only when [`parse_ulid`]
//! accepts it and kept in canonical (upper-case) form, so a reference can always be looked up.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::parse_ulid;

/// `Default` is the empty, unset id (only ever a default a kind's validation refuses).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

impl Id {
    pub fn parse(text: &str) -> Option<Self> {
        parse_ulid(text).map(|u| Self(u.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            // The unset default of a required id field: its kind's validation refuses it.
            return Ok(Self::default());
        }
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("must be a ULID (26 characters, Crockford base32, first one 0-7)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_canonical_ulid() {
        let id: Id = serde_json::from_str("\"01hzy0w3c4k5m6n7p8q9r0s1t2\"").expect("lower case is a ULID");
        assert_eq!(id.as_str(), "01HZY0W3C4K5M6N7P8Q9R0S1T2");
        assert!(serde_json::from_str::<Id>("\"8ZZZZZZZZZZZZZZZZZZZZZZZZZ\"").is_err());
        assert!(serde_json::from_str::<Id>("\"x\"").is_err());
    }
}
