//! The projector loop. Leadership: a session advisory lock on a dedicated connection, which
//! also runs the batches, so losing the connection loses the lock and the batch together.
//! Followers (another process leads) keep their published position fresh from the
//! checkpoint table so read-your-writes waits still resolve. Each batch is corrected
//! ([`lifeos_events::correct`]) and applied so that a bad event parks only its own stream
//! ([`super::isolate`]); the checkpoint always moves on.

use std::sync::Arc;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::PgListener;
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use tokio::sync::watch;
use tracing::Instrument;

use lifeos_events::correct::Corrections;

use super::isolate::{self, Mode};
use super::parking::{is_poison, Parked};
use super::{checkpoint, lock_key, Projection, ProjectionError, ProjectorHandle};
use crate::feed::{self, Position};

pub const EVENTS_CHANNEL: &str = "lifeos_events";

pub struct Projector<P> {
    pool: PgPool,
    projection: Arc<P>,
    batch_size: i64,
    poll_interval: Duration,
    corrections: Corrections,
}

/// What the leader knows between batches: the parked streams, and the checkpoint it last
/// wrote (if the row holds anything else, someone else — a rebuild's switch — moved it).
struct Led {
    parked: Parked,
    checkpoint: checkpoint::Checkpoint,
}

enum Stop {
    Requested,
    Lost,
}

impl<P: Projection> Projector<P> {
    pub fn new(pool: PgPool, projection: P) -> Self {
        Self {
            pool,
            projection: Arc::new(projection),
            batch_size: 1000,
            poll_interval: Duration::from_millis(500),
            corrections: Corrections::builtin(),
        }
    }

    /// The corrections applied to stored payloads before the projection sees them.
    pub fn corrections(mut self, corrections: Corrections) -> Self {
        self.corrections = corrections;
        self
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
                    position.send_if_modified(|p| advance(p, at.position));
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
        checkpoint::ensure(&mut conn, name, self.projection.aggregate_types()).await?;
        self.projection.catch_up(&mut conn).await?;
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
        let mut led = Led { parked: Parked::load(conn, name).await?, checkpoint: checkpoint::load(conn, name, false).await? };
        if !led.parked.is_empty() {
            tracing::warn!(parked = led.parked.len(), "projection has parked streams (see `lifeosd projections status`)");
        }
        loop {
            let applied = self.run_batch(conn, name, position, &mut led).await?;
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
    /// Bad data in the batch does not fail it: the batch is rolled back and applied again
    /// stream by stream, parking the streams that cannot be applied.
    async fn run_batch(
        &self,
        conn: &mut PgConnection,
        name: &str,
        position: &watch::Sender<Position>,
        led: &mut Led,
    ) -> Result<i64, ProjectionError> {
        let mut mode = Mode::Fast;
        loop {
            let mut tx = Connection::begin(&mut *conn).await?;
            let row = checkpoint::load(&mut tx, name, true).await?;
            if row != led.checkpoint {
                led.parked = Parked::load(&mut tx, name).await?;
            }
            let from = row.position;
            let mut events = feed::read_after(&mut tx, from, self.batch_size).await?;
            let Some(last) = events.last().map(|e| e.position) else {
                tx.commit().await?;
                led.checkpoint = row;
                position.send_if_modified(|p| advance(p, from));
                return Ok(0);
            };
            isolate::correct(&mut events, &self.corrections);
            let span = tracing::debug_span!("projector_batch", from = ?from, to = ?last, events = events.len(), mode = ?mode);
            let applied = isolate::apply_batch(&mut tx, &*self.projection, &events, &mut led.parked, &self.corrections, mode)
                .instrument(span)
                .await;
            match applied {
                Ok(()) => {}
                Err(e) if mode == Mode::Fast && is_poison(&e) => {
                    tracing::warn!(error = %e, "batch hit an event it cannot apply; applying it stream by stream");
                    tx.rollback().await?;
                    // The failed attempt may have changed the in-memory set (a repair in it).
                    led.parked = Parked::load(conn, name).await?;
                    mode = Mode::Isolating;
                    continue;
                }
                Err(e) => return Err(e),
            }
            let stored = checkpoint::store(&mut tx, name, last).await?;
            tx.commit().await?;
            led.checkpoint = stored;
            position.send_if_modified(|p| advance(p, last));
            return Ok(i64::try_from(events.len()).unwrap_or(i64::MAX));
        }
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
