//! Entity ids are unique across kinds within a workspace (so `node(id:)` names one entity): a
//! write that would create an entity whose id an entity of another kind already has — in the
//! event store, or earlier in the same batch — is refused with `CONFLICT` on `id`, for GraphQL
//! creates and pushes alike, and writes nothing.
//!
//! Decided on the write side: `entity_ids` (workspace, id → kind) gets the entity's row in the
//! same transaction as its first events ([`write_claims`]), under a primary key. Two racing
//! creates of one id as two kinds: the second waits on the key, finds the other kind, and its
//! batch fails as a [`CommitError::Conflict`]; decided again, it sees the winner here and is
//! refused — the same answer as if the other had committed earlier. Must never read the read
//! tables.

use std::collections::HashSet;

use lifeos_domain::entity::{EntityEvent, EntityKind};
use sqlx::PgConnection;

use super::staging::{Claim, CommitError, Loaders, Staging};
use crate::error::ApiError;

/// Refuses `events` for the entity of `stream` if they create it (it does not exist yet) at an
/// id another kind has; otherwise a create claims the id for the batch.
pub async fn check_create<K: EntityKind>(staging: &mut Staging, loaders: &Loaders, stream: &str, events: &[EntityEvent<K>]) -> Result<(), ApiError> {
    let creates = !events.is_empty() && staging.staged::<K>(stream).is_some_and(|e| !e.exists());
    if !creates {
        return Ok(());
    }
    let (workspace_id, id) = stream.split_once(':').ok_or_else(|| ApiError::internal("not an entity stream", stream))?;
    let taken = match (staging.claimed(workspace_id, id), staging.known_kind(workspace_id, id)) {
        (Some(kind), _) => Some(kind.to_owned()),
        // Looked up with the batch's other ids (`preload.rs`).
        (None, Some(known)) => known.map(str::to_owned),
        (None, None) => kind_of(loaders, workspace_id, id).await?,
    };
    if let Some(kind) = taken.filter(|kind| kind != K::TYPE) {
        return Err(ApiError::StateConflict {
            field: "id".into(),
            message: format!("this id already names a {kind} in this workspace; ids are unique across kinds"),
        });
    }
    staging.claim(Claim { workspace_id: workspace_id.to_owned(), id: id.to_owned(), entity_type: K::TYPE });
    Ok(())
}

/// The kind that has `id` in the workspace, if any (committed writes).
async fn kind_of(loaders: &Loaders, workspace_id: &str, id: &str) -> Result<Option<String>, ApiError> {
    Ok(sqlx::query_scalar("SELECT entity_type FROM entity_ids WHERE workspace_id = $1 AND id = $2")
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(loaders.pool())
        .await?)
}

/// Writes the batch's claims in its transaction, before its events. A claim of an id another
/// kind holds (a racing create that committed first) fails the batch as a conflict, so it is
/// decided again and refused by [`check_create`]. The same kind again (a racing create of the
/// same entity) passes here; the events' primary key then decides.
pub async fn write_claims(claims: &[Claim], tx: &mut PgConnection) -> Result<(), CommitError> {
    let kept = insert_claims(&claims.iter().collect::<Vec<_>>(), tx).await?;
    if kept.len() < claims.len() {
        return Err(CommitError::Conflict);
    }
    Ok(())
}

/// Writes claims of distinct (workspace, id) keys in one statement; returns the keys kept
/// (new, or already this kind's). A key missing from the answer is held by another kind.
pub(super) async fn insert_claims(claims: &[&Claim], tx: &mut PgConnection) -> Result<HashSet<(String, String)>, CommitError> {
    if claims.is_empty() {
        return Ok(HashSet::new());
    }
    // In key order, so two batches claiming the same ids never wait on each other in a cycle.
    let mut claims = claims.to_vec();
    claims.sort_by(|a, b| (&a.workspace_id, &a.id).cmp(&(&b.workspace_id, &b.id)));
    // DO UPDATE (not NOTHING): it waits for a racing claim and then sees its committed row.
    let kept: Vec<(String, String)> = sqlx::query_as(
        "INSERT INTO entity_ids (workspace_id, id, entity_type)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (workspace_id, id) DO UPDATE SET entity_type = EXCLUDED.entity_type
          WHERE entity_ids.entity_type = EXCLUDED.entity_type
         RETURNING workspace_id, id",
    )
    .bind(claims.iter().map(|c| c.workspace_id.as_str()).collect::<Vec<_>>())
    .bind(claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>())
    .bind(claims.iter().map(|c| c.entity_type).collect::<Vec<_>>())
    .fetch_all(&mut *tx)
    .await?;
    Ok(kept.into_iter().collect())
}
