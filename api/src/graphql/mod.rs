//! The GraphQL schema: one root per operation kind, merged from per-area objects — one per
//! life domain for the entity kinds (`primitives.rs`, later `finance/`...), each merging its
//! kinds' generated operations (`kinds/`) with its custom ones. The schema stays flat (root
//! fields `notes`, `createNote`...). The SDL printed by `lifeosd schema` comes from exactly
//! these types (spec-from-code).

mod access_tokens;
mod accounts;
mod activity;
mod allowlist;
mod audit;
pub(crate) mod budget;
pub(crate) mod cost;
mod depth;
mod dynamic_enum;
mod finance;
mod fasting;
mod habits;
pub(crate) mod entity_type;
mod kinds;
pub mod limits;
mod node;
mod primitives;
mod profile;
pub(crate) mod scalars;
mod search;
mod server_info;
mod sync;
mod types;
mod workspaces;

use std::sync::Arc;

use async_graphql::{MergedObject, MergedSubscription, Schema, SchemaBuilder};

use crate::state::AppContext;

pub type LifeosSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Every query: reads of the current workspace (chosen by the `X-LifeOS-Workspace` header,
/// default the personal one), of the signed-in user, and of the server.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    server_info::ServerInfoQuery,
    accounts::AuthQuery,
    access_tokens::AccessTokenQuery,
    allowlist::AllowlistQuery,
    workspaces::WorkspaceQuery,
    primitives::PrimitivesQuery,
    profile::ProfileQuery,
    finance::FinanceQuery,
    habits::HabitsQuery,
    fasting::FastingQuery,
    audit::AuditQuery,
    activity::ActivityQuery,
    sync::SyncQuery,
    node::NodeQuery,
    search::SearchQuery,
);

/// Every change: accounts and sessions, workspaces and their members, entities of every kind,
/// and offline sync pushes.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    accounts::AuthMutation,
    access_tokens::AccessTokenMutation,
    allowlist::AllowlistMutation,
    workspaces::WorkspaceMutation,
    primitives::PrimitivesMutation,
    profile::ProfileMutation,
    finance::FinanceMutation,
    habits::HabitsMutation,
    fasting::FastingMutation,
    sync::SyncMutation,
);

/// Live feeds over the GraphQL websocket (`graphql-transport-ws`).
#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct SubscriptionRoot(sync::SyncSubscription);

fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot::default())
}

/// The executable schema, with the resources resolvers need and the configured limits.
pub fn build_schema(ctx: Arc<AppContext>) -> LifeosSchema {
    let limits = ctx.config.graphql;
    // Depth, aliases, complexity and the response cap: one extension, so websockets get them too.
    // Metrics outermost, so they count the codes the engine's phases are given; then the
    // engine's own phases' error codes, so they see every other extension's errors.
    let mut builder = builder()
        .extension(crate::observe::graphql::OperationMetrics(ctx.metrics.clone()))
        .extension(crate::http::phases::Phases)
        .extension(crate::http::persisted::Persisted(ctx.persisted.clone()))
        .extension(limits::Limits(limits));
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    builder.data(ctx).finish()
}

/// The schema's SDL, with each custom scalar's `@specifiedBy`. Touches no database.
pub fn sdl() -> String {
    builder().finish().sdl_with_options(async_graphql::SDLExportOptions::new().include_specified_by())
}

/// The application context from resolver data (always present in a served schema).
pub(crate) fn app<'a>(ctx: &'a async_graphql::Context<'_>) -> async_graphql::Result<&'a Arc<AppContext>> {
    ctx.data::<Arc<AppContext>>()
}
