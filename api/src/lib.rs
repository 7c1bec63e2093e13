//! The HTTP surface: axum router, the async-graphql schema, accounts and auth, the command
//! side (cqrs-es over postgres-es with read-your-writes), health and readiness probes.
//!
//! Resolvers translate between wire types and domain commands/read models; business rules
//! live in `lifeos-domain`, and read tables are written only by projectors.

// The merged query root of every domain's generated operations nests deeply.
#![recursion_limit = "256"]

pub mod auth;
pub mod commands;
pub mod config;
pub mod contract;
mod embedded;
pub mod error;
mod export;
mod graphiql;
mod graphql;
mod health;
pub mod http;
pub mod import;
mod middleware;
pub mod observe;
mod router;
pub mod schedules;
pub mod services;
mod state;
pub mod sync;

pub use config::{ApiConfig, GraphqlLimits, MetricsConfig, MetricsToken, SyncConfig};
pub use error::ApiError;
pub use contract::contract_json;
pub use graphql::{build_schema, sdl, LifeosSchema};
pub use router::router;
pub use services::{Clock, IdGenerator, Services};
pub use commands::Projected;
pub use state::{AppContext, AppState, StartupError};
