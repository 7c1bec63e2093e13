//! Bench-only projections `synthetic_<i>` (`lifeosd serve` with
//! `LIFEOS_SYNTHETIC_PROJECTIONS=<n>`): each upserts one row per stream an event touches into
//! its own table `synthetic_projection_<i>`, standing in for the projections life domains will
//! add, so the write path can be measured with 3 and with 9 projections. In the `live` group.
//! Creates its own table (`catch_up`), since no migration should carry it; never registered
//! unless asked for, and nothing reads its rows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use crate::feed::StoredEvent;
use crate::runtime::{Projection, ProjectionError};

/// Projection `synthetic_<index>`, writing `synthetic_projection_<index>`.
#[derive(Debug, Clone, Copy)]
pub struct SyntheticProjection {
    name: &'static str,
    table: &'static str,
}

impl SyntheticProjection {
    /// The `n` synthetic projections `synthetic_0` … `synthetic_<n-1>`. Their names are made
    /// once per process and kept for its lifetime (`tables()` hands out `&'static str`).
    pub fn first(n: usize) -> Vec<Self> {
        (0..n)
            .map(|i| Self {
                name: Box::leak(format!("synthetic_{i}").into_boxed_str()),
                table: Box::leak(format!("synthetic_projection_{i}").into_boxed_str()),
            })
            .collect()
    }

    pub fn table(&self) -> &'static str {
        self.table
    }
}

/// One row's change in a batch: its newest position and time, and how many events touched it.
struct Touch {
    last_position: i64,
    updated_at: DateTime<Utc>,
    count: i64,
}

impl Projection for SyntheticProjection {
    fn name(&self) -> &str {
        self.name
    }

    fn tables(&self) -> Vec<&'static str> {
        vec![self.table]
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        // One row per stream per statement (an upsert may not touch a row twice).
        let mut touched: HashMap<(&str, &str), Touch> = HashMap::new();
        for event in events {
            let touch = touched
                .entry((event.workspace_id.as_str(), event.aggregate_id.as_str()))
                .or_insert(Touch { last_position: 0, updated_at: event.recorded_at, count: 0 });
            touch.last_position = event.position.global_position;
            touch.updated_at = event.recorded_at;
            touch.count += 1;
        }
        if touched.is_empty() {
            return Ok(());
        }
        let mut workspaces = Vec::with_capacity(touched.len());
        let mut ids = Vec::with_capacity(touched.len());
        let mut positions = Vec::with_capacity(touched.len());
        let mut times = Vec::with_capacity(touched.len());
        let mut counts = Vec::with_capacity(touched.len());
        for ((workspace, id), touch) in touched {
            workspaces.push(workspace);
            ids.push(id);
            positions.push(touch.last_position);
            times.push(touch.updated_at);
            counts.push(touch.count);
        }
        let table = self.table;
        sqlx::query(&format!(
            "INSERT INTO {table} AS t (workspace_id, id, last_position, updated_at, count)
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::bigint[])
             ON CONFLICT (workspace_id, id) DO UPDATE
                SET last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at,
                    count = t.count + EXCLUDED.count"
        ))
        .bind(workspaces)
        .bind(ids)
        .bind(positions)
        .bind(times)
        .bind(counts)
        .execute(tx)
        .await?;
        Ok(())
    }

    async fn catch_up(&self, conn: &mut PgConnection) -> Result<(), ProjectionError> {
        let table = self.table;
        sqlx::query(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (
                workspace_id text NOT NULL,
                id text NOT NULL,
                last_position bigint NOT NULL,
                updated_at timestamptz NOT NULL,
                count bigint NOT NULL,
                PRIMARY KEY (workspace_id, id))"
        ))
        .execute(conn)
        .await?;
        Ok(())
    }
}
