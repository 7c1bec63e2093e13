//! Isolated workspaces: membership decides access, a foreign workspace is FORBIDDEN (never
//! empty), viewers read only, and membership changes are events with workspace and actor.

use lifeos_tests::{GqlClient, TestServer};
use serde_json::{json, Value};

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

/// Every operation of the API so far, as (document, variables).
fn every_operation(other_user: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("{ me { id } }", json!({})),
        ("{ mySessions { id } }", json!({})),
        ("{ workspace { id } }", json!({})),
        ("mutation { createWorkspace(name: \"x\") { id } }", json!({})),
        ("mutation($e: String!) { addMember(email: $e, role: VIEWER) { id } }", json!({"e": "owner@lifeos.test"})),
        ("mutation($u: ID!) { changeMemberRole(userId: $u, role: EDITOR) { id } }", json!({"u": other_user})),
        ("mutation($u: ID!) { removeMember(userId: $u) { id } }", json!({"u": other_user})),
        ("mutation { revokeSession(id: \"01J00000000000000000000000\") }", json!({})),
        ("mutation { signOut }", json!({})),
    ]
}

#[tokio::test]
async fn another_users_workspace_is_forbidden_for_every_operation() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let mut bob = server.invite(&owner, "bob@x.test", "Bob").await?;
    bob.client.workspace = Some(owner.personal_workspace.clone());
    for (query, vars) in every_operation(&owner.user_id) {
        let body = bob.client.run(query, vars).await?;
        assert_eq!(code(&body), Some("FORBIDDEN"), "{query}: {body}");
    }
    // Bob's own workspace still works, and his session survived the attempts.
    bob.client.workspace = None;
    let me = bob.client.run("{ workspace { id myRole } }", json!({})).await?;
    assert_eq!(me["data"]["workspace"]["id"], bob.personal_workspace.as_str());
    assert_eq!(me["data"]["workspace"]["myRole"], "OWNER");
    server.stop().await
}

#[tokio::test]
async fn unauthenticated_requests_are_unauthenticated() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let anonymous = server.client();
    for (query, vars) in every_operation(&owner.user_id) {
        let body = anonymous.run(query, vars).await?;
        assert_eq!(code(&body), Some("UNAUTHENTICATED"), "{query}: {body}");
    }
    let mut forged = server.client();
    forged.bearer = Some("not-a-real-token".into());
    assert_eq!(code(&forged.run("{ me { id } }", json!({})).await?), Some("UNAUTHENTICATED"));
    server.stop().await
}

#[tokio::test]
async fn a_household_shares_a_workspace_and_viewers_only_read() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let mut alice = server.owner().await?;
    let mut bob = server.invite(&alice, "bob@x.test", "Bob").await?;

    let created = alice.client.run("mutation { createWorkspace(name: \"Home\") { id role kind } }", json!({})).await?;
    let home = created["data"]["createWorkspace"]["id"].as_str().expect("id").to_owned();
    assert_eq!(created["data"]["createWorkspace"]["role"], "OWNER");
    alice.client.workspace = Some(home.clone());
    let added = alice
        .client
        .run("mutation { addMember(email: \"BOB@x.test\", role: VIEWER) { members { email role } version } }", json!({}))
        .await?;
    let members = &added["data"]["addMember"]["members"];
    assert_eq!(members[1], json!({"email": "bob@x.test", "role": "VIEWER"}), "{added}");
    assert_eq!(added["data"]["addMember"]["version"], 3);

    // Bob sees the household in `me` right away (read-your-writes across users).
    let me = bob.client.run("{ me { workspaces { id role } } }", json!({})).await?;
    let listed = me["data"]["me"]["workspaces"].as_array().expect("list");
    assert!(listed.iter().any(|w| w["id"] == home.as_str() && w["role"] == "VIEWER"), "{me}");

    bob.client.workspace = Some(home.clone());
    let read = bob.client.run("{ workspace { name myRole } }", json!({})).await?;
    assert_eq!(read["data"]["workspace"], json!({"name": "Home", "myRole": "VIEWER"}));
    let write = bob.client.run("mutation { addMember(email: \"owner@lifeos.test\", role: VIEWER) { id } }", json!({})).await?;
    assert_eq!(code(&write), Some("FORBIDDEN"), "viewer cannot manage: {write}");

    let promoted = alice
        .client
        .run("mutation($u: ID!) { changeMemberRole(userId: $u, role: EDITOR) { members { role } } }", json!({"u": bob.user_id}))
        .await?;
    assert_eq!(promoted["data"]["changeMemberRole"]["members"][1]["role"], "EDITOR");
    let last_owner = alice
        .client
        .run("mutation($u: ID!) { removeMember(userId: $u) { id } }", json!({"u": alice.user_id}))
        .await?;
    assert_eq!(code(&last_owner), Some("VALIDATION"), "{last_owner}");

    // The membership facts are events, carrying workspace and actor in their metadata.
    let events: Vec<(String, String, Value)> = sqlx::query_as(
        "SELECT event_type, workspace_id, metadata::jsonb FROM events
          WHERE aggregate_type = 'Workspace' AND aggregate_id = $1 ORDER BY sequence",
    )
    .bind(&home)
    .fetch_all(&server.db.pool)
    .await?;
    let types: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(types, ["WorkspaceCreated", "MemberAdded", "MemberAdded", "MemberRoleChanged"]);
    for (_, workspace, metadata) in &events {
        assert_eq!(workspace, &home);
        assert_eq!(metadata["workspace_id"], home.as_str());
        assert_eq!(metadata["actor"], alice.user_id.as_str());
        assert!(metadata["request_id"].as_str().is_some_and(|r| !r.is_empty()));
    }
    server.stop().await
}
