//! The kernel-row tables: which aggregate type feeds which table, and its field columns.
//! To add a domain: one entry here plus its `CREATE TABLE` migration.

/// A kernel-row table: the kernel columns plus `fields` (camelCase event keys; the column is
/// the snake_case form).
#[derive(Debug, Clone, Copy)]
pub struct KernelTable {
    pub aggregate_type: &'static str,
    pub table: &'static str,
    pub fields: &'static [&'static str],
}

pub const KERNEL_COLUMNS: [&str; 6] = ["workspace_id", "id", "created_at", "updated_at", "deleted_at", "version"];

pub const TABLES: [KernelTable; 4] = [
    KernelTable { aggregate_type: "Note", table: "notes", fields: &["title", "body", "pinned", "tags"] },
    KernelTable {
        aggregate_type: "Task",
        table: "tasks",
        fields: &["title", "notes", "status", "priority", "dueAt", "completedAt", "parentId"],
    },
    KernelTable {
        aggregate_type: "Person",
        table: "people",
        fields: &["displayName", "emails", "phones", "birthday", "notes"],
    },
    KernelTable {
        aggregate_type: "Place",
        table: "places",
        fields: &["name", "address", "latitude", "longitude", "radiusM"],
    },
];

pub fn for_aggregate(aggregate_type: &str) -> Option<&'static KernelTable> {
    TABLES.iter().find(|t| t.aggregate_type == aggregate_type)
}

/// `dueAt` → `due_at`.
pub fn column_name(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl KernelTable {
    /// Every column, kernel first, in table order.
    pub fn columns(&self) -> Vec<String> {
        KERNEL_COLUMNS.iter().map(|c| (*c).to_owned()).chain(self.fields.iter().map(|f| column_name(f))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_fields_map_to_snake_case_columns() {
        assert_eq!(column_name("dueAt"), "due_at");
        assert_eq!(column_name("radiusM"), "radius_m");
        assert_eq!(column_name("title"), "title");
        assert_eq!(for_aggregate("Task").map(|t| t.table), Some("tasks"));
    }
}
