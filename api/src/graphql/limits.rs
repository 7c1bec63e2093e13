//! What one operation may cost, enforced as a schema extension so HTTP and websocket
//! operations get exactly the same limits: depth (ordinary selections against the configured
//! limit, introspection trees against their own fixed bounds, see `depth.rs`), aliases (one
//! request cannot fan a cheap field out into thousands of copies), complexity (list fields
//! count `first`/`limit` × their selection, see `cost.rs`), and the response size
//! (`budget.rs`).
//!
//! Refusals are `ApiError`s (codes assigned in `error.rs` only); this module never executes,
//! buffers or serialises a response for the client.

use std::sync::{Arc, OnceLock};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest, NextSubscribe,
    NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{ErrorExtensions, Request, Response, ServerError, ServerResult, ValidationResult, Variables};
use futures::stream::{BoxStream, StreamExt};

use super::budget::{json_len_within, ResponseBudget};
use super::depth::{self, MAX_FRAGMENT_CHAIN, MAX_INTROSPECTION_DEPTH, MAX_INTROSPECTION_LISTS};
use crate::config::GraphqlLimits;
use crate::error::ApiError;

/// Whether every operation in the document is a mutation (mutations decide on the event store,
/// not the read tables, so they need not wait for the session's earlier writes to project).
pub fn only_mutations(doc: &ExecutableDocument) -> bool {
    doc.operations.iter().all(|(_, op)| op.node.ty == OperationType::Mutation)
}

/// Number of aliased fields anywhere in the document (operations and fragments).
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

/// The extension factory: one [`OperationLimits`] (with its own response budget) per operation.
pub struct Limits(pub GraphqlLimits);

impl ExtensionFactory for Limits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationLimits {
            limits: self.0,
            budget: ResponseBudget::new(self.0.max_response_bytes),
            operation: Arc::default(),
        })
    }
}

struct OperationLimits {
    limits: GraphqlLimits,
    budget: ResponseBudget,
    operation: Arc<Operation>,
}

/// What is known about the operation as its request is prepared and parsed.
#[derive(Default)]
struct Operation {
    name: OnceLock<Option<String>>,
    /// The document's operations (name, type).
    kinds: OnceLock<Vec<(Option<String>, OperationType)>>,
}

impl Operation {
    /// Whether the operation executed is a mutation. Its answer is never refused for its size:
    /// the writes have committed by then, and a client told "too large" would retry them (a
    /// mutation answers with about what it was sent, bounded by the request body limit).
    fn is_mutation(&self) -> bool {
        let (Some(kinds), Some(name)) = (self.kinds.get(), self.name.get()) else { return false };
        let chosen = match kinds.as_slice() {
            [(_, only)] => Some(*only),
            many => many.iter().find(|(n, _)| n == name).map(|(_, ty)| *ty),
        };
        chosen == Some(OperationType::Mutation)
    }

    /// The response, capped unless it answers a mutation.
    fn capped(&self, response: Response, limit: usize) -> Response {
        if self.is_mutation() {
            return response;
        }
        capped(response, limit)
    }
}

/// A refusal in the shape of every other request-level error.
fn refusal(e: &ApiError) -> ServerError {
    e.extend().into_server_error(async_graphql::Pos::default())
}

/// The response, or `RESPONSE_TOO_LARGE` in its place if its data passes `limit` bytes.
fn capped(response: Response, limit: usize) -> Response {
    if response.data == async_graphql::Value::Null || json_len_within(&response.data, limit).is_some() {
        return response;
    }
    let mut refused = Response::from_errors(vec![refusal(&ApiError::ResponseTooLarge { limit_bytes: limit })]);
    refused.http_headers = response.http_headers;
    refused.extensions = response.extensions;
    refused
}

#[async_graphql::async_trait::async_trait]
impl Extension for OperationLimits {
    /// Resolvers find this operation's budget in the request data.
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let _ = self.operation.name.set(request.operation_name.clone());
        next.run(ctx, request.data(self.budget.clone())).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let operations = doc.operations.iter().map(|(name, op)| (name.map(|n| n.to_string()), op.node.ty)).collect();
        let _ = self.operation.kinds.set(operations);
        let aliases = count_aliases(&doc);
        let max = self.limits.max_aliases;
        if aliases > max {
            let message = format!("query uses {aliases} aliases; the limit is {max}");
            return Err(refusal(&ApiError::Validation { field: None, message }));
        }
        if let Some(message) = too_deep(&doc, self.limits.max_depth) {
            return Err(refusal(&ApiError::Validation { field: None, message }));
        }
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        let max = self.limits.max_complexity;
        if result.complexity > max {
            let message = format!(
                "query complexity is {}; the limit is {max} (a list costs its `first`/`limit` times its selection)",
                result.complexity
            );
            return Err(vec![refusal(&ApiError::Validation { field: None, message })]);
        }
        Ok(result)
    }

    async fn execute(&self, ctx: &ExtensionContext<'_>, operation_name: Option<&str>, next: NextExecute<'_>) -> Response {
        self.operation.capped(next.run(ctx, operation_name).await, self.budget.limit())
    }

    /// Each subscription event is held to the same cap by `execute` above (async-graphql runs
    /// every event through it). A refused event ends its subscription: a change feed must not
    /// go on past an entry the client never got (it pulls from its last cursor instead, in
    /// byte-bounded pages).
    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        next.run(ctx, stream)
            .scan(false, |ended, response| {
                let next = (!*ended).then(|| {
                    *ended = too_large(&response);
                    response
                });
                futures::future::ready(next)
            })
            .boxed()
    }
}

/// Why the document nests too deep, if it does.
fn too_deep(doc: &ExecutableDocument, max_depth: usize) -> Option<String> {
    let Ok(depths) = depth::measure(doc) else {
        return Some(format!("fragments are spread inside one another more than {MAX_FRAGMENT_CHAIN} deep"));
    };
    if depths.plain > max_depth {
        return Some(format!("query is nested {} fields deep; the limit is {max_depth}", depths.plain));
    }
    if depths.introspection > MAX_INTROSPECTION_DEPTH {
        let deep = depths.introspection;
        return Some(format!("introspection is nested {deep} fields deep; the limit is {MAX_INTROSPECTION_DEPTH}"));
    }
    if depths.introspection_lists > MAX_INTROSPECTION_LISTS {
        let lists = depths.introspection_lists;
        return Some(format!(
            "introspection nests {lists} list fields (types, fields, args...) in one another; the limit is {MAX_INTROSPECTION_LISTS}"
        ));
    }
    None
}

/// Whether `response` is the size refusal.
fn too_large(response: &Response) -> bool {
    let code = ApiError::ResponseTooLarge { limit_bytes: 0 }.code();
    response.errors.iter().any(|e| {
        e.extensions.as_ref().and_then(|x| x.get("code")) == Some(&async_graphql::Value::from(code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_counted_everywhere() {
        let doc = async_graphql::parser::parse_query(
            "query { a: me { id } b: me { x: id } ...F } fragment F on Query { c: me { id } }",
        )
        .expect("parses");
        assert_eq!(count_aliases(&doc), 4);
    }

    #[test]
    fn an_answer_past_the_cap_is_replaced_by_the_refusal() {
        let small = Response::new(async_graphql::Value::from("x".repeat(10)));
        assert!(!too_large(&capped(small, 100)));
        let big = capped(Response::new(async_graphql::Value::from("x".repeat(200))), 100);
        assert!(too_large(&big));
        assert_eq!(big.data, async_graphql::Value::Null);
        let code = big.errors[0].extensions.as_ref().and_then(|e| e.get("code").cloned());
        assert_eq!(code, Some(async_graphql::Value::from("RESPONSE_TOO_LARGE")));
    }
}

#[cfg(test)]
mod subscription_tests {
    use async_graphql::{EmptyMutation, Object, Schema, Subscription};
    use futures::{Stream, StreamExt};

    use super::*;

    struct Q;
    #[Object]
    impl Q {
        async fn a(&self) -> i32 {
            1
        }
    }
    struct S;
    #[Subscription]
    impl S {
        async fn items(&self) -> impl Stream<Item = String> {
            futures::stream::iter(["x".repeat(200), "y".into(), "z".into()])
        }
    }

    #[tokio::test]
    async fn a_refused_event_ends_its_subscription() {
        let limits = GraphqlLimits { max_response_bytes: 100, ..GraphqlLimits::default() };
        let schema = Schema::build(Q, EmptyMutation, S).extension(Limits(limits)).finish();
        let got: Vec<Response> = schema.execute_stream("subscription { items }").collect().await;
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(!got[0].errors.is_empty());
    }

    #[tokio::test]
    async fn depth_counts_ordinary_fields_only_and_refusals_carry_a_code() {
        let limits = GraphqlLimits { max_depth: 0, ..GraphqlLimits::default() };
        let schema = Schema::build(Q, EmptyMutation, S).extension(Limits(limits)).finish();
        let refused = schema.execute("{ a }").await;
        let code = refused.errors.first().and_then(|e| e.extensions.as_ref()).and_then(|x| x.get("code").cloned());
        assert_eq!(code, Some(async_graphql::Value::from("VALIDATION")), "{refused:?}");
        assert!(refused.errors[0].message.contains("nested 1 fields deep"), "{refused:?}");
        let standard = include_str!("../../../tests/tests/fixtures/introspection-query.graphql");
        let introspected = schema.execute(standard).await;
        assert!(introspected.errors.is_empty(), "{:?}", introspected.errors);
        let fan = schema.execute("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }").await;
        assert!(fan.errors.first().is_some_and(|e| e.message.contains("list fields")), "{fan:?}");
    }
}
