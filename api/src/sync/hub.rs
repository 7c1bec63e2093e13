//! The live change hub: one reader of `sync_log` per server, fanning new changes out to every
//! live subscriber of a workspace through a bounded queue each.
//!
//! The kernel projection NOTIFYs `lifeos_sync` with the workspace id in the transaction that
//! writes its `sync_log` rows, so the hub hears of them exactly when they become visible — in
//! whichever process projects. For a notified workspace with subscribers the hub reads the
//! entries after that workspace's hub cursor (once, for all of them) and offers each to every
//! queue. A full queue means a subscriber that cannot keep up: it is dropped and told to
//! resync, instead of being buffered without bound. Notifications lost while the listener
//! reconnects are covered by re-reading every subscribed workspace after a reconnect and on
//! a slow timer.
//!
//! The same connection LISTENs on `lifeos_auth` (revocation notices) and hands each to the
//! live-socket registry ([`Sockets`]) before dispatching anything after it: PostgreSQL
//! delivers one connection's notifications in commit order, so a change committed after a
//! revocation is never offered to the revoked sockets. The registry's periodic re-check runs
//! here too (and at once after a reconnect, when notices may have been lost).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use lifeos_projections::feed::Position;
use lifeos_projections::kernel::SYNC_CHANNEL;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::mpsc;
use tracing::Instrument;

use super::changes::{self, Change};
use super::sockets::Sockets;
use crate::auth::revocation::AUTH_CHANNEL;
use crate::config::SyncConfig;
use crate::error::ApiError;
use crate::services::Clock;

/// Re-read every subscribed workspace this often even without notifications.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
    stop: Arc<tokio::sync::Notify>,
}

struct Inner {
    pool: PgPool,
    config: SyncConfig,
    feeds: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Feed>>>>,
    sockets: Arc<Sockets>,
    clock: Arc<dyn Clock>,
}

/// One workspace's live subscribers and how far the hub has read its feed.
#[derive(Default)]
struct Feed {
    cursor: Option<Position>,
    subscribers: Vec<Subscriber>,
    /// Removed from the map (no subscribers left): a late subscriber must take a fresh one.
    retired: bool,
}

struct Subscriber {
    queue: mpsc::Sender<Arc<Change>>,
    overflowed: Arc<AtomicBool>,
}

/// A live subscription: changes after `from` arrive on `queue`, in order. When the queue's
/// sender is gone, `overflowed` tells whether the subscriber fell behind (resync) or the
/// server is stopping.
pub struct Live {
    pub from: Position,
    pub queue: mpsc::Receiver<Arc<Change>>,
    pub overflowed: Arc<AtomicBool>,
}

/// What the hub holds at one moment (`/metrics`).
#[derive(Debug, Default, Clone, Copy)]
pub struct HubLoad {
    pub subscribers: usize,
    pub queued: usize,
}

impl Hub {
    /// Starts the hub's listener task; it ends when the last `Hub` handle is dropped.
    pub fn start(pool: PgPool, config: SyncConfig, sockets: Arc<Sockets>, clock: Arc<dyn Clock>) -> Self {
        let inner = Arc::new(Inner { pool, config, feeds: Mutex::new(HashMap::new()), sockets, clock });
        let weak = Arc::downgrade(&inner);
        let stop = Arc::new(tokio::sync::Notify::new());
        let stopped = stop.clone();
        tokio::spawn(
            async move {
                tokio::select! {
                    () = listen(weak) => {}
                    () = stopped.notified() => {}
                }
            }
            .instrument(tracing::info_span!("sync_hub")),
        );
        Self { inner, stop }
    }

    /// Stops the listener task (live subscriptions end when their queues close).
    pub fn stop(&self) {
        self.stop.notify_one();
        let feeds: Vec<_> = self.inner.feeds.lock().map(|mut f| f.drain().map(|(_, v)| v).collect()).unwrap_or_default();
        for feed in feeds {
            if let Ok(mut feed) = feed.try_lock() {
                feed.retired = true;
                feed.subscribers.clear();
            }
        }
    }

    /// The live websockets of this process.
    pub fn sockets(&self) -> &Arc<Sockets> {
        &self.inner.sockets
    }

    /// Live subscribers and the changes queued for them, now (read at scrape time).
    pub async fn load(&self) -> HubLoad {
        let feeds: Vec<_> = self.inner.feeds.lock().map(|f| f.values().cloned().collect()).unwrap_or_default();
        let mut load = HubLoad::default();
        for feed in feeds {
            let feed = feed.lock().await;
            for s in feed.subscribers.iter().filter(|s| !s.queue.is_closed()) {
                load.subscribers += 1;
                load.queued += s.queue.max_capacity().saturating_sub(s.queue.capacity());
            }
        }
        load
    }

    /// Registers a live subscriber of `workspace_id`.
    pub async fn subscribe(&self, workspace_id: &str) -> Result<Live, ApiError> {
        loop {
            let feed = self.inner.feed(workspace_id);
            let mut feed = feed.lock().await;
            if feed.retired {
                continue;
            }
            let from = match feed.cursor {
                Some(cursor) => cursor,
                None => {
                    let head = changes::head(&self.inner.pool, workspace_id).await?;
                    feed.cursor = Some(head);
                    head
                }
            };
            let (sender, queue) = mpsc::channel(self.inner.config.subscriber_queue);
            let overflowed = Arc::new(AtomicBool::new(false));
            feed.subscribers.push(Subscriber { queue: sender, overflowed: overflowed.clone() });
            return Ok(Live { from, queue, overflowed });
        }
    }
}

impl Inner {
    fn feed(&self, workspace_id: &str) -> Arc<tokio::sync::Mutex<Feed>> {
        let mut feeds = self.feeds.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        feeds.entry(workspace_id.to_owned()).or_default().clone()
    }

    fn existing(&self, workspace_id: &str) -> Option<Arc<tokio::sync::Mutex<Feed>>> {
        self.feeds.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(workspace_id).cloned()
    }

    fn workspaces(&self) -> Vec<String> {
        self.feeds.lock().map(|f| f.keys().cloned().collect()).unwrap_or_default()
    }

    /// Reads the workspace's new changes and offers them to its subscribers.
    async fn dispatch(&self, workspace_id: &str) -> Result<(), ApiError> {
        let Some(feed) = self.existing(workspace_id) else { return Ok(()) };
        let mut feed = feed.lock().await;
        feed.subscribers.retain(|s| !s.queue.is_closed());
        if feed.subscribers.is_empty() {
            self.retire(workspace_id, &mut feed);
            return Ok(());
        }
        let Some(mut cursor) = feed.cursor else { return Ok(()) };
        loop {
            let page = changes::read(&self.pool, workspace_id, cursor, self.config.page_max_entries, self.config.page_max_bytes).await?;
            for change in page.changes {
                cursor = change.position;
                let change = Arc::new(change);
                feed.subscribers.retain(|s| offer(s, &change));
            }
            feed.cursor = Some(cursor);
            if !page.has_more {
                return Ok(());
            }
        }
    }

    fn retire(&self, workspace_id: &str, feed: &mut Feed) {
        feed.retired = true;
        self.feeds.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(workspace_id);
    }
}

/// Queues a change for one subscriber; `false` drops the subscriber (gone, or too slow).
fn offer(subscriber: &Subscriber, change: &Arc<Change>) -> bool {
    match subscriber.queue.try_send(change.clone()) {
        Ok(()) => true,
        Err(mpsc::error::TrySendError::Full(_)) => {
            subscriber.overflowed.store(true, Ordering::Release);
            false
        }
        Err(mpsc::error::TrySendError::Closed(_)) => false,
    }
}

async fn listen(hub: Weak<Inner>) {
    let mut backoff = Duration::from_millis(100);
    loop {
        let Some(inner) = hub.upgrade() else { return };
        let listener = match PgListener::connect_with(&inner.pool).await {
            Ok(mut listener) => match listener.listen_all([SYNC_CHANNEL, AUTH_CHANNEL]).await {
                Ok(()) => Some(listener),
                Err(e) => {
                    tracing::warn!(error = %e, "sync hub cannot LISTEN");
                    None
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "sync hub cannot connect");
                None
            }
        };
        drop(inner);
        match listener {
            Some(listener) => {
                backoff = Duration::from_millis(100);
                serve(&hub, listener).await;
            }
            None => {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}

/// Dispatches notified workspaces until the listener fails or the hub is dropped.
async fn serve(hub: &Weak<Inner>, mut listener: PgListener) {
    // Anything committed before LISTEN took effect is caught by a first sweep.
    sweep(hub).await;
    recheck(hub).await;
    let mut timer = tokio::time::interval(SWEEP_EVERY);
    timer.tick().await;
    let Some(every) = hub.upgrade().map(|inner| inner.config.ws_auth_recheck) else { return };
    let mut rechecks = tokio::time::interval(every.max(Duration::from_millis(10)));
    rechecks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    rechecks.tick().await;
    loop {
        tokio::select! {
            notification = listener.try_recv() => match notification {
                Ok(Some(n)) => {
                    let Some(inner) = hub.upgrade() else { return };
                    if n.channel() == AUTH_CHANNEL {
                        inner.sockets.on_notice(n.payload());
                    } else if let Err(e) = inner.dispatch(n.payload()).await {
                        tracing::warn!(error = ?e, "sync hub dispatch failed");
                    }
                }
                // The connection dropped and was re-established: notifications may be lost.
                Ok(None) => {
                    sweep(hub).await;
                    recheck(hub).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "sync hub listener failed");
                    return;
                }
            },
            _ = timer.tick() => {
                if hub.strong_count() == 0 {
                    return;
                }
                sweep(hub).await;
            }
            _ = rechecks.tick() => recheck(hub).await,
        }
    }
}

/// Re-checks every live socket's session and membership against the database.
async fn recheck(hub: &Weak<Inner>) {
    let Some(inner) = hub.upgrade() else { return };
    if inner.sockets.is_empty() {
        return;
    }
    match inner.sockets.sweep(&inner.pool, inner.clock.now()).await {
        Ok(0) => {}
        Ok(closed) => tracing::info!(closed, "closed websockets whose session or membership ended"),
        Err(e) => tracing::warn!(error = %e, "websocket auth re-check failed"),
    }
}

async fn sweep(hub: &Weak<Inner>) {
    let Some(inner) = hub.upgrade() else { return };
    for workspace_id in inner.workspaces() {
        if let Err(e) = inner.dispatch(&workspace_id).await {
            tracing::warn!(error = ?e, "sync hub sweep failed");
        }
    }
}
