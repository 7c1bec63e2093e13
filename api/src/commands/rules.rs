//! Rules that span entities, on the command path (GraphQL mutations and sync pushes alike):
//! right after an entity's decide or merge, every rule its kind declares
//! (`EntityKind::rules`) that the write triggers — judged on what the decided events
//! effectively change — is decided by its rule aggregate (`lifeos_domain::rule`), loaded
//! through the same [`Staging`], and the rule's events join the same batch. Two racing writes
//! then append to the same rule stream: one fails the events primary key
//! ([`CommitError::Conflict`](super::staging::CommitError)), is decided again on fresh state
//! and sees the winner. A refusal is `CONFLICT` naming the field. Every kind's creates also go
//! through the id rule (`ids.rs`: an id names one kind per workspace).
//!
//! Must never read the read tables, nor hold a rule of its own: the decisions are the domain's.

use futures::future::BoxFuture;
use lifeos_domain::entity::{Entity, EntityEvent, EntityKind};
use lifeos_domain::rule::{EntityWrite, RuleAggregate, RuleError, RuleVisitor};

use super::staging::{Loaders, Staging};
use crate::error::ApiError;

/// Decides the rules that `events`, decided for the entity of `stream`
/// (`"{workspace_id}:{entity_id}"`), trigger, and stages the rules' events.
pub async fn check<K: EntityKind>(staging: &mut Staging, loaders: &Loaders, stream: &str, events: &[EntityEvent<K>], metadata: &str) -> Result<(), ApiError> {
    // The one rule every kind has: a create's id is not another kind's.
    super::ids::check_create::<K>(staging, loaders, stream, events).await?;
    let rules = K::rules();
    if rules.is_empty() {
        return Ok(());
    }
    let (workspace_id, entity_id) = stream.split_once(':').ok_or_else(|| ApiError::internal("not an entity stream", stream))?;
    let Some(write) = EntityWrite::of(workspace_id, entity_id, events) else { return Ok(()) };
    // The entity as staged before these events, and after them: what a rule over the entity's
    // whole state (an account's postings) compares.
    let live = |entity: &Entity<K>| (entity.exists() && entity.deleted_at.is_none()).then(|| entity.fields.clone());
    let staged = staging.staged::<K>(stream).cloned().unwrap_or_default();
    let mut after = staged.clone();
    events.iter().for_each(|event| after.evolve(event));
    let write = write.with_states(live(&staged), live(&after));
    for rule in rules {
        for call in rule.triggered(&write) {
            call.visit(Deciding { staging: &mut *staging, loaders, metadata }).await?;
        }
    }
    Ok(())
}

/// Decides one rule command on its aggregate (with the batch's earlier events) and stages
/// the result.
struct Deciding<'a> {
    staging: &'a mut Staging,
    loaders: &'a Loaders,
    metadata: &'a str,
}

impl<'a> RuleVisitor for Deciding<'a> {
    type Output = BoxFuture<'a, Result<(), ApiError>>;

    fn visit<A: RuleAggregate>(self, stream: String, command: A::Command) -> Self::Output {
        Box::pin(async move {
            let rule = self.staging.aggregate::<A>(self.loaders, &stream).await?;
            let events = rule.decide(command).map_err(|e| rule_error(&e))?;
            self.staging.append_to::<A>(&stream, events, self.metadata)
        })
    }
}

fn rule_error(e: &RuleError) -> ApiError {
    match e {
        RuleError::Conflict { field, message } => ApiError::StateConflict { field: (*field).to_owned(), message: message.clone() },
        RuleError::Validation { field, message } => ApiError::validation(*field, message.clone()),
    }
}
