//! The API's one error type and its mapping to GraphQL `extensions.code` — the only place
//! codes are assigned. Internal failures are logged with their cause; the client gets a
//! stable code and a short message, never SQL or stack text.
//!
//! `ApiError` deliberately does not implement `Display`: async-graphql converts any
//! `Display` type into an error *without* extensions, so `?` would silently drop the code.
//! Without it, the only conversion is ours, which always sets `extensions.code`.

use async_graphql::ErrorExtensions;
use cqrs_es::AggregateError;
use lifeos_domain::ErrorKind;

#[derive(Debug)]
pub enum ApiError {
    Unauthenticated,
    Forbidden(String),
    Validation { field: Option<String>, message: String },
    Conflict { message: String, current_version: Option<i64> },
    /// A state conflict: the write is valid alone but breaks a rule against other entities'
    /// current state (a cycle in the task tree) — `CONFLICT` naming the field, the same whether
    /// the other write committed earlier or raced this one.
    StateConflict { field: String, message: String },
    NotFound(String),
    RateLimited { retry_after_secs: u64 },
    /// A sync cursor the server cannot continue from: the client must drop its copy and
    /// pull again from the start (never a silent gap).
    ResetRequired(String),
    /// The answer would exceed the configured response size (`limit_bytes`): ask for fewer
    /// items or fields.
    ResponseTooLarge { limit_bytes: usize },
    /// The context of an internal failure (logged); the client only sees "internal error".
    Internal(String),
    /// A request the transport cannot take: malformed body or parameters, a method or media
    /// type it does not serve (`http/`).
    BadRequest(String),
    /// A variable value the operation's declaration refuses (null or missing for a non-null type).
    BadUserInput(String),
    /// A hash-only persisted query the server does not hold: the client sends the query
    /// again with its hash (Apollo's APQ protocol; the message is the one clients match).
    PersistedQueryNotFound,
}

/// Every `extensions.code` the API gives, with what a client should do about it — published
/// in `spec/contract.json` (clients generate one error class per entry from it). A code is
/// never renamed or removed; a test checks every variant's code is listed.
pub const CODES: &[(&str, &str)] = &[
    ("UNAUTHENTICATED", "No valid session or token: sign in (again)."),
    ("FORBIDDEN", "Signed in, but not allowed to do this in this workspace."),
    ("VALIDATION", "An input value breaks a rule; `extensions.field` names it when one field is to blame. Nothing was written."),
    ("CONFLICT", "The entity changed since the version given (`extensions.currentVersion`), or the write breaks a rule against other entities (`extensions.field`): reload and retry."),
    ("NOT_FOUND", "No such entity in this workspace."),
    ("RATE_LIMITED", "Too many attempts: retry after `extensions.retryAfterSeconds`."),
    ("RESET_REQUIRED", "The sync cursor cannot be continued from: drop the local copy and pull from the start."),
    ("RESPONSE_TOO_LARGE", "The answer would exceed `extensions.limitBytes`: ask for fewer items or fields."),
    ("INTERNAL", "A server failure (logged with the request id); the request may be retried."),
    ("BAD_REQUEST", "The HTTP request itself is malformed (body, method, media type)."),
    ("BAD_USER_INPUT", "A variable or argument value its declared type refuses."),
    ("PERSISTED_QUERY_NOT_FOUND", "A hash-only persisted query the server does not hold: send it again with its text."),
    ("GRAPHQL_PARSE_FAILED", "The document is not GraphQL."),
    ("GRAPHQL_VALIDATION_FAILED", "The document does not validate against the schema (or exceeds the depth, complexity or alias limits)."),
];

/// The errors async-graphql raises by itself, which come without a code: the code each
/// phase gives them (`http/phases.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineError {
    /// The document is not GraphQL.
    Parse,
    /// The document does not validate against the schema (including the depth limit and an
    /// unknown or missing operation name).
    Validation,
    /// Raised while executing: an argument or variable value a scalar refuses.
    Execution,
}

impl EngineError {
    pub fn code(self) -> &'static str {
        match self {
            EngineError::Parse => "GRAPHQL_PARSE_FAILED",
            EngineError::Validation => "GRAPHQL_VALIDATION_FAILED",
            EngineError::Execution => "BAD_USER_INPUT",
        }
    }

    /// Gives `error` this phase's code, unless it carries one already.
    pub fn tag(self, error: &mut async_graphql::ServerError) {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", self.code());
        }
    }
}

impl ApiError {
    /// What the client reads.
    pub fn message(&self) -> String {
        match self {
            ApiError::Unauthenticated => "sign in first".into(),
            ApiError::Forbidden(m) | ApiError::NotFound(m) | ApiError::ResetRequired(m) => m.clone(),
            ApiError::Validation { message, .. }
            | ApiError::Conflict { message, .. }
            | ApiError::StateConflict { message, .. } => message.clone(),
            ApiError::RateLimited { retry_after_secs } => format!("too many attempts; retry in {retry_after_secs}s"),
            ApiError::ResponseTooLarge { limit_bytes } => {
                format!("the response would be larger than {limit_bytes} bytes; ask for fewer items or fields")
            }
            ApiError::Internal(_) => "internal error".into(),
            ApiError::BadRequest(m) | ApiError::BadUserInput(m) => m.clone(),
            ApiError::PersistedQueryNotFound => "PersistedQueryNotFound".into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated => "UNAUTHENTICATED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::Validation { .. } => "VALIDATION",
            ApiError::Conflict { .. } | ApiError::StateConflict { .. } => "CONFLICT",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::RateLimited { .. } => "RATE_LIMITED",
            ApiError::ResetRequired(_) => "RESET_REQUIRED",
            ApiError::ResponseTooLarge { .. } => "RESPONSE_TOO_LARGE",
            ApiError::Internal(_) => "INTERNAL",
            ApiError::BadRequest(_) => "BAD_REQUEST",
            ApiError::BadUserInput(_) => "BAD_USER_INPUT",
            ApiError::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation { field: Some(field.into()), message: message.into() }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(message.into())
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest(message.into())
    }

    /// This error as one GraphQL error of a response (no location: it is about the request).
    pub fn server_error(&self) -> async_graphql::ServerError {
        let mut error = self.extend().into_server_error(async_graphql::Pos::default());
        error.locations.clear();
        error
    }

    /// Logs the cause and hides it from the client.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "{context}");
        ApiError::Internal(context.to_owned())
    }

    /// A business-rule rejection from the domain, by its kind.
    pub fn from_domain(kind: ErrorKind, message: String) -> Self {
        match kind {
            ErrorKind::Validation => ApiError::Validation { field: None, message },
            ErrorKind::Conflict => ApiError::Conflict { message, current_version: None },
            ErrorKind::NotFound => ApiError::NotFound(message),
            ErrorKind::Forbidden => ApiError::Forbidden(message),
        }
    }

    /// A cqrs-es command failure; `kind` classifies the aggregate's own error type.
    pub fn from_aggregate<E: std::error::Error>(err: AggregateError<E>, kind: impl Fn(&E) -> ErrorKind) -> Self {
        match err {
            AggregateError::UserError(e) => Self::from_domain(kind(&e), e.to_string()),
            AggregateError::AggregateConflict => ApiError::Conflict {
                message: "changed concurrently by another request; reload and retry".into(),
                current_version: None,
            },
            other => Self::internal("event store failure", other),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::internal("database failure", e)
    }
}

/// A value the domain's storable-value rules refuse (`lifeos_domain::values`): `VALIDATION`
/// naming the field.
impl From<lifeos_domain::entity::FieldError> for ApiError {
    fn from(e: lifeos_domain::entity::FieldError) -> Self {
        ApiError::Validation { field: Some(e.field), message: e.message }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(e: ApiError) -> Self {
        e.extend()
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.message()).extend_with(|_, ext| {
            ext.set("code", self.code());
            match self {
                ApiError::Validation { field: Some(field), .. } | ApiError::StateConflict { field, .. } => {
                    ext.set("field", field.as_str());
                }
                ApiError::Conflict { current_version: Some(v), .. } => ext.set("currentVersion", *v),
                ApiError::RateLimited { retry_after_secs } => ext.set("retryAfterSeconds", *retry_after_secs),
                ApiError::ResponseTooLarge { limit_bytes } => ext.set("limitBytes", *limit_bytes),
                _ => {}
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_given_is_published_once() {
        let published: Vec<&str> = CODES.iter().map(|(code, _)| *code).collect();
        let mut unique = published.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), published.len(), "a code is listed twice");
        let given = [
            ApiError::Unauthenticated,
            ApiError::forbidden("x"),
            ApiError::validation("f", "x"),
            ApiError::Conflict { message: "x".into(), current_version: None },
            ApiError::StateConflict { field: "f".into(), message: "x".into() },
            ApiError::NotFound("x".into()),
            ApiError::RateLimited { retry_after_secs: 1 },
            ApiError::ResetRequired("x".into()),
            ApiError::ResponseTooLarge { limit_bytes: 1 },
            ApiError::Internal("x".into()),
            ApiError::bad_request("x"),
            ApiError::BadUserInput("x".into()),
            ApiError::PersistedQueryNotFound,
        ];
        let engine = [EngineError::Parse, EngineError::Validation, EngineError::Execution].map(EngineError::code);
        for code in given.iter().map(ApiError::code).chain(engine) {
            assert!(published.contains(&code), "{code} is given but not in CODES");
        }
    }

    fn code_of(e: ApiError) -> String {
        let gql: async_graphql::Error = e.into();
        let ext = gql.extensions.expect("extensions set");
        match ext.get("code") {
            Some(async_graphql::Value::String(s)) => s.clone(),
            other => panic!("no code: {other:?}"),
        }
    }

    #[test]
    fn every_error_maps_to_its_code() {
        assert_eq!(code_of(ApiError::Unauthenticated), "UNAUTHENTICATED");
        assert_eq!(code_of(ApiError::forbidden("no")), "FORBIDDEN");
        assert_eq!(code_of(ApiError::validation("email", "bad")), "VALIDATION");
        assert_eq!(code_of(ApiError::Conflict { message: "x".into(), current_version: Some(3) }), "CONFLICT");
        assert_eq!(code_of(ApiError::StateConflict { field: "parentId".into(), message: "x".into() }), "CONFLICT");
        assert_eq!(code_of(ApiError::NotFound("x".into())), "NOT_FOUND");
        assert_eq!(code_of(ApiError::RateLimited { retry_after_secs: 1 }), "RATE_LIMITED");
        assert_eq!(code_of(ApiError::Internal("x".into())), "INTERNAL");
        assert_eq!(code_of(ApiError::ResetRequired("x".into())), "RESET_REQUIRED");
        assert_eq!(code_of(ApiError::ResponseTooLarge { limit_bytes: 1 }), "RESPONSE_TOO_LARGE");
        assert_eq!(code_of(ApiError::bad_request("x")), "BAD_REQUEST");
        assert_eq!(code_of(ApiError::BadUserInput("x".into())), "BAD_USER_INPUT");
        assert_eq!(code_of(ApiError::PersistedQueryNotFound), "PERSISTED_QUERY_NOT_FOUND");
    }

    #[test]
    fn engine_errors_get_their_phase_code_unless_they_carry_one() {
        let mut bare = async_graphql::ServerError::new("expected selection", None);
        EngineError::Parse.tag(&mut bare);
        assert_eq!(bare.extensions.as_ref().and_then(|e| e.get("code")), Some(&async_graphql::Value::from("GRAPHQL_PARSE_FAILED")));
        let mut coded = ApiError::validation("x", "y").server_error();
        EngineError::Validation.tag(&mut coded);
        assert_eq!(coded.extensions.as_ref().and_then(|e| e.get("code")), Some(&async_graphql::Value::from("VALIDATION")));
    }

    #[test]
    fn domain_kinds_map_to_codes() {
        assert_eq!(code_of(ApiError::from_domain(ErrorKind::Forbidden, "x".into())), "FORBIDDEN");
        assert_eq!(code_of(ApiError::from_domain(ErrorKind::Conflict, "x".into())), "CONFLICT");
        assert_eq!(code_of(ApiError::from_domain(ErrorKind::NotFound, "x".into())), "NOT_FOUND");
        assert_eq!(code_of(ApiError::from_domain(ErrorKind::Validation, "x".into())), "VALIDATION");
    }

    #[test]
    fn conflict_carries_the_current_version_and_internal_hides_its_cause() {
        let gql: async_graphql::Error = ApiError::Conflict { message: "x".into(), current_version: Some(7) }.into();
        assert_eq!(gql.extensions.expect("ext").get("currentVersion"), Some(&async_graphql::Value::from(7)));
        let gql: async_graphql::Error = ApiError::StateConflict { field: "parentId".into(), message: "x".into() }.into();
        assert_eq!(gql.extensions.expect("ext").get("field"), Some(&async_graphql::Value::from("parentId")));
        let hidden: async_graphql::Error = ApiError::internal("database failure", "password=secret").into();
        assert_eq!(hidden.message, "internal error");
    }
}
