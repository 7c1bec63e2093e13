//! The kind commands, built from the schema at run time: for every listable kind
//! `lifeos <kind> list|show|<verb>` — `task add "Buy milk" --due tomorrow`, `task done ID`,
//! `note list --pinned true`, `account list` — with one `--<field>` flag per input or filter
//! field (`--due` for `dueAt`, `--parent` for `parentId`), `--set field=value` for any
//! field, values typed by the field's GraphQL type (`schema/coerce.rs`). Each command sends
//! one operation of the generated, compile-checked document (`entity.rs`). Per-kind sugar
//! lives in `extras.rs`; nothing here names a kind.

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{Map, Value};

use crate::error::CliError;
use crate::schema::{kebab, Input, Kind, Schema, Verb};
use crate::session::Session;

use super::entity::{get, list, list_fields, mutate, primary, required, verb_fields};
use super::extras;

/// Flags every kind command has, or the globals: a field flag may not take their name.
const RESERVED: [&str; 14] = ["profile", "server", "workspace", "output", "verbose", "no-input", "help", "version", "set", "unset", "limit", "all", "after", "expected-version"];

/// The verbs' everyday names.
fn verb_aliases(verb: &str) -> &'static [&'static str] {
    match verb {
        "create" => &["add", "new"],
        "update" => &["edit", "set"],
        "delete" => &["rm"],
        "complete" => &["done"],
        _ => &[],
    }
}

/// One subcommand per listable kind.
pub fn commands(schema: &Schema) -> Vec<Command> {
    schema.kinds.iter().map(|kind| kind_command(schema, kind)).collect()
}

fn kind_command(schema: &Schema, kind: &Kind) -> Command {
    let mut command = Command::new(kind.command.clone())
        .about(format!("{} entities: list, show and change them", kind.type_name))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .visible_aliases(extras::kind_aliases(&kind.type_name).iter().copied());
    let list = Command::new("list")
        .visible_alias("ls")
        .about(format!("A page of {} (oldest first); --all for every page", kind.list.field))
        .arg(Arg::new("limit").long("limit").value_parser(clap::value_parser!(i64)).default_value("50").help("At most this many per page"))
        .arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help("Follow every page"))
        .arg(Arg::new("after").long("after").help("Start after this cursor"))
        .arg(Arg::new("deleted").long("deleted").action(ArgAction::SetTrue).help("Include deleted ones"));
    let list = field_flags(list, &list_fields(schema, kind), &["deleted"]);
    command = command.subcommand(extras::list_flags(&kind.type_name, list));
    if kind.get.is_some() {
        command = command.subcommand(Command::new("show").visible_alias("get").about("One entity, deleted or not").arg(Arg::new("id").required(true)));
    }
    for verb in &kind.verbs {
        command = command.subcommand(verb_command(schema, kind, verb));
    }
    extras::more_verbs(&kind.type_name, command)
}

fn verb_command(schema: &Schema, kind: &Kind, verb: &Verb) -> Command {
    let fields = verb_fields(schema, verb);
    let sugar = extras::verbs(&kind.type_name);
    let mut command = Command::new(verb.name.clone())
        .visible_aliases(verb_aliases(&verb.name).iter().copied().filter(|a| !sugar.contains(a)))
        .about(verb.operation.description.clone().unwrap_or_default().lines().next().unwrap_or_default().to_owned());
    let takes_id = verb.name != "create" && fields.iter().any(|f| f.name == "id");
    if takes_id {
        command = command.arg(Arg::new("id").required(true).help("The entity's id"));
        if fields.iter().any(|f| f.name == "expectedVersion") {
            command = command.arg(
                Arg::new("expected-version").long("expected-version").value_parser(clap::value_parser!(i64)).help("Its current version (default: read it first)"),
            );
        }
    } else if let Some(primary) = primary(fields) {
        command = command.arg(Arg::new("primary").value_name(primary.name.to_uppercase()).help(format!("The {}", primary.name)));
    }
    let skip: &[&str] = if takes_id { &["id", "expectedVersion"] } else { &[] };
    field_flags(command, fields, skip)
}

/// `--<kebab field>` per field (plus a short alias without `At`/`Id`/`On`), and the generic
/// `--set field=value` / `--unset field`.
fn field_flags(mut command: Command, fields: &[Input], skip: &[&str]) -> Command {
    let mut taken: Vec<String> = RESERVED.iter().chain(skip).map(|s| kebab(s)).collect();
    for field in fields.iter().filter(|f| !skip.contains(&f.name.as_str())) {
        let long = kebab(&field.name);
        if taken.contains(&long) || command.get_arguments().any(|a| a.get_id() == field.name.as_str()) {
            continue;
        }
        taken.push(long.clone());
        let help = field.description.as_deref().unwrap_or_default().lines().next().unwrap_or_default().to_owned();
        let mut arg = Arg::new(field.name.clone()).long(long.clone()).value_name(field.ty.name.to_uppercase()).help(help);
        if let Some(short) = ["-at", "-id", "-on"].iter().find_map(|s| long.strip_suffix(s)).filter(|s| !fields.iter().any(|f| kebab(&f.name) == *s)) {
            if !taken.iter().any(|t| t == short) {
                taken.push(short.to_owned());
                arg = arg.visible_alias(short.to_owned());
            }
        }
        command = command.arg(arg);
    }
    command
        .arg(Arg::new("set").long("set").value_name("FIELD=VALUE").action(ArgAction::Append).help("Set any field (camelCase or kebab-case name)"))
        .arg(Arg::new("unset").long("unset").value_name("FIELD").action(ArgAction::Append).help("Set a field to null"))
}

/// Runs `lifeos <kind> …`.
pub async fn run(session: Session, schema: &Schema, kind: &Kind, matches: &ArgMatches) -> Result<(), CliError> {
    let Some((verb, sub)) = matches.subcommand() else { return Err(CliError::Usage("give a verb; see --help".into())) };
    if let Some(done) = extras::run(&session, schema, kind, verb, sub).await {
        return done;
    }
    match verb {
        "list" => {
            let rows = list(&session, schema, kind, sub, Map::new()).await?;
            session.print(&Value::Array(rows))
        }
        "show" => {
            let id = required(sub, "id")?;
            let row = get(&session, kind, id).await?;
            session.print(&row)
        }
        name => {
            let verb = kind.verbs.iter().find(|v| v.name == name).ok_or_else(|| CliError::Usage(format!("no verb {name}")))?;
            let row = mutate(&session, schema, kind, verb, sub, Map::new()).await?;
            session.print(&row)
        }
    }
}

