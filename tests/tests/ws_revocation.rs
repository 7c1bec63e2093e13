//! Live subscriptions never outlive the decision that let them in, black-box: sign-out, session
//! revocation and member removal close the affected sockets (4401 / 4403) while writes go on,
//! and no change written after the revocation answered reaches them. The tests do not wait
//! for a timer: the periodic re-check is set to an hour, so only the revocation itself can
//! close the socket — except in the last test, which shortens it to exercise the backstop
//! (expiry, and revocations the server never heard of).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use lifeos_tests::entities::bearer_client;
use lifeos_tests::sync::{self, SUBSCRIBE_CHANGES};
use lifeos_tests::{Account, Closed, GqlClient, GqlWs, ServerMsg, TestServer, OWNER_EMAIL, PASSWORD};
use lifeosd::Config;
use serde_json::json;
use tokio::task::JoinHandle;

const OP: &str = "changes";

async fn start(adjust: impl FnOnce(&mut Config)) -> anyhow::Result<TestServer> {
    TestServer::start_with(|c| {
        c.read_your_writes_timeout_ms = 30_000;
        c.ws_auth_recheck_ms = 3_600_000;
        adjust(c);
    })
    .await
}

/// A second session of the owner (another device); returns its token.
async fn sign_in_again(server: &TestServer) -> anyhow::Result<String> {
    let body = server
        .client()
        .run("mutation($i: SignInInput!) { signIn(input: $i) { token } }", json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD}}))
        .await?;
    body["data"]["signIn"]["token"].as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("signIn failed: {body}"))
}

/// The id of the session `token` belongs to.
async fn session_id(server: &TestServer, token: &str) -> anyhow::Result<String> {
    let body = bearer_client(server.url("/graphql"), token).run("{ mySessions { id current } }", json!({})).await?;
    let current = body["data"]["mySessions"].as_array().and_then(|all| all.iter().find(|s| s["current"] == true));
    current.and_then(|s| s["id"].as_str()).map(str::to_owned).ok_or_else(|| anyhow::anyhow!("no current session: {body}"))
}

/// A socket of `token` in `workspace`, subscribed and live (it has received a marker `writer` wrote).
async fn live_socket(server: &TestServer, token: &str, workspace: Option<&str>, writer: &GqlClient) -> anyhow::Result<GqlWs> {
    let mut ws = GqlWs::connect(server.addr, GqlWs::bearer_payload(token, workspace)).await?;
    ws.subscribe(OP, SUBSCRIBE_CHANGES, json!({ "after": null })).await?;
    let marker = ulid::Ulid::new().to_string();
    sync::push_marker(writer, &marker).await?;
    sync::changes_until(&mut ws, OP, &marker).await?;
    Ok(ws)
}

/// Writes notes until stopped, noting for each whether it was started after the revocation.
struct Writer {
    stop: Arc<AtomicBool>,
    revoked: Arc<AtomicBool>,
    task: JoinHandle<anyhow::Result<Vec<(String, bool)>>>,
}

impl Writer {
    fn start(client: GqlClient) -> Self {
        let (stop, revoked) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let (stopping, revocation) = (stop.clone(), revoked.clone());
        let task = tokio::spawn(async move {
            let mut written = Vec::new();
            while !stopping.load(Ordering::SeqCst) {
                let after = revocation.load(Ordering::SeqCst);
                let id = ulid::Ulid::new().to_string();
                sync::push_marker(&client, &id).await?;
                written.push((id, after));
            }
            Ok(written)
        });
        Self { stop, revoked, task }
    }

    /// Every note written, and those started after the revocation was answered.
    async fn finish(self) -> anyhow::Result<(usize, HashSet<String>)> {
        self.stop.store(true, Ordering::SeqCst);
        let written = self.task.await??;
        let after = written.iter().filter(|(_, after)| *after).map(|(id, _)| id.clone()).collect();
        Ok((written.len(), after))
    }
}

/// Reads `ws` until the writer has been seen writing (so writes go on while subscribed).
async fn see_writes(ws: &mut GqlWs, count: usize) -> anyhow::Result<()> {
    for _ in 0..count {
        let message = ws.recv().await?;
        anyhow::ensure!(matches!(message, ServerMsg::Next { .. }), "expected a change, got {message:?}");
    }
    Ok(())
}

/// Writes three notes after the revocation answered, then reads the socket to its close:
/// its close, and the entity ids of every change it delivered. One of those three arriving
/// fails at once (rather than reading a leaking socket forever).
async fn write_then_read_to_close(ws: &mut GqlWs, writer: &GqlClient, after: &mut HashSet<String>) -> anyhow::Result<(Closed, HashSet<String>)> {
    for _ in 0..3 {
        let id = ulid::Ulid::new().to_string();
        sync::push_marker(writer, &id).await?;
        after.insert(id);
    }
    let mut delivered = HashSet::new();
    loop {
        match ws.recv().await? {
            ServerMsg::Closed(closed) => return Ok((closed, delivered)),
            ServerMsg::Next { payload, .. } => {
                let id = sync::change_of(&payload)?.entity_id;
                anyhow::ensure!(!after.contains(&id), "a change written after the revocation reached the socket: {id}");
                delivered.insert(id);
            }
            other => anyhow::bail!("unexpected {other:?} before the close"),
        }
    }
}

/// Runs `revoke` while `ws` is live and a copy of `writer` keeps writing, then checks the
/// close and that nothing written after the revocation answered was delivered.
async fn assert_revocation_closes(
    server: &TestServer,
    mut ws: GqlWs,
    writer: &GqlClient,
    code: u16,
    revoke: impl std::future::Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<()> {
    let background = Writer::start(same_as(server, writer));
    see_writes(&mut ws, 2).await?;
    revoke.await?;
    background.revoked.store(true, Ordering::SeqCst);
    let mut after = HashSet::new();
    let read = write_then_read_to_close(&mut ws, writer, &mut after).await;
    let (written, late) = background.finish().await?;
    let (closed, delivered) = read?;
    after.extend(late);
    assert_eq!(closed.code, code, "{closed:?}");
    let leaked: Vec<&String> = delivered.intersection(&after).collect();
    assert!(leaked.is_empty(), "changes written after the revocation reached the socket: {leaked:?} ({written} written)");
    Ok(())
}

#[tokio::test]
async fn signing_out_closes_the_sessions_live_subscription_and_nothing_written_after_arrives() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let phone = server.owner().await?;
    let laptop = bearer_client(server.url("/graphql"), &sign_in_again(&server).await?);
    let ws = live_socket(&server, &phone.token, None, &laptop).await?;
    let signed_out = async {
        let body = phone.client.run("mutation { signOut }", json!({})).await?;
        anyhow::ensure!(body["data"]["signOut"] == true, "signOut failed: {body}");
        Ok(())
    };
    assert_revocation_closes(&server, ws, &laptop, 4401, signed_out).await?;
    let me = phone.client.run("{ me { id } }", json!({})).await?;
    assert_eq!(GqlClient::error_code(&me), Some("UNAUTHENTICATED"), "{me}");
    server.stop().await
}

#[tokio::test]
async fn revoking_a_session_from_another_device_closes_its_socket_and_nothing_written_after_arrives() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let lost_phone = server.owner().await?;
    let laptop = bearer_client(server.url("/graphql"), &sign_in_again(&server).await?);
    let sessions = laptop.run("{ mySessions { id current } }", json!({})).await?;
    let phone_session = sessions["data"]["mySessions"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["current"] == false))
        .and_then(|s| s["id"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no other session: {sessions}"))?
        .to_owned();
    let ws = live_socket(&server, &lost_phone.token, None, &laptop).await?;
    let revoked = async {
        let body = laptop.run("mutation($id: ID!) { revokeSession(id: $id) }", json!({"id": phone_session})).await?;
        anyhow::ensure!(body["data"]["revokeSession"] == true, "revokeSession failed: {body}");
        Ok(())
    };
    assert_revocation_closes(&server, ws, &laptop, 4401, revoked).await?;
    server.stop().await
}

#[tokio::test]
async fn a_removed_members_socket_closes_4403_and_gets_nothing_written_after_the_removal() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    let mut owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let home = shared_workspace(&mut owner, "EDITOR").await?;
    let ws = live_socket(&server, &bob.token, Some(&home), &owner.client).await?;
    // Bob's socket on his own workspace is not affected.
    let mut own = live_socket(&server, &bob.token, None, &bob.client).await?;
    let removed = async {
        let body = owner.client.run("mutation($u: ID!) { removeMember(userId: $u) { id } }", json!({"u": bob.user_id})).await?;
        anyhow::ensure!(body["errors"].is_null(), "removeMember failed: {body}");
        Ok(())
    };
    assert_revocation_closes(&server, ws, &owner.client, 4403, removed).await?;
    let marker = ulid::Ulid::new().to_string();
    sync::push_marker(&bob.client, &marker).await?;
    sync::changes_until(&mut own, OP, &marker).await?;
    server.stop().await
}

#[tokio::test]
async fn the_periodic_recheck_closes_sockets_whose_session_or_membership_ended_without_a_notice() -> anyhow::Result<()> {
    let server = start(|c| c.ws_auth_recheck_ms = 50).await?;
    let mut owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let home = shared_workspace(&mut owner, "VIEWER").await?;
    let expiring = sign_in_again(&server).await?;
    let revoked = sign_in_again(&server).await?;
    let writer = bearer_client(server.url("/graphql"), &owner.token);
    let mut sockets = vec![
        ("expired", live_socket(&server, &expiring, None, &writer).await?, 4401),
        ("revoked behind the server's back", live_socket(&server, &revoked, None, &writer).await?, 4401),
        ("membership gone without a notice", live_socket(&server, &bob.token, Some(&home), &owner.client).await?, 4403),
    ];
    let mut unaffected = live_socket(&server, &owner.token, None, &writer).await?;
    let pool = &server.db.pool;
    let (expiring, revoked) = (session_id(&server, &expiring).await?, session_id(&server, &revoked).await?);
    sqlx::query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1").bind(&expiring).execute(pool).await?;
    sqlx::query("UPDATE sessions SET revoked_at = now() WHERE id = $1").bind(&revoked).execute(pool).await?;
    // As if the removal's notice were lost (its process died between commit and NOTIFY).
    sqlx::query("DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2").bind(&home).bind(&bob.user_id).execute(pool).await?;
    for (what, ws, code) in &mut sockets {
        let (closed, _) = ws.until_closed().await?;
        assert_eq!(closed.code, *code, "{what}: {closed:?}");
    }
    let marker = ulid::Ulid::new().to_string();
    sync::push_marker(&writer, &marker).await?;
    sync::changes_until(&mut unaffected, OP, &marker).await?;
    server.stop().await
}

/// A shared workspace of `owner` with Bob (`bob@x.test`) as `role`; `owner.client` now works in it.
async fn shared_workspace(owner: &mut Account, role: &str) -> anyhow::Result<String> {
    let created = owner.client.run("mutation { createWorkspace(name: \"Home\") { id } }", json!({})).await?;
    let home = created["data"]["createWorkspace"]["id"].as_str().ok_or_else(|| anyhow::anyhow!("{created}"))?.to_owned();
    owner.client.workspace = Some(home.clone());
    let added = owner.client.run(&format!("mutation {{ addMember(email: \"bob@x.test\", role: {role}) {{ id }} }}"), json!({})).await?;
    anyhow::ensure!(added["errors"].is_null(), "addMember failed: {added}");
    Ok(home)
}

/// Another client with the same bearer token and workspace as `client`.
fn same_as(server: &TestServer, client: &GqlClient) -> GqlClient {
    let mut copy = server.client();
    copy.bearer.clone_from(&client.bearer);
    copy.workspace.clone_from(&client.workspace);
    copy
}

#[tokio::test]
async fn a_revocation_in_one_server_process_closes_the_sockets_another_process_holds() -> anyhow::Result<()> {
    let server = start(|_| {}).await?;
    // A second server process on the same database: it hears revocations only as notices.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let other = lifeosd::RunningServer::start(&server.config, server.db.pool.clone(), listener)?;
    let mut owner = server.owner().await?;
    let bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    let phone = sign_in_again(&server).await?;
    let home = shared_workspace(&mut owner, "EDITOR").await?;
    let mut phone_socket = GqlWs::connect(other.addr, GqlWs::bearer_payload(&phone, None)).await?;
    let mut bob_socket = GqlWs::connect(other.addr, GqlWs::bearer_payload(&bob.token, Some(&home))).await?;

    let signed_out = bearer_client(server.url("/graphql"), &phone).run("mutation { signOut }", json!({})).await?;
    anyhow::ensure!(signed_out["data"]["signOut"] == true, "signOut failed: {signed_out}");
    let (closed, _) = phone_socket.until_closed().await?;
    assert_eq!(closed.code, 4401, "{closed:?}");

    let removed = owner.client.run("mutation($u: ID!) { removeMember(userId: $u) { id } }", json!({"u": bob.user_id})).await?;
    anyhow::ensure!(removed["errors"].is_null(), "removeMember failed: {removed}");
    let (closed, _) = bob_socket.until_closed().await?;
    assert_eq!(closed.code, 4403, "{closed:?}");
    other.shutdown().await?;
    server.stop().await
}
