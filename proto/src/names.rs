//! The one camelCase-to-separated rule every party applies to wire names: `dueAt` is the
//! column `due_at` (projections) and the flag `--due-at` (the CLI), `BudgetAssignment` the
//! command `budget-assignment`.

/// `dueAt` with `_` → `due_at`; `BudgetAssignment` with `-` → `budget-assignment`.
pub fn separated(name: &str, separator: char) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push(separator);
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_splits_at_each_capital() {
        assert_eq!(separated("dueAt", '_'), "due_at");
        assert_eq!(separated("BudgetAssignment", '-'), "budget-assignment");
        assert_eq!(separated("id", '-'), "id");
    }
}
