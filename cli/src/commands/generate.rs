//! `completions SHELL` and `man`: generated from the full command tree (the kind commands
//! included), printed to stdout.

use std::io::Write;

use clap::Command;

use crate::error::CliError;

pub fn completions(mut command: Command, shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "lifeos", &mut out);
    out.flush()?;
    Ok(())
}

pub fn man(command: Command) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(())
}
