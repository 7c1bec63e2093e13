//! Batched loading for big batches (a sync push of hundreds of mutations): the entities of
//! one kind that a batch is about to write are loaded in a handful of statements — their
//! snapshots in one, the events after those snapshots in one, and the kinds their ids already
//! have (`entity_ids`, for the id rule in `ids.rs`) in one — instead of two or three round
//! trips per entity. The result is exactly what [`Staging::entity`] would have loaded one by
//! one (the same snapshot rule, the same upcasters and corrections); a stream that does not
//! decode here is simply left out, so its lazy load reports the error as before.
//!
//! Must never decide anything, write anything, or read the read tables: it only warms the
//! batch's [`Staging`] from the write side.

use std::collections::HashMap;

use cqrs_es::persist::{EventUpcaster, SerializedEvent};
use cqrs_es::Aggregate;
use futures::future::BoxFuture;
use lifeos_domain::entity::{Entity, EntityKind};
use lifeos_domain::registry::KindVisitor;
use serde_json::Value;

use super::entity_stream;
use super::staging::{Loaders, Staging};
use crate::error::ApiError;

/// A stream's stored snapshot: its state, the sequence it covers and its number.
type Snapshot = (Value, i64, i64);

/// Loads into `staging` the entities of kind `K` with these ids in `workspace_id` that it does
/// not hold yet, and the kinds those ids already have.
pub async fn entities<K: EntityKind>(staging: &mut Staging, loaders: &Loaders, workspace_id: &str, ids: &[String]) -> Result<(), ApiError> {
    let mut wanted: Vec<String> = ids.iter().map(|id| entity_stream(workspace_id, id)).filter(|s| staging.staged::<K>(s).is_none()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(());
    }
    known_kinds(staging, loaders, workspace_id, ids).await?;
    let pool = loaders.pool();
    let snapshots: Vec<(String, i64, i64, Value)> = sqlx::query_as(
        "SELECT aggregate_id, last_sequence, current_snapshot, payload
           FROM snapshots WHERE aggregate_type = $1 AND aggregate_id = ANY($2)",
    )
    .bind(Entity::<K>::TYPE)
    .bind(&wanted)
    .fetch_all(pool)
    .await?;
    let snapshots: HashMap<String, Snapshot> = snapshots.into_iter().map(|(id, last, number, state)| (id, (state, last, number))).collect();
    let after: Vec<i64> = wanted.iter().map(|s| snapshots.get(s).map_or(0, |(_, last, _)| *last)).collect();
    let events: Vec<(String, i64, String, String, Value, Value)> = sqlx::query_as(
        "SELECT e.aggregate_id, e.sequence, e.event_type, e.event_version, e.payload, e.metadata
           FROM unnest($2::text[], $3::bigint[]) AS s(id, after)
           JOIN events e ON e.aggregate_type = $1 AND e.aggregate_id = s.id AND e.sequence > s.after
          ORDER BY e.aggregate_id, e.sequence",
    )
    .bind(Entity::<K>::TYPE)
    .bind(&wanted)
    .bind(&after)
    .fetch_all(pool)
    .await?;
    let mut by_stream: HashMap<String, Vec<SerializedEvent>> = HashMap::new();
    for (id, sequence, event_type, event_version, payload, metadata) in events {
        let sequence = usize::try_from(sequence).unwrap_or(0);
        let event = SerializedEvent::new(id.clone(), sequence, Entity::<K>::TYPE.to_owned(), event_type, event_version, payload, metadata);
        by_stream.entry(id).or_default().push(event);
    }
    let upcasters = lifeos_events::upcast::upcasters();
    for stream in wanted {
        let snapshot = snapshots.get(&stream);
        let events = by_stream.remove(&stream).unwrap_or_default();
        if let Some((aggregate, sequence, number)) = replay::<Entity<K>>(snapshot, events, &upcasters) {
            staging.loaded::<Entity<K>>(&stream, aggregate, sequence, number);
        }
    }
    Ok(())
}

/// The state after `snapshot` and `events` (in sequence order), its last sequence and the
/// snapshot number — as cqrs-es's snapshot store loads it; `None` if anything fails to decode.
fn replay<A: Aggregate>(snapshot: Option<&Snapshot>, events: Vec<SerializedEvent>, upcasters: &[Box<dyn EventUpcaster>]) -> Option<(A, usize, Option<usize>)> {
    let (mut aggregate, mut sequence, number) = match snapshot {
        Some((state, last, number)) => {
            let aggregate: A = serde_json::from_value(state.clone()).ok()?;
            (aggregate, usize::try_from(*last).ok()?, Some(usize::try_from(*number).ok()?))
        }
        None => (A::default(), 0, None),
    };
    for event in events {
        let event = upcasters.iter().fold(event, |e, u| if u.can_upcast(&e.event_type, &e.event_version) { u.upcast(e) } else { e });
        let decoded: A::Event = serde_json::from_value(event.payload).ok()?;
        aggregate.apply(decoded);
        sequence = event.sequence;
    }
    Some((aggregate, sequence, number))
}

/// The kinds the ids already have in the workspace (committed claims), remembered by the batch
/// so the id rule asks nothing more for them.
async fn known_kinds(staging: &mut Staging, loaders: &Loaders, workspace_id: &str, ids: &[String]) -> Result<(), ApiError> {
    // Joined to the ids (not `id = ANY($2)`): one primary-key probe per id whatever the
    // table's statistics (a fresh table's generic plan was a ~10 ms bitmap scan per push).
    let found: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.id, e.entity_type FROM unnest($2::text[]) AS k(id) JOIN entity_ids e ON e.workspace_id = $1 AND e.id = k.id",
    )
        .bind(workspace_id)
        .bind(ids)
        .fetch_all(loaders.pool())
        .await?;
    let mut found: HashMap<String, String> = found.into_iter().collect();
    for id in ids {
        staging.know_kind(workspace_id, id, found.remove(id));
    }
    Ok(())
}

/// Preloads the entities of the kind chosen at run time.
pub struct Preloading<'a> {
    pub staging: &'a mut Staging,
    pub loaders: &'a Loaders,
    pub workspace_id: &'a str,
    pub ids: &'a [String],
}

impl<'a> KindVisitor for Preloading<'a> {
    type Output = BoxFuture<'a, Result<(), ApiError>>;

    fn visit<K: EntityKind>(self) -> Self::Output {
        Box::pin(entities::<K>(self.staging, self.loaders, self.workspace_id, self.ids))
    }
}
