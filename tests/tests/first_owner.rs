//! The first owner, black-box: sign-up needs the one-time setup code (also with
//! `LIFEOS_OWNER_EMAIL`, which then only fixes the address), the code alone makes a fresh
//! install usable, it works once and expires, invitations wait for an owner, and the real
//! binary prints it as one `lifeosd setup code:` line on stdout and never in its log.

use std::io::Read;
use std::process::Stdio;

use lifeos_tests::process::ServeChild;
use lifeos_tests::{lifeosd, owner_input, sign_up, GqlClient, TestDb, TestServer, OWNER_EMAIL, PASSWORD};
use serde_json::{json, Value};

const SIGN_UP: &str = "mutation($i: SignUpInput!) { signUp(input: $i) { token } }";
const ALLOW: &str = "mutation($e: String!) { allowSignup(email: $e) }";

fn code(body: &Value) -> Option<&str> {
    GqlClient::error_code(body)
}

fn message(body: &Value) -> &str {
    body["errors"][0]["message"].as_str().unwrap_or_default()
}

async fn count(server: &TestServer, table: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&server.db.pool).await?)
}

fn input(email: &str, setup_code: Option<&str>) -> Value {
    json!({"email": email, "password": PASSWORD, "displayName": "X", "setupCode": setup_code})
}

#[tokio::test]
async fn the_owner_email_alone_no_longer_signs_up_the_owner_the_setup_code_does() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let setup = server.setup_code().await?;
    let client = server.client();

    let without = client.run(SIGN_UP, json!({"i": input(OWNER_EMAIL, None)})).await?;
    assert_eq!(code(&without), Some("FORBIDDEN"), "{without}");
    assert!(message(&without).contains("setup code"), "says why: {without}");
    let wrong = client.run(SIGN_UP, json!({"i": input(OWNER_EMAIL, Some("AAAA-BBBB-CCCC"))})).await?;
    assert_eq!(code(&wrong), Some("FORBIDDEN"), "{wrong}");
    let elsewhere = client.run(SIGN_UP, json!({"i": input("mallory@x.test", Some(&setup))})).await?;
    assert_eq!(code(&elsewhere), Some("FORBIDDEN"), "the code is only for the configured email: {elsewhere}");
    assert_eq!(count(&server, "users").await?, 0, "refusals write nothing");

    // Refusals did not use the code up; read case- and dash-insensitively.
    let forgiving = setup.to_lowercase().replace('-', " ");
    let owner = sign_up(server.client(), owner_input(OWNER_EMAIL, &forgiving)).await?;
    let allowed = owner.client.run(ALLOW, json!({"e": "friend@x.test"})).await?;
    assert_eq!(allowed["data"]["allowSignup"], "friend@x.test", "the owner manages the allowlist: {allowed}");

    let again = client.run(SIGN_UP, json!({"i": input("friend@x.test", Some(&setup))})).await?;
    assert_eq!(code(&again), Some("FORBIDDEN"), "single use: {again}");
    assert!(server.setup_code().await.is_err(), "no new code once there is an owner");
    server.stop().await
}

#[tokio::test]
async fn without_an_owner_email_the_setup_code_alone_makes_the_first_owner() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.owner_email = None).await?;
    let refused = server.client().run(SIGN_UP, json!({"i": input("newcomer@x.test", None)})).await?;
    assert_eq!(code(&refused), Some("FORBIDDEN"));
    assert!(message(&refused).contains("setup code"), "says why: {refused}");

    let newcomer = sign_up(server.client(), owner_input("newcomer@x.test", &server.setup_code().await?)).await?;
    let allowed = newcomer.client.run(ALLOW, json!({"e": "friend@x.test"})).await?;
    assert!(allowed["errors"].is_null(), "the first owner manages the allowlist: {allowed}");
    let friend = server.sign_up("friend@x.test", "Friend").await?;
    let denied = friend.client.run(ALLOW, json!({"e": "eve@x.test"})).await?;
    assert_eq!(code(&denied), Some("FORBIDDEN"), "an invited user is not the owner");
    server.stop().await
}

#[tokio::test]
async fn two_sign_ups_racing_with_one_setup_code_make_exactly_one_owner() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.owner_email = None).await?;
    let setup = server.setup_code().await?;
    let (a, b) = (server.client(), server.client());
    let (first, second) = tokio::join!(
        a.run(SIGN_UP, json!({"i": input("a@x.test", Some(&setup))})),
        b.run(SIGN_UP, json!({"i": input("b@x.test", Some(&setup))})),
    );
    let won = [first?, second?].iter().filter(|body| body["data"]["signUp"]["token"].is_string()).count();
    assert_eq!(won, 1, "exactly one sign-up gets the code");
    assert_eq!(count(&server, "users").await?, 1);
    assert_eq!(count(&server, "instance_owner").await?, 1);
    server.stop().await
}

#[tokio::test]
async fn allowlisted_emails_wait_for_an_owner_and_expired_codes_are_refused() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.owner_email = None).await?;
    lifeos_api::auth::users::allow(&server.db.pool, "early@x.test", None, chrono::Utc::now()).await?;
    let early = server.client().run(SIGN_UP, json!({"i": input("early@x.test", None)})).await?;
    assert_eq!(code(&early), Some("FORBIDDEN"), "no invitation before there is an owner: {early}");

    let setup = server.setup_code().await?;
    sqlx::query("UPDATE owner_setup_code SET expires_at = now() - interval '1 second'").execute(&server.db.pool).await?;
    let expired = server.client().run(SIGN_UP, json!({"i": input("owner@x.test", Some(&setup))})).await?;
    assert_eq!(code(&expired), Some("FORBIDDEN"), "{expired}");
    assert!(message(&expired).contains("expired"), "{expired}");
    assert_eq!(count(&server, "users").await?, 0);

    sign_up(server.client(), owner_input("owner@x.test", &server.setup_code().await?)).await?;
    server.sign_up("early@x.test", "Early").await?;
    server.stop().await
}

#[tokio::test]
async fn an_owner_account_from_before_recorded_owners_is_adopted_from_the_owner_email() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    // As an instance migrated from before `instance_owner` existed.
    sqlx::query("DELETE FROM instance_owner").execute(&server.db.pool).await?;
    let before = owner.client.run(ALLOW, json!({"e": "friend@x.test"})).await?;
    assert_eq!(code(&before), Some("FORBIDDEN"), "ownership is the recorded owner, not the email");
    // What boot and `lifeosd owner setup-code` do first: adopt, and then need no code.
    assert!(server.setup_code().await.is_err());
    let after = owner.client.run(ALLOW, json!({"e": "friend@x.test"})).await?;
    assert!(after["errors"].is_null(), "{after}");
    server.stop().await
}

/// `lifeosd owner setup-code` against `db`: (success, stdout, stderr).
fn owner_setup_code(db: &TestDb) -> anyhow::Result<(bool, String, String)> {
    let out = lifeosd!().args(["owner", "setup-code"]).env("LIFEOS_DATABASE_URL", db.url()).output()?;
    Ok((out.status.success(), String::from_utf8(out.stdout)?, String::from_utf8(out.stderr)?))
}

/// The code of a `lifeosd setup code: XXXX-XXXX-XXXX` line, checking its shape.
fn parse_code(stdout: &str) -> anyhow::Result<String> {
    let line = stdout.lines().find_map(|l| l.strip_prefix("lifeosd setup code: "));
    let code = line.ok_or_else(|| anyhow::anyhow!("no setup code line in {stdout:?}"))?.to_owned();
    let shape = code.len() == 14
        && code.split('-').all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    anyhow::ensure!(shape, "not XXXX-XXXX-XXXX: {code:?}");
    Ok(code)
}

fn serve(db: &TestDb) -> anyhow::Result<ServeChild> {
    let mut cmd = lifeosd!();
    cmd.env("LIFEOS_DATABASE_URL", db.url())
        .env("LIFEOS_COOKIE_SECURE", "false")
        .env("LIFEOS_LOG_FORMAT", "json")
        .stderr(Stdio::piped());
    ServeChild::spawn(cmd)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_prints_a_setup_code_that_signs_up_the_owner_once() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut child = serve(&db)?;
    let mut stderr = child.child.stderr.take().ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let printed = child.setup_code.clone().ok_or_else(|| anyhow::anyhow!("no setup code printed at first start"))?;
    parse_code(&format!("lifeosd setup code: {printed}\n"))?;
    let endpoint = format!("http://{}/graphql", child.addr);
    let client = GqlClient::new(endpoint.clone());
    let stored: Vec<u8> = sqlx::query_scalar("SELECT code_hash FROM owner_setup_code").fetch_one(&db.pool).await?;
    assert!(!String::from_utf8_lossy(&stored).contains(&printed), "only a hash is stored");

    // A new code replaces the printed one.
    let (ok, stdout, _) = owner_setup_code(&db)?;
    assert!(ok, "{stdout}");
    let fresh = parse_code(&stdout)?;
    assert_ne!(fresh, printed);
    let old = client.run(SIGN_UP, json!({"i": input("owner@x.test", Some(&printed))})).await?;
    assert_eq!(code(&old), Some("FORBIDDEN"), "the replaced code is dead: {old}");
    // An expired code is refused.
    sqlx::query("UPDATE owner_setup_code SET expires_at = now() - interval '1 second'").execute(&db.pool).await?;
    let expired = client.run(SIGN_UP, json!({"i": input("owner@x.test", Some(&fresh))})).await?;
    assert_eq!(code(&expired), Some("FORBIDDEN"), "{expired}");

    let (_, stdout, _) = owner_setup_code(&db)?;
    let last = parse_code(&stdout)?;
    sign_up(GqlClient::new(endpoint), owner_input("owner@x.test", &last)).await?;
    let reused = client.run(SIGN_UP, json!({"i": input("second@x.test", Some(&last))})).await?;
    assert_eq!(code(&reused), Some("FORBIDDEN"), "single use: {reused}");
    let (ok, stdout, stderr) = owner_setup_code(&db)?;
    assert!(!ok && stdout.is_empty() && stderr.contains("already has an owner"), "{stdout} {stderr}");

    assert!(child.terminate()?.success());
    let log = log.join().map_err(|_| anyhow::anyhow!("log reader panicked"))??;
    assert!(log.contains("no instance owner yet"), "the log says a code was printed: {log}");
    for secret in [&printed, &fresh, &last] {
        assert!(!log.contains(secret.as_str()), "a setup code reached the log");
    }
    let again = serve(&db)?;
    assert_eq!(again.setup_code, None, "no code once there is an owner");
    assert!(again.terminate()?.success());
    Ok(())
}
