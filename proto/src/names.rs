//! The one camelCase-to-separated rule every party applies to wire names: `dueAt` is the
//! column `due_at` (projections) and the flag `--due-at` (the CLI), `BudgetAssignment` the
//! command `budget-assignment`; `camel` turns a column back into its wire name.

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

/// The inverse for snake case: `due_at` → `dueAt`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
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
    use super::*;

    #[test]
    fn camel_case_splits_at_each_capital() {
        assert_eq!(separated("dueAt", '_'), "due_at");
        assert_eq!(separated("BudgetAssignment", '-'), "budget-assignment");
        assert_eq!(separated("id", '-'), "id");
        assert_eq!(camel("due_at"), "dueAt");
        assert_eq!(camel(&separated("workspaceId", '_')), "workspaceId");
    }
}
