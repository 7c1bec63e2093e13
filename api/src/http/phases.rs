//! The phases of one GraphQL operation, as a schema extension (HTTP and websocket alike):
//! errors async-graphql raises by itself get the code of the phase that raised them
//! (`error::EngineError`: parse, validation, execution), variable values the operation's own
//! declarations refuse (null or missing for a non-null type) are `BAD_USER_INPUT` before
//! validation, and [`Executed`] records whether execution began — a response without it has
//! no `data` (GraphQL-over-HTTP).
//!
//! Registered first, so it sees every other extension's errors; it only adds codes where
//! none is set, and never changes a message.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest, NextRequest,
    NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, OperationDefinition};
use async_graphql::{Request, Response, ServerError, ServerResult, ValidationResult, Variables};

use crate::error::{ApiError, EngineError};

/// Set once execution of the request began (put in the request's data by the HTTP handler).
#[derive(Clone, Default)]
pub struct Executed(Arc<AtomicBool>);

impl Executed {
    pub fn began(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// A parse error, with its code.
pub fn parse_failure(mut error: ServerError) -> ServerError {
    EngineError::Parse.tag(&mut error);
    error
}

fn tagged(phase: EngineError, mut errors: Vec<ServerError>) -> Vec<ServerError> {
    errors.iter_mut().for_each(|e| phase.tag(e));
    errors
}

pub struct Phases;

impl ExtensionFactory for Phases {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PhasesOf::default())
    }
}

#[derive(Default)]
struct PhasesOf {
    operation_name: OnceLock<Option<String>>,
    executing: AtomicBool,
}

#[async_graphql::async_trait::async_trait]
impl Extension for PhasesOf {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        // Refused between validation and execution (an unknown or missing operation name).
        if !self.executing.load(Ordering::Acquire) {
            response.errors = tagged(EngineError::Validation, response.errors);
        }
        response
    }

    async fn prepare_request(&self, ctx: &ExtensionContext<'_>, request: Request, next: NextPrepareRequest<'_>) -> ServerResult<Request> {
        let _ = self.operation_name.set(request.operation_name.clone());
        next.run(ctx, request).await
    }

    async fn parse_query(&self, ctx: &ExtensionContext<'_>, query: &str, variables: &Variables, next: NextParseQuery<'_>) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await.map_err(parse_failure)?;
        let name = self.operation_name.get().and_then(Option::as_deref);
        if let Some(operation) = selected(&document, name) {
            check_variables(operation, variables)?;
        }
        Ok(document)
    }

    async fn validation(&self, ctx: &ExtensionContext<'_>, next: NextValidation<'_>) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| tagged(EngineError::Validation, errors))
    }

    async fn execute(&self, ctx: &ExtensionContext<'_>, operation_name: Option<&str>, next: NextExecute<'_>) -> Response {
        self.executing.store(true, Ordering::Release);
        if let Some(executed) = ctx.data_opt::<Executed>() {
            executed.0.store(true, Ordering::Release);
        }
        let mut response = next.run(ctx, operation_name).await;
        response.errors = tagged(EngineError::Execution, response.errors);
        response
    }
}

/// The operation a request runs: the named one, or the only one.
pub fn selected<'a>(document: &'a ExecutableDocument, name: Option<&str>) -> Option<&'a OperationDefinition> {
    let mut operations = document.operations.iter();
    let found = match name {
        Some(name) => operations.find(|(n, _)| n.is_some_and(|n| n.as_str() == name)),
        None => operations.next().filter(|_| document.operations.iter().count() == 1),
    };
    found.map(|(_, op)| &op.node)
}

/// Refuses a null or missing value for a variable of non-null type without a default.
fn check_variables(operation: &OperationDefinition, variables: &Variables) -> ServerResult<()> {
    for definition in &operation.variable_definitions {
        let definition = &definition.node;
        let ty = &definition.var_type.node;
        if ty.nullable || definition.default_value.is_some() {
            continue;
        }
        let name = &definition.name.node;
        let message = match variables.get(name.as_str()) {
            None => format!("Variable \"${name}\" of required type \"{ty}\" was not provided."),
            Some(async_graphql::Value::Null) => format!("Variable \"${name}\" of non-null type \"{ty}\" must not be null."),
            Some(_) => continue,
        };
        return Err(ApiError::BadUserInput(message).server_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).expect("parses")
    }

    fn variables(json: serde_json::Value) -> Variables {
        Variables::from_json(json)
    }

    #[test]
    fn non_null_variables_must_be_given() {
        let doc = document("query Q($id: ID!, $n: Int, $d: String! = \"x\") { __typename }");
        let op = selected(&doc, None).expect("one operation");
        assert!(check_variables(op, &variables(serde_json::json!({"id": "1"}))).is_ok());
        let null = check_variables(op, &variables(serde_json::json!({"id": null}))).expect_err("null");
        assert!(null.message.contains("must not be null"), "{}", null.message);
        assert!(check_variables(op, &variables(serde_json::json!({}))).is_err());
    }

    #[test]
    fn the_selected_operation_is_the_named_or_the_only_one() {
        let doc = document("query A { __typename } mutation B { __typename }");
        assert!(selected(&doc, None).is_none());
        assert_eq!(selected(&doc, Some("B")).map(|op| op.ty), Some(async_graphql::parser::types::OperationType::Mutation));
        assert!(selected(&doc, Some("C")).is_none());
    }
}
