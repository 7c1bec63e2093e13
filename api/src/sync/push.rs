//! `pushChanges`: a device's queued offline mutations, applied exactly once and all-or-nothing.
//!
//! One push is one transaction: the device's row in `sync_clients` is locked, mutations it has
//! already applied (`seq <= last_seq`) answer from `sync_mutations` without being applied
//! again, and the rest are merged through the entities' aggregates ([`Entity::merge`]) and
//! appended with [`Staging`] — with the events of the cross-entity rules they trigger
//! (`commands/rules.rs`), their results and the new `last_seq`. If any
//! mutation is rejected, nothing of the push is committed: the rejected ones say why, the
//! others are `SKIPPED`, and the device drops the rejected ones and pushes the rest again.
//!
//! Cost per push, not per mutation: the push's entities are loaded in a few batched statements
//! (`commands/preload.rs`: snapshots, later events and id kinds, per kind), appended in one
//! multi-row INSERT, and their results stored in one more — so a push of 500 creates is about
//! ten statements.
//!
//! Stored results are compact (the version after the mutation and the registers it lost; the
//! retried mutation itself names its entity) and bounded: a push may carry `acknowledged` —
//! the last seq whose result the device has durably applied, at most its `last_seq` — and its
//! results at or below that are deleted in the push's transaction. A retried mutation above
//! the mark answers exactly as the first time; one at or below it (which a correct device
//! never sends again) answers `APPLIED` with no version: "already applied, result dropped".
//!
//! A `clientId` belongs to the user whose push first committed under it in that workspace
//! (the row's `user_id`); another user's push under it is `FORBIDDEN` before anything is read
//! or written, so no one can move another's device's `last_seq` or read its stored results.
//! Two first pushes racing: the row's primary key makes the second wait for the first's
//! commit, then it sees the first user as the owner.
//!
//! [`Entity::merge`]: lifeos_domain::entity::Entity::merge

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use lifeos_domain::entity::{EntityError, EntityKind, Fields, Hlc, MergeOp};
use lifeos_domain::registry::{self, KindVisitor};
use lifeos_events::EventMetadata;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::PgConnection;

use crate::commands::preload::Preloading;
use crate::commands::staging::{CommitError, Staging};
use crate::commands::{entity_error, entity_stream, references, rules, valid_id, MAX_ATTEMPTS};
use crate::error::ApiError;
use crate::observe::ConflictReason;
use crate::state::AppContext;

/// The most mutations one push may carry.
pub const MAX_MUTATIONS: usize = 500;

pub use lifeos_proto::sync::{MutationStatus as Status, SyncOp};

#[derive(Debug, Clone)]
pub struct Mutation {
    pub seq: i64,
    pub entity_type: String,
    pub entity_id: String,
    pub op: SyncOp,
    pub fields: Option<Value>,
    pub base_version: Option<i64>,
    pub hlc: String,
    pub client_updated_at: DateTime<Utc>,
}

/// The outcome of one mutation (committed ones are stored compactly for retried pushes).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub seq: i64,
    pub entity_type: String,
    pub entity_id: String,
    pub status: Status,
    pub version: Option<i64>,
    pub lost_fields: Vec<String>,
    pub code: Option<String>,
    pub field: Option<String>,
    pub message: Option<String>,
}

pub struct Pushed {
    pub last_seq: i64,
    pub committed: bool,
    pub outcomes: Vec<Outcome>,
}

/// Who pushes, where.
pub struct Pusher<'a> {
    pub app: &'a AppContext,
    pub user_id: &'a str,
    pub workspace_id: &'a str,
    pub client_id: &'a str,
    /// The pushing session (its earlier, unprojected writes are waited for before reference
    /// checks read the tables).
    pub session_id: &'a str,
    pub meta: EventMetadata,
}

/// This device's row as the push found it (locked for the push's transaction).
struct Device {
    last_seq: i64,
    acknowledged_seq: i64,
}

impl Pusher<'_> {
    /// Applies `mutations`; `acknowledged`: the last seq whose result the device has durably
    /// applied (its results at or below are dropped), if it says.
    pub async fn push(&self, mutations: &[Mutation], acknowledged: Option<i64>) -> Result<Pushed, ApiError> {
        check_shape(self.client_id, mutations, acknowledged)?;
        self.app.commands.session_writes.caught_up(self.session_id).await;
        let metadata = self.meta.to_json();
        for _ in 0..MAX_ATTEMPTS {
            let mut tx = self.app.pool.begin().await?;
            let device = self.lock_client(&mut tx).await?;
            let last_seq = device.last_seq;
            let mark = self.acknowledge(&mut tx, &device, acknowledged).await?;
            let (done, fresh): (Vec<&Mutation>, Vec<&Mutation>) = mutations.iter().partition(|m| m.seq <= last_seq);
            let mut outcomes = self.replies(&mut tx, &done, mark).await?;
            let mut staging = Staging::default();
            self.preload(&mut staging, &fresh).await?;
            let mut decided = Vec::with_capacity(fresh.len());
            for m in &fresh {
                decided.push(self.stage(&mut staging, m, &metadata).await?);
            }
            if decided.iter().any(|o| o.status == Status::Rejected) {
                // All or nothing: the transaction rolls back on drop.
                for o in decided.iter_mut().filter(|o| o.status != Status::Rejected) {
                    *o = Outcome { status: Status::Skipped, version: None, lost_fields: Vec::new(), ..o.clone() };
                }
                outcomes.extend(decided);
                outcomes.sort_by_key(|o| o.seq);
                return Ok(Pushed { last_seq, committed: false, outcomes });
            }
            let position = match staging.commit(&mut tx).await {
                Ok(position) => position,
                Err(CommitError::Conflict) => {
                    self.app.commands.conflicts.record(ConflictReason::AppendRace);
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let new_last = fresh.last().map_or(last_seq, |m| m.seq);
            self.record(&mut tx, &decided, new_last).await?;
            tx.commit().await?;
            self.app.commands.wait_for_kernel(position).await;
            outcomes.extend(decided);
            outcomes.sort_by_key(|o| o.seq);
            return Ok(Pushed { last_seq: new_last, committed: true, outcomes });
        }
        self.app.commands.conflicts.record(ConflictReason::RetriesExhausted);
        Err(ApiError::Conflict { message: "the entities changed concurrently; push again".into(), current_version: None })
    }

    /// This device's row, locked for the transaction (created on its first push);
    /// `FORBIDDEN` if another user's push claimed this `clientId` first. One statement: the
    /// no-op update takes the row lock and returns the row, a racing first push's included
    /// once it commits.
    async fn lock_client(&self, tx: &mut PgConnection) -> Result<Device, ApiError> {
        let (last_seq, acknowledged_seq, owner): (i64, i64, String) = sqlx::query_as(
            "INSERT INTO sync_clients (workspace_id, client_id, user_id, last_seq, updated_at)
             VALUES ($1, $2, $3, 0, $4)
             ON CONFLICT (workspace_id, client_id) DO UPDATE SET updated_at = sync_clients.updated_at
             RETURNING last_seq, acknowledged_seq, user_id",
        )
        .bind(self.workspace_id)
        .bind(self.client_id)
        .bind(self.user_id)
        .bind(self.app.services.clock.now())
        .fetch_one(&mut *tx)
        .await?;
        if owner != self.user_id {
            // The transaction rolls back on drop: nothing of this push is written.
            return Err(ApiError::forbidden("this clientId belongs to another user's device; use your own clientId"));
        }
        Ok(Device { last_seq, acknowledged_seq })
    }

    /// Drops the device's results at or below the seq it acknowledged (never above its
    /// `last_seq`: it cannot have applied results it was not sent); returns the device's
    /// acknowledged mark after this push.
    async fn acknowledge(&self, tx: &mut PgConnection, device: &Device, acknowledged: Option<i64>) -> Result<i64, ApiError> {
        let Some(acknowledged) = acknowledged else { return Ok(device.acknowledged_seq) };
        if acknowledged > device.last_seq {
            // Nothing is written: the transaction rolls back on drop.
            return Err(ApiError::validation(
                "acknowledgedSeq",
                format!("must not be above this device's lastSeq ({}): only results it received can be acknowledged", device.last_seq),
            ));
        }
        if acknowledged <= device.acknowledged_seq {
            return Ok(device.acknowledged_seq);
        }
        sqlx::query(
            "WITH dropped AS (DELETE FROM sync_mutations WHERE workspace_id = $1 AND client_id = $2 AND seq <= $3)
             UPDATE sync_clients SET acknowledged_seq = $3 WHERE workspace_id = $1 AND client_id = $2",
        )
        .bind(self.workspace_id)
        .bind(self.client_id)
        .bind(acknowledged)
        .execute(&mut *tx)
        .await?;
        Ok(acknowledged)
    }

    /// The answers to mutations applied by an earlier push: their stored results, or — at or
    /// below the acknowledged mark, whose results are dropped — `APPLIED` without a version.
    async fn replies(&self, tx: &mut PgConnection, done: &[&Mutation], acknowledged: i64) -> Result<Vec<Outcome>, ApiError> {
        let seqs: Vec<i64> = done.iter().map(|m| m.seq).filter(|seq| *seq > acknowledged).collect();
        let mut stored: HashMap<i64, (Option<i64>, Option<Vec<String>>)> = HashMap::new();
        if !seqs.is_empty() {
            let rows: Vec<(i64, Option<i64>, Option<Vec<String>>)> = sqlx::query_as(
                "SELECT seq, version, lost_fields FROM sync_mutations WHERE workspace_id = $1 AND client_id = $2 AND seq = ANY($3)",
            )
            .bind(self.workspace_id)
            .bind(self.client_id)
            .bind(&seqs)
            .fetch_all(&mut *tx)
            .await?;
            stored = rows.into_iter().map(|(seq, version, lost)| (seq, (version, lost))).collect();
        }
        Ok(done
            .iter()
            .map(|m| match stored.remove(&m.seq) {
                Some((version, lost)) => taken(m, version, lost.unwrap_or_default()),
                None if m.seq <= acknowledged => taken(m, None, Vec::new()),
                None => {
                    let e = ApiError::validation("seq", "this device already pushed a later mutation; this one was never applied");
                    rejected(m, &e)
                }
            })
            .collect())
    }

    /// Loads the entities the fresh mutations write, a few statements per kind.
    async fn preload(&self, staging: &mut Staging, fresh: &[&Mutation]) -> Result<(), ApiError> {
        let mut by_kind: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for m in fresh {
            // An invalid id is rejected when its mutation is staged.
            if let Ok(id) = valid_id(&m.entity_id) {
                by_kind.entry(m.entity_type.as_str()).or_default().push(id);
            }
        }
        let loaders = &self.app.commands.loaders;
        for (kind, ids) in &by_kind {
            let preloading = Preloading { staging: &mut *staging, loaders, workspace_id: self.workspace_id, ids };
            if let Some(loaded) = registry::visit(kind, preloading) {
                loaded.await?;
            }
        }
        Ok(())
    }

    async fn stage(&self, staging: &mut Staging, m: &Mutation, metadata: &str) -> Result<Outcome, ApiError> {
        let merge = Merging { pusher: self, staging, mutation: m, metadata };
        let result = match registry::visit(&m.entity_type, merge) {
            Some(merged) => merged.await,
            None => {
                let types: Vec<&str> = registry::type_names().collect();
                Err(ApiError::validation("entityType", format!("must be one of {}", types.join(", "))))
            }
        };
        match result {
            Ok(outcome) => Ok(outcome),
            Err(e @ (ApiError::Validation { .. } | ApiError::NotFound(_) | ApiError::Forbidden(_) | ApiError::Conflict { .. } | ApiError::StateConflict { .. })) => {
                Ok(rejected(m, &e))
            }
            Err(e) => Err(e),
        }
    }

    async fn merge<K: EntityKind>(&self, staging: &mut Staging, m: &Mutation, metadata: &str) -> Result<Outcome, ApiError> {
        let id = valid_id(&m.entity_id)?;
        lifeos_domain::values::instant_bound("clientUpdatedAt", &m.client_updated_at)?;
        let clock = Hlc::parse(&m.hlc).map_err(|e| ApiError::validation("hlc", e.message))?;
        let op = match m.op {
            SyncOp::Upsert => MergeOp::Upsert(fields_of(m.fields.as_ref())?),
            SyncOp::Delete => MergeOp::Delete,
            SyncOp::Restore => MergeOp::Restore,
        };
        let stream = entity_stream(self.workspace_id, &id);
        let loaders = &self.app.commands.loaders;
        let current = staging.entity::<K>(loaders, &stream).await?.fields.clone();
        let named = match &op {
            MergeOp::Upsert(fields) => Some(fields),
            MergeOp::Delete | MergeOp::Restore => None,
        };
        // Against the write side: a target this same push created earlier is staged.
        references::check_write::<K>(staging, loaders, self.workspace_id, self.user_id, named, &current).await?;
        let now = self.app.services.clock.now();
        let merge = staging
            .entity::<K>(loaders, &stream)
            .await?
            .merge(self.workspace_id.to_owned(), id, op, clock, now)
            .map_err(|e: EntityError| entity_error(&e))?;
        // Only the registers this write won reach the rules (a lost `parentId` changes nothing).
        rules::check::<K>(staging, loaders, &stream, &merge.events, metadata).await?;
        let version = staging.append::<K>(&stream, merge.events, metadata)?;
        Ok(taken(m, Some(version), merge.lost))
    }

    /// The applied mutations' compact results and the device's new high-water mark, in one
    /// statement.
    async fn record(&self, tx: &mut PgConnection, outcomes: &[Outcome], last_seq: i64) -> Result<(), ApiError> {
        let seqs: Vec<i64> = outcomes.iter().map(|o| o.seq).collect();
        let versions: Vec<Option<i64>> = outcomes.iter().map(|o| o.version).collect();
        let lost = outcomes
            .iter()
            .map(|o| if o.lost_fields.is_empty() { Ok(None) } else { serde_json::to_string(&o.lost_fields).map(Some) })
            .collect::<Result<Vec<Option<String>>, _>>()
            .map_err(|e| ApiError::internal("a push outcome does not serialise", e))?;
        sqlx::query(
            "WITH stored AS (
               INSERT INTO sync_mutations (workspace_id, client_id, seq, version, lost_fields, applied_at)
               SELECT $1, $2, r.seq, r.version, (SELECT array_agg(f) FROM json_array_elements_text(r.lost::json) AS f), $6
                 FROM unnest($3::bigint[], $4::bigint[], $5::text[]) AS r(seq, version, lost))
             UPDATE sync_clients SET last_seq = $7, updated_at = $6 WHERE workspace_id = $1 AND client_id = $2",
        )
        .bind(self.workspace_id)
        .bind(self.client_id)
        .bind(&seqs)
        .bind(&versions)
        .bind(&lost)
        .bind(self.app.services.clock.now())
        .bind(last_seq)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}

/// Merges one mutation into the batch through the kind its `entityType` names.
struct Merging<'a, 'p> {
    pusher: &'a Pusher<'p>,
    staging: &'a mut Staging,
    mutation: &'a Mutation,
    metadata: &'a str,
}

impl<'a, 'p: 'a> KindVisitor for Merging<'a, 'p> {
    type Output = BoxFuture<'a, Result<Outcome, ApiError>>;

    fn visit<K: EntityKind>(self) -> Self::Output {
        Box::pin(self.pusher.merge::<K>(self.staging, self.mutation, self.metadata))
    }
}

/// The push as a whole must be well formed: a sane device id, a bounded batch, and sequence
/// numbers that are positive and strictly increasing.
fn check_shape(client_id: &str, mutations: &[Mutation], acknowledged: Option<i64>) -> Result<(), ApiError> {
    let id_ok = !client_id.is_empty()
        && client_id.len() <= 64
        && client_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !id_ok {
        return Err(ApiError::validation("clientId", "must be 1–64 characters of A–Z, a–z, 0–9, _ or -"));
    }
    if acknowledged.is_some_and(|a| a < 0) {
        return Err(ApiError::validation("acknowledgedSeq", "must be 0 or more (a seq this device pushed)"));
    }
    if mutations.len() > MAX_MUTATIONS {
        return Err(ApiError::validation("mutations", format!("at most {MAX_MUTATIONS} per push")));
    }
    let increasing = mutations.windows(2).all(|w| w[0].seq < w[1].seq);
    if !increasing || mutations.first().is_some_and(|m| m.seq < 1) {
        return Err(ApiError::validation("seq", "must be positive and strictly increasing within a push"));
    }
    Ok(())
}

fn fields_of(fields: Option<&Value>) -> Result<Fields, ApiError> {
    match fields {
        None | Some(Value::Null) => Ok(Fields::new()),
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(ApiError::validation("fields", "must be an object of field values")),
    }
}

/// A committed mutation's answer: `MERGED` when it lost registers, else `APPLIED`.
fn taken(m: &Mutation, version: Option<i64>, lost_fields: Vec<String>) -> Outcome {
    Outcome {
        seq: m.seq,
        entity_type: m.entity_type.clone(),
        entity_id: m.entity_id.clone(),
        status: if lost_fields.is_empty() { Status::Applied } else { Status::Merged },
        version,
        lost_fields,
        code: None,
        field: None,
        message: None,
    }
}

fn rejected(m: &Mutation, e: &ApiError) -> Outcome {
    let field = match e {
        ApiError::Validation { field, .. } => field.clone(),
        ApiError::StateConflict { field, .. } => Some(field.clone()),
        _ => None,
    };
    Outcome {
        seq: m.seq,
        entity_type: m.entity_type.clone(),
        entity_id: m.entity_id.clone(),
        status: Status::Rejected,
        version: None,
        lost_fields: Vec::new(),
        code: Some(e.code().to_owned()),
        field,
        message: Some(e.message()),
    }
}
