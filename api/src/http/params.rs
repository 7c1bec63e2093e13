//! The GraphQL-over-HTTP request parameters — `query`, `operationName`, `variables`,
//! `extensions` — from a POST's JSON body or a GET's query string (where `variables` and
//! `extensions` are JSON text), checked field by field into an async-graphql `Request`.
//!
//! A malformed request is a `BAD_REQUEST` saying what is wrong in words, never parser debug
//! text. Never executes anything, and never reads more than it is handed (the body cap is
//! the router's).

use async_graphql::Request;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// The parameters from a POST body.
pub fn from_body(body: &[u8]) -> Result<Request, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("the request body is empty; send a JSON object with a `query`"));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(params)) => from_params(params),
        Ok(Value::Array(_)) => Err(ApiError::bad_request("batched requests are not supported; send one JSON object")),
        Ok(_) => Err(ApiError::bad_request("the request body must be a JSON object")),
        Err(e) => Err(ApiError::bad_request(format!("the request body is not valid JSON: {e}"))),
    }
}

/// The parameters from a GET query string (`None`: no query string).
pub fn from_query_string(raw: Option<&str>) -> Result<Request, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default())
        .map_err(|_| ApiError::bad_request("the query string is not URL-encoded text"))?;
    let mut params = Map::new();
    for (key, value) in pairs {
        let value = match key.as_str() {
            "variables" | "extensions" => serde_json::from_str(&value)
                .map_err(|e| ApiError::bad_request(format!("the `{key}` parameter is not valid JSON: {e}")))?,
            _ => Value::String(value),
        };
        if params.insert(key.clone(), value).is_some() {
            return Err(ApiError::bad_request(format!("the `{key}` parameter is given more than once")));
        }
    }
    from_params(params)
}

/// Whether a GET query string carries GraphQL parameters at all (else a browser may get
/// GraphiQL).
pub fn has_operation(raw: Option<&str>) -> bool {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default();
    pairs.iter().any(|(key, _)| key == "query" || key == "extensions")
}

fn from_params(mut params: Map<String, Value>) -> Result<Request, ApiError> {
    let extensions = object(&mut params, "extensions")?;
    let query = match params.remove("query") {
        Some(Value::String(query)) => query,
        Some(Value::Null) | None => String::new(),
        Some(_) => return Err(ApiError::bad_request("`query` must be a string")),
    };
    let persisted = extensions.as_ref().is_some_and(|e| e.contains_key("persistedQuery"));
    if query.trim().is_empty() && !persisted {
        return Err(ApiError::bad_request("the request has no `query`"));
    }
    let operation_name = match params.remove("operationName") {
        Some(Value::String(name)) => Some(name),
        Some(Value::Null) | None => None,
        Some(_) => return Err(ApiError::bad_request("`operationName` must be a string or null")),
    };
    let variables = object(&mut params, "variables")?;
    let mut request = Request::new(query).variables(async_graphql::Variables::from_json(Value::Object(variables.unwrap_or_default())));
    request.operation_name = operation_name;
    for (key, value) in extensions.unwrap_or_default() {
        request.extensions.insert(key, async_graphql::Value::from_json(value).map_err(|_| ApiError::bad_request("`extensions` holds a value GraphQL cannot represent"))?);
    }
    Ok(request)
}

/// `key` as a JSON object: absent or null is none; anything else but an object is refused.
fn object(params: &mut Map<String, Value>, key: &str) -> Result<Option<Map<String, Value>>, ApiError> {
    match params.remove(key) {
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(ApiError::bad_request(format!("`{key}` must be a JSON object or null"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(result: Result<Request, ApiError>) -> String {
        match result {
            Err(e) => {
                assert_eq!(e.code(), "BAD_REQUEST");
                e.message()
            }
            Ok(r) => panic!("accepted {:?}", r.query),
        }
    }

    #[test]
    fn a_body_is_checked_field_by_field() {
        let ok = from_body(br#"{"query":"query Q($a: Int) { x }","operationName":"Q","variables":{"a":1},"extensions":{"k":"v"}}"#).expect("accepted");
        assert_eq!(ok.operation_name.as_deref(), Some("Q"));
        assert!(ok.extensions.contains_key("k"));
        assert!(from_body(br#"{"query":"{ x }","variables":null,"operationName":null,"extensions":null}"#).is_ok());
        assert!(refused(from_body(br#"{ "not a JSON"#)).contains("not valid JSON"));
        assert!(refused(from_body(b"")).contains("empty"));
        assert!(refused(from_body(b"[]")).contains("batched"));
        assert!(refused(from_body(br#"{"notquery":"{ x }"}"#)).contains("no `query`"));
        for bad in [r#"{"query":0}"#, r#"{"query":{"a":1}}"#, r#"{"query":"{ x }","variables":"s"}"#, r#"{"query":"{ x }","operationName":false}"#, r#"{"query":"{ x }","extensions":[1]}"#] {
            refused(from_body(bad.as_bytes()));
        }
    }

    #[test]
    fn a_hash_only_request_needs_no_query() {
        let hashed = from_body(br#"{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ab"}}}"#).expect("accepted");
        assert!(hashed.query.is_empty());
        let get = from_query_string(Some("extensions=%7B%22persistedQuery%22%3A%7B%22version%22%3A1%2C%22sha256Hash%22%3A%22ab%22%7D%7D")).expect("accepted");
        assert!(get.extensions.contains_key("persistedQuery"));
    }

    #[test]
    fn a_query_string_carries_json_variables() {
        let get = from_query_string(Some("query=query%20Q(%24n%3A%20String!)%20%7B%20x%20%7D&variables=%7B%22n%22%3A%22a%22%7D&operationName=Q")).expect("accepted");
        assert_eq!(get.operation_name.as_deref(), Some("Q"));
        assert!(refused(from_query_string(Some("query=%7Bx%7D&variables=nope"))).contains("not valid JSON"));
        assert!(refused(from_query_string(Some("query=%7Bx%7D&query=%7By%7D"))).contains("more than once"));
        assert!(refused(from_query_string(None)).contains("no `query`"));
        assert!(has_operation(Some("query=%7Bx%7D")));
        assert!(!has_operation(Some("foo=bar")));
        assert!(!has_operation(None));
    }
}
