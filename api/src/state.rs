//! Shared state handed to every handler: the pool and the schema. Cheap to clone.

use sqlx::PgPool;

use crate::graphql::LifeosSchema;

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub schema: LifeosSchema,
}

impl AppState {
    pub fn new(pool: PgPool) -> Self {
        let schema = crate::graphql::build_schema(pool.clone());
        Self { pool, schema }
    }
}
