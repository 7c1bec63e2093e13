//! Automatic persisted queries (Apollo's APQ protocol, also urql's `persistedExchange`): a
//! request's `extensions.persistedQuery {version: 1, sha256Hash}` names its document by the
//! SHA-256 of its text. With the text, the hash must match and the parsed document is kept;
//! without it, a kept document is used, else `PersistedQueryNotFound` (the client then sends
//! the text). The cache is in memory, least recently used first out, bounded by the total
//! bytes of query text it holds (`LIFEOS_APQ_CACHE_BYTES`; 0 keeps nothing).
//!
//! The HTTP handler resolves a request before deciding on it (a hash-only GET must be known
//! to be a query); the schema extension does the same for websocket operations. Never keeps
//! a document that does not parse, or one larger than the whole budget.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerResult};
use hashlink::LruCache;
use sha2::{Digest, Sha256};

use super::phases::parse_failure;
use crate::error::ApiError;

const EXTENSION: &str = "persistedQuery";

struct Kept {
    document: ExecutableDocument,
    bytes: usize,
}

struct Cache {
    entries: LruCache<String, Kept>,
    bytes: usize,
}

/// The process's persisted documents, shared by HTTP and websocket (cheap to clone).
#[derive(Clone)]
pub struct PersistedQueries {
    cache: Arc<Mutex<Cache>>,
    budget: usize,
}

impl PersistedQueries {
    pub fn new(budget_bytes: usize) -> Self {
        Self { cache: Arc::new(Mutex::new(Cache { entries: LruCache::new_unbounded(), bytes: 0 })), budget: budget_bytes }
    }

    /// Turns a persisted-query request into an ordinary one with its parsed document (a
    /// request without the extension is handed back as it is).
    pub fn resolve(&self, mut request: Request) -> Result<Request, async_graphql::ServerError> {
        let Some(value) = request.extensions.remove(EXTENSION) else { return Ok(request) };
        let hash = requested_hash(value).map_err(|e| e.server_error())?;
        if request.query.is_empty() {
            let document = self.get(&hash).ok_or_else(|| ApiError::PersistedQueryNotFound.server_error())?;
            request.set_parsed_query(document);
            return Ok(request);
        }
        if format!("{:x}", Sha256::digest(request.query.as_bytes())) != hash {
            let message = "provided sha does not match query".to_owned();
            return Err(ApiError::Validation { field: None, message }.server_error());
        }
        let document = async_graphql::parser::parse_query(&request.query).map_err(|e| parse_failure(e.into()))?;
        self.put(hash, document.clone(), request.query.len());
        request.set_parsed_query(document);
        Ok(request)
    }

    fn get(&self, hash: &str) -> Option<ExecutableDocument> {
        let mut cache = self.cache.lock().ok()?;
        cache.entries.get(hash).map(|kept| kept.document.clone())
    }

    fn put(&self, hash: String, document: ExecutableDocument, bytes: usize) {
        if bytes > self.budget {
            return;
        }
        let Ok(mut cache) = self.cache.lock() else { return };
        if let Some(old) = cache.entries.insert(hash, Kept { document, bytes }) {
            cache.bytes -= old.bytes;
        }
        cache.bytes += bytes;
        while cache.bytes > self.budget {
            let Some((_, evicted)) = cache.entries.remove_lru() else { break };
            cache.bytes -= evicted.bytes;
        }
    }
}

/// The hash a `persistedQuery` extension names (version 1 only).
fn requested_hash(value: async_graphql::Value) -> Result<String, ApiError> {
    let invalid = || ApiError::bad_request("`extensions.persistedQuery` must be {\"version\": 1, \"sha256Hash\": \"<hex>\"}");
    let async_graphql::Value::Object(fields) = value else { return Err(invalid()) };
    if fields.get("version") != Some(&async_graphql::Value::from(1)) {
        return Err(ApiError::bad_request("only version 1 of persisted queries is supported"));
    }
    match fields.get("sha256Hash") {
        Some(async_graphql::Value::String(hash)) => Ok(hash.to_ascii_lowercase()),
        _ => Err(invalid()),
    }
}

/// The schema extension: websocket operations resolve their persisted queries here (HTTP
/// requests arrive already resolved).
pub struct Persisted(pub PersistedQueries);

impl ExtensionFactory for Persisted {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Persisted(self.0.clone()))
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Persisted {
    async fn prepare_request(&self, ctx: &ExtensionContext<'_>, request: Request, next: NextPrepareRequest<'_>) -> ServerResult<Request> {
        next.run(ctx, self.0.resolve(request)?).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: &async_graphql::ServerError) -> Option<String> {
        match e.extensions.as_ref().and_then(|x| x.get("code")) {
            Some(async_graphql::Value::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    fn hashed(query: &str, hash: &str) -> Request {
        let mut request = Request::new(query);
        let value = async_graphql::Value::from_json(serde_json::json!({"version": 1, "sha256Hash": hash})).expect("value");
        request.extensions.insert(EXTENSION.into(), value);
        request
    }

    const QUERY: &str = "{ __typename }";

    fn hash_of(query: &str) -> String {
        format!("{:x}", Sha256::digest(query.as_bytes()))
    }

    #[test]
    fn a_hash_is_unknown_until_its_query_is_sent_once() {
        let apq = PersistedQueries::new(1024);
        let unknown = apq.resolve(hashed("", &hash_of(QUERY))).expect_err("unknown");
        assert_eq!(unknown.message, "PersistedQueryNotFound");
        assert_eq!(code(&unknown).as_deref(), Some("PERSISTED_QUERY_NOT_FOUND"));
        apq.resolve(hashed(QUERY, &hash_of(QUERY))).expect("registers");
        let mut known = apq.resolve(hashed("", &hash_of(QUERY))).expect("known");
        assert!(known.parsed_query().is_ok());
    }

    #[test]
    fn a_hash_that_is_not_the_querys_is_refused() {
        let apq = PersistedQueries::new(1024);
        let refused = apq.resolve(hashed(QUERY, &hash_of("{ other }"))).expect_err("mismatch");
        assert_eq!(code(&refused).as_deref(), Some("VALIDATION"));
        assert!(apq.resolve(hashed("", &hash_of("{ other }"))).is_err(), "nothing was kept");
    }

    #[test]
    fn the_cache_keeps_at_most_its_budget_of_query_text() {
        let queries = ["{ a }", "{ b }", "{ c }"];
        let apq = PersistedQueries::new(12);
        for q in queries {
            apq.resolve(hashed(q, &hash_of(q))).expect("registers");
        }
        assert!(apq.get(&hash_of("{ a }")).is_none(), "the least recently used went first");
        assert!(apq.get(&hash_of("{ c }")).is_some());
        let none = PersistedQueries::new(0);
        none.resolve(hashed(QUERY, &hash_of(QUERY))).expect("runs, unkept");
        assert!(none.get(&hash_of(QUERY)).is_none());
    }
}
