//! The wire details of `/graphql` no client library shows (hand-rolled HTTP on purpose):
//! GET as a query transport (GraphiQL only for a browser asking for a page, 405 for a
//! mutation), the Accept matrix and its status codes, coded errors for malformed requests
//! and the engine's own failures, automatic persisted queries (HTTP and websocket), and the
//! one origin rule: CORS preflights and cookie websockets from listed origins only.

use lifeos_tests::{GqlWs, ServerMsg, TestServer, WsOptions};
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const APP: &str = "http://app.example:5173";
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

fn content_type(response: &Response) -> String {
    response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// POSTs `body` (raw JSON text) with `accept`; the status, content type and decoded body.
async fn post(server: &TestServer, accept: Option<&str>, body: &str) -> anyhow::Result<(StatusCode, String, Value)> {
    let mut request = reqwest::Client::new().post(server.url("/graphql")).header(CONTENT_TYPE, "application/json").body(body.to_owned());
    if let Some(accept) = accept {
        request = request.header(ACCEPT, accept);
    }
    let response = request.send().await?;
    let (status, media) = (response.status(), content_type(&response));
    Ok((status, media, response.json().await?))
}

#[tokio::test]
async fn get_runs_queries_and_a_browser_asking_for_a_page_gets_graphiql() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = reqwest::Client::new();
    let url = server.url("/graphql");

    let query = http.get(&url).query(&[("query", "{ __typename }")]).header(ACCEPT, "application/json").send().await?;
    assert_eq!(query.status(), 200);
    assert!(content_type(&query).starts_with("application/json"), "{}", content_type(&query));
    let body: Value = query.json().await?;
    assert!(body["data"]["__typename"].is_string(), "{body}");

    let variables = http
        .get(&url)
        .query(&[("query", "query Q($n: String!) { __type(name: $n) { name } }"), ("variables", r#"{"n":"String"}"#), ("operationName", "Q")])
        .send()
        .await?;
    let body: Value = variables.json().await?;
    assert_eq!(body["data"]["__type"]["name"], "String", "{body}");

    let page = http.get(&url).header(ACCEPT, BROWSER_ACCEPT).send().await?;
    assert_eq!(page.status(), 200);
    assert!(content_type(&page).starts_with("text/html"), "{}", content_type(&page));
    let navigated = http.get(&url).query(&[("query", "{ __typename }")]).header(ACCEPT, BROWSER_ACCEPT).send().await?;
    assert!(content_type(&navigated).starts_with("application/json"), "a browser with a query gets its result");

    let bare = http.get(&url).header(ACCEPT, "application/json").send().await?;
    assert_eq!(bare.status(), 400, "no query and no page wanted");
    assert_eq!(code(&bare.json().await?), "BAD_REQUEST");
    server.stop().await
}

#[tokio::test]
async fn a_mutation_over_get_is_405_even_as_a_persisted_hash() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = reqwest::Client::new();
    let mutation = "mutation { signOut }";
    let refused = http.get(server.url("/graphql")).query(&[("query", mutation)]).header(ACCEPT, GRAPHQL_RESPONSE).send().await?;
    assert_eq!(refused.status(), 405);
    assert_eq!(refused.headers().get("allow").and_then(|v| v.to_str().ok()), Some("POST"));
    assert_eq!(code(&refused.json().await?), "BAD_REQUEST");
    let subscription = http.get(server.url("/graphql")).query(&[("query", "subscription { __typename }")]).send().await?;
    assert_eq!(subscription.status(), 405, "subscriptions are not GET's either");

    let persisted = json!({"persistedQuery": {"version": 1, "sha256Hash": sha256(mutation)}});
    let registered = json!({"query": mutation, "extensions": persisted}).to_string();
    let (status, _, body) = post(&server, None, &registered).await?;
    assert_eq!(status, 200, "{body}");
    let hashed = http.get(server.url("/graphql")).query(&[("extensions", persisted.to_string())]).send().await?;
    assert_eq!(hashed.status(), 405, "the hash names a mutation");
    server.stop().await
}

#[tokio::test]
async fn the_accept_header_decides_the_media_type_and_the_status_of_request_errors() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let ok = r#"{"query":"{ __typename }"}"#;
    for (accept, media) in [
        (None, "application/json"),
        (Some("*/*"), "application/json"),
        (Some("application/json"), "application/json"),
        (Some(GRAPHQL_RESPONSE), GRAPHQL_RESPONSE),
        (Some("application/graphql-response+json, application/json;q=0.9"), GRAPHQL_RESPONSE),
    ] {
        let (status, got, body) = post(&server, accept, ok).await?;
        assert_eq!(status, 200, "{accept:?}: {body}");
        assert!(got.starts_with(media), "{accept:?}: {got}");
    }
    let response = reqwest::Client::new()
        .post(server.url("/graphql"))
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, "text/html")
        .body(ok)
        .send()
        .await?;
    assert_eq!(response.status(), 406);

    let failures = [
        (r#"{"query":"{"}"#, "GRAPHQL_PARSE_FAILED"),
        (r#"{"query":"{ noSuchField }"}"#, "GRAPHQL_VALIDATION_FAILED"),
        (r#"{"query":"query A { __typename } query B { __typename }"}"#, "GRAPHQL_VALIDATION_FAILED"),
        (r#"{"query":"query($n: String!) { __type(name: $n) { name } }","variables":{"n":null}}"#, "BAD_USER_INPUT"),
    ];
    for (body, expected) in failures {
        let (status, _, answer) = post(&server, Some(GRAPHQL_RESPONSE), body).await?;
        assert_eq!(status, 400, "{body}: {answer}");
        assert_eq!(code(&answer), expected, "{body}: {answer}");
        assert!(answer.get("data").is_none(), "no data entry when nothing executed: {answer}");
        let (status, _, answer) = post(&server, Some("application/json"), body).await?;
        assert_eq!(status, 200, "application/json keeps 200: {answer}");
        assert_eq!(code(&answer), expected, "{body}: {answer}");
    }
    server.stop().await
}

#[tokio::test]
async fn malformed_requests_get_a_coded_json_error_never_debug_text() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    for body in ["{ \"not a JSON", "", "[]", "42", r#"{"notquery":"{ __typename }"}"#, r#"{"query":7}"#, r#"{"query":"{ __typename }","variables":"x"}"#] {
        for accept in [None, Some(GRAPHQL_RESPONSE)] {
            let (status, media, answer) = post(&server, accept, body).await?;
            assert_eq!(status, 400, "{body:?}: {answer}");
            assert!(media.contains("json"), "{media}");
            assert_eq!(code(&answer), "BAD_REQUEST", "{body:?}: {answer}");
            let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(!message.contains("InvalidRequest") && !message.contains("Error("), "{message}");
        }
    }
    let form = reqwest::Client::new()
        .post(server.url("/graphql"))
        .header(CONTENT_TYPE, "text/plain")
        .body(r#"{"query":"{ __typename }"}"#)
        .send()
        .await?;
    assert_eq!(form.status(), 415, "the CSRF rule holds");
    assert_eq!(code(&form.json().await?), "BAD_REQUEST");
    server.stop().await
}

#[tokio::test]
async fn persisted_queries_unknown_hashes_mismatches_and_the_websocket() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let query = "{ serverInfo { version } }";
    let extensions = json!({"persistedQuery": {"version": 1, "sha256Hash": sha256(query)}});

    let (status, _, unknown) = post(&server, None, &json!({"extensions": extensions}).to_string()).await?;
    assert_eq!(status, 200, "{unknown}");
    assert_eq!(unknown["errors"][0]["message"], "PersistedQueryNotFound", "{unknown}");
    assert_eq!(code(&unknown), "PERSISTED_QUERY_NOT_FOUND");

    let wrong = json!({"query": "{ __typename }", "extensions": extensions}).to_string();
    let (_, _, mismatch) = post(&server, Some(GRAPHQL_RESPONSE), &wrong).await?;
    assert_eq!(code(&mismatch), "VALIDATION", "{mismatch}");

    let (_, _, registered) = post(&server, None, &json!({"query": query, "extensions": extensions}).to_string()).await?;
    assert!(registered["data"]["serverInfo"]["version"].is_string(), "{registered}");
    let hashed = reqwest::Client::new().get(server.url("/graphql")).query(&[("extensions", extensions.to_string())]).send().await?;
    let body: Value = hashed.json().await?;
    assert!(body["data"]["serverInfo"]["version"].is_string(), "a hash-only GET: {body}");

    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    ws.send(json!({"id": "1", "type": "subscribe", "payload": {"query": "", "extensions": extensions}})).await?;
    match ws.recv().await? {
        ServerMsg::Next { payload, .. } => assert!(payload["data"]["serverInfo"]["version"].is_string(), "{payload}"),
        other => anyhow::bail!("expected the persisted query's result over the socket, got {other:?}"),
    }
    ws.close().await?;
    server.stop().await
}

/// A preflight for a credentialed JSON POST from `origin`.
async fn preflight(server: &TestServer, origin: &str) -> anyhow::Result<Response> {
    let request = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, server.url("/graphql"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,authorization,x-apollo-operation-name");
    Ok(request.send().await?)
}

fn header<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn cors_answers_listed_origins_only_with_credentials() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.cors_origins = APP.parse().unwrap_or_default()).await?;
    let allowed = preflight(&server, APP).await?;
    assert!(allowed.status().is_success(), "{}", allowed.status());
    assert_eq!(header(&allowed, "access-control-allow-origin"), Some(APP));
    assert_eq!(header(&allowed, "access-control-allow-credentials"), Some("true"));
    let headers = header(&allowed, "access-control-allow-headers").unwrap_or_default().to_ascii_lowercase();
    for name in ["content-type", "authorization", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name"] {
        assert!(headers.contains(name), "{name} not allowed: {headers}");
    }

    let other = preflight(&server, "http://evil.example").await?;
    assert_eq!(header(&other, "access-control-allow-origin"), None, "an unlisted origin gets no allow headers");
    assert_eq!(header(&other, "access-control-allow-credentials"), None);

    let actual = reqwest::Client::new()
        .post(server.url("/graphql"))
        .header("origin", APP)
        .json(&json!({"query": "{ __typename }"}))
        .send()
        .await?;
    assert_eq!(header(&actual, "access-control-allow-origin"), Some(APP));
    assert!(header(&actual, "access-control-expose-headers").unwrap_or_default().contains("x-request-id"));
    server.stop().await?;

    let closed = TestServer::start().await?;
    let refused = preflight(&closed, APP).await?;
    assert!(!refused.status().is_success(), "no list: preflights refused as before ({})", refused.status());
    assert_eq!(header(&refused, "access-control-allow-origin"), None);
    closed.stop().await
}

#[tokio::test]
async fn a_cookie_websocket_is_accepted_from_a_listed_origin_and_refused_from_another() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.cors_origins = APP.parse().unwrap_or_default()).await?;
    let owner = server.owner().await?;
    let browser = |origin: &str| WsOptions {
        cookie: Some(format!("lifeos_session={}", owner.token)),
        origin: Some(origin.to_owned()),
        ..WsOptions::default()
    };
    let mut listed = GqlWs::open(server.addr, browser(APP)).await?;
    assert!(listed.init(json!({})).await?.is_ok(), "a listed origin may ride the cookie");
    let mut own = GqlWs::open(server.addr, browser(&format!("http://{}", server.addr))).await?;
    assert!(own.init(json!({})).await?.is_ok(), "this server's own origin may");
    let mut unlisted = GqlWs::open(server.addr, browser("http://evil.example")).await?;
    match unlisted.init(json!({})).await? {
        Err(closed) => assert_eq!(closed.code, 4403, "{closed:?}"),
        Ok(ack) => anyhow::bail!("an unlisted origin rode the cookie: {ack}"),
    }
    server.stop().await
}
