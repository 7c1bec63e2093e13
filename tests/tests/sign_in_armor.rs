//! Sign-in armour, black-box: a stranger's wrong passwords throttle the stranger, not the
//! account's owner (per email and client IP, the client IP taken from `X-Forwarded-For` only
//! behind a configured trusted proxy); passwords are one password in either Unicode normal
//! form, hashes from before normalisation keep working, and degenerate passwords are refused.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, SaltString};
use lifeos_api::auth::client_ip::TrustedProxies;
use lifeos_tests::{owner_input, sign_up, GqlClient, TestServer, OWNER_EMAIL, PASSWORD};
use serde_json::{json, Value};

const SIGN_IN: &str = "mutation($i: SignInInput!) { signIn(input: $i) { token } }";
const ATTACKER_IP: &str = "198.51.100.7";
const OWNER_IP: &str = "203.0.113.5";

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

/// `signIn` as a client behind the proxy at 127.0.0.1 that says the client is `forwarded_for`.
async fn sign_in_from(server: &TestServer, forwarded_for: &str, email: &str, password: &str) -> anyhow::Result<Value> {
    let body = json!({"query": SIGN_IN, "variables": {"i": {"email": email, "password": password}}});
    let request = reqwest::Client::new().post(server.url("/graphql")).header("x-forwarded-for", forwarded_for).json(&body);
    Ok(request.send().await?.json().await?)
}

/// A server allowing `attempts` sign-ins a minute per (email, IP), behind `proxies`.
async fn start(attempts: u32, proxies: &str) -> anyhow::Result<TestServer> {
    let proxies: TrustedProxies = proxies.parse().map_err(anyhow::Error::msg)?;
    TestServer::start_with(move |c| {
        c.auth_attempts_per_minute = attempts;
        c.trusted_proxies = proxies;
    })
    .await
}

#[tokio::test]
async fn a_strangers_wrong_passwords_do_not_lock_the_owner_out_from_another_address() -> anyhow::Result<()> {
    let server = start(3, "127.0.0.1").await?;
    server.owner().await?;
    let mut attacker = Vec::new();
    for _ in 0..6 {
        let body = sign_in_from(&server, ATTACKER_IP, OWNER_EMAIL, "wrong guess!").await?;
        attacker.push(code(&body).unwrap_or("none").to_owned());
    }
    assert_eq!(attacker[..3], ["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], "{attacker:?}");
    assert!(attacker[3..].iter().all(|c| c == "RATE_LIMITED"), "the attacker is throttled: {attacker:?}");
    let lucky = sign_in_from(&server, ATTACKER_IP, OWNER_EMAIL, PASSWORD).await?;
    assert_eq!(code(&lucky), Some("RATE_LIMITED"), "a throttled guess is refused even when right: {lucky}");

    let owner = sign_in_from(&server, OWNER_IP, OWNER_EMAIL, PASSWORD).await?;
    assert!(owner["data"]["signIn"]["token"].is_string(), "the owner signs in from their own address: {owner}");
    server.stop().await
}

#[tokio::test]
async fn forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() -> anyhow::Result<()> {
    // The peer (127.0.0.1) is not a trusted proxy: every request is 127.0.0.1's, whatever the
    // header claims, so rotating it buys an attacker nothing.
    let server = start(3, "10.0.0.0/8").await?;
    server.owner().await?;
    let mut codes = Vec::new();
    for i in 0..5 {
        let body = sign_in_from(&server, &format!("198.51.100.{i}"), OWNER_EMAIL, "wrong guess!").await?;
        codes.push(code(&body).unwrap_or("none").to_owned());
    }
    // The owner's sign-up from 127.0.0.1 spent one attempt of the same budget.
    assert_eq!(codes[..2], ["FORBIDDEN", "FORBIDDEN"], "{codes:?}");
    assert!(codes[2..].iter().all(|c| c == "RATE_LIMITED"), "{codes:?}");
    let claimed = sign_in_from(&server, OWNER_IP, OWNER_EMAIL, PASSWORD).await?;
    assert_eq!(code(&claimed), Some("RATE_LIMITED"), "a claimed address is not a new budget: {claimed}");
    server.stop().await
}

#[tokio::test]
async fn a_password_signs_in_in_either_unicode_normal_form() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let composed = "caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e";
    let decomposed = "cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e";
    let mut input = owner_input(OWNER_EMAIL, &server.setup_code().await?);
    input["password"] = json!(composed);
    sign_up(server.client(), input).await?;
    for typed in [decomposed, composed] {
        let body = server.client().run(SIGN_IN, json!({"i": {"email": OWNER_EMAIL, "password": typed}})).await?;
        assert!(body["data"]["signIn"]["token"].is_string(), "{typed:?}: {body}");
    }
    server.stop().await
}

#[tokio::test]
async fn a_hash_of_raw_decomposed_bytes_still_signs_in_and_is_upgraded() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let decomposed = "cafe\u{301} au lait";
    // What sign-up stored before passwords were normalised: argon2id of the bytes as typed.
    let legacy = argon2::Argon2::default()
        .hash_password(decomposed.as_bytes(), &SaltString::generate(&mut OsRng))
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string();
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(&owner.user_id)
        .bind(&legacy)
        .execute(&server.db.pool)
        .await?;
    let sign_in = |password: &str| json!({"i": {"email": OWNER_EMAIL, "password": password}});
    let body = server.client().run(SIGN_IN, sign_in(decomposed)).await?;
    assert!(body["data"]["signIn"]["token"].is_string(), "the old hash still works: {body}");
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(&owner.user_id).fetch_one(&server.db.pool).await?;
    assert_ne!(stored, legacy, "re-hashed on success");
    let body = server.client().run(SIGN_IN, sign_in("caf\u{e9} au lait")).await?;
    assert!(body["data"]["signIn"]["token"].is_string(), "now the composed form works too: {body}");
    server.stop().await
}

#[tokio::test]
async fn passwords_of_only_whitespace_or_with_nul_are_refused_and_nothing_is_written() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let setup = server.setup_code().await?;
    for bad in ["          ", "\u{3000}\u{3000}\t\t\u{a0}\u{a0}  ", "correct horse\0battery"] {
        let mut input = owner_input(OWNER_EMAIL, &setup);
        input["password"] = json!(bad);
        let body = server.client().run("mutation($i: SignUpInput!) { signUp(input: $i) { token } }", json!({"i": input})).await?;
        assert_eq!(code(&body), Some("VALIDATION"), "{bad:?}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "password");
    }
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&server.db.pool).await?;
    assert_eq!(users, 0);
    // The refusals did not use up the setup code.
    sign_up(server.client(), owner_input(OWNER_EMAIL, &setup)).await?;
    server.stop().await
}
