//! `serverInfo`: what this server is. Lets clients check compatibility before syncing.

use async_graphql::{Object, SimpleObject};

/// What this server is.
#[derive(SimpleObject)]
pub struct ServerInfo {
    /// The lifeosd release serving this request.
    pub version: String,
}

#[derive(Default)]
pub struct ServerInfoQuery;

#[Object]
impl ServerInfoQuery {
    /// What this server is (needs no sign-in): lets clients check compatibility before syncing.
    async fn server_info(&self) -> ServerInfo {
        ServerInfo { version: env!("CARGO_PKG_VERSION").to_owned() }
    }
}
