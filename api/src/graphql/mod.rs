//! The GraphQL schema: one root per operation kind, merged from per-area objects. The SDL
//! printed by `lifeosd schema` comes from exactly these types (spec-from-code).

mod server_info;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
use sqlx::PgPool;

pub type LifeosSchema = Schema<QueryRoot, EmptyMutation, EmptySubscription>;

#[derive(MergedObject, Default)]
pub struct QueryRoot(server_info::ServerInfoQuery);

fn builder() -> async_graphql::SchemaBuilder<QueryRoot, EmptyMutation, EmptySubscription> {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription)
}

/// The executable schema, with the resources resolvers need.
pub fn build_schema(pool: PgPool) -> LifeosSchema {
    builder().data(pool).finish()
}

/// The schema's SDL. Touches no database.
pub fn sdl() -> String {
    builder().finish().sdl()
}
