//! The offline-sync vocabulary both ends of `pushChanges` speak: what a queued mutation does
//! (`SyncOp`) and how the server took it (`MutationStatus`), with their wire names — the
//! server's GraphQL enums mirror these (`#[graphql(remote)]`), the server stores them with a
//! push's results, and the clients queue and read them.

use serde::{Deserialize, Serialize};

/// What a device's queued mutation does to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SyncOp {
    /// Create, or write the given fields (partial).
    Upsert,
    Delete,
    Restore,
}

impl SyncOp {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upsert => "UPSERT",
            Self::Delete => "DELETE",
            Self::Restore => "RESTORE",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Upsert, Self::Delete, Self::Restore].into_iter().find(|op| op.as_str() == text)
    }
}

/// How the server took one queued mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MutationStatus {
    /// Every register it wrote won.
    Applied,
    /// Some registers kept a newer value written by another device.
    Merged,
    /// Invalid; nothing of the push was committed.
    Rejected,
    /// Valid, but not committed because another mutation of the same push was rejected.
    Skipped,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_and_statuses_keep_their_wire_names() -> Result<(), serde_json::Error> {
        for op in [SyncOp::Upsert, SyncOp::Delete, SyncOp::Restore] {
            assert_eq!(SyncOp::parse(op.as_str()), Some(op));
            assert_eq!(serde_json::to_value(op)?, serde_json::json!(op.as_str()));
        }
        assert_eq!(SyncOp::parse("upsert"), None);
        assert_eq!(serde_json::to_value(MutationStatus::Skipped)?, serde_json::json!("SKIPPED"));
        Ok(())
    }
}
