//! Reading the change feed: a workspace's `sync_log` entries after a position, in commit order,
//! each with its entity's current row (camelCase JSON), bounded by rows and bytes. The one
//! reader behind the `changes` query, subscription catch-up and the live hub.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use lifeos_projections::feed::Position;
use lifeos_projections::kernel::tables::tables;
use serde_json::{Map, Value};
use sqlx::PgPool;

use crate::error::ApiError;

/// One change, as clients see it.
#[derive(Debug, Clone)]
pub struct Change {
    pub position: Position,
    pub entity_type: String,
    pub entity_id: String,
    /// `upsert` or `delete` (the entity is soft-deleted).
    pub op: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    /// The entity's current row: kernel columns and fields, camelCase, without `workspaceId`.
    pub data: Value,
}

/// A page of changes; `has_more` when the bound (rows or bytes) cut it short.
pub struct Page {
    pub changes: Vec<Change>,
    pub has_more: bool,
}

type Row = (i64, i64, String, String, i64, String, DateTime<Utc>, Option<Value>);

/// `sync_log` joined to every kernel table (one LEFT JOIN per kind, from [`TABLES`]).
fn query() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let joins: String = tables()
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    " LEFT JOIN {table} k{i} ON s.entity_type = '{kind}' AND k{i}.workspace_id = s.workspace_id AND k{i}.id = s.entity_id",
                    table = t.table,
                    kind = t.type_name
                )
            })
            .collect();
        let rows: Vec<String> = (0..tables().len()).map(|i| format!("to_jsonb(k{i})")).collect();
        // The page of `sync_log` is cut first (an index walk with LIMIT), then joined: joining
        // first lets a planner without statistics hash-join whole tables before the LIMIT.
        format!(
            "SELECT s.transaction_id, s.global_position, s.entity_type, s.entity_id, s.version, s.op, s.updated_at,
                    COALESCE({rows})
               FROM (SELECT * FROM sync_log
                      WHERE workspace_id = $1 AND (transaction_id, global_position) > ($2, $3)
                      ORDER BY transaction_id, global_position
                      LIMIT $4) s{joins}
              ORDER BY s.transaction_id, s.global_position",
            rows = rows.join(", ")
        )
    })
}

pub async fn read(pool: &PgPool, workspace_id: &str, after: Position, limit: usize, max_bytes: usize) -> Result<Page, ApiError> {
    let rows: Vec<Row> = sqlx::query_as(query())
        .bind(workspace_id)
        .bind(after.transaction_id)
        .bind(after.global_position)
        .bind(i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
    let mut has_more = rows.len() > limit;
    let mut changes = Vec::with_capacity(rows.len().min(limit));
    let mut bytes = 0usize;
    for (transaction_id, global_position, entity_type, entity_id, version, op, updated_at, row) in rows.into_iter().take(limit) {
        let data = camel_case(row.unwrap_or(Value::Null));
        bytes = bytes.saturating_add(data.to_string().len());
        if bytes > max_bytes && !changes.is_empty() {
            has_more = true;
            break;
        }
        changes.push(Change {
            position: Position { transaction_id, global_position },
            entity_type,
            entity_id,
            op,
            version,
            updated_at,
            data,
        });
    }
    Ok(Page { changes, has_more })
}

/// Where to continue after a client's cursor: the decoded position, provided this server's
/// feed reaches it (a cursor past the end comes from a different history: reset).
pub async fn resume_point(pool: &PgPool, workspace_id: &str, cursor: Option<&str>) -> Result<Position, ApiError> {
    let position = super::cursor::decode(workspace_id, cursor)?;
    if position > Position::default() && position > head(pool, workspace_id).await? {
        return Err(ApiError::ResetRequired("this cursor is ahead of the server's history; pull again from the start".into()));
    }
    Ok(position)
}

/// The workspace's newest change position (the start if it has none).
pub async fn head(pool: &PgPool, workspace_id: &str) -> Result<Position, ApiError> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT transaction_id, global_position FROM sync_log WHERE workspace_id = $1
          ORDER BY transaction_id DESC, global_position DESC LIMIT 1",
    )
    .bind(workspace_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(transaction_id, global_position)| Position { transaction_id, global_position }).unwrap_or_default())
}

/// A read row (`to_jsonb`, snake_case columns) as the wire's camelCase object.
fn camel_case(row: Value) -> Value {
    let Value::Object(columns) = row else { return Value::Null };
    let mut out = Map::with_capacity(columns.len());
    for (column, value) in columns {
        if column == "workspace_id" {
            continue;
        }
        out.insert(field_name(&column), value);
    }
    Value::Object(out)
}

/// `due_at` → `dueAt` (the inverse of `column_name` for every kernel column and field).
fn field_name(column: &str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use lifeos_projections::kernel::tables::{column_name, KERNEL_COLUMNS};

    use super::*;

    #[test]
    fn every_column_maps_back_to_its_field_name() {
        for table in tables() {
            for field in table.fields {
                assert_eq!(field_name(&column_name(field.name)), field.name);
            }
        }
        assert_eq!(KERNEL_COLUMNS.map(field_name), ["workspaceId", "id", "createdAt", "updatedAt", "deletedAt", "version"]);
    }
}
