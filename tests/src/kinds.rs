//! The registered kinds' read tables as the database reports them, and the pure comparison of
//! a table with its kind's declaration (`lifeos_domain::registry::KINDS`): the kernel columns
//! with their types, exactly the declared field columns with compatible types and nullability,
//! and the primary key `(workspace_id, id)`. Nothing here asserts: [`differences`] lists what
//! disagrees and the tests decide.

use lifeos_domain::kind::{KindSpec, SqlType, KERNEL_COLUMNS, KERNEL_SQL_TYPES};
use sqlx::PgPool;

/// The kernel columns' nullability, in [`KERNEL_COLUMNS`] order (their types are the domain's
/// [`KERNEL_SQL_TYPES`]; the array length ties them together).
const KERNEL_NULLABLE: [bool; KERNEL_COLUMNS.len()] = [false, false, false, false, true, false];

/// The primary key every kind's table must have.
pub const PRIMARY_KEY: [&str; 2] = ["workspace_id", "id"];

/// One column of a table, from `information_schema.columns`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DbColumn {
    pub name: String,
    /// `data_type`: `text`, `timestamp with time zone`, `ARRAY`...
    pub data_type: String,
    /// `udt_name`: `text`, `timestamptz`, `_text` (an array of text)...
    pub udt_name: String,
    /// `is_nullable = 'YES'`.
    pub nullable: bool,
}

/// The columns of `table` in the current schema, in table order (empty: no such table).
pub async fn table_columns(pool: &PgPool, table: &str) -> anyhow::Result<Vec<DbColumn>> {
    Ok(sqlx::query_as(
        "SELECT column_name::text AS name, data_type::text AS data_type, udt_name::text AS udt_name,
                is_nullable = 'YES' AS nullable
           FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1
          ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(pool)
    .await?)
}

/// The primary key columns of `table` in the current schema, in key order.
pub async fn primary_key(pool: &PgPool, table: &str) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT k.column_name::text
           FROM information_schema.table_constraints c
           JOIN information_schema.key_column_usage k
             ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
          WHERE c.table_schema = current_schema() AND c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY'
          ORDER BY k.ordinal_position",
    )
    .bind(table)
    .fetch_all(pool)
    .await?)
}

/// A column as the declaration wants it.
struct Wanted {
    name: &'static str,
    sql: SqlType,
    nullable: bool,
}

fn wanted(spec: &KindSpec) -> Vec<Wanted> {
    let kernel = KERNEL_COLUMNS.iter().zip(KERNEL_SQL_TYPES.into_iter().zip(KERNEL_NULLABLE)).map(|(name, (sql, nullable))| Wanted { name, sql, nullable });
    let fields = spec.fields.iter().map(|f| Wanted { name: f.column, sql: f.sql, nullable: f.nullable });
    kernel.chain(fields).collect()
}

fn null_word(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "NOT NULL"
    }
}

/// Everything on which `columns` and `pk` (a table as the database has it) disagree with
/// `spec` (the kind's declaration); each entry names the table and the column. Empty: they agree.
pub fn differences(spec: &KindSpec, columns: &[DbColumn], pk: &[String]) -> Vec<String> {
    let table = spec.table;
    if columns.is_empty() {
        return vec![format!("{table}: no such table")];
    }
    let wanted = wanted(spec);
    let mut found = Vec::new();
    for (index, want) in wanted.iter().enumerate() {
        if wanted[..index].iter().any(|w| w.name == want.name) {
            found.push(format!("{table}.{}: declared twice", want.name));
            continue;
        }
        let Some(column) = columns.iter().find(|c| c.name == want.name) else {
            found.push(format!("{table}.{}: declared ({}) but not in the table", want.name, want.sql.information_schema()));
            continue;
        };
        if column.data_type != want.sql.information_schema() {
            found.push(format!(
                "{table}.{}: the table has type {}, the declaration {}",
                want.name,
                column.data_type,
                want.sql.information_schema()
            ));
        } else if want.sql == SqlType::TextArray && column.udt_name != "_text" {
            found.push(format!("{table}.{}: the table has an array of {}, the declaration of text (_text)", want.name, column.udt_name));
        }
        if column.nullable != want.nullable {
            found.push(format!(
                "{table}.{}: {} in the table, {} in the declaration",
                want.name,
                null_word(column.nullable),
                null_word(want.nullable)
            ));
        }
    }
    for column in columns.iter().filter(|c| !wanted.iter().any(|w| w.name == c.name)) {
        found.push(format!("{table}.{}: in the table but not declared", column.name));
    }
    if pk != PRIMARY_KEY {
        found.push(format!("{table}: primary key is ({}), must be ({})", pk.join(", "), PRIMARY_KEY.join(", ")));
    }
    found
}
