//! What the rest of the server holds of a running projection: its published position (to
//! wait for read-your-writes), its lag, and a way to stop the group that runs it. One handle
//! per projection, whatever group it is in; the group's task is shared.

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

use crate::feed::Position;

#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error("the projection did not reach the position within {0:?}")]
    Timeout(Duration),
    #[error("the projector has stopped")]
    Stopped,
}

/// Stopping a group: ask its task to stop, and learn when it has.
pub(super) struct GroupControl {
    pub(super) stop: watch::Sender<bool>,
    pub(super) done: watch::Receiver<bool>,
}

impl GroupControl {
    /// Asks the group to stop after its current batch and waits until it has (or its task is
    /// gone, having never started or having failed).
    pub(super) async fn shutdown(&self) {
        let _ = self.stop.send(true);
        let mut done = self.done.clone();
        while !*done.borrow_and_update() {
            if done.changed().await.is_err() {
                return;
            }
        }
    }
}

#[derive(Clone)]
pub struct ProjectorHandle {
    pub(super) name: String,
    pub(super) position: watch::Receiver<Position>,
    pub(super) group: Arc<GroupControl>,
    pub(super) pool: PgPool,
}

impl ProjectorHandle {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The position the projection's rows are known to be up to.
    pub fn position(&self) -> Position {
        *self.position.borrow()
    }

    /// A cheap, cloneable view of the position for request handlers.
    pub fn watcher(&self) -> PositionWatch {
        PositionWatch(self.position.clone())
    }

    /// Events committed but not yet projected (capped at 100k to keep the count cheap).
    pub async fn lag(&self) -> Result<i64, sqlx::Error> {
        let at = self.position();
        sqlx::query_scalar(
            "SELECT count(*) FROM (SELECT 1 FROM events
              WHERE (transaction_id, global_position) > ($1::text::xid8, $2) LIMIT 100000) behind",
        )
        .bind(at.transaction_id.to_string())
        .bind(at.global_position)
        .fetch_one(&self.pool)
        .await
    }

    /// Stops the projection's whole group after its current batch and waits for it.
    pub async fn shutdown(self) {
        self.group.shutdown().await;
    }
}

/// Waits on a projector's published position.
#[derive(Clone)]
pub struct PositionWatch(watch::Receiver<Position>);

impl PositionWatch {
    pub fn current(&self) -> Position {
        *self.0.borrow()
    }

    /// Resolves once the projection has passed `target`, or fails after `timeout`.
    pub async fn wait_for(&self, target: Position, timeout: Duration) -> Result<(), WaitError> {
        let mut rx = self.0.clone();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if *rx.borrow_and_update() >= target {
                return Ok(());
            }
            tokio::select! {
                changed = rx.changed() => if changed.is_err() { return Err(WaitError::Stopped) },
                () = tokio::time::sleep_until(deadline) => return Err(WaitError::Timeout(timeout)),
            }
        }
    }
}
