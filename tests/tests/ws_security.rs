//! Websocket authentication and the operations a socket runs, black-box: a socket is
//! authenticated by exactly one means (a bearer token in `connection_init`, or the session
//! cookie from this origin) and never falls back to the cookie — so a page of another site
//! cannot hijack a signed-in browser's socket — and HTTP never swaps a malformed
//! `Authorization` for the cookie either. Queries and mutations over the socket pass the same
//! guards and limits as over HTTP, each with its own request id.

use lifeos_tests::sync::SUBSCRIBE_CHANGES;
use lifeos_tests::{Account, GqlClient, GqlWs, ServerMsg, TestServer, WsOptions};
use serde_json::{json, Value};

const CREATE_NOTE: &str = "mutation($t: String!) { createNote(input: {title: $t}) { id } }";

/// Events whose payload mentions `marker` (a title no other test writes).
async fn events_mentioning(server: &TestServer, marker: &str) -> anyhow::Result<i64> {
    let count = sqlx::query_scalar("SELECT count(*) FROM events WHERE payload::text LIKE '%' || $1 || '%'")
        .bind(marker)
        .fetch_one(&server.db.pool)
        .await?;
    Ok(count)
}

/// A socket of the browser that signed `account` in: its cookie, and a page at `origin`.
async fn browser_socket(server: &TestServer, account: &Account, origin: &str) -> anyhow::Result<GqlWs> {
    let options = WsOptions {
        cookie: Some(format!("lifeos_session={}", account.token)),
        origin: Some(origin.to_owned()),
        ..WsOptions::default()
    };
    GqlWs::open(server.addr, options).await
}

/// The first error of a single-result operation over the socket (`next` with errors, or `error`).
fn first_error(message: &ServerMsg) -> Option<&Value> {
    match message {
        ServerMsg::Next { payload, .. } => payload["errors"].get(0),
        ServerMsg::Error { payload, .. } => payload.get(0),
        _ => None,
    }
}

#[tokio::test]
async fn a_cross_site_page_riding_the_victims_cookie_is_closed_before_any_data_or_mutation() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let victim = server.owner().await?;
    let evil = "http://evil.example";
    let cases = [
        // The reported hole: any non-empty `authorization` skipped the origin check, and the
        // server then fell back to the cookie because it lacked `Bearer `.
        ("a junk authorization from another site", evil, json!({ "authorization": "x" }), 4401),
        ("another scheme from another site", evil, json!({ "authorization": "Basic dTpw" }), 4401),
        ("no credential from another site", evil, json!({}), 4403),
        ("a blank credential from another site", evil, json!({ "authorization": "", "token": null }), 4403),
        // Even from this origin, an explicit but invalid token never becomes the cookie.
        ("a forged bearer token beside the cookie", "", json!({ "authorization": "Bearer forged" }), 4401),
        ("a forged token beside the cookie", "", json!({ "token": "forged" }), 4401),
    ];
    for (i, (what, origin, payload, code)) in cases.into_iter().enumerate() {
        let origin = if origin.is_empty() { format!("http://{}", server.addr) } else { origin.to_owned() };
        let marker = format!("hijacked-{i}-{}", ulid::Ulid::new());
        let mut ws = browser_socket(&server, &victim, &origin).await?;
        ws.send_init(payload).await?;
        ws.subscribe("changes", SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
        ws.subscribe("write", CREATE_NOTE, json!({ "t": marker })).await?;
        let (closed, seen) = ws.until_closed().await?;
        assert_eq!(closed.code, code, "{what}: {closed:?}");
        assert!(seen.is_empty(), "{what}: the server sent {seen:?} before closing");
        assert_eq!(events_mentioning(&server, &marker).await?, 0, "{what}: the mutation ran");
    }
    // Controls: the cookie from this origin, and a bearer token from anywhere, still work.
    let mut same_site = browser_socket(&server, &victim, &format!("http://{}", server.addr)).await?;
    assert!(same_site.init(json!({})).await?.is_ok(), "the cookie from this origin");
    let mut app = browser_socket(&server, &victim, evil).await?;
    assert!(app.init(GqlWs::bearer_payload(&victim.token, None)).await?.is_ok(), "a token needs no origin");
    server.stop().await
}

#[tokio::test]
async fn an_explicit_but_malformed_authorization_header_on_http_never_falls_back_to_the_cookie() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    // `owner.client` holds the session cookie from signUp; `run_with_header` sends no bearer.
    let owner = server.owner().await?;
    let me = "{ me { id } }";
    let with = |name: &'static str, value: &'static str| owner.client.run_with_header(me, name, value);
    let cookie_only = with("x-unrelated", "1").await?;
    assert_eq!(cookie_only["data"]["me"]["id"], owner.user_id.as_str(), "control: the cookie alone: {cookie_only}");
    for garbled in ["x", "Bearer", "Bearer forged", "Token abc"] {
        let body = with("authorization", garbled).await?;
        assert_eq!(GqlClient::error_code(&body), Some("UNAUTHENTICATED"), "{garbled:?}: {body}");
    }
    // A reverse proxy's HTTP Basic login in front of the web app is not our credential.
    let behind_proxy = with("authorization", "Basic dTpw").await?;
    assert_eq!(behind_proxy["data"]["me"]["id"], owner.user_id.as_str(), "{behind_proxy}");
    server.stop().await
}

#[tokio::test]
async fn operations_over_the_socket_pass_the_same_guards_and_limits_as_http_with_their_own_request_ids() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let mut owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let created = owner.client.run("mutation { createWorkspace(name: \"Home\") { id } }", json!({})).await?;
    let home = created["data"]["createWorkspace"]["id"].as_str().unwrap_or_default().to_owned();
    owner.client.workspace = Some(home.clone());
    let added = owner.client.run("mutation { addMember(email: \"bob@x.test\", role: VIEWER) { id } }", json!({})).await?;
    assert!(added["errors"].is_null(), "{added}");

    // A viewer's mutation over the socket is refused by the resolver's guard, as over HTTP.
    let mut viewer = GqlWs::connect(server.addr, GqlWs::bearer_payload(&bob.token, Some(&home))).await?;
    let marker = format!("viewer-{}", ulid::Ulid::new());
    viewer.subscribe("w", CREATE_NOTE, json!({ "t": marker })).await?;
    let refused = viewer.recv().await?;
    assert_eq!(first_error(&refused).map(|e| e["extensions"]["code"].clone()), Some(json!("FORBIDDEN")), "{refused:?}");
    assert_eq!(events_mentioning(&server, &marker).await?, 0);

    // The alias limit holds over the socket (it did not: 200 aliases were answered).
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(&owner.token, None)).await?;
    let aliases: Vec<String> = (0..200).map(|i| format!("a{i}: __typename")).collect();
    ws.subscribe("aliases", &format!("{{ {} }}", aliases.join(" ")), json!({})).await?;
    let answer = ws.recv().await?;
    let error = first_error(&answer).ok_or_else(|| anyhow::anyhow!("200 aliases answered: {answer:?}"))?;
    assert_eq!(error["extensions"]["code"], "VALIDATION", "{answer:?}");

    // Mutations over the socket write events with a request id of their own, each different.
    let titles = [format!("ws-a-{}", ulid::Ulid::new()), format!("ws-b-{}", ulid::Ulid::new())];
    for (i, title) in titles.iter().enumerate() {
        let id = format!("m{i}");
        ws.subscribe(&id, CREATE_NOTE, json!({ "t": title })).await?;
        loop {
            match ws.recv().await? {
                ServerMsg::Next { id: got, payload } if got == id => {
                    assert!(payload["errors"].is_null(), "{payload}");
                    break;
                }
                ServerMsg::Complete { .. } => {}
                other => anyhow::bail!("unexpected {other:?}"),
            }
        }
    }
    let mut request_ids = Vec::new();
    for title in &titles {
        let id: String = sqlx::query_scalar("SELECT metadata::jsonb->>'request_id' FROM events WHERE payload::text LIKE '%' || $1 || '%'")
            .bind(title)
            .fetch_one(&server.db.pool)
            .await?;
        assert!(ulid::Ulid::from_string(&id).is_ok(), "request id {id:?} is a ULID");
        request_ids.push(id);
    }
    assert_ne!(request_ids[0], request_ids[1], "each operation is its own request");

    // A query over the socket reads the session's own writes (read-your-writes, like HTTP).
    ws.subscribe("read", "{ notes(first: 50) { edges { node { title } } } }", json!({})).await?;
    let read = loop {
        match ws.recv().await? {
            ServerMsg::Next { id, payload } if id == "read" => break payload,
            ServerMsg::Complete { .. } => {}
            other => anyhow::bail!("unexpected {other:?}"),
        }
    };
    let listed: Vec<&str> = read["data"]["notes"]["edges"].as_array().into_iter().flatten().filter_map(|e| e["node"]["title"].as_str()).collect();
    for title in &titles {
        assert!(listed.contains(&title.as_str()), "{title} missing from {read}");
    }
    server.stop().await
}
