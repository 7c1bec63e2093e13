//! The group loop. Leadership: a session advisory lock per group (keyed by the group's name)
//! on a dedicated connection, which also runs the batches, so losing the connection loses the
//! lock and the batch together. Followers (another process leads) keep each member's
//! published position fresh from the checkpoint table so read-your-writes waits still
//! resolve. Each batch is read once from the lowest member checkpoint, corrected once
//! ([`lifeos_events::correct`]), and applied to every member in one transaction that also
//! moves all their checkpoints; a bad event parks only its own stream in the member that
//! cannot apply it ([`super::isolate`]). Never applies an event to a member twice, nor one
//! at or before the member's own checkpoint.

use std::borrow::Cow;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::PgListener;
use sqlx::{Connection, PgConnection, Postgres};
use tokio::sync::watch;
use tracing::Instrument;

use super::checkpoint::{self, Checkpoint};
use super::group::{ProjectionGroup, Slot};
use super::isolate::{self, Mode};
use super::parking::{is_poison, Parked};
use super::{lock_key, Projection, ProjectionError};
use crate::feed::{self, Position, StoredEvent};

pub const EVENTS_CHANNEL: &str = "lifeos_events";

/// How soon to look again when committed events are held back by an older open transaction.
const HELD_BACK_RETRY: Duration = Duration::from_millis(5);
/// How soon to look again when a member sat a batch out (its checkpoint row was locked by a
/// rebuild's switch): it joins as soon as the switch commits.
const SKIPPED_RETRY: Duration = Duration::from_millis(20);

/// What the leader knows of a member between batches: its parked streams, and the checkpoint
/// it last wrote (if the row holds anything else, someone else — a rebuild's switch — moved it).
struct Led {
    parked: Parked,
    checkpoint: Checkpoint,
}

enum Stop {
    Requested,
    Lost,
}

/// What one batch did.
struct Batch {
    events: usize,
    /// Whether a member sat it out.
    skipped: bool,
}

impl ProjectionGroup {
    pub(super) async fn run(self) {
        let mut stop = self.stop.clone();
        let names = self.member_names();
        while !*stop.borrow() {
            match self.lead(&names, &mut stop).await {
                Ok(Stop::Requested) => break,
                Ok(Stop::Lost) => {}
                Err(e) => tracing::error!(error = %e, "projection group failed; retrying"),
            }
            // Not leading (or failed): follow the checkpoints, then try again.
            if let Ok(mut conn) = self.pool.acquire().await {
                if let Ok(rows) = checkpoint::load_members(&mut conn, &names).await {
                    for (name, at) in rows {
                        self.publish(&name, at.position);
                    }
                }
            }
            tokio::select! {
                () = tokio::time::sleep(self.poll_interval) => {}
                _ = stop.changed() => {}
            }
        }
        let _ = self.done.send(true);
    }

    fn member_names(&self) -> Vec<String> {
        self.members.iter().map(|s| s.member.name().to_owned()).collect()
    }

    fn slot(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|s| s.member.name() == name)
    }

    fn publish(&self, name: &str, at: Position) {
        if let Some(i) = self.slot(name) {
            self.members[i].position.send_if_modified(|p| advance(p, at));
        }
    }

    /// Runs as the leader until stopped; `Ok(Stop::Lost)` when another instance leads.
    async fn lead(&self, names: &[String], stop: &mut watch::Receiver<bool>) -> Result<Stop, ProjectionError> {
        let mut conn: PoolConnection<Postgres> = self.pool.acquire().await?;
        let leader: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(lock_key("lifeos.projection-group.", &self.name))
            .fetch_one(&mut *conn)
            .await?;
        if !leader {
            return Ok(Stop::Lost);
        }
        // The lock lives and dies with this connection: never hand it back to the pool.
        let mut conn = conn.detach();
        for Slot { member, .. } in &self.members {
            checkpoint::ensure(&mut conn, member.name(), member.aggregate_types()).await?;
            member.catch_up(&mut conn).await?;
        }
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(EVENTS_CHANNEL).await?;
        tracing::info!(members = ?names, "projection group leading");
        let outcome = self.follow_feed(&mut conn, &mut listener, names, stop).await;
        let _ = conn.close().await;
        outcome
    }

    async fn follow_feed(
        &self,
        conn: &mut PgConnection,
        listener: &mut PgListener,
        names: &[String],
        stop: &mut watch::Receiver<bool>,
    ) -> Result<Stop, ProjectionError> {
        let rows = checkpoint::load_members(conn, names).await?;
        let mut led = Vec::with_capacity(self.members.len());
        for name in names {
            let parked = Parked::load(conn, name).await?;
            if !parked.is_empty() {
                tracing::warn!(projection = %name, parked = parked.len(), "projection has parked streams (see `lifeosd projections status`)");
            }
            let checkpoint = rows.iter().find(|(n, _)| n == name).map(|(_, c)| *c).unwrap_or_default();
            led.push(Led { parked, checkpoint });
        }
        loop {
            let batch = self.run_batch(conn, names, &mut led).await?;
            if i64::try_from(batch.events).unwrap_or(i64::MAX) >= self.batch_size {
                continue; // more is waiting: keep going without sleeping
            }
            // Committed events may wait behind an older transaction still running, whose
            // commit sends no event NOTIFY: then look again soon rather than at the next poll.
            let wait = if batch.skipped {
                SKIPPED_RETRY
            } else if feed::held_back(conn, self.lowest_published()).await? {
                HELD_BACK_RETRY
            } else {
                self.poll_interval
            };
            tokio::select! {
                notified = listener.recv() => { notified?; }
                () = tokio::time::sleep(wait) => {}
                _ = stop.changed() => return Ok(Stop::Requested),
            }
        }
    }

    fn lowest_published(&self) -> Position {
        self.members.iter().map(|s| *s.position.borrow()).min().unwrap_or_default()
    }

    /// One batch: lock the members' checkpoints, read once after the lowest, apply to each
    /// member what is after its own checkpoint, move every checkpoint, commit — atomically.
    /// Bad data does not fail it: the batch is rolled back and applied again with a savepoint
    /// per member, and a member that fails there applies its part stream by stream, parking
    /// the streams it cannot apply, without undoing the other members.
    async fn run_batch(&self, conn: &mut PgConnection, names: &[String], led: &mut [Led]) -> Result<Batch, ProjectionError> {
        let mut careful = false;
        loop {
            let mut tx = Connection::begin(&mut *conn).await?;
            let mut active: Vec<(usize, Position)> = Vec::with_capacity(names.len());
            for (name, row) in checkpoint::lock_members(&mut tx, names).await? {
                let Some(i) = self.slot(&name) else { continue };
                if row != led[i].checkpoint {
                    // Moved by someone else (a rebuild's switch): its parked set may be new too.
                    led[i].parked = Parked::load(&mut tx, &name).await?;
                    led[i].checkpoint = row;
                }
                active.push((i, row.position));
            }
            let skipped = active.len() < self.members.len();
            let Some(from) = active.iter().map(|(_, at)| *at).min() else {
                tx.commit().await?;
                return Ok(Batch { events: 0, skipped });
            };
            let mut events = feed::read_after(&mut tx, from, self.batch_size).await?;
            let Some(last) = events.last().map(|e| e.position) else {
                tx.commit().await?;
                for (i, at) in &active {
                    self.members[*i].position.send_if_modified(|p| advance(p, *at));
                }
                return Ok(Batch { events: 0, skipped });
            };
            isolate::correct(&mut events, &self.corrections);
            let span = tracing::debug_span!("projector_batch", from = ?from, to = ?last, events = events.len(), members = active.len(), careful);
            let applied = self.apply_members(&mut tx, &active, &events, led, careful).instrument(span).await;
            match applied {
                Ok(()) => {}
                Err(e) if !careful && is_poison(&e) => {
                    tracing::warn!(error = %e, "batch hit an event a projection cannot apply; applying it again member by member");
                    tx.rollback().await?;
                    // The failed attempt may have changed the in-memory sets (a repair in it).
                    for (i, _) in &active {
                        led[*i].parked = Parked::load(conn, &names[*i]).await?;
                    }
                    careful = true;
                    continue;
                }
                Err(e) => return Err(e),
            }
            let moves: Vec<(String, Position)> =
                active.iter().filter(|(_, at)| *at < last).map(|(i, _)| (names[*i].clone(), last)).collect();
            let stored = checkpoint::store_members(&mut tx, &moves).await?;
            tx.commit().await?;
            for (name, written) in stored {
                if let Some(i) = self.slot(&name) {
                    led[i].checkpoint = written;
                }
            }
            for (i, at) in &active {
                self.members[*i].position.send_if_modified(|p| advance(p, last.max(*at)));
            }
            return Ok(Batch { events: events.len(), skipped });
        }
    }

    /// Hands each active member the batch's events after its own checkpoint (only the
    /// aggregate types it reads). `careful`: each member in a savepoint, and one that hits
    /// bad data is rolled back alone and applied again stream by stream.
    async fn apply_members(
        &self,
        tx: &mut PgConnection,
        active: &[(usize, Position)],
        events: &[StoredEvent],
        led: &mut [Led],
        careful: bool,
    ) -> Result<(), ProjectionError> {
        for &(i, at) in active {
            let member = &self.members[i].member;
            let after = &events[events.partition_point(|e| e.position <= at)..];
            let mine: Cow<'_, [StoredEvent]> = if member.reads_all() || after.iter().all(|e| member.reads(e)) {
                Cow::Borrowed(after)
            } else {
                Cow::Owned(after.iter().filter(|e| member.reads(e)).cloned().collect())
            };
            if mine.is_empty() {
                continue;
            }
            let parked = &mut led[i].parked;
            if !careful {
                isolate::apply_batch(tx, member, &mine, parked, &self.corrections, Mode::Fast).await?;
                continue;
            }
            let mut savepoint = Connection::begin(&mut *tx).await?;
            match isolate::apply_batch(&mut savepoint, member, &mine, parked, &self.corrections, Mode::Fast).await {
                Ok(()) => savepoint.commit().await?,
                Err(e) if is_poison(&e) => {
                    savepoint.rollback().await?;
                    tracing::warn!(projection = %member.name(), error = %e, "projection hit an event it cannot apply; applying its part stream by stream");
                    *parked = Parked::load(tx, member.name()).await?;
                    isolate::apply_batch(tx, member, &mine, parked, &self.corrections, Mode::Isolating).await?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Moves a published position forward only (never backwards).
fn advance(current: &mut Position, to: Position) -> bool {
    if to > *current {
        *current = to;
        true
    } else {
        false
    }
}
