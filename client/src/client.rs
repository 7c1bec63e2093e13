//! `Client`: one local mirror bound to one server, account and workspace, and the builder
//! that opens it. Cheap to clone (shared state); the local API lives in `local.rs`, sync in
//! `sync.rs`, live sync in `watch.rs`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, Transaction};
use secrecy::SecretString;
use tokio::sync::{watch, Notify};

use crate::clock::{Clock, IdGenerator, RandomIds, SystemClock};
use crate::error::ClientError;
use crate::store::{self, Location, StoreOptions};
use crate::transport::Http;

/// A LifeOS offline client. Local reads and writes are synchronous and never touch the
/// network; `sync()`/`watch()` exchange data with the server.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub store: Mutex<Connection>,
    pub transport: Http,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGenerator>,
    pub client_id: String,
    /// Serializes push/pull/live application (the cursor only moves forward in one place).
    pub sync_lock: tokio::sync::Mutex<()>,
    /// Signalled after each local write (the watch loop pushes).
    pub local_writes: Notify,
    /// Bumped whenever the local view may have changed.
    pub changed: watch::Sender<u64>,
    /// The last seq whose push result is durably settled in the store (sent with the next
    /// push as `acknowledgedSeq`, so the server drops those results); none until a push
    /// answers in this process.
    pub acknowledged_seq: Mutex<Option<i64>>,
}

impl Client {
    /// Starts configuring a client for the GraphQL `endpoint` (`http(s)://host/graphql`).
    pub fn builder(endpoint: impl Into<String>, token: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            endpoint: endpoint.into(),
            token: SecretString::from(token.into()),
            workspace: None,
            ws_url: None,
            store: StoreOptions::default(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds),
        }
    }

    /// This client's id (a ULID generated when the mirror was created).
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// A receiver whose value increases whenever the local view may have changed (a local
    /// write, a pulled page or a live change): re-read then.
    pub fn subscribe_changed(&self) -> watch::Receiver<u64> {
        self.inner.changed.subscribe()
    }

    pub(crate) fn bump_changed(&self) {
        self.inner.changed.send_modify(|n| *n += 1);
    }

    /// Runs `work` on the connection (briefly: never across an `.await`).
    pub(crate) fn with_store<T>(&self, work: impl FnOnce(&Connection) -> Result<T, ClientError>) -> Result<T, ClientError> {
        let conn = self.inner.store.lock()?;
        work(&conn)
    }

    /// Runs `work` in one SQLite transaction, committed if it succeeds.
    pub(crate) fn with_tx<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T, ClientError>) -> Result<T, ClientError> {
        let mut conn = self.inner.store.lock()?;
        let tx = conn.transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Options for `Client::builder`.
pub struct ClientBuilder {
    endpoint: String,
    token: SecretString,
    workspace: Option<String>,
    ws_url: Option<String>,
    store: StoreOptions,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
}

impl ClientBuilder {
    /// The workspace to sync (default: the user's personal workspace).
    pub fn workspace(mut self, workspace_id: impl Into<String>) -> Self {
        self.workspace = Some(workspace_id.into());
        self
    }

    /// Keep the mirror in this SQLite file (default: in memory).
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.store.location = Location::Path(path.into());
        self
    }

    /// Keep the mirror in memory (lost when the client is dropped).
    pub fn in_memory(mut self) -> Self {
        self.store.location = Location::Memory;
        self
    }

    /// Encrypt the mirror file with SQLCipher using this key.
    #[cfg(feature = "sqlcipher")]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.store.key = Some(SecretString::from(key.into()));
        self
    }

    /// The graphql-transport-ws URL (default: the endpoint with `ws(s)://` and `/ws` appended).
    pub fn websocket_url(mut self, url: impl Into<String>) -> Self {
        self.ws_url = Some(url.into());
        self
    }

    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn ids(mut self, ids: Arc<dyn IdGenerator>) -> Self {
        self.ids = ids;
        self
    }

    /// Opens (or creates) the mirror. Does not contact the server.
    pub fn open(self) -> Result<Client, ClientError> {
        let ids = Arc::clone(&self.ids);
        let conn = store::open(&self.store, || ids.ulid().to_string())?;
        let client_id = store::meta(&conn)?.client_id;
        let mut transport = Http::new(self.endpoint)?.token(self.token).workspace(self.workspace).client_id(client_id.clone());
        if let Some(url) = self.ws_url {
            transport = transport.websocket_url(url);
        }
        let (changed, _) = watch::channel(0);
        Ok(Client {
            inner: Arc::new(Inner {
                store: Mutex::new(conn),
                transport,
                clock: self.clock,
                ids: self.ids,
                client_id,
                sync_lock: tokio::sync::Mutex::new(()),
                local_writes: Notify::new(),
                changed,
                acknowledged_seq: Mutex::new(None),
            }),
        })
    }
}
