//! Booting the HTTP server on an already-bound listener (port 0 in tests) and stopping it
//! gracefully: in-flight requests finish, new connections are refused.

use std::net::SocketAddr;

use lifeos_api::{AppState, HttpLimits};
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::Config;

/// A server running on the current tokio runtime.
pub struct RunningServer {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Serves on `listener` until [`RunningServer::shutdown`].
    pub fn start(config: &Config, pool: PgPool, listener: TcpListener) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let limits = HttpLimits { max_body_bytes: config.max_body_bytes };
        let app = lifeos_api::router(AppState::new(pool), limits);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Self { addr, stop, task })
    }

    /// Stops accepting, lets in-flight requests finish, and waits for the server task.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await??;
        Ok(())
    }
}
