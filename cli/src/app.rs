//! One run of `lifeos`: build the command tree (the fixed commands and one per kind of the
//! schema), parse, build the session, dispatch, and turn the outcome into an exit code with
//! the error on stderr. The only place that decides what the process prints on failure.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use crate::args::{Cli, Command, Globals};
use crate::commands;
use crate::credentials::EnvLookup;
use crate::error::CliError;
use crate::schema::Schema;
use crate::session::Session;

/// The whole command tree.
pub fn command_tree(schema: &Schema) -> clap::Command {
    Cli::command().subcommands(commands::kinds::commands(schema))
}

/// Runs the command line `args` and returns the process's exit code.
pub async fn run(args: Vec<OsString>, env: EnvLookup) -> i32 {
    match execute(args, env).await {
        Ok(()) => 0,
        Err(CliError::Reported(code)) => code,
        Err(error) => {
            eprintln!("lifeos: {error}");
            error.exit_code()
        }
    }
}

async fn execute(args: Vec<OsString>, env: EnvLookup) -> Result<(), CliError> {
    let schema = Schema::embedded().map_err(|e| CliError::Config(e.to_string()))?;
    let tree = command_tree(&schema);
    let matches = match tree.clone().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            // Help and version are not failures; clap prints them (and usage errors) itself.
            let code = error.exit_code();
            // Nothing more to say if even stderr is gone.
            let _ = error.print();
            return if code == 0 { Ok(()) } else { Err(CliError::Reported(code)) };
        }
    };
    let globals = Globals::from_arg_matches(&matches).map_err(|e| CliError::Usage(e.to_string()))?;
    let session = Session::new(globals, env, chrono::Utc::now())?;
    if let Some((name, sub)) = matches.subcommand() {
        if let Some(kind) = schema.kind(name) {
            return commands::kinds::run(session, &schema, kind, sub).await;
        }
    }
    let command = Command::from_arg_matches(&matches).map_err(|e| CliError::Usage(e.to_string()))?;
    commands::dispatch(session, &schema, command, tree).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command of the tree — the kinds' included — is well formed (clap's own checks:
    /// unique names, aliases and flags).
    #[test]
    fn the_whole_command_tree_is_well_formed() -> Result<(), crate::schema::SchemaError> {
        command_tree(&Schema::embedded()?).debug_assert();
        Ok(())
    }
}
