//! Alias limit (async-graphql limits depth and complexity itself): counts every aliased field
//! in the document, so one request cannot fan a cheap field out into thousands of copies.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Number of aliased fields anywhere in the document (operations and fragments).
/// Whether every operation in the document is a mutation (mutations decide on the event store,
/// not the read tables, so they need not wait for the session's earlier writes to project).
pub fn only_mutations(doc: &ExecutableDocument) -> bool {
    doc.operations.iter().all(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation)
}

pub fn count_aliases(doc: &ExecutableDocument) -> usize {
    let in_operations: usize = doc.operations.iter().map(|(_, op)| count_in(&op.node.selection_set.node)).sum();
    let in_fragments: usize = doc.fragments.values().map(|f| count_in(&f.node.selection_set.node)).sum();
    in_operations + in_fragments
}

fn count_in(set: &SelectionSet) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some()) + count_in(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => count_in(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_counted_everywhere() {
        let doc = async_graphql::parser::parse_query(
            "query { a: me { id } b: me { x: id } ...F } fragment F on QueryRoot { c: me { id } }",
        )
        .expect("parses");
        assert_eq!(count_aliases(&doc), 4);
    }
}
