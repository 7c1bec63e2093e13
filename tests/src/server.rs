//! The whole lifeosd server, in-process on 127.0.0.1:0, against a fresh database.

use std::net::SocketAddr;

use lifeosd::{Config, RunningServer};
use tokio::net::TcpListener;

use crate::db::TestDb;
use crate::graphql::GqlClient;

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
        let mut config = Config::default();
        adjust(&mut config);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let server = RunningServer::start(&config, db.pool.clone(), listener)?;
        Ok(Self { addr: server.addr, db, config, server: Some(server) })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A fresh GraphQL client (own cookie jar) pointed at this server.
    pub fn client(&self) -> GqlClient {
        GqlClient::new(self.url("/graphql"))
    }

    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(server) = self.server.take() {
            server.shutdown().await?;
        }
        Ok(())
    }
}
