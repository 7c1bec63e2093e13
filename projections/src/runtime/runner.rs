//! The projector loop. Leadership: a session advisory lock on a dedicated connection, which
//! also runs the batches, so losing the connection loses the lock and the batch together.
//! Followers (another process leads) keep their published position fresh from the
//! checkpoint table so read-your-writes waits still resolve.

use std::sync::Arc;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::PgListener;
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use tokio::sync::watch;
use tracing::Instrument;

use super::{checkpoint, lock_key, Projection, ProjectionError, ProjectorHandle};
use crate::feed::{self, Position};

pub const EVENTS_CHANNEL: &str = "lifeos_events";

pub struct Projector<P> {
    pool: PgPool,
    projection: Arc<P>,
    batch_size: i64,
    poll_interval: Duration,
}

enum Stop {
    Requested,
    Lost,
}

impl<P: Projection> Projector<P> {
    pub fn new(pool: PgPool, projection: P) -> Self {
        Self { pool, projection: Arc::new(projection), batch_size: 1000, poll_interval: Duration::from_millis(500) }
    }

    pub fn batch_size(mut self, size: i64) -> Self {
        self.batch_size = size.max(1);
        self
    }

    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Starts the loop on the current runtime.
    pub fn spawn(self) -> ProjectorHandle {
        let name = self.projection.name().to_owned();
        let (position_tx, position) = watch::channel(Position::default());
        let (stop, stop_rx) = watch::channel(false);
        let pool = self.pool.clone();
        let span = tracing::info_span!("projector", projection = %name);
        let task = tokio::spawn(self.run(position_tx, stop_rx).instrument(span));
        ProjectorHandle { name, position, stop, task, pool }
    }

    async fn run(self, position: watch::Sender<Position>, mut stop: watch::Receiver<bool>) {
        let name = self.projection.name().to_owned();
        while !*stop.borrow() {
            match self.lead(&name, &position, &mut stop).await {
                Ok(Stop::Requested) => break,
                Ok(Stop::Lost) => {}
                Err(e) => tracing::error!(error = %e, "projector failed; retrying"),
            }
            // Not leading (or failed): follow the checkpoint, then try again.
            if let Ok(mut conn) = self.pool.acquire().await {
                if let Ok(at) = checkpoint::load(&mut conn, &name, false).await {
                    position.send_if_modified(|p| advance(p, at));
                }
            }
            tokio::select! {
                () = tokio::time::sleep(self.poll_interval) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// Runs as the leader until stopped; `Ok(Stop::Lost)` when another instance leads.
    async fn lead(
        &self,
        name: &str,
        position: &watch::Sender<Position>,
        stop: &mut watch::Receiver<bool>,
    ) -> Result<Stop, ProjectionError> {
        let mut conn: PoolConnection<Postgres> = self.pool.acquire().await?;
        let leader: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(lock_key(name))
            .fetch_one(&mut *conn)
            .await?;
        if !leader {
            return Ok(Stop::Lost);
        }
        // The lock lives and dies with this connection: never hand it back to the pool.
        let mut conn = conn.detach();
        checkpoint::ensure(&mut conn, name).await?;
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(EVENTS_CHANNEL).await?;
        tracing::info!("projector leading");
        let outcome = self.follow_feed(&mut conn, &mut listener, name, position, stop).await;
        let _ = conn.close().await;
        outcome
    }

    async fn follow_feed(
        &self,
        conn: &mut PgConnection,
        listener: &mut PgListener,
        name: &str,
        position: &watch::Sender<Position>,
        stop: &mut watch::Receiver<bool>,
    ) -> Result<Stop, ProjectionError> {
        loop {
            let applied = self.run_batch(conn, name, position).await?;
            if applied == self.batch_size {
                continue; // more is waiting: keep going without sleeping
            }
            // Committed events may wait behind an older transaction still running (often a
            // sibling projector's batch), whose commit sends no event NOTIFY: then look again
            // soon rather than at the next poll.
            let at = *position.borrow();
            let wait = if feed::held_back(conn, at).await? { HELD_BACK_RETRY } else { self.poll_interval };
            tokio::select! {
                notified = listener.recv() => { notified?; }
                () = tokio::time::sleep(wait) => {}
                _ = stop.changed() => return Ok(Stop::Requested),
            }
        }
    }

    /// One batch: read after the checkpoint, apply, move the checkpoint, commit — atomically.
    async fn run_batch(
        &self,
        conn: &mut PgConnection,
        name: &str,
        position: &watch::Sender<Position>,
    ) -> Result<i64, ProjectionError> {
        let mut tx = Connection::begin(conn).await?;
        let from = checkpoint::load(&mut tx, name, true).await?;
        let events = feed::read_after(&mut tx, from, self.batch_size).await?;
        let Some(last) = events.last().map(|e| e.position) else {
            tx.commit().await?;
            position.send_if_modified(|p| advance(p, from));
            return Ok(0);
        };
        let span = tracing::debug_span!("projector_batch", from = ?from, to = ?last, events = events.len());
        async {
            self.projection.apply(&mut tx, &events).await?;
            checkpoint::store(&mut tx, name, last).await?;
            tx.commit().await?;
            Ok::<_, ProjectionError>(())
        }
        .instrument(span)
        .await?;
        position.send_if_modified(|p| advance(p, last));
        Ok(i64::try_from(events.len()).unwrap_or(i64::MAX))
    }
}

/// How soon to look again when committed events are held back by an older open transaction.
const HELD_BACK_RETRY: Duration = Duration::from_millis(5);

/// Moves the published position forward only (never backwards).
fn advance(current: &mut Position, to: Position) -> bool {
    if to > *current {
        *current = to;
        true
    } else {
        false
    }
}
