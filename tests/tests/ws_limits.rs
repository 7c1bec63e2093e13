//! What one websocket message may cost, black-box: a client message is capped like an HTTP
//! body (`max_body_bytes`) — a bigger one closes the socket (1009) and runs nothing — and the
//! document limits hold over the socket as over HTTP (the alias limit's test is in
//! `ws_security.rs`, beside the other per-operation checks).

use lifeos_tests::{GqlWs, ServerMsg, TestServer};
use serde_json::json;

const CREATE_NOTE: &str = "mutation($t: String!, $b: String) { createNote(input: {title: $t, body: $b}) { id } }";

async fn notes_titled(server: &TestServer, title: &str) -> anyhow::Result<i64> {
    let count = sqlx::query_scalar("SELECT count(*) FROM events WHERE payload::text LIKE '%' || $1 || '%'")
        .bind(title)
        .fetch_one(&server.db.pool)
        .await?;
    Ok(count)
}

#[tokio::test]
async fn a_message_over_the_body_cap_closes_the_socket_with_1009_and_creates_nothing() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.max_body_bytes = 64 * 1024).await?;
    let owner = server.owner().await?;
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    // Under the cap: runs.
    let small = format!("small-{}", ulid::Ulid::new());
    ws.subscribe("small", CREATE_NOTE, json!({ "t": small, "b": "x".repeat(32 * 1024) })).await?;
    let answer = ws.recv().await?;
    assert!(matches!(&answer, ServerMsg::Next { payload, .. } if payload["errors"].is_null()), "{answer:?}");
    // Over it: the socket is closed before the message is parsed, and nothing runs.
    let big = format!("big-{}", ulid::Ulid::new());
    ws.subscribe("big", CREATE_NOTE, json!({ "t": big, "b": "x".repeat(100 * 1024) })).await?;
    let (closed, seen) = ws.until_closed().await?;
    assert_eq!(closed.code, 1009, "{closed:?}");
    assert!(seen.iter().all(|m| matches!(m, ServerMsg::Complete { .. })), "answered: {seen:?}");
    assert_eq!(notes_titled(&server, &small).await?, 1);
    assert_eq!(notes_titled(&server, &big).await?, 0, "the oversized mutation ran");
    server.stop().await
}

#[tokio::test]
async fn a_twelve_megabyte_message_under_default_settings_creates_nothing() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    let title = format!("huge-{}", ulid::Ulid::new());
    // The server may stop reading (and close) before the whole message is even sent.
    let sent = ws.subscribe("huge", CREATE_NOTE, json!({ "t": title, "b": "x".repeat(12 * 1024 * 1024) })).await;
    if sent.is_ok() {
        let (closed, seen) = ws.until_closed().await?;
        assert!([1009, 1006].contains(&closed.code), "{closed:?}");
        assert!(seen.iter().all(|m| matches!(m, ServerMsg::Complete { .. })), "answered: {seen:?}");
    }
    assert_eq!(notes_titled(&server, &title).await?, 0, "the 12 MB mutation ran");
    server.stop().await
}
