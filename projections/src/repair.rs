//! Repair requests: how an operator (`lifeosd projections retry|skip`) tells a projection to
//! re-apply a parked stream. A request is an event of its own (stream
//! `ProjectionRepair/{workspace}:{id}`, in the parked stream's workspace), so it takes its place
//! in the gap-free feed: the projector handles it in order, under its own leadership, and the
//! rows it writes (the kernel's `sync_log` entries) get a fresh feed position that every sync
//! client is still ahead of — and auditors see who asked for what, when.
//!
//! Nothing else may read or write these events; no entity projection handles their type.

use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use crate::feed::StoredEvent;

pub const AGGREGATE_TYPE: &str = "ProjectionRepair";
pub const EVENT_TYPE: &str = "ProjectionRepairRequested";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepairAction {
    /// Apply the parked event and everything held after it again (after a correction shipped).
    Retry,
    /// Leave the parked event out and apply what was held after it.
    Skip,
}

/// One request: which projection, which stream, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRequest {
    pub projection: String,
    pub aggregate_type: String,
    pub aggregate_id: String,
    pub action: RepairAction,
}

#[derive(Serialize, Deserialize)]
enum Payload {
    Requested(RepairRequest),
}

impl RepairRequest {
    /// The request an event carries, if it is one.
    pub fn read(event: &StoredEvent) -> Option<Self> {
        if event.aggregate_type != AGGREGATE_TYPE {
            return None;
        }
        match serde_json::from_str(&event.payload) {
            Ok(Payload::Requested(request)) => Some(request),
            Err(e) => {
                tracing::warn!(error = %e, position = ?event.position, "unreadable repair request ignored");
                None
            }
        }
    }

    /// Appends the request to the store (`id`: a fresh ULID; `actor`: who asked).
    pub async fn submit(&self, pool: &PgPool, workspace_id: &str, id: &str, actor: &str) -> Result<(), sqlx::Error> {
        let payload = serde_json::to_string(&Payload::Requested(self.clone())).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let metadata = lifeos_events::EventMetadata {
            workspace_id: workspace_id.to_owned(),
            actor: actor.to_owned(),
            request_id: id.to_owned(),
            client_id: None,
        };
        sqlx::query(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
             VALUES ($1, $2, 1, $3, '1', $4::json, $5::json)",
        )
        .bind(AGGREGATE_TYPE)
        .bind(format!("{workspace_id}:{id}"))
        .bind(EVENT_TYPE)
        .bind(payload)
        .bind(metadata.to_json())
        .execute(pool)
        .await?;
        Ok(())
    }
}
