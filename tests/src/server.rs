//! The whole lifeosd server, in-process on 127.0.0.1:0, against a fresh database.

use std::net::SocketAddr;

use lifeos_api::Services;
use lifeos_events::correct::Corrections;
use lifeosd::{Config, RunningServer};
use tokio::net::TcpListener;

use serde_json::{json, Value};

use crate::db::TestDb;
use crate::graphql::GqlClient;

/// The instance owner every test server is configured with.
pub const OWNER_EMAIL: &str = "owner@lifeos.test";
/// A password that passes validation.
pub const PASSWORD: &str = "correct horse battery";

pub struct TestServer {
    pub addr: SocketAddr,
    pub db: TestDb,
    pub config: Config,
    server: Option<RunningServer>,
}

impl TestServer {
    /// A server with default settings on a fresh migrated database.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with(|_| {}).await
    }

    /// Same, letting the test adjust the config first.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> anyhow::Result<Self> {
        let db = TestDb::migrated().await?;
        let mut config = Config {
            // Plain-http localhost: a `Secure` cookie would never be sent back.
            cookie_secure: false,
            owner_email: Some(OWNER_EMAIL.to_owned()),
            ..Config::default()
        };
        adjust(&mut config);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let server = RunningServer::start(&config, db.pool.clone(), listener)?;
        Ok(Self { addr: server.addr, db, config, server: Some(server) })
    }

    /// Stops this server and starts another on the same database and config whose projectors
    /// apply `corrections` (a release before a fix has none; the current one, the builtin).
    pub async fn restart_with(&mut self, corrections: &Corrections) -> anyhow::Result<()> {
        if let Some(server) = self.server.take() {
            server.shutdown().await?;
        }
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let server = RunningServer::start_full(&self.config, self.db.pool.clone(), listener, Services::default(), corrections)?;
        self.addr = server.addr;
        self.server = Some(server);
        Ok(())
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A fresh GraphQL client (own cookie jar) pointed at this server.
    pub fn client(&self) -> GqlClient {
        GqlClient::new(self.url("/graphql"))
    }

    /// Another client authenticated as `account` (same bearer token, own connection pool).
    pub fn client_as(&self, account: &Account) -> GqlClient {
        let mut client = self.client();
        client.bearer = Some(account.token.clone());
        client.workspace.clone_from(&account.client.workspace);
        client
    }

    /// A fresh one-time setup code for the first owner sign-up, issued by the same function
    /// `lifeosd owner setup-code` uses, against this server's database.
    pub async fn setup_code(&self) -> anyhow::Result<String> {
        let owner_email = self.config.api().owner_email;
        lifeosd::owner_cmd::new_setup_code(&self.db.pool, owner_email.as_deref())
            .await?
            .ok_or_else(|| anyhow::anyhow!("this instance already has an owner"))
    }

    /// A server whose read-your-writes wait is long enough for a loaded machine (30 s: a read
    /// never sees its own write missing), with its owner signed up.
    pub async fn with_owner() -> anyhow::Result<(Self, Account)> {
        let server = Self::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
        let owner = server.owner().await?;
        Ok((server, owner))
    }

    /// Signs up the instance owner (with a setup code); returns a client holding their token.
    pub async fn owner(&self) -> anyhow::Result<Account> {
        let code = self.setup_code().await?;
        sign_up(self.client(), owner_input(OWNER_EMAIL, &code)).await
    }

    /// Allows `email` (as the owner) and signs it up; returns its bearer client.
    pub async fn invite(&self, owner: &Account, email: &str, name: &str) -> anyhow::Result<Account> {
        let allowed = owner.client.run("mutation($e: String!) { allowSignup(email: $e) }", json!({"e": email})).await?;
        anyhow::ensure!(allowed["errors"].is_null(), "allowSignup failed: {allowed}");
        self.sign_up(email, name).await
    }

    /// Signs up `email` (which must be allowed) and returns its bearer client.
    pub async fn sign_up(&self, email: &str, name: &str) -> anyhow::Result<Account> {
        sign_up(self.client(), json!({"email": email, "password": PASSWORD, "displayName": name})).await
    }

    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(server) = self.server.take() {
            server.shutdown().await?;
        }
        Ok(())
    }
}

/// A signed-up user and a client that authenticates as them with a bearer token.
pub struct Account {
    pub client: GqlClient,
    pub token: String,
    pub user_id: String,
    pub personal_workspace: String,
}

/// The `SignUpInput` of the first owner: `email`, the test password and the setup code.
pub fn owner_input(email: &str, setup_code: &str) -> Value {
    json!({"email": email, "password": PASSWORD, "displayName": "Owner", "setupCode": setup_code})
}

/// Runs `signUp(input)` with `client` (any server, in-process or a child) and returns the
/// account, its client now holding the bearer token; an error with the body if refused.
pub async fn sign_up(mut client: GqlClient, input: Value) -> anyhow::Result<Account> {
    let body = client
        .run(
            "mutation($i: SignUpInput!) { signUp(input: $i) { token user { id workspaces { id } } } }",
            json!({ "i": input }),
        )
        .await?;
    let payload = &body["data"]["signUp"];
    let token = payload["token"].as_str().ok_or_else(|| anyhow::anyhow!("signUp failed: {body}"))?.to_owned();
    client.bearer = Some(token.clone());
    Ok(Account {
        client,
        token,
        user_id: payload["user"]["id"].as_str().unwrap_or_default().to_owned(),
        personal_workspace: payload["user"]["workspaces"][0]["id"].as_str().unwrap_or_default().to_owned(),
    })
}
