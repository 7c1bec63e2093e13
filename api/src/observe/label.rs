//! The operation label of a GraphQL request, for metrics and the access log: the first (in
//! sorted order) root field of the executed operation that is a field of the schema's root
//! type, or an introspection root (`__schema`, `__type`, `__typename`); anything else —
//! an unparsed document, an operation that cannot be chosen, only unknown fields — is
//! `other`. Client text (operation names, aliases, unknown field names) never becomes a
//! label: the value returned is always the schema's own spelling.

use std::collections::HashSet;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationDefinition, OperationType, Selection, SelectionSet};
use async_graphql::registry::Registry;

/// The label of anything that cannot be attributed to a schema field.
pub const OTHER: &str = "other";

/// Introspection roots, valid on every root type.
const INTROSPECTION: [&str; 3] = ["__schema", "__type", "__typename"];

/// Fragment spreads are followed this deep at most (validation refuses cycles later; the
/// label is computed before it).
const MAX_FRAGMENT_DEPTH: usize = 4;

/// What the label of one operation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationLabel {
    pub operation: String,
    pub r#type: &'static str,
}

impl Default for OperationLabel {
    fn default() -> Self {
        Self { operation: OTHER.to_owned(), r#type: "unknown" }
    }
}

/// The label of the operation `operation_name` (or the only one) of `doc`.
pub fn label(registry: &Registry, doc: &ExecutableDocument, operation_name: Option<&str>) -> OperationLabel {
    let Some(op) = chosen(doc, operation_name) else { return OperationLabel::default() };
    let (root, ty) = match op.ty {
        OperationType::Query => (Some(registry.query_type.as_str()), "query"),
        OperationType::Mutation => (registry.mutation_type.as_deref(), "mutation"),
        OperationType::Subscription => (registry.subscription_type.as_deref(), "subscription"),
    };
    let root = root.and_then(|name| registry.types.get(name));
    let mut names = Vec::new();
    collect(doc, &op.selection_set.node, 0, &mut HashSet::new(), &mut names);
    let known = names.into_iter().filter_map(|name| {
        INTROSPECTION
            .iter()
            .find(|i| **i == name)
            .map(|i| (*i).to_owned())
            .or_else(|| root.and_then(|t| t.fields()).and_then(|fields| fields.get_key_value(name)).map(|(key, _)| key.clone()))
    });
    let operation = known.min().unwrap_or_else(|| OTHER.to_owned());
    OperationLabel { operation, r#type: ty }
}

fn chosen<'d>(doc: &'d ExecutableDocument, name: Option<&str>) -> Option<&'d OperationDefinition> {
    match (&doc.operations, name) {
        (DocumentOperations::Single(op), None) => Some(&op.node),
        (DocumentOperations::Single(op), Some(_)) => doc.operations.iter().find(|(n, _)| n.map(|n| n.as_str()) == name).map(|_| &op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.iter().find(|(n, _)| n.as_str() == name).map(|(_, op)| &op.node),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| &op.node),
        (DocumentOperations::Multiple(_), None) => None,
    }
}

/// The field names selected at the root, through inline fragments and fragment spreads.
fn collect<'d>(doc: &'d ExecutableDocument, set: &'d SelectionSet, depth: usize, seen: &mut HashSet<&'d str>, out: &mut Vec<&'d str>) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => out.push(field.node.name.node.as_str()),
            Selection::InlineFragment(fragment) => collect(doc, &fragment.node.selection_set.node, depth, seen, out),
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                if depth < MAX_FRAGMENT_DEPTH && seen.insert(name) {
                    if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                        collect(doc, &fragment.node.selection_set.node, depth + 1, seen, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptySubscription, Object, Schema};

    use super::*;

    struct Q;
    #[Object]
    impl Q {
        async fn notes(&self) -> i32 {
            1
        }
        async fn me(&self) -> i32 {
            1
        }
    }
    struct M;
    #[Object]
    impl M {
        async fn create_note(&self) -> i32 {
            1
        }
    }

    /// Labels `query` as the served schema would (the registry is only reachable from an
    /// extension); a document that does not parse is labelled as the default.
    fn label_of(query: &str, name: Option<&str>) -> OperationLabel {
        use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
        use std::sync::{Arc, Mutex};
        type Seen = Arc<Mutex<Option<OperationLabel>>>;
        struct Capture(Seen, Option<String>);
        impl ExtensionFactory for Capture {
            fn create(&self) -> Arc<dyn Extension> {
                Arc::new(Capture(self.0.clone(), self.1.clone()))
            }
        }
        #[async_graphql::async_trait::async_trait]
        impl Extension for Capture {
            async fn parse_query(
                &self,
                ctx: &ExtensionContext<'_>,
                query: &str,
                variables: &async_graphql::Variables,
                next: NextParseQuery<'_>,
            ) -> async_graphql::ServerResult<ExecutableDocument> {
                let doc = next.run(ctx, query, variables).await?;
                if let Ok(mut seen) = self.0.lock() {
                    *seen = Some(label(&ctx.schema_env.registry, &doc, self.1.as_deref()));
                }
                Ok(doc)
            }
        }
        let seen = Seen::default();
        let schema = Schema::build(Q, M, EmptySubscription).extension(Capture(seen.clone(), name.map(str::to_owned))).finish();
        let mut request = async_graphql::Request::new(query);
        request.operation_name = name.map(str::to_owned);
        futures::executor::block_on(schema.execute(request));
        let label = seen.lock().expect("lock").clone();
        label.unwrap_or_default()
    }

    #[test]
    fn the_label_is_a_schema_root_field_and_never_client_text() {
        assert_eq!(label_of("{ notes me }", None).operation, "me");
        assert_eq!(label_of("query Secret { x: notes }", None).operation, "notes");
        assert_eq!(label_of("mutation { createNote }", None), OperationLabel { operation: "createNote".into(), r#type: "mutation" });
        assert_eq!(label_of("{ passwordOfBob }", None).operation, OTHER);
        assert_eq!(label_of("{ ...F } fragment F on Q { notes }", None).operation, "notes");
        assert_eq!(label_of("query A { notes } query B { me }", Some("B")).operation, "me");
        assert_eq!(label_of("query A { notes } query B { me }", None), OperationLabel::default());
        assert_eq!(label_of("query A { notes } query B { me }", Some("C")), OperationLabel::default());
        assert_eq!(label_of("{ __schema { types { name } } }", None).operation, "__schema");
        // Refused by the parser (a cycle), or `other` if it got this far.
        assert_eq!(label_of("{ ...A } fragment A on Q { ...B } fragment B on Q { ...A }", None).operation, OTHER);
    }
}
