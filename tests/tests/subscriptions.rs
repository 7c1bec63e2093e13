//! The `changes` subscription over graphql-transport-ws, black-box against a running server:
//! every change exactly once and in feed order (`sync_log`) while others write, a gap-free
//! hand-over from catch-up to live, a slow subscriber told to reset (never handed a silently
//! truncated stream), workspace isolation, and refused or missing `connection_init`s.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use lifeos_tests::entities::bearer_client;
use lifeos_tests::sync::{self, Change, SUBSCRIBE_CHANGES, SUBSCRIBE_CHANGES_WITH_DATA};
use lifeos_tests::{Account, GqlClient, GqlWs, ServerMsg, TestServer, WsOptions};
use lifeosd::Config;
use serde_json::{json, Value};

/// The subscription id every test uses.
const OP: &str = "changes";

/// A server whose mutations wait long enough for their projection under heavy test load.
async fn start(adjust: impl FnOnce(&mut Config)) -> anyhow::Result<TestServer> {
    TestServer::start_with(|c| {
        c.read_your_writes_timeout_ms = 30_000;
        adjust(c);
    })
    .await
}

/// A connection of `account` (own workspace) subscribed to `changes(after)`.
async fn subscribed(server: &TestServer, account: &Account, after: Option<&str>) -> anyhow::Result<GqlWs> {
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&account.token, None)).await?;
    ws.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": after })).await?;
    Ok(ws)
}

/// Pushes a marker note and reads `ws` up to it: once it arrives the subscription is live.
async fn until_live(ws: &mut GqlWs, account: &Account) -> anyhow::Result<Vec<Change>> {
    let marker = ulid::Ulid::new().to_string();
    sync::push_marker(&account.client, &marker).await?;
    sync::changes_until(ws, OP, &marker).await
}

/// Concurrent writers, then a marker note `marker` once they are all done.
async fn write_then_mark(endpoint: String, token: String, writers: usize, per_writer: usize, marker: String) -> anyhow::Result<usize> {
    let written = sync::write_concurrently(&endpoint, &token, writers, per_writer, "").await?;
    sync::push_marker(&bearer_client(endpoint, &token), &marker).await?;
    Ok(written)
}

/// `received` is exactly `expected` (same entity versions, same order) and no cursor repeats.
fn assert_same_stream(what: &str, received: &[Change], expected: &[(String, i64)]) {
    let keys: Vec<(String, i64)> = received.iter().map(Change::key).collect();
    if keys != expected {
        let at = keys.iter().zip(expected).position(|(a, b)| a != b).unwrap_or(keys.len().min(expected.len()));
        panic!(
            "{what}: received {} changes, sync_log has {}; first difference at index {at}: received {:?}, expected {:?}",
            keys.len(),
            expected.len(),
            keys.get(at.saturating_sub(1)..(at + 2).min(keys.len())),
            expected.get(at.saturating_sub(1)..(at + 2).min(expected.len())),
        );
    }
    let cursors: HashSet<&str> = received.iter().map(|c| c.cursor.as_str()).collect();
    assert_eq!(cursors.len(), received.len(), "{what}: a cursor repeats");
}

/// Every `step`-th received cursor resumes a pull exactly at the next received change, and
/// the last one is the end of the feed: the cursors are ordered as the stream is.
async fn assert_cursors_resume_in_order(client: &GqlClient, received: &[Change], step: usize) -> anyhow::Result<()> {
    for i in (0..received.len().saturating_sub(1)).step_by(step) {
        let page = sync::pull(client, Some(&received[i].cursor), 1).await?;
        let next = Change::from_entry(&page["entries"][0])?;
        assert_eq!(next.key(), received[i + 1].key(), "pull after the cursor of change {i}");
    }
    if let Some(last) = received.last() {
        let page = sync::pull(client, Some(&last.cursor), 10).await?;
        assert_eq!(page["entries"], json!([]), "nothing after the last change");
        assert_eq!(page["hasMore"], false);
    }
    Ok(())
}

/// The first error code of a `next` payload, or of an `error` message's error list.
fn reset_code(message: &ServerMsg) -> Option<&str> {
    match message {
        ServerMsg::Next { payload, .. } => payload["errors"][0]["extensions"]["code"].as_str(),
        ServerMsg::Error { payload, .. } => payload[0]["extensions"]["code"].as_str(),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_subscriber_gets_every_change_once_in_feed_order_while_eight_clients_write() -> anyhow::Result<()> {
    const WRITERS: usize = 8;
    const PER_WRITER: usize = 625; // 5,000 notes
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let mut ws = subscribed(&server, &owner, None).await?;
    let mut received = until_live(&mut ws, &owner).await?;

    let marker = ulid::Ulid::new().to_string();
    let writes = write_then_mark(server.url("/graphql"), owner.token.clone(), WRITERS, PER_WRITER, marker.clone());
    let writes = tokio::spawn(writes);
    let live = sync::changes_until(&mut ws, OP, &marker).await;
    assert_eq!(writes.await??, WRITERS * PER_WRITER);
    received.extend(live?);

    let log = sync::sync_log(&server.db.pool, &owner.personal_workspace).await?;
    assert_eq!(log.len(), WRITERS * PER_WRITER + 2, "every write is one change, plus two markers");
    assert_same_stream("live subscriber", &received, &log);
    assert_cursors_resume_in_order(&owner.client, &received, 50).await?;
    ws.close().await?;
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribing_mid_feed_hands_over_from_catch_up_to_live_without_gap_or_duplicate() -> anyhow::Result<()> {
    const MIDDLE: usize = 150;
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let endpoint = server.url("/graphql");
    let before = sync::write_concurrently(&endpoint, &owner.token, 4, 100, "").await?;
    let first = sync::pull(&owner.client, None, i64::try_from(MIDDLE)?).await?;
    let whole = sync::pull(&owner.client, None, 1000).await?;
    assert_eq!(whole["hasMore"], false);
    let cursor = |page: &Value| page["cursor"].as_str().map(str::to_owned);

    // Subscribe while new writes are committing: from the start, the middle and the end of
    // what existed; each subscription crosses from catch-up to live at a different point.
    let marker = ulid::Ulid::new().to_string();
    let writes = tokio::spawn(write_then_mark(endpoint, owner.token.clone(), 8, 100, marker.clone()));
    let starts = [(None, 0), (cursor(&first), MIDDLE), (cursor(&whole), before)];
    let mut readers = Vec::new();
    for (after, skip) in starts {
        let mut ws = subscribed(&server, &owner, after.as_deref()).await?;
        let marker = marker.clone();
        readers.push((skip, tokio::spawn(async move { sync::changes_until(&mut ws, OP, &marker).await })));
    }
    assert_eq!(writes.await??, 800);

    let log = sync::sync_log(&server.db.pool, &owner.personal_workspace).await?;
    let pulled: Vec<(String, i64)> = first["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| Change::from_entry(e).map(|c| c.key()))
        .collect::<anyhow::Result<_>>()?;
    assert_eq!(pulled, log[..MIDDLE], "the first page is the start of the feed");
    for (skip, reader) in readers {
        let received = reader.await??;
        assert_same_stream(&format!("subscriber after change {skip}"), &received, &log[skip..]);
    }
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_that_stops_reading_is_told_to_reset_and_never_gets_a_truncated_stream() -> anyhow::Result<()> {
    const NOTES: usize = 400;
    let server = start(|c| c.subscriber_queue = 4).await?;
    let owner = server.owner().await?;
    // A small receive window: the server's socket backs up after a few hundred KiB.
    let mut ws = GqlWs::open(server.addr, WsOptions { recv_buffer: Some(16 * 1024), ..WsOptions::default() }).await?;
    if let Err(closed) = ws.init(GqlWs::bearer_payload(&owner.token, None)).await? {
        anyhow::bail!("init refused: {closed:?}");
    }
    ws.subscribe(OP, SUBSCRIBE_CHANGES_WITH_DATA, json!({ "after": null })).await?;
    let mut received = until_live(&mut ws, &owner).await?;

    // Stop reading while 400 notes of 50 KiB each (~20 MiB of changes) are written.
    let body = "x".repeat(50 * 1024);
    let written = sync::write_concurrently(&server.url("/graphql"), &owner.token, 4, NOTES / 4, &body).await?;
    assert_eq!(written, NOTES);

    // Now drain: whatever was buffered, then the reset, then the end of the operation.
    let reset = loop {
        let message = ws.recv().await?;
        match &message {
            ServerMsg::Next { id, payload } if id == OP && payload["errors"].is_null() => {
                received.push(sync::change_of(payload)?);
            }
            ServerMsg::Next { .. } | ServerMsg::Error { .. } => break message,
            other => anyhow::bail!("after {} changes and before any reset: {other:?}", received.len()),
        }
    };
    assert!(matches!(&reset, ServerMsg::Next { id, .. } if id == OP), "reset comes as a `next`: {reset:?}");
    assert_eq!(reset_code(&reset), Some("RESET_REQUIRED"), "{reset:?}");
    match ws.recv().await? {
        ServerMsg::Complete { id } => assert_eq!(id, OP),
        ServerMsg::Closed(_) => {}
        other => panic!("after RESET_REQUIRED expected complete or close, got {other:?}"),
    }

    let log = sync::sync_log(&server.db.pool, &owner.personal_workspace).await?;
    assert!(received.len() < log.len(), "a slow subscriber got all {} changes: no reset was needed", log.len());
    assert_same_stream("slow subscriber before its reset", &received, &log[..received.len()]);
    server.stop().await
}

#[tokio::test]
async fn a_client_that_answers_pings_outlives_the_idle_timeout() -> anyhow::Result<()> {
    let server = start(|c| {
        c.ws_ping_interval_ms = 100;
        c.ws_idle_timeout_ms = 600;
    })
    .await?;
    let owner = server.owner().await?;
    let mut ws = subscribed(&server, &owner, None).await?;
    until_live(&mut ws, &owner).await?;
    // Three idle timeouts with nothing to say but pongs: no message, and no close.
    let quiet = ws.recv_within(Duration::from_millis(1800)).await;
    assert!(quiet.is_err(), "expected only pings, got {quiet:?}");
    assert!(ws.pings >= 5, "the server pinged {} times in 1.8 s at a 100 ms interval", ws.pings);
    assert_eq!(until_live(&mut ws, &owner).await?.len(), 1, "the subscription still delivers");
    server.stop().await
}

#[tokio::test]
async fn a_subscriber_sees_only_its_own_workspace() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    sync::write_concurrently(&server.url("/graphql"), &owner.token, 2, 10, "owner's").await?;
    let mut ws = subscribed(&server, &bob, None).await?;
    let received = until_live(&mut ws, &bob).await?;
    assert_eq!(received.len(), 1, "bob's stream holds only his own marker: {received:?}");
    server.stop().await
}

#[tokio::test]
async fn subscribing_after_a_cursor_the_server_cannot_serve_requires_a_reset() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    sync::push_marker(&bob.client, &ulid::Ulid::new().to_string()).await?;
    let bobs_cursor = sync::pull(&bob.client, None, 10).await?["cursor"].as_str().unwrap_or_default().to_owned();
    for after in ["garbage", bobs_cursor.as_str()] {
        let mut ws = subscribed(&server, &owner, Some(after)).await?;
        let message = ws.recv().await?;
        assert_eq!(reset_code(&message), Some("RESET_REQUIRED"), "after {after:?}: {message:?}");
    }
    server.stop().await
}

#[tokio::test]
async fn connection_init_without_a_valid_token_or_membership_is_refused_before_any_data() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    sync::push_marker(&owner.client, &ulid::Ulid::new().to_string()).await?;
    let cases = [
        ("no token", json!({}), 4401),
        ("a forged token", json!({ "authorization": "Bearer not-a-real-token" }), 4401),
        ("another user's workspace", GqlWs::bearer_payload(&bob.token, Some(&owner.personal_workspace)), 4403),
    ];
    for (what, payload, code) in cases {
        let mut ws = GqlWs::open(server.addr, WsOptions::default()).await?;
        // A subscribe right behind the init: it must never be served.
        ws.send_init(payload).await?;
        ws.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
        let (closed, seen) = ws.until_closed().await?;
        assert_eq!(closed.code, code, "{what}: {closed:?}");
        assert!(seen.is_empty(), "{what}: the server sent {seen:?} before closing");
    }
    // Control: the same user in his own workspace is accepted.
    GqlWs::connect(server.addr, GqlWs::bearer_payload(&bob.token, Some(&bob.personal_workspace))).await?.close().await?;
    server.stop().await
}

#[tokio::test]
async fn a_socket_that_never_sends_connection_init_is_closed_with_4408() -> anyhow::Result<()> {
    let server = start(|c| c.ws_init_timeout_ms = 300).await?;
    let opened = Instant::now();
    let mut ws = GqlWs::open(server.addr, WsOptions::default()).await?;
    let (closed, seen) = ws.until_closed().await?;
    assert_eq!(closed.code, 4408, "{closed:?}");
    assert!(seen.is_empty(), "the server sent {seen:?} before closing");
    assert!(opened.elapsed() < Duration::from_secs(10), "closed only after {:?}", opened.elapsed());
    server.stop().await
}

#[tokio::test]
async fn protocol_violations_close_with_the_codes_graphql_transport_ws_defines() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    // `subscribe` before `connection_init` is acknowledged: 4401.
    let mut early = GqlWs::open(server.addr, WsOptions::default()).await?;
    early.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    let (closed, seen) = early.until_closed().await?;
    assert_eq!((closed.code, seen.len()), (4401, 0), "{closed:?} {seen:?}");
    // A second `subscribe` with the id of a running operation: 4409.
    let mut twice = subscribed(&server, &owner, None).await?;
    twice.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    let (closed, _) = twice.until_closed().await?;
    assert_eq!(closed.code, 4409, "{closed:?}");
    assert_eq!(closed.reason, format!("Subscriber for {OP} already exists"));
    // After `complete`, the id may be used again.
    let mut reused = subscribed(&server, &owner, None).await?;
    reused.complete(OP).await?;
    reused.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    sync::push_marker(&owner.client, &ulid::Ulid::new().to_string()).await?;
    // (The server may first confirm the earlier operation's completion.)
    let mut message = reused.recv().await?;
    if matches!(message, ServerMsg::Complete { .. }) {
        message = reused.recv().await?;
    }
    assert!(matches!(message, ServerMsg::Next { .. }), "a reused id is served: {message:?}");
    server.stop().await
}

#[tokio::test]
async fn a_browser_session_cookie_on_the_upgrade_authenticates_the_socket() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let owner = server.owner().await?;
    let options = WsOptions { cookie: Some(format!("lifeos_session={}", owner.token)), ..WsOptions::default() };
    let mut ws = GqlWs::open(server.addr, options).await?;
    assert!(ws.init(json!({})).await?.is_ok(), "the cookie alone is enough");
    ws.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    let id = ulid::Ulid::new().to_string();
    sync::push_marker(&owner.client, &id).await?;
    let message = ws.recv().await?;
    let ServerMsg::Next { payload, .. } = message else { anyhow::bail!("expected the change, got {message:?}") };
    assert_eq!(payload["data"]["changes"]["entityId"], id.as_str());
    server.stop().await
}
