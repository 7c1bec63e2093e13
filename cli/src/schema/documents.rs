//! The GraphQL documents of the kind commands, generated from the schema: for every kind a
//! `List<Kind>` query (a page of `nodes` and its `pageInfo`), a `Get<Kind>` query and one
//! mutation per verb (`CreateNote`, `CompleteTask`…), each selecting the kind's fields. The
//! generated text is checked in as `cli/graphql/kinds.graphql`, compiled against the schema
//! (`ops.rs`), and a test keeps it equal to what this module generates — so neither the SDL
//! nor the documents can drift. Commands send one operation of it at a time.

use std::fmt::Write;

use super::{Input, Kind, Operation, Schema};

/// How deep object-valued fields are selected (a transaction's postings: one level).
const DEPTH: usize = 2;

pub const HEADER: &str = "# Generated from spec/schema.graphql by lifeos_cli::schema::documents; do not edit.\n# Regenerate: LIFEOS_REGENERATE=1 cargo test -p lifeos-cli --lib documents\n";

/// The whole document: every kind's operations, in schema order.
pub fn generate(schema: &Schema) -> String {
    let mut out = String::from(HEADER);
    for kind in &schema.kinds {
        let fields = selection(schema, &kind.list_node, DEPTH, "      ");
        out.push('\n');
        out.push_str(&operation("query", &list_name(kind), &kind.list, &format!("{{\n    pageInfo {{ hasNextPage endCursor }}\n    nodes {{\n{fields}    }}\n  }}")));
        let fields = selection(schema, &kind.type_name, DEPTH, "    ");
        if let Some(get) = &kind.get {
            out.push('\n');
            out.push_str(&operation("query", &get_name(kind), get, &format!("{{\n{fields}  }}")));
        }
        for verb in &kind.verbs {
            out.push('\n');
            out.push_str(&operation("mutation", &verb_name(&verb.operation), &verb.operation, &format!("{{\n{fields}  }}")));
        }
    }
    out
}

pub fn list_name(kind: &Kind) -> String {
    format!("List{}", kind.type_name)
}

pub fn get_name(kind: &Kind) -> String {
    format!("Get{}", kind.type_name)
}

/// `createNote` → `CreateNote`.
pub fn verb_name(operation: &Operation) -> String {
    let mut chars = operation.field.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// The one operation `name` of a generated document (they are blank-line separated blocks).
pub fn extract<'d>(document: &'d str, name: &str) -> Option<&'d str> {
    document.split("\n\n").map(str::trim).find(|block| {
        let head = block.lines().find(|l| !l.starts_with('#')).unwrap_or_default();
        ["query ", "mutation "].iter().any(|kw| head.strip_prefix(kw).is_some_and(|rest| rest.strip_prefix(name).is_some_and(|r| r.starts_with(['(', ' ']))))
    })
}

fn operation(keyword: &str, name: &str, op: &Operation, selection: &str) -> String {
    let vars: Vec<String> = op.arguments.iter().map(declaration).collect();
    let args: Vec<String> = op.arguments.iter().map(|a| format!("{0}: ${0}", a.name)).collect();
    let (vars, args) = if vars.is_empty() { (String::new(), String::new()) } else { (format!("({})", vars.join(", ")), format!("({})", args.join(", "))) };
    format!("{keyword} {name}{vars} {{\n  {}{args} {selection}\n}}\n", op.field)
}

/// `$first: Int`; an argument that is required but has a default is declared nullable with
/// that default (so the caller may leave it out).
fn declaration(a: &Input) -> String {
    match &a.default {
        Some(default) if a.ty.required => format!("${}: {} = {default}", a.name, a.ty.text.trim_end_matches('!')),
        _ => format!("${}: {}", a.name, a.ty.text),
    }
}

/// The fields of `type_name` that take no arguments; objects' own fields `depth - 1` deep.
fn selection(schema: &Schema, type_name: &str, depth: usize, indent: &str) -> String {
    let mut out = String::new();
    for field in schema.output_fields(type_name).iter().filter(|f| !f.has_arguments) {
        if schema.is_leaf(&field.ty.name) {
            let _ = writeln!(out, "{indent}{}", field.name);
        } else if depth > 1 && schema.is_object(&field.ty.name) {
            let inner = selection(schema, &field.ty.name, depth - 1, &format!("{indent}  "));
            if !inner.is_empty() {
                let _ = write!(out, "{indent}{} {{\n{inner}{indent}}}\n", field.name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKED_IN: &str = include_str!("../../graphql/kinds.graphql");

    /// The checked-in documents are what the schema generates (regenerate with
    /// `LIFEOS_REGENERATE=1`).
    #[test]
    fn the_checked_in_documents_are_generated_from_the_schema() -> Result<(), Box<dyn std::error::Error>> {
        let generated = generate(&Schema::embedded()?);
        if std::env::var_os("LIFEOS_REGENERATE").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/graphql/kinds.graphql"), &generated)?;
            return Ok(());
        }
        assert!(CHECKED_IN == generated, "cli/graphql/kinds.graphql is stale: run `LIFEOS_REGENERATE=1 cargo test -p lifeos-cli --lib documents`");
        Ok(())
    }

    #[test]
    fn one_operation_is_extracted_whole() -> Result<(), Box<dyn std::error::Error>> {
        let document = generate(&Schema::embedded()?);
        let create = extract(&document, "CreateTask").ok_or("no CreateTask")?;
        assert!(create.starts_with("mutation CreateTask($input: CreateTaskInput!)") && create.ends_with('}'), "{create}");
        assert!(extract(&document, "Create").is_none());
        let list = extract(&document, "ListTask").ok_or("no ListTask")?;
        assert!(list.contains("includeDeleted: Boolean = false") && list.contains("nodes {"), "{list}");
        Ok(())
    }
}
