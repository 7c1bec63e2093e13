//! API armour: rate limits, secrets never stored or logged in clear, body/depth/alias limits,
//! and CSRF-safe content types.

use std::io::Write;
use std::sync::{Arc, Mutex};

use lifeos_tests::{GqlClient, TestServer, OWNER_EMAIL, PASSWORD};
use serde_json::{json, Value};

const SIGN_IN: &str = "mutation($i: SignInInput!) { signIn(input: $i) { token } }";

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

#[tokio::test]
async fn brute_force_sign_in_is_rate_limited_and_failures_look_alike() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.auth_attempts_per_minute = 5).await?;
    server.owner().await?;
    let client = server.client();
    let wrong_password = client.run(SIGN_IN, json!({"i": {"email": OWNER_EMAIL, "password": "nope nope nope"}})).await?;
    let unknown_email = client.run(SIGN_IN, json!({"i": {"email": "ghost@x.test", "password": "nope nope nope"}})).await?;
    assert_eq!(wrong_password["errors"][0]["message"], unknown_email["errors"][0]["message"]);
    assert_eq!(code(&wrong_password), code(&unknown_email));

    // 1 sign-up + 1 failure already spent from the owner's budget of 5.
    let mut codes = Vec::new();
    for _ in 0..6 {
        let body = client.run(SIGN_IN, json!({"i": {"email": OWNER_EMAIL, "password": "wrong guess!"}})).await?;
        codes.push(code(&body).unwrap_or("none").to_owned());
    }
    assert_eq!(codes[..3], ["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], "{codes:?}");
    assert!(codes[3..].iter().all(|c| c == "RATE_LIMITED"), "{codes:?}");
    // Even the right password waits now.
    let right = client.run(SIGN_IN, json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD}})).await?;
    assert_eq!(code(&right), Some("RATE_LIMITED"));
    assert!(right["errors"][0]["extensions"]["retryAfterSeconds"].as_u64().is_some_and(|s| s >= 1));
    server.stop().await
}

#[tokio::test]
async fn the_database_holds_no_plaintext_token_or_password() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let second = server
        .client()
        .run(SIGN_IN, json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD}}))
        .await?;
    let second_token = second["data"]["signIn"]["token"].as_str().expect("token").to_owned();
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT t::text FROM users t UNION ALL SELECT t::text FROM sessions t
         UNION ALL SELECT t::text FROM events t UNION ALL SELECT t::text FROM signup_allowlist t",
    )
    .fetch_all(&server.db.pool)
    .await?;
    assert!(dump.len() >= 3);
    for row in &dump {
        for secret in [PASSWORD, owner.token.as_str(), second_token.as_str()] {
            assert!(!row.contains(secret), "secret found in row {row}");
        }
    }
    server.stop().await
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::ErrorKind::Other)?.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tokens_and_passwords_never_reach_the_logs() -> anyhow::Result<()> {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace,sqlx=trace,h2=off,hyper=off,reqwest=off")
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // This test's own runtime is current-thread, so the server's tasks log into `captured`.
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    owner.client.run("{ me { id } mySessions { id } }", json!({})).await?;
    owner.client.run("mutation { signOut }", json!({})).await?;
    server.stop().await?;

    let logs = String::from_utf8(captured.0.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.clone())?;
    assert!(logs.contains("session created"), "the logs were captured");
    assert!(!logs.contains(PASSWORD), "password in logs");
    assert!(!logs.contains(&owner.token), "token in logs");
    let tail: String = owner.token.chars().skip(owner.token.chars().count() - 6).collect();
    assert!(logs.contains(&format!("…{tail}")), "only the last 6 characters are shown");
    Ok(())
}

#[tokio::test]
async fn oversized_bodies_and_over_deep_or_alias_heavy_queries_are_rejected() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.max_body_bytes = 64 * 1024).await?;
    let http = reqwest::Client::new();
    let huge = json!({"query": format!("{{ serverInfo {{ version }} }} # {}", "x".repeat(100 * 1024))});
    let response = http.post(server.url("/graphql")).json(&huge).send().await?;
    assert_eq!(response.status(), 413);

    // Over the default depth of 12 (outside introspection, which has bounds of its own).
    let deep = format!("{{ {}serverInfo {{ version }}{} }}", "me { ".repeat(12), " }".repeat(12));
    let body = server.client().run(&deep, json!({})).await?;
    assert_eq!(code(&body), Some("VALIDATION"), "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("deep"), "{body}");

    let aliases: String = (0..40).map(|i| format!("a{i}: serverInfo {{ version }} ")).collect();
    let body = server.client().run(&format!("{{ {aliases} }}"), json!({})).await?;
    assert_eq!(code(&body), Some("VALIDATION"), "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("40 aliases"));
    server.stop().await
}

#[tokio::test]
async fn graphql_refuses_simple_request_content_types_and_never_runs_a_mutation_over_get() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = reqwest::Client::new();
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
        let response = http
            .post(server.url("/graphql"))
            .header("content-type", content_type)
            .body(r#"{"query":"mutation { signOut }"}"#)
            .send()
            .await?;
        assert_eq!(response.status(), 415, "{content_type}");
    }
    let get = http.get(server.url("/graphql?query=mutation%20%7B%20signOut%20%7D")).send().await?;
    assert_eq!(get.status(), 405, "GET runs queries only");
    server.stop().await
}

#[tokio::test]
async fn introspection_can_be_turned_off() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.graphql_introspection = false).await?;
    let body = server.client().run("{ __schema { queryType { name } } }", json!({})).await?;
    assert!(body["data"]["__schema"].is_null(), "introspection hidden: {body}");
    let normal = server.client().run("{ serverInfo { version } }", json!({})).await?;
    assert!(normal["errors"].is_null());
    server.stop().await
}
