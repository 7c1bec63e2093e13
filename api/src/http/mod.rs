//! GraphQL over HTTP at `/graphql` (the GraphQL-over-HTTP spec, as graphql-http's audit,
//! Apollo Client and urql expect it): POST (JSON only: the CSRF rule in `router.rs`) and GET
//! (queries only; a browser asking for a page gets GraphiQL) both go through
//! [`handler::run`], the one place the schema is executed over HTTP. Around it: content
//! negotiation (`accept`), the request parameters (`params`), automatic persisted queries
//! (`persisted`), the error codes of the engine's own phases (`phases`), the answer's status
//! and body (`response`), and the one origin rule for CORS and cookie websockets (`origin`).

mod accept;
pub(crate) mod handler;
mod origin;
mod params;
pub(crate) mod persisted;
pub(crate) mod phases;
mod response;

pub use origin::OriginPolicy;
pub use persisted::PersistedQueries;
