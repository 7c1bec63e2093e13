//! `sync()`: push the outbox in batches, then pull the change feed from the stored cursor.
//! Every page's rows, the new cursor and the advanced HLC land in one SQLite transaction.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::client::Client;
use crate::clock::parse_instant;
use crate::error::ClientError;
use crate::record::{Op, Pending, Record, Rejected};
use crate::store::{self, mirror, outbox};
use crate::wire::{Change, Outcome, PushOutcome, Status};

/// The most mutations one `pushChanges` carries.
pub const PUSH_BATCH: usize = 100;
/// The page size asked of `changes`.
pub const PULL_PAGE: i64 = 500;

/// What one `sync()` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Outbox mutations the server acknowledged (applied or merged).
    pub pushed: usize,
    /// Outbox mutations the server refused (moved to `rejected`).
    pub rejected: usize,
    /// Change entries applied to the mirror.
    pub pulled: usize,
    /// The server could not serve the cursor: the mirror was rebuilt from scratch.
    pub reset: bool,
}

impl Client {
    /// Pushes every pending mutation, then pulls until the mirror is up to date.
    pub async fn sync(&self) -> Result<SyncReport, ClientError> {
        let _serialized = self.inner.sync_lock.lock().await;
        let (pushed, rejected) = self.push_outbox().await?;
        let (pulled, reset) = self.pull_changes().await?;
        Ok(SyncReport { pushed, rejected, pulled, reset })
    }

    /// Pushes every pending mutation (no pull).
    pub async fn push(&self) -> Result<SyncReport, ClientError> {
        let _serialized = self.inner.sync_lock.lock().await;
        let (pushed, rejected) = self.push_outbox().await?;
        Ok(SyncReport { pushed, rejected, ..SyncReport::default() })
    }

    async fn push_outbox(&self) -> Result<(usize, usize), ClientError> {
        let (mut pushed, mut rejected) = (0, 0);
        loop {
            let batch = self.with_store(|conn| outbox::batch(conn, PUSH_BATCH))?;
            if batch.is_empty() {
                return Ok((pushed, rejected));
            }
            let acknowledged_seq = *self.inner.acknowledged_seq.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let outcome = self.inner.transport.push(&self.inner.client_id, &batch, acknowledged_seq).await?;
            let (acknowledged, refused) = self.with_tx(|tx| settle(tx, &batch, &outcome))?;
            // Settled and committed: every result up to the server's lastSeq is applied here,
            // except for mutations still waiting in the outbox.
            let settled = self.with_store(|conn| settled_up_to(conn, outcome.last_seq))?;
            *self.inner.acknowledged_seq.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(settled);
            if acknowledged + refused == 0 {
                return Err(ClientError::Protocol(format!(
                    "a push of {} mutations neither applied nor rejected any: {outcome:?}",
                    batch.len()
                )));
            }
            pushed += acknowledged;
            rejected += refused;
            self.bump_changed();
        }
    }

    async fn pull_changes(&self) -> Result<(usize, bool), ClientError> {
        let mut cursor = self.with_store(|conn| Ok(store::meta(conn)?.cursor))?;
        let (mut pulled, mut reset) = (0, false);
        loop {
            let page = match self.inner.transport.changes(cursor.clone(), PULL_PAGE).await {
                Err(ClientError::ResetRequired) if !reset => {
                    tracing::warn!("the server cannot serve our cursor; rebuilding the mirror");
                    self.with_tx(|tx| {
                        mirror::clear(tx)?;
                        store::set_cursor(tx, None)
                    })?;
                    self.bump_changed();
                    (cursor, reset) = (None, true);
                    continue;
                }
                page => page?,
            };
            pulled += self.apply_changes(&page.entries, &page.cursor)?;
            if !page.has_more {
                return Ok((pulled, reset));
            }
            cursor = Some(page.cursor);
        }
    }

    /// Applies change entries and moves the cursor to `cursor`, in one transaction.
    pub(crate) fn apply_changes(&self, entries: &[Change], cursor: &str) -> Result<usize, ClientError> {
        let applied = self.with_tx(|tx| {
            let meta = store::meta(tx)?;
            let mut hlc = meta.hlc;
            for entry in entries {
                mirror::put(tx, &entry.record()?)?;
                hlc.observe(parse_instant(&entry.updated_at)?.timestamp_millis());
            }
            store::set_clock(tx, meta.next_seq, hlc)?;
            store::set_cursor(tx, Some(cursor))?;
            Ok(entries.len())
        })?;
        if applied > 0 {
            self.bump_changed();
        }
        Ok(applied)
    }
}

/// The last seq whose result is settled in the store, given the server's `last_seq`: below
/// the oldest mutation still in the outbox.
fn settled_up_to(conn: &Connection, last_seq: i64) -> Result<i64, ClientError> {
    let oldest = outbox::batch(conn, 1)?.first().map(|m| m.seq);
    Ok(match oldest {
        Some(seq) if seq <= last_seq => seq - 1,
        _ => last_seq,
    })
}

/// Records the server's verdicts on `batch`: acknowledged mutations leave the outbox (and are
/// laid on the mirror row until the pull brings it), rejected ones move to `rejected`,
/// skipped ones stay to be pushed again. Returns (acknowledged, rejected).
fn settle(conn: &Connection, batch: &[Pending], outcome: &PushOutcome) -> Result<(usize, usize), ClientError> {
    let by_seq: HashMap<i64, &Pending> = batch.iter().map(|m| (m.seq, m)).collect();
    let (mut acknowledged, mut refused) = (0, 0);
    for result in &outcome.results {
        let Some(mutation) = by_seq.get(&result.seq) else { continue };
        match &result.status {
            // Also a replayed seq (already applied by an earlier push), so valid uncommitted too.
            Status::Applied | Status::Merged => {
                outbox::remove(conn, mutation.seq)?;
                acknowledge(conn, mutation, result)?;
                acknowledged += 1;
            }
            Status::Rejected => {
                let rejected = Rejected {
                    mutation: (*mutation).clone(),
                    code: result.code.clone().unwrap_or_else(|| "REJECTED".into()),
                    field: result.field.clone(),
                    message: result.message.clone().unwrap_or_default(),
                };
                tracing::warn!(seq = mutation.seq, code = %rejected.code, "the server rejected a mutation");
                outbox::reject(conn, &rejected)?;
                refused += 1;
            }
            Status::Skipped | Status::Unknown(_) => {}
        }
    }
    Ok((acknowledged, refused))
}

/// Lays an acknowledged mutation on its mirror row (without the registers it lost), at the
/// version the server reported, unless the mirror already holds that version (the push then
/// changed nothing, or the pull already brought it).
fn acknowledge(conn: &Connection, mutation: &Pending, result: &Outcome) -> Result<(), ClientError> {
    let Some(version) = result.version else { return Ok(()) };
    let base = mirror::get(conn, &mutation.entity_type, &mutation.entity_id)?;
    let mut row = match base {
        Some(row) if row.version >= version => return Ok(()),
        Some(row) => row,
        None if mutation.op == Op::Upsert => Record::created_by(mutation),
        None => return Ok(()),
    };
    let mut lost = result.lost_fields.clone();
    if result.status == Status::Merged && mutation.op != Op::Upsert {
        lost.push("deletedAt".into());
    }
    row.apply(mutation, &lost);
    row.version = version;
    mirror::put(conn, &row)?;
    Ok(())
}

#[cfg(test)]
mod tests;
