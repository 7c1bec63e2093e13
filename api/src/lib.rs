//! The HTTP surface: axum router, the async-graphql schema, health and readiness probes,
//! and the request middleware (request id, tracing span, body limit).
//!
//! Resolvers translate between wire types and domain commands/read models; they hold no
//! business rules and never write SQL against the event store directly.

mod graphql;
mod health;
mod middleware;
mod router;
mod state;

pub use graphql::{build_schema, sdl, LifeosSchema};
pub use router::{router, HttpLimits};
pub use state::AppState;
