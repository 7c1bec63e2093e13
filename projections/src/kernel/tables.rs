//! The kernel-row tables, from the registry of kinds (`lifeos_domain::registry`): which
//! aggregate type feeds which table, and its columns. Nothing is listed here by hand — a
//! registered kind has its table written, rebuilt and switched.

pub use lifeos_domain::kind::{KindSpec as KernelTable, KERNEL_COLUMNS};
use lifeos_domain::registry::KINDS;

/// Every kernel table, in registry order.
pub fn tables() -> &'static [&'static KernelTable] {
    KINDS
}

pub fn for_aggregate(aggregate_type: &str) -> Option<&'static KernelTable> {
    lifeos_domain::registry::spec(aggregate_type)
}

/// `dueAt` → `due_at`.
pub fn column_name(field: &str) -> String {
    lifeos_proto::names::separated(field, '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_columns_are_the_snake_case_of_the_wire_names() {
        for table in tables() {
            for field in table.fields {
                assert_eq!(column_name(field.name), field.column);
            }
        }
        assert_eq!(for_aggregate("Task").map(|t| t.table), Some("tasks"));
    }
}
