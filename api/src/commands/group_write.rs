//! One group commit: the batches of several commands appended in ONE transaction — one
//! multi-row INSERT for all their id claims, one for all their events, then their due
//! snapshots, one commit — while each batch keeps its own outcome.
//!
//! A batch whose rows cannot all go in loses alone: two batches of the group on the same
//! stream at the same sequence (or claiming one id as two kinds) — the later one loses before
//! any SQL; a key already stored (or taken by a racing transaction that then commits) is
//! skipped by `ON CONFLICT DO NOTHING`/the claim's `WHERE`, and the batch it belonged to
//! loses. If any batch lost, the transaction is rolled back (events are append-only: nothing
//! is ever undone by a DELETE) and the winners are appended again without it, until a round
//! is clean. Losers get [`CommitError::Conflict`]; the caller decides them again.
//!
//! An error that is not a lost race (a connection lost, a deadlock with another lane) fails
//! the group's transaction as a whole; then every batch is committed alone, so one batch's
//! failure is never another's. Must never decide anything: what wins is only which rows went in.

use std::collections::{HashMap, HashSet};

use lifeos_projections::feed::Position;
use sqlx::PgPool;

use super::rows::{insert_new, write_snapshot, Batch, CommitError};

/// One batch's outcome: the feed position of its last event (`None`: it wrote none).
pub type Outcome = Result<Option<Position>, CommitError>;

/// A stream's event key: (aggregate type, stream, sequence).
type EventKey<'a> = (&'a str, &'a str, i64);

/// What one round of the group's transaction came to.
enum Round {
    /// Committed: the feed position of each live batch's last event, in live order.
    Committed(Vec<Option<Position>>),
    /// Rolled back: these batches (indices into the group) could not append.
    Lost(HashSet<usize>),
}

/// Commits `batches` as one group; one outcome per batch, in order.
pub(super) async fn commit_many(pool: &PgPool, batches: &[&Batch]) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = batches.iter().map(|b| b.is_empty().then_some(Ok(None))).collect();
    for i in clashing(batches, &outcomes) {
        outcomes[i] = Some(Err(CommitError::Conflict));
    }
    let mut rounds = 0usize;
    loop {
        let live: Vec<usize> = (0..batches.len()).filter(|i| outcomes[*i].is_none()).collect();
        match live.as_slice() {
            [] => break,
            [one] => {
                outcomes[*one] = Some(batches[*one].commit_alone(pool).await);
                break;
            }
            _ => {}
        }
        rounds += 1;
        match round(pool, batches, &live).await {
            Ok(Round::Committed(positions)) => {
                for (i, position) in live.iter().zip(positions) {
                    outcomes[*i] = Some(Ok(position));
                }
                break;
            }
            Ok(Round::Lost(lost)) => {
                for i in lost {
                    outcomes[i] = Some(Err(CommitError::Conflict));
                }
            }
            Err(e) => {
                tracing::warn!(error = ?e, batches = live.len(), "group commit failed; committing its batches one by one");
                for i in live {
                    outcomes[i] = Some(batches[i].commit_alone(pool).await);
                }
                break;
            }
        }
    }
    tracing::Span::current().record("rounds", rounds);
    outcomes.into_iter().map(|o| o.unwrap_or(Err(CommitError::Conflict))).collect()
}

/// The batches that lose to an earlier one of the same group before any SQL: an event at a
/// stream and sequence an earlier batch appends, or a claim of an id an earlier batch claims
/// as another kind.
fn clashing(batches: &[&Batch], outcomes: &[Option<Outcome>]) -> Vec<usize> {
    let mut events: HashSet<EventKey<'_>> = HashSet::new();
    let mut claims: HashMap<(&str, &str), &str> = HashMap::new();
    let mut lost = Vec::new();
    for (i, batch) in batches.iter().enumerate().filter(|(i, _)| outcomes[*i].is_none()) {
        let event_clash = batch.rows.iter().any(|r| events.contains(&(r.aggregate_type, r.aggregate_id.as_str(), r.sequence)));
        let claim_clash = batch
            .claims
            .iter()
            .any(|c| claims.get(&(c.workspace_id.as_str(), c.id.as_str())).is_some_and(|kind| *kind != c.entity_type));
        if event_clash || claim_clash {
            lost.push(i);
            continue;
        }
        events.extend(batch.rows.iter().map(|r| (r.aggregate_type, r.aggregate_id.as_str(), r.sequence)));
        claims.extend(batch.claims.iter().map(|c| ((c.workspace_id.as_str(), c.id.as_str()), c.entity_type)));
    }
    lost
}

/// One attempt at the live batches' transaction: claims, events, snapshots, then commit —
/// or roll back naming every batch found losing on the way.
async fn round(pool: &PgPool, batches: &[&Batch], live: &[usize]) -> Result<Round, CommitError> {
    let mut tx = pool.begin().await?;
    let mut lost = HashSet::new();

    // Claims: one row per distinct key (batches of one entity share its claim).
    let mut distinct = HashMap::new();
    for claim in live.iter().flat_map(|i| &batches[*i].claims) {
        distinct.entry((claim.workspace_id.as_str(), claim.id.as_str())).or_insert(claim);
    }
    let kept = super::ids::insert_claims(&distinct.into_values().collect::<Vec<_>>(), &mut tx).await?;
    for i in live {
        if batches[*i].claims.iter().any(|c| !kept.contains(&(c.workspace_id.clone(), c.id.clone()))) {
            lost.insert(*i);
        }
    }

    // Events: which batch each row belongs to, to tell from what went in who lost.
    let mut owner: HashMap<EventKey<'_>, usize> = HashMap::new();
    let mut rows = Vec::new();
    for i in live {
        for row in &batches[*i].rows {
            owner.insert((row.aggregate_type, row.aggregate_id.as_str(), row.sequence), *i);
            rows.push(row);
        }
    }
    let inserted = insert_new(&rows, &mut tx).await?;
    let mut went_in: HashMap<usize, (usize, Option<Position>)> = HashMap::new();
    for row in &inserted {
        let Some(i) = owner.get(&(row.aggregate_type.as_str(), row.aggregate_id.as_str(), row.sequence)) else {
            continue;
        };
        let entry = went_in.entry(*i).or_insert((0, None));
        entry.0 += 1;
        entry.1 = entry.1.max(Some(row.position));
    }
    for i in live {
        if went_in.get(i).map_or(0, |(n, _)| *n) < batches[*i].rows.len() {
            lost.insert(*i);
        }
    }
    if !lost.is_empty() {
        tx.rollback().await?;
        return Ok(Round::Lost(lost));
    }

    for i in live {
        for snapshot in &batches[*i].snapshots {
            match write_snapshot(&mut tx, snapshot).await {
                Ok(()) => {}
                Err(CommitError::Conflict) => {
                    lost.insert(*i);
                }
                Err(e) => return Err(e),
            }
        }
    }
    if !lost.is_empty() {
        tx.rollback().await?;
        return Ok(Round::Lost(lost));
    }
    tx.commit().await?;
    Ok(Round::Committed(live.iter().map(|i| went_in.get(i).and_then(|(_, p)| *p)).collect()))
}
