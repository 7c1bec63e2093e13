//! Bytes per small create, all-in: after `VACUUM ANALYZE`, `pg_total_relation_size` (table,
//! TOAST and indexes) of every table a create writes to, divided by the creates made. One row
//! per table and one for the sum, against the 700 B target. Reads only sizes.

use sqlx::PgPool;

use crate::report::{Report, Row};
use crate::stats::count;

/// The tables a small create (a note pushed by a device) writes to.
const TABLES: [&str; 7] = ["events", "snapshots", "sync_mutations", "sync_log", "notes", "search_documents", "entity_ids"];
const TARGET_BYTES: f64 = 700.0;

pub async fn weigh(pool: &PgPool, creates: usize, report: &mut Report) -> anyhow::Result<()> {
    for table in TABLES {
        sqlx::query(&format!("VACUUM ANALYZE {table}")).execute(pool).await?;
    }
    let mut total = 0.0;
    for table in TABLES {
        let bytes: i64 = sqlx::query_scalar("SELECT pg_total_relation_size($1::regclass)").bind(table).fetch_one(pool).await?;
        let per = count(usize::try_from(bytes)?) / count(creates.max(1));
        total += per;
        report.add(row(table.to_owned(), creates, per, Vec::new()));
    }
    report.add(row("all-in".to_owned(), creates, total, vec![("of the 700 B target".to_owned(), total / TARGET_BYTES)]));
    Ok(())
}

fn row(setting: String, creates: usize, bytes: f64, ratios: Vec<(String, f64)>) -> Row {
    Row { scenario: "lifeos: bytes per create".into(), setting, ops: creates, rate: bytes, unit: "B/create", p50_ms: None, p99_ms: None, ratios }
}
