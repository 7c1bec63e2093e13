//! Applying a batch so that one bad event stops only its own stream.
//!
//! The fast path hands the batch (minus the events of parked streams) to the projection in one
//! call, exactly as before. When that fails on the data ([`is_poison`]), the runner rolls the
//! batch back and applies it again here in isolating mode: one stream at a time, each in a
//! savepoint; inside a stream that fails, one event at a time, until the first event that
//! fails — its predecessors are applied, it parks the stream, and its successors are held.
//! Repair requests ([`crate::repair`]) in the batch re-apply their stream's held events at the
//! request's own feed position. Infrastructure errors are never swallowed: they fail the batch.

use std::borrow::Cow;

use lifeos_events::correct::Corrections;
use sqlx::{Connection, PgConnection};

use super::parking::{is_poison, Parked, StreamKey};
use super::{Projection, ProjectionError};
use crate::feed::{self, Position, StoredEvent};
use crate::repair::{self, RepairAction, RepairRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One call per segment of the batch (the normal case).
    Fast,
    /// As `Fast`, into a rebuild's private tables ([`Projection::apply_rebuilding`]).
    Rebuilding,
    /// Stream by stream, each in a savepoint (after the fast path hit a bad event).
    Isolating,
}

/// Applies `events` (corrected already) in feed order: segments of ordinary events, split at
/// repair requests for this projection, which are handled where they stand.
pub async fn apply_batch<P: Projection>(
    tx: &mut PgConnection,
    projection: &P,
    events: &[StoredEvent],
    parked: &mut Parked,
    corrections: &Corrections,
    mode: Mode,
) -> Result<(), ProjectionError> {
    let mut rest = events;
    loop {
        let split = rest.iter().position(|e| e.aggregate_type == repair::AGGREGATE_TYPE);
        let segment = split.map_or(rest, |i| &rest[..i]);
        apply_segment(tx, projection, segment, parked, mode).await?;
        let Some(i) = split else { return Ok(()) };
        if let Some(request) = RepairRequest::read(&rest[i]).filter(|r| r.projection == projection.name()) {
            repair(tx, projection, &request, rest[i].position, parked, corrections).await?;
        }
        rest = &rest[i + 1..];
    }
}

/// Rewrites payloads that a registered correction fixes (before any projection sees them).
pub fn correct(events: &mut [StoredEvent], corrections: &Corrections) {
    for event in events {
        if let Some((payload, applied)) = corrections.correct_text(&event.payload) {
            tracing::info!(stream = %event.aggregate_id, sequence = event.sequence, corrections = ?applied, "stored payload corrected on read");
            event.payload = payload;
        }
    }
}

async fn apply_segment<P: Projection>(
    tx: &mut PgConnection,
    projection: &P,
    segment: &[StoredEvent],
    parked: &mut Parked,
    mode: Mode,
) -> Result<(), ProjectionError> {
    if segment.is_empty() {
        return Ok(());
    }
    let live: Cow<'_, [StoredEvent]> = if parked.is_empty() {
        Cow::Borrowed(segment)
    } else {
        let live: Vec<StoredEvent> = segment.iter().filter(|e| !parked.holds(e)).cloned().collect();
        if live.len() < segment.len() {
            tracing::debug!(held = segment.len() - live.len(), "events of parked streams held");
        }
        Cow::Owned(live)
    };
    match mode {
        Mode::Fast => return projection.apply(tx, &live).await,
        Mode::Rebuilding => return projection.apply_rebuilding(tx, &live).await,
        Mode::Isolating => {}
    }
    for stream in by_stream(&live) {
        apply_stream(tx, projection, &stream, None, parked).await?;
    }
    Ok(())
}

/// The events grouped by stream (order kept within each stream and between first appearances).
fn by_stream(events: &[StoredEvent]) -> Vec<Vec<StoredEvent>> {
    let mut index: std::collections::HashMap<StreamKey, usize> = std::collections::HashMap::new();
    let mut streams: Vec<Vec<StoredEvent>> = Vec::new();
    for event in events {
        let slot = *index.entry(StreamKey::of(event)).or_insert_with(|| {
            streams.push(Vec::new());
            streams.len() - 1
        });
        streams[slot].push(event.clone());
    }
    streams
}

/// Applies one stream's events; on bad data finds the first event that fails, keeps what came
/// before it and parks the stream there. True when every event applied.
async fn apply_stream<P: Projection>(
    tx: &mut PgConnection,
    projection: &P,
    events: &[StoredEvent],
    restamp: Option<Position>,
    parked: &mut Parked,
) -> Result<bool, ProjectionError> {
    if attempt(tx, projection, events, restamp).await?.is_ok() {
        return Ok(true);
    }
    for event in events {
        if let Err(e) = attempt(tx, projection, std::slice::from_ref(event), restamp).await? {
            parked.park(tx, event, &e).await?;
            return Ok(false);
        }
    }
    Ok(true)
}

/// Applies in a savepoint: `Ok(Err(_))` for bad data (rolled back), `Err` for anything else.
async fn attempt<P: Projection>(
    tx: &mut PgConnection,
    projection: &P,
    events: &[StoredEvent],
    restamp: Option<Position>,
) -> Result<Result<(), ProjectionError>, ProjectionError> {
    let mut savepoint = Connection::begin(&mut *tx).await?;
    let applied = match restamp {
        None => projection.apply(&mut savepoint, events).await,
        Some(at) => projection.apply_repaired(&mut savepoint, events, at).await,
    };
    match applied {
        Ok(()) => {
            savepoint.commit().await?;
            Ok(Ok(()))
        }
        Err(e) if is_poison(&e) => {
            savepoint.rollback().await?;
            Ok(Err(e))
        }
        Err(e) => Err(e),
    }
}

/// Re-applies a parked stream's held events (from the parked one on a retry, after it on a
/// skip) at the request's position `at`; releases the stream when all of them apply.
async fn repair<P: Projection>(
    tx: &mut PgConnection,
    projection: &P,
    request: &RepairRequest,
    at: Position,
    parked: &mut Parked,
    corrections: &Corrections,
) -> Result<(), ProjectionError> {
    let stream = StreamKey { aggregate_type: request.aggregate_type.clone(), aggregate_id: request.aggregate_id.clone() };
    let Some(parked_at) = parked.get(&stream).cloned() else {
        tracing::info!(stream = %stream.aggregate_id, "repair request for a stream that is not parked: nothing to do");
        return Ok(());
    };
    let from = match request.action {
        RepairAction::Retry => parked_at.sequence,
        RepairAction::Skip => parked_at.sequence + 1,
    };
    let mut held = feed::read_stream_before(tx, &stream.aggregate_type, &stream.aggregate_id, from, at).await?;
    correct(&mut held, corrections);
    tracing::info!(stream = %stream.aggregate_id, action = ?request.action, events = held.len(), "repairing a parked stream");
    if apply_stream(tx, projection, &held, Some(at), parked).await? {
        parked.release(tx, &stream).await?;
    }
    Ok(())
}
