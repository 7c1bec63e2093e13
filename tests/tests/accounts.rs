//! Accounts, sessions and isolated workspaces, end to end over HTTP against a real server.

use lifeos_tests::{owner_input, GqlClient, TestServer, OWNER_EMAIL, PASSWORD};
use serde_json::{json, Value};

const ME: &str = "{ me { id email displayName workspaces { id name kind role } } }";

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

#[tokio::test]
async fn cookie_flow_reaches_me_and_sign_out_makes_the_token_useless() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let web = server.client(); // cookie jar, no bearer
    let setup_code = server.setup_code().await?;
    let body = web
        .run(
            "mutation($i: SignUpInput!) { signUp(input: $i) { token user { email } } }",
            json!({"i": {"email": " Owner@LifeOS.test ", "password": PASSWORD, "displayName": "Owner", "setupCode": setup_code}}),
        )
        .await?;
    assert_eq!(body["data"]["signUp"]["user"]["email"], OWNER_EMAIL, "{body}");
    let token = body["data"]["signUp"]["token"].as_str().expect("token").to_owned();

    let me = web.run(ME, json!({})).await?;
    assert_eq!(me["data"]["me"]["email"], OWNER_EMAIL, "cookie authenticates: {me}");
    assert_eq!(me["data"]["me"]["workspaces"][0]["kind"], "personal");
    assert_eq!(me["data"]["me"]["workspaces"][0]["role"], "OWNER");

    let out = web.run("mutation { signOut }", json!({})).await?;
    assert_eq!(out["data"]["signOut"], true);
    assert_eq!(code(&web.run(ME, json!({})).await?), Some("UNAUTHENTICATED"));
    // The raw token, replayed by hand as a cookie or as a bearer, is dead too.
    let bare = GqlClient::bare(server.url("/graphql"));
    let replay = bare.run_with_header(ME, "cookie", &format!("lifeos_session={token}")).await?;
    assert_eq!(code(&replay), Some("UNAUTHENTICATED"));
    let replay = bare.run_with_header(ME, "authorization", &format!("Bearer {token}")).await?;
    assert_eq!(code(&replay), Some("UNAUTHENTICATED"));
    server.stop().await
}

#[tokio::test]
async fn set_cookie_is_http_only_and_same_site_lax() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.cookie_secure = true).await?;
    let response = reqwest::Client::new()
        .post(server.url("/graphql"))
        .json(&json!({"query": "mutation($i: SignUpInput!) { signUp(input: $i) { token } }",
                      "variables": {"i": owner_input(OWNER_EMAIL, &server.setup_code().await?)}}))
        .send()
        .await?;
    let cookie = response.headers().get("set-cookie").expect("cookie set").to_str()?.to_owned();
    for attribute in ["lifeos_session=", "HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=2592000"] {
        assert!(cookie.contains(attribute), "{attribute} missing in {cookie}");
    }
    server.stop().await
}

#[tokio::test]
async fn bearer_sessions_are_listed_and_revocable() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let phone = server.owner().await?;
    let mut laptop = server.client();
    let signed_in = laptop
        .run(
            "mutation($i: SignInInput!) { signIn(input: $i) { token session { id } } }",
            json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD, "clientName": "laptop"}}),
        )
        .await?;
    laptop.bearer = signed_in["data"]["signIn"]["token"].as_str().map(str::to_owned);
    let laptop_session = signed_in["data"]["signIn"]["session"]["id"].as_str().expect("id").to_owned();

    let sessions = phone.client.run("{ mySessions { id label current } }", json!({})).await?;
    let list = sessions["data"]["mySessions"].as_array().expect("list");
    assert_eq!(list.len(), 2, "{sessions}");
    assert!(list.iter().any(|s| s["label"] == "laptop" && s["current"] == false));

    let revoked = phone.client.run("mutation($id: ID!) { revokeSession(id: $id) }", json!({"id": laptop_session})).await?;
    assert_eq!(revoked["data"]["revokeSession"], true, "{revoked}");
    assert_eq!(code(&laptop.run(ME, json!({})).await?), Some("UNAUTHENTICATED"));
    assert_eq!(phone.client.run(ME, json!({})).await?["data"]["me"]["email"], OWNER_EMAIL);
    server.stop().await
}

#[tokio::test]
async fn sign_up_is_gated_by_the_owner_allowlist() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let signup = "mutation($i: SignUpInput!) { signUp(input: $i) { token } }";
    let stranger = json!({"i": {"email": "stranger@x.test", "password": PASSWORD, "displayName": "S"}});
    let refused = server.client().run(signup, stranger.clone()).await?;
    assert_eq!(code(&refused), Some("FORBIDDEN"));
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&server.db.pool).await?;
    assert_eq!(users, 1, "a refused sign-up writes nothing");

    let allowed = owner.client.run("mutation { allowSignup(email: \"Stranger@X.test\") }", json!({})).await?;
    assert_eq!(allowed["data"]["allowSignup"], "stranger@x.test");
    let listed = owner.client.run("{ signupAllowlist }", json!({})).await?;
    assert_eq!(listed["data"]["signupAllowlist"], json!(["stranger@x.test"]));
    let joined = server.client().run(signup, stranger).await?;
    assert!(joined["data"]["signUp"]["token"].is_string(), "{joined}");

    // An email that already has an account is refused exactly like one never invited, so
    // sign-up does not reveal who is registered.
    let again = json!({"i": {"email": "STRANGER@x.test", "password": PASSWORD, "displayName": "S2"}});
    let owner_again = json!({"i": {"email": OWNER_EMAIL, "password": PASSWORD, "displayName": "O"}});
    for input in [again, owner_again] {
        let body = server.client().run(signup, input).await?;
        assert_eq!(code(&body), Some("FORBIDDEN"), "{body}");
        assert_eq!(body["errors"][0]["message"], refused["errors"][0]["message"]);
    }

    let revoked = owner.client.run("mutation { revokeSignup(email: \"stranger@x.test\") }", json!({})).await?;
    assert_eq!(revoked["data"]["revokeSignup"], true);
    server.stop().await
}

#[tokio::test]
async fn only_the_instance_owner_manages_the_allowlist() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let alice = server.invite(&owner, "alice@x.test", "Alice").await?;
    assert_eq!(code(&alice.client.run("{ signupAllowlist }", json!({})).await?), Some("FORBIDDEN"));
    let add = alice.client.run("mutation { allowSignup(email: \"eve@x.test\") }", json!({})).await?;
    assert_eq!(code(&add), Some("FORBIDDEN"));
    assert_eq!(code(&server.client().run("{ signupAllowlist }", json!({})).await?), Some("UNAUTHENTICATED"));
    server.stop().await
}

#[tokio::test]
async fn bad_sign_up_input_is_a_validation_error_naming_the_field() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let signup = "mutation($i: SignUpInput!) { signUp(input: $i) { token } }";
    let cases = [
        (json!({"email": "not-an-email", "password": PASSWORD, "displayName": "X"}), "email"),
        (json!({"email": OWNER_EMAIL, "password": "short", "displayName": "X"}), "password"),
        (json!({"email": OWNER_EMAIL, "password": PASSWORD, "displayName": "  "}), "displayName"),
    ];
    for (input, field) in cases {
        let body = server.client().run(signup, json!({"i": input})).await?;
        assert_eq!(code(&body), Some("VALIDATION"), "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field);
    }
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&server.db.pool).await?;
    assert_eq!(users, 0);
    server.stop().await
}
