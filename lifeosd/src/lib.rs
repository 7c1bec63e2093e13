//! The `lifeosd` server binary as a library, so tests can boot the real server in-process
//! (port 0, fresh database) and the CLI entry point stays a one-liner.

pub mod cli;
pub mod config;
pub mod projections_cmd;
pub mod database;
pub mod output;
pub mod owner_cmd;
pub mod rebuild_cmd;
pub mod replay_cmd;
pub mod server;
pub mod telemetry;

pub use config::Config;
pub use database::Database;
pub use server::RunningServer;
