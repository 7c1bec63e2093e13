//! `serverInfo`: what this server is. Lets clients check compatibility before syncing.

use async_graphql::{Object, SimpleObject};

#[derive(SimpleObject)]
pub struct ServerInfo {
    /// The lifeosd release serving this request.
    pub version: String,
}

#[derive(Default)]
pub struct ServerInfoQuery;

#[Object]
impl ServerInfoQuery {
    async fn server_info(&self) -> ServerInfo {
        ServerInfo { version: env!("CARGO_PKG_VERSION").to_owned() }
    }
}
