//! Offline sync over GraphQL: `pushChanges` (a device's queued mutations, exactly once),
//! `changes` (pull the feed after a cursor) and `subscription changes` (catch up, then live).
//! The logic is in `crate::sync`; these are the wire types and guards.

use std::sync::Arc;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, Subscription, ID};
use futures::{Stream, StreamExt};

use super::app;
use super::entity_type::EntityType;
use super::scalars::{DateTime, Json};
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::auth::context::RequestMeta;
use crate::error::ApiError;
use crate::sync::changes::{self, Change};
use crate::sync::follow::follow;
use crate::sync::push::{self, Pusher};
use crate::sync::cursor;

/// What a device's queued mutation does to its entity.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "lifeos_proto::sync::SyncOp")]
pub enum SyncOp {
    /// Write the given fields; an unknown id is created.
    Upsert,
    /// Soft-delete the entity.
    Delete,
    /// Undo a soft delete.
    Restore,
}

/// How the server took one queued mutation.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "lifeos_proto::sync::MutationStatus")]
pub enum MutationStatus {
    /// Every register the mutation wrote won.
    Applied,
    /// Some registers (`lostFields`) kept a newer value written by another device.
    Merged,
    /// Invalid; nothing of the push was committed (see `code`, `field`, `message`).
    Rejected,
    /// Valid, but not committed because another mutation of the same push was rejected.
    Skipped,
}

/// What a change did to its entity.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// The entity was created, updated or restored (`data` is its current row).
    Upsert,
    /// The entity is soft-deleted (`data.deletedAt` is set).
    Delete,
}

/// One mutation a device queued while offline.
#[derive(InputObject)]
pub struct ClientMutationInput {
    /// Strictly increasing per device; mutations at or below the device's last applied
    /// `seq` are answered from their stored result, never applied twice.
    pub seq: i64,
    /// The kind of the entity written.
    pub entity_type: EntityType,
    /// The entity's id (a ULID the device drew, or the kind's natural id).
    pub entity_id: ID,
    /// What the mutation does.
    pub op: SyncOp,
    /// UPSERT: the fields written (camelCase); an unknown id is created.
    pub fields: Option<Json>,
    /// The version the device last saw (informational; merging is per field by `hlc`).
    pub base_version: Option<i64>,
    /// Hybrid logical clock `<millis:15>-<counter:6>-<node>`; node = the device id.
    pub hlc: String,
    /// When the device made the change (its own clock; informational).
    pub client_updated_at: DateTime,
}

/// A device's queued mutations, applied all or nothing.
#[derive(InputObject)]
pub struct PushInput {
    /// The device's id: stable per install, owned by the signed-in user.
    pub client_id: ID,
    /// The mutations, in increasing `seq`.
    pub mutations: Vec<ClientMutationInput>,
    /// The last `seq` whose result this device has durably applied (at most its `lastSeq`):
    /// the server drops its stored results at or below it. A mutation at or below it sent
    /// again is answered `APPLIED` without a version.
    pub acknowledged_seq: Option<i64>,
}

/// How one queued mutation was taken.
#[derive(SimpleObject)]
pub struct MutationResult {
    /// The mutation's `seq`.
    pub seq: i64,
    /// The kind of the entity written.
    pub entity_type: EntityType,
    /// The entity's id.
    pub entity_id: ID,
    /// Applied, merged, rejected or skipped.
    pub status: MutationStatus,
    /// The entity's version after the push.
    pub version: Option<i64>,
    /// Fields (camelCase) whose newer value from another device was kept (status `MERGED`).
    pub lost_fields: Vec<String>,
    /// Why the mutation was rejected: an error code such as `VALIDATION` (status `REJECTED`).
    pub code: Option<String>,
    /// The field the rejection is about, if one (camelCase).
    pub field: Option<String>,
    /// The rejection, in words.
    pub message: Option<String>,
}

/// The outcome of a push.
#[derive(SimpleObject)]
pub struct PushResult {
    /// The device's id, as sent.
    pub client_id: ID,
    /// The device's last applied `seq` after this push.
    pub last_seq: i64,
    /// False when a rejected mutation kept the whole push from being committed.
    pub committed: bool,
    /// One result per mutation sent, in order.
    pub results: Vec<MutationResult>,
}

/// One change of the workspace's feed: an entity's new state after one event.
#[derive(SimpleObject)]
pub struct ChangeEntry {
    /// Resume after this entry.
    pub cursor: String,
    /// The kind of the entity changed.
    pub entity_type: EntityType,
    /// The entity's id.
    pub entity_id: ID,
    /// Upsert or delete.
    pub op: ChangeOp,
    /// The version this change produced.
    pub version: i64,
    /// When the change was made (the entity's `updatedAt` after it).
    pub updated_at: DateTime,
    /// The entity's current row: kernel columns and fields, camelCase.
    pub data: Json,
}

/// A page of the workspace's change feed.
#[derive(SimpleObject)]
pub struct ChangePage {
    /// The changes, in commit order.
    pub entries: Vec<ChangeEntry>,
    /// Pass as `after` to continue.
    pub cursor: String,
    /// Whether more changes follow (pull again from `cursor`).
    pub has_more: bool,
}

impl ChangeEntry {
    /// The entry for `c`; none for a kind no longer registered (the feed reader already passes
    /// those over: `EntityType` cannot name them), logged.
    fn of(c: &Change) -> Option<Self> {
        let Some(entity_type) = EntityType::named(&c.entity_type) else {
            tracing::warn!(entity_type = %c.entity_type, entity_id = %c.entity_id, "change of an unregistered kind left out of the feed");
            return None;
        };
        Some(Self {
            cursor: cursor::encode(&c.workspace_id, c.position),
            entity_type,
            entity_id: ID(c.entity_id.clone()),
            op: if c.op == "delete" { ChangeOp::Delete } else { ChangeOp::Upsert },
            version: c.version,
            updated_at: c.updated_at.into(),
            data: Json(c.data.clone()),
        })
    }
}

#[derive(Default)]
pub struct SyncQuery;

#[Object]
impl SyncQuery {
    /// The current workspace's changes after `after` (null: from the start), in commit
    /// order, at most `limit` (1–1000) and about 1 MiB per page. A cursor that cannot be
    /// continued is `RESET_REQUIRED`: drop local data and pull from null.
    #[graphql(guard = "WorkspaceRole(Access::Read)", complexity = "super::cost::page(Some(limit), 500, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A cursor from an earlier page or entry; null: from the start.")] after: Option<String>,
        #[graphql(default = 500, desc = "Most entries in the page (1–1000).")] limit: i32,
    ) -> async_graphql::Result<ChangePage> {
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let app = app(ctx)?;
        let limit = usize::try_from(limit).ok().filter(|l| (1..=app.config.sync.page_max_entries).contains(l));
        let limit = limit.ok_or_else(|| ApiError::validation("limit", format!("must be between 1 and {}", app.config.sync.page_max_entries)))?;
        let from = changes::resume_point(&app.pool, workspace_id, after.as_deref()).await?;
        let page = changes::read(&app.pool, workspace_id, from, limit, app.config.sync.page_max_bytes).await?;
        let last = page.changes.last().map_or(from, |c| c.position);
        Ok(ChangePage {
            entries: page.changes.iter().filter_map(ChangeEntry::of).collect(),
            cursor: cursor::encode(workspace_id, last),
            has_more: page.has_more,
        })
    }
}

#[derive(Default)]
pub struct SyncMutation;

#[Object]
impl SyncMutation {
    /// Applies a device's queued offline mutations: exactly once per `seq`, all or nothing,
    /// merged per field by hybrid logical clock (rules in ARCHITECTURE.md).
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn push_changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The device and its queued mutations.")] input: PushInput,
    ) -> async_graphql::Result<PushResult> {
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Write)?;
        let app = app(ctx)?;
        let mut meta = ctx.data::<RequestMeta>()?.event_metadata(workspace_id, &user.user_id);
        meta.client_id = Some(input.client_id.to_string());
        let pusher = Pusher { app, user_id: &user.user_id, workspace_id, client_id: &input.client_id, session_id: &user.session_id, meta };
        let mutations: Vec<push::Mutation> = input.mutations.into_iter().map(to_mutation).collect();
        let pushed = pusher.push(&mutations, input.acknowledged_seq).await?;
        Ok(PushResult {
            client_id: input.client_id.clone(),
            last_seq: pushed.last_seq,
            committed: pushed.committed,
            results: pushed.outcomes.into_iter().map(to_result).collect::<Result<_, _>>()?,
        })
    }
}

#[derive(Default)]
pub struct SyncSubscription;

#[Subscription]
impl SyncSubscription {
    /// The current workspace's changes after `after` (null: from the start): first the
    /// backlog, then live, in commit order, each exactly once. A subscriber that falls too
    /// far behind receives a `RESET_REQUIRED` error and the subscription completes: pull
    /// from the last cursor received, then subscribe again.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A cursor from an earlier page or entry; null: from the start.")] after: Option<String>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<ChangeEntry>>> {
        let (user, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let app: Arc<_> = app(ctx)?.clone();
        crate::sync::follow::check_member(&app.pool, workspace_id, &user.user_id).await?;
        let from = changes::resume_point(&app.pool, workspace_id, after.as_deref()).await?;
        Ok(follow(app, workspace_id.to_owned(), from).filter_map(|change| {
            futures::future::ready(match change {
                Ok(change) => ChangeEntry::of(&change).map(Ok),
                Err(e) => Some(Err(e.into())),
            })
        }))
    }
}

fn to_mutation(m: ClientMutationInput) -> push::Mutation {
    push::Mutation {
        seq: m.seq,
        entity_type: m.entity_type.as_str().to_owned(),
        entity_id: m.entity_id.to_string(),
        op: m.op.into(),
        fields: m.fields.map(|j| j.0),
        base_version: m.base_version,
        hlc: m.hlc,
        client_updated_at: m.client_updated_at.0,
    }
}

fn to_result(o: push::Outcome) -> Result<MutationResult, ApiError> {
    Ok(MutationResult {
        seq: o.seq,
        entity_type: EntityType::stored(&o.entity_type)?,
        entity_id: ID(o.entity_id),
        status: o.status.into(),
        version: o.version,
        lost_fields: o.lost_fields,
        code: o.code,
        field: o.field,
        message: o.message,
    })
}
