//! Projection `activity_daily`: counts of created / updated / deleted entities per workspace,
//! UTC day and entity type. Proves the analytics path: a new projection is one `apply` plus
//! its table, built over existing history by `lifeosd rebuild activity_daily`. Counts are
//! increments, which is safe because a batch is applied exactly once (checkpoint in the same
//! transaction).

use std::collections::BTreeMap;

use serde_json::Value;
use sqlx::PgConnection;

use crate::feed::StoredEvent;
use crate::kernel::tables::for_aggregate;
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "activity_daily";

#[derive(Debug, Default, Clone, Copy)]
pub struct ActivityDailyProjection;

type Key = (String, String, &'static str);

impl Projection for ActivityDailyProjection {
    fn name(&self) -> &str {
        NAME
    }

    fn tables(&self) -> Vec<&'static str> {
        vec!["activity_daily"]
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(crate::kernel::tables().iter().map(|t| t.type_name).collect())
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        let mut counts: BTreeMap<Key, [i64; 3]> = BTreeMap::new();
        for event in events {
            let Some(table) = for_aggregate(&event.aggregate_type) else { continue };
            let suffix = event.event_type.strip_prefix(table.type_name).unwrap_or_default();
            let slot = match suffix {
                "Created" => 0,
                "Deleted" => 2,
                _ => 1,
            };
            let day = event.recorded_at.date_naive().to_string();
            counts.entry((event.workspace_id.clone(), day, table.type_name)).or_default()[slot] += 1;
        }
        if counts.is_empty() {
            return Ok(());
        }
        let rows: Vec<Value> = counts
            .into_iter()
            .map(|((workspace_id, day, entity_type), [created, updated, deleted])| {
                serde_json::json!({"workspace_id": workspace_id, "day": day, "entity_type": entity_type,
                                   "created": created, "updated": updated, "deleted": deleted})
            })
            .collect();
        sqlx::query(
            "INSERT INTO activity_daily (workspace_id, day, entity_type, created, updated, deleted)
             SELECT workspace_id, day, entity_type, created, updated, deleted
               FROM jsonb_populate_recordset(NULL::activity_daily, $1)
             ON CONFLICT (workspace_id, day, entity_type) DO UPDATE
                SET created = activity_daily.created + EXCLUDED.created,
                    updated = activity_daily.updated + EXCLUDED.updated,
                    deleted = activity_daily.deleted + EXCLUDED.deleted",
        )
        .bind(Value::Array(rows))
        .execute(tx)
        .await?;
        Ok(())
    }
}
