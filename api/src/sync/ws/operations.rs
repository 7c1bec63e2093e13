//! Every operation a websocket runs passes what an HTTP request passes. Queries and mutations
//! stay allowed over the socket (graphql-transport-ws permits them and Apollo/urql clients
//! send them), so each `subscribe` message, before it executes on the one schema (depth,
//! complexity and every schema extension apply there):
//!
//! 1. resolves the auth context again from the socket's credential — a revoked session, a
//!    lost membership or a changed role applies to the very next operation (and a dead session
//!    or lost membership also closes the socket);
//! 2. (the document limits — aliases, complexity, response size — are the schema's
//!    `graphql/limits.rs` extension, the same for both transports);
//! 3. waits for the session's own unprojected writes unless the document is only mutations
//!    (read-your-writes), exactly like HTTP, and flags the answers `extensions.stale` if
//!    that wait gave up;
//! 4. gets its own request id for the events it causes and the logs.
//!
//! Guards are the resolvers' own, so they are the same by construction. Must never run an
//! operation for a socket that has been told to close.

use std::any::TypeId;
use std::sync::Arc;

use async_graphql::{Data, ErrorExtensions, Executor, Request, Response};
use futures::stream::{self, BoxStream, StreamExt};

use super::auth::{standing, Socket};
use crate::error::ApiError;
use crate::graphql::limits::only_mutations;
use crate::graphql::LifeosSchema;
use crate::commands::consistency::STALE_EXTENSION;
use crate::state::AppContext;
use crate::sync::sockets::{Identity, Verdict, FORBIDDEN, UNAUTHORIZED};

/// The executor the protocol engine runs each socket's operations with.
#[derive(Clone)]
pub struct Operations {
    schema: LifeosSchema,
    app: Arc<AppContext>,
}

impl Operations {
    pub fn new(schema: LifeosSchema, app: Arc<AppContext>) -> Self {
        Self { schema, app }
    }

    /// The request, ready to execute for this socket, or the response refusing it.
    /// With it, whether the read-your-writes wait gave up (its answers are flagged stale).
    async fn prepare(&self, socket: &Socket, mut request: Request) -> Result<(Request, bool), Response> {
        if socket.verdict.borrow().is_some() {
            return Err(refused(&ApiError::Unauthenticated));
        }
        let auth = socket.credentials.resolve(&self.app).await.map_err(|e| refused(&e))?;
        if let Err(verdict) = standing(&auth).and_then(|identity| same_socket(socket, identity)) {
            let error = if verdict.code == FORBIDDEN { ApiError::forbidden("you are not a member of that workspace") } else { ApiError::Unauthenticated };
            socket.verdict.send_replace(Some(verdict));
            return Err(refused(&error));
        }
        let reads = request.parsed_query().map_or(true, |doc| !only_mutations(doc));
        let stale = reads && !self.app.commands.session_writes.caught_up(&socket.identity.session_id).await;
        let mut meta = socket.meta.clone();
        meta.request_id = self.app.services.ids.new_id();
        Ok((request.data(auth).data(meta), stale))
    }
}

/// The credential cannot change its session, user or workspace; if the lookup disagrees,
/// the socket is not what it was.
fn same_socket(socket: &Socket, identity: Identity) -> Result<(), Verdict> {
    if identity == socket.identity {
        Ok(())
    } else {
        Err(Verdict::new(UNAUTHORIZED, "Unauthorized: the session has changed"))
    }
}

fn refused(e: &ApiError) -> Response {
    Response::from_errors(vec![e.extend().into_server_error(async_graphql::Pos::default())])
}

fn socket_of(data: &Data) -> Option<&Socket> {
    data.get(&TypeId::of::<Socket>()).and_then(|d| d.downcast_ref::<Socket>())
}

impl Executor for Operations {
    /// Not used by the protocol engine (it runs everything as a stream with the connection's
    /// data); without that data there is no socket to authorise.
    async fn execute(&self, _request: Request) -> Response {
        refused(&ApiError::Unauthenticated)
    }

    fn execute_stream(&self, request: Request, session_data: Option<Arc<Data>>) -> BoxStream<'static, Response> {
        let this = self.clone();
        stream::once(async move {
            let prepared = match session_data.as_deref().and_then(socket_of) {
                Some(socket) => this.prepare(socket, request).await,
                None => Err(refused(&ApiError::Unauthenticated)),
            };
            match prepared {
                Ok((request, false)) => Executor::execute_stream(&this.schema, request, session_data),
                Ok((request, true)) => Executor::execute_stream(&this.schema, request, session_data)
                    .map(|mut response| {
                        response.extensions.insert(STALE_EXTENSION.to_owned(), async_graphql::Value::Boolean(true));
                        response
                    })
                    .boxed(),
                Err(response) => stream::once(async move { response }).boxed(),
            }
        })
        .flatten()
        .boxed()
    }
}
