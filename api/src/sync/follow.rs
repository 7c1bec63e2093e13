//! One subscriber's stream of changes: catch up from its cursor by reading `sync_log`, then
//! follow the hub — with no gap and no duplicate at the boundary.
//!
//! 1. Read pages from the cursor until a page comes back empty (caught up with the store).
//! 2. Register with the hub. The hub's queue carries every change after its cursor `from`;
//!    everything up to `from` is already in the store, so read on until the cursor reaches
//!    `from` — the short window between step 1 and registering.
//! 3. Take changes from the queue, skipping any at or before the cursor (step 2 may have read
//!    some the queue also holds).
//!
//! If the hub dropped the subscriber for falling behind, the stream ends with
//! `RESET_REQUIRED`. Whether the subscriber may still read is not this stream's business:
//! revocations and the periodic re-check close the whole socket (`sockets.rs`), which drops
//! the stream — whatever its traffic. It yields [`Change`]s: the GraphQL layer makes the wire
//! entries, and this module must never depend on it.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use futures::Stream;
use lifeos_projections::feed::Position;
use sqlx::PgPool;

use super::changes::{self, Change};
use super::hub::Live;
use crate::error::ApiError;
use crate::state::AppContext;

struct Follow {
    app: Arc<AppContext>,
    workspace_id: String,
    after: Position,
    buffer: VecDeque<Arc<Change>>,
    live: Option<Live>,
    done: bool,
}

pub fn follow(
    app: Arc<AppContext>,
    workspace_id: String,
    after: Position,
) -> impl Stream<Item = Result<Arc<Change>, ApiError>> {
    let state = Follow { app, workspace_id, after, buffer: VecDeque::new(), live: None, done: false };
    futures::stream::unfold(state, |mut s| async move {
        loop {
            if s.done {
                return None;
            }
            if let Some(change) = s.buffer.pop_front() {
                if change.position <= s.after {
                    continue; // already sent (read from the store and then queued by the hub)
                }
                s.after = change.position;
                return Some((Ok(change), s));
            }
            match s.refill().await {
                Ok(true) => {}
                Ok(false) => s.done = true,
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
            }
        }
    })
}

impl Follow {
    /// Fills the buffer from the store or the hub; `false` when the stream should end.
    async fn refill(&mut self) -> Result<bool, ApiError> {
        let Some(from) = self.live.as_ref().map(|l| l.from) else {
            if !self.read_store().await? {
                self.live = Some(self.app.hub.subscribe(&self.workspace_id).await?);
            }
            return Ok(true);
        };
        if self.after < from {
            if !self.read_store().await? {
                self.after = from; // nothing between: the queue continues from here
            }
            return Ok(true);
        }
        let Some(live) = self.live.as_mut() else { return Ok(false) };
        match live.queue.recv().await {
            Some(change) => {
                self.buffer.push_back(change);
                Ok(true)
            }
            None if live.overflowed.load(Ordering::Acquire) => {
                Err(ApiError::ResetRequired("this subscriber fell too far behind; pull from your last cursor and subscribe again".into()))
            }
            None => Ok(false), // the server is stopping
        }
    }

    /// Buffers the next page from the store; `false` if there was nothing new.
    async fn read_store(&mut self) -> Result<bool, ApiError> {
        let sync = self.app.config.sync;
        let page = changes::read(&self.app.pool, &self.workspace_id, self.after, sync.page_max_entries, sync.page_max_bytes).await?;
        let any = !page.changes.is_empty();
        self.buffer.extend(page.changes.into_iter().map(Arc::new));
        Ok(any)
    }
}

/// `FORBIDDEN` unless the user is (still) a member of the workspace.
pub async fn check_member(pool: &PgPool, workspace_id: &str, user_id: &str) -> Result<(), ApiError> {
    let member: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2)")
        .bind(workspace_id)
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    if member {
        Ok(())
    } else {
        Err(ApiError::forbidden("you are not a member of that workspace"))
    }
}
