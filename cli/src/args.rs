//! The command line's fixed part (clap derive): global flags and the commands that are not a
//! kind's. The kind commands (`lifeos task add …`) are built from the schema at run time
//! (`commands/kinds.rs`) and joined to these, so help, completions and the man page list
//! them all.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

/// LifeOS from the command line: notes, tasks, people, places, finance — a GraphQL client of
/// a LifeOS server. Exit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 not found, 5 conflict.
#[derive(Debug, Parser)]
#[command(name = "lifeos", version, propagate_version = true, subcommand_required = true, arg_required_else_help = true)]
pub struct Cli {
    #[command(flatten)]
    pub globals: Globals,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args, Default)]
pub struct Globals {
    /// The profile to use (default: the current one, see `lifeos profiles use`).
    #[arg(long, global = true, env = "LIFEOS_PROFILE")]
    pub profile: Option<String>,
    /// The server's URL, overriding the profile's (also LIFEOS_SERVER).
    #[arg(long, global = true)]
    pub server: Option<String>,
    /// The workspace to act in, overriding the profile's (also LIFEOS_WORKSPACE).
    #[arg(long, global = true, env = "LIFEOS_WORKSPACE")]
    pub workspace: Option<String>,
    /// How to print data: table on a terminal, json when piped, unless set here or in the profile.
    #[arg(short, long, global = true, value_enum)]
    pub output: Option<Format>,
    /// Show each request's operation, status, request id and time on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Never prompt (the file passphrase then comes only from LIFEOS_CLI_PASSPHRASE).
    #[arg(long, global = true)]
    pub no_input: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in to a server (--server URL, else the profile's) and keep the session token in
    /// the credential store.
    Login(LoginArgs),
    /// Sign out: revoke the session on the server and forget its token here.
    Logout,
    /// Who the current profile is signed in as, and where.
    Whoami,
    /// The configured profiles.
    #[command(subcommand)]
    Profiles(ProfilesCommand),
    /// The credential store.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Personal access tokens for scripts.
    #[command(subcommand)]
    Tokens(TokensCommand),
    /// Full-text search across kinds.
    Search(SearchArgs),
    /// An entity's history: every event, who caused it, what changed.
    History(EntityRef),
    /// An entity as it was at an instant or a version.
    AsOf(AsOfArgs),
    /// The workspace's current rows as ndjson (one {entityType, id, data} per line).
    Dump(DumpArgs),
    /// Create the rows of a dump in the current workspace (new versions and timestamps).
    Load(LoadArgs),
    /// Print live changes as ndjson until interrupted.
    Watch(WatchArgs),
    /// Accounts with their balances.
    Balances(BalancesArgs),
    /// Import a bank statement (OFX/QFX or CSV) into an account; lines seen before are skipped.
    Import(ImportArgs),
    /// Shell completions, printed to stdout.
    Completions(CompletionsArgs),
    /// The man page (roff), printed to stdout.
    Man,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The account's email (prompted if left out).
    #[arg(long)]
    pub email: Option<String>,
    /// Read the password from stdin (first line) instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
    /// Keep a token you already have (a personal access token) instead of signing in: read
    /// from stdin, checked against the server, then stored like a session's.
    #[arg(long, conflicts_with_all = ["email", "password_stdin"])]
    pub token_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// Every profile, its server and whether it is current.
    List,
    /// Make a profile the current one.
    Use { name: String },
    /// Forget a profile and its stored credential.
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Which backend holds each profile's credential.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Create a token; it is printed once.
    Create(TokenCreateArgs),
    /// Your tokens that still work.
    List,
    /// Revoke a token: it stops working at once.
    Revoke { id: String },
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// What the token is for.
    pub name: String,
    /// What it may do: read (queries, pulls) or write (also mutations and pushes).
    #[arg(long, value_enum, default_value_t = Scope::Read)]
    pub scope: Scope,
    /// Short for --scope write.
    #[arg(long, conflicts_with = "scope")]
    pub write: bool,
    /// A workspace it may act in (repeatable; default the one this command acts in).
    #[arg(long = "scope-workspace")]
    pub workspaces: Vec<String>,
    /// When it stops working: RFC 3339, a date, or +30d.
    #[arg(long)]
    pub expires: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scope {
    Read,
    Write,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    pub query: String,
    /// Only these kinds (repeatable), e.g. --kind note.
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
}

#[derive(Debug, Args)]
pub struct EntityRef {
    /// The kind, e.g. note, task, transaction.
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Args)]
pub struct AsOfArgs {
    #[command(flatten)]
    pub entity: EntityRef,
    /// The instant (RFC 3339, a date, -2d…).
    #[arg(long, conflicts_with = "at_version")]
    pub at: Option<String>,
    /// The version (1 = as created).
    #[arg(long)]
    pub at_version: Option<i64>,
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// Include deleted rows.
    #[arg(long)]
    pub include_deleted: bool,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The dump (ndjson); `-` for stdin.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Start after this feed cursor (default: only changes from now on).
    #[arg(long, conflicts_with = "from_start")]
    pub after: Option<String>,
    /// Start from the workspace's first change.
    #[arg(long)]
    pub from_start: bool,
    /// Stop after this many changes.
    #[arg(long)]
    pub count: Option<usize>,
}

#[derive(Debug, Args)]
pub struct BalancesArgs {
    /// Include closed accounts.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The statement file.
    pub file: PathBuf,
    /// The account it belongs to.
    #[arg(long)]
    pub account: String,
    /// ofx, qfx or csv (default: from the file's extension).
    #[arg(long)]
    pub format: Option<String>,
    /// For CSV: the column mapping, JSON (e.g. {"date":"Date","amount":"Amount","payee":"Payee"}).
    #[arg(long)]
    pub mapping: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}
