//! The commands, one module per area; `dispatch` picks one. A command gets the run's
//! `Session`, talks GraphQL through it and prints through it — never the database.

pub mod auth;
pub mod dump;
pub mod entity;
pub mod extras;
pub mod finance;
pub mod generate;
pub mod kinds;
pub mod read;
pub mod tokens;
pub mod watch;

use clap::Command as ClapCommand;

use crate::args::{AuthCommand, Command};
use crate::error::CliError;
use crate::schema::Schema;
use crate::session::Session;

pub async fn dispatch(session: Session, schema: &Schema, command: Command, tree: ClapCommand) -> Result<(), CliError> {
    match command {
        Command::Login(args) => auth::login(session, args).await,
        Command::Logout => auth::logout(session).await,
        Command::Whoami => auth::whoami(session).await,
        Command::Profiles(command) => auth::profiles(session, command),
        Command::Auth(AuthCommand::Status) => auth::status(session),
        Command::Tokens(command) => tokens::run(session, command).await,
        Command::Search(args) => read::search(session, schema, args).await,
        Command::History(args) => read::history(session, schema, args).await,
        Command::AsOf(args) => read::as_of(session, schema, args).await,
        Command::Dump(args) => dump::dump(session, args).await,
        Command::Load(args) => dump::load(session, schema, args).await,
        Command::Watch(args) => watch::run(session, args).await,
        Command::Balances(args) => finance::balances(session, schema, args).await,
        Command::Import(args) => finance::import(session, args).await,
        Command::Completions(args) => generate::completions(tree, args.shell),
        Command::Man => generate::man(tree),
    }
}
