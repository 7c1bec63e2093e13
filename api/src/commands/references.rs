//! Reference checks, in one place on the command path (GraphQL mutations and sync pushes
//! alike): every reference field a command names (declared by its kind, `FieldSpec::reference`)
//! must name a live entity of the declared kind in the command's workspace — checked against
//! the **write side**: the event store, plus the entities this batch already staged. So a
//! target created a moment ago (not projected yet), or earlier in the same push, is accepted,
//! and one deleted a moment ago is refused. Entity streams are scoped to their workspace, so an
//! id from another workspace names nothing here. Refusals are `VALIDATION` on the field.
//! A reference the command leaves as it is (same value, and for a typed reference the same
//! type) is not checked again: a re-sent create stays idempotent, and an edit of other fields
//! is not refused because the target was deleted since the reference was made.
//!
//! Must never read the read tables (they lag the write side).

use futures::future::BoxFuture;
use lifeos_domain::entity::{EntityKind, Fields};
use lifeos_domain::kind::Reference;
use lifeos_domain::registry::{self, KindVisitor};
use serde_json::Value;

use super::entity_stream;
use super::staging::{Liveness, Loaders, Staging};
use crate::error::ApiError;

/// Everything a write of `actor` to an entity of kind `K` must pass before it is decided, for
/// GraphQL commands and sync pushes alike: its owner field ([`check_owner`]), then the
/// references among the fields it names (`named`; None for a delete or restore). `current`:
/// the entity's fields before the write.
pub async fn check_write<K: EntityKind>(
    staging: &mut Staging,
    loaders: &Loaders,
    workspace_id: &str,
    actor: &str,
    named: Option<&Fields>,
    current: &Fields,
) -> Result<(), ApiError> {
    check_owner::<K>(named, current, actor)?;
    match named {
        Some(named) => check::<K>(staging, loaders, workspace_id, named, current).await,
        None => Ok(()),
    }
}

/// Checks the reference fields `named` by a command on an entity of kind `K`, whose fields
/// before the command are `current` (for a reference typed by another field).
async fn check<K: EntityKind>(staging: &mut Staging, loaders: &Loaders, workspace_id: &str, named: &Fields, current: &Fields) -> Result<(), ApiError> {
    // References inside field values (a transaction's postings), when the field changes.
    for (field, kind, target) in K::inner_references(named) {
        if named.get(field) == current.get(field) {
            continue;
        }
        live(staging, loaders, workspace_id, field, kind, &target).await?;
    }
    for (field, reference) in K::SPEC.references() {
        let Some(value) = named.get(field.name) else { continue };
        if unchanged(field.name, reference, named, current) {
            continue;
        }
        let target = match value {
            Value::Null => continue,
            Value::String(text) => lifeos_domain::values::parse_ulid(text)
                .ok_or_else(|| ApiError::validation(field.name, "must be a ULID"))?
                .to_string(),
            _ => return Err(ApiError::validation(field.name, "must be the id of an entity")),
        };
        let target_type = match reference {
            Reference::Kind(kind) => kind.to_owned(),
            Reference::TypedBy(type_field) => match named.get(type_field).or_else(|| current.get(type_field)) {
                Some(Value::String(kind)) => kind.clone(),
                _ => return Err(ApiError::validation(type_field, "must name the entity type")),
            },
        };
        if registry::spec(&target_type).is_none() {
            let type_field = match reference {
                Reference::TypedBy(type_field) => type_field,
                Reference::Kind(_) => field.name,
            };
            return Err(ApiError::validation(type_field, format!("{target_type} is not an entity type")));
        }
        live(staging, loaders, workspace_id, field.name, &target_type, &target).await?;
    }
    Ok(())
}

/// `target` must be a live `kind` of the workspace on the write side (`VALIDATION` on `field`).
async fn live(staging: &mut Staging, loaders: &Loaders, workspace_id: &str, field: &str, kind: &str, target: &str) -> Result<(), ApiError> {
    let target = lifeos_domain::values::parse_ulid(target).ok_or_else(|| ApiError::validation(field, "must be a ULID"))?.to_string();
    let stream = entity_stream(workspace_id, &target);
    let lookup = Lookup { staging: &mut *staging, loaders, stream: &stream };
    let liveness = registry::visit(kind, lookup).ok_or_else(|| ApiError::validation(field, format!("{kind} is not an entity type")))?;
    match liveness.await? {
        Liveness::Alive => Ok(()),
        Liveness::Missing => Err(ApiError::validation(field, format!("no such {kind} in this workspace: {target}"))),
        Liveness::Deleted => Err(ApiError::validation(field, format!("the {kind} {target} is deleted"))),
    }
}

/// Whether the command leaves the reference in `field` as the entity holds it.
fn unchanged(field: &str, reference: Reference, named: &Fields, current: &Fields) -> bool {
    let same = |name: &str| named.get(name).is_none_or(|v| current.get(name) == Some(v));
    same(field)
        && match reference {
            Reference::Kind(_) => true,
            Reference::TypedBy(type_field) => same(type_field),
        }
}

/// Loads a target of the kind chosen at run time.
struct Lookup<'a> {
    staging: &'a mut Staging,
    loaders: &'a Loaders,
    stream: &'a str,
}

impl<'a> KindVisitor for Lookup<'a> {
    type Output = BoxFuture<'a, Result<Liveness, ApiError>>;

    fn visit<K: EntityKind>(self) -> Self::Output {
        Box::pin(async move { self.staging.liveness::<K>(self.loaders, self.stream).await })
    }
}

/// The owner field (declared `owner`, e.g. Settings' `userId`): only the user it names may
/// write the entity — on create the named value, afterwards the stored one, must be `actor`.
/// `FORBIDDEN` otherwise, so a workspace member cannot write another member's own entities.
fn check_owner<K: EntityKind>(named: Option<&Fields>, current: &Fields, actor: &str) -> Result<(), ApiError> {
    for field in K::SPEC.fields.iter().filter(|f| f.owner) {
        let owner = current.get(field.name).filter(|v| v.as_str().is_some_and(|s| !s.is_empty()));
        let owner = owner.or_else(|| named.and_then(|n| n.get(field.name)));
        if owner.and_then(Value::as_str).is_some_and(|owner| !owner.eq_ignore_ascii_case(actor)) {
            return Err(ApiError::forbidden(format!("this {} belongs to another user", K::TYPE)));
        }
        if let Some(given) = named.and_then(|n| n.get(field.name)) {
            if given.as_str().is_none_or(|g| !g.eq_ignore_ascii_case(actor)) {
                return Err(ApiError::forbidden(format!("{} must be your own user id", field.name)));
            }
        }
    }
    Ok(())
}
