//! Test harness: a fresh PostgreSQL database per test (cloned from a migrated template) and
//! the whole lifeosd server started in-process on port 0 against it. Tests run in parallel
//! (nextest runs each in its own process); nothing is shared but the template.

pub mod arbitrary;
pub mod db;
pub mod entities;
pub mod graphql;
pub mod kinds;
pub mod node;
pub mod process;
pub mod projectors;
pub mod python;
pub mod samples;
pub mod server;
pub mod sync;
pub mod ws;

pub use db::TestDb;
pub use graphql::GqlClient;
pub use server::{owner_input, sign_up, Account, TestServer, OWNER_EMAIL, PASSWORD};
pub use ws::{Closed, GqlWs, ServerMsg, WsOptions};
