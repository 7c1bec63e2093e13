//! `search`, `history` and `as-of`: reading across kinds and back in time.

use serde_json::{json, Value};

use crate::args::{AsOfArgs, EntityRef, SearchArgs};
use crate::dates;
use crate::error::CliError;
use crate::ops::{entity_as_of, history, search, EntityAsOf, History, Search};
use crate::schema::Schema;
use crate::session::Session;

/// `task` → `Task` (the `EntityType` wire value); an unknown kind is a usage error.
pub fn entity_type(schema: &Schema, kind: &str) -> Result<String, CliError> {
    let type_name = schema.kinds.iter().find(|k| k.command == kind || k.type_name == kind).map(|k| k.type_name.clone());
    type_name.ok_or_else(|| CliError::Usage(format!("no kind {kind:?}; one of {}", schema.kinds.iter().map(|k| k.command.as_str()).collect::<Vec<_>>().join(", "))))
}

pub async fn search(session: Session, schema: &Schema, args: SearchArgs) -> Result<(), CliError> {
    let kinds = args.kinds.iter().map(|k| entity_type(schema, k)).collect::<Result<Vec<_>, _>>()?;
    let variables = search::Variables { query: args.query, kinds: (!kinds.is_empty()).then_some(kinds), first: Some(args.limit), after: None };
    let hits = session.http()?.execute::<Search>(variables).await?.search.nodes;
    let rows: Vec<Value> = hits
        .into_iter()
        .map(|hit| {
            let snippet: String = hit.snippet.iter().map(|p| if p.highlighted { format!("[{}]", p.text) } else { p.text.clone() }).collect();
            json!({"entityType": hit.entity_type, "id": hit.node.id, "rank": hit.rank, "snippet": snippet})
        })
        .collect();
    session.print(&Value::Array(rows))
}

pub async fn history(session: Session, schema: &Schema, args: EntityRef) -> Result<(), CliError> {
    let variables = history::Variables { entity_type: entity_type(schema, &args.kind)?, id: args.id.clone() };
    let entries = session.http()?.execute::<History>(variables).await?.history;
    if entries.is_empty() {
        return Err(CliError::NotFound(format!("no {} {}", args.kind, args.id)));
    }
    session.print(&serde_json::to_value(entries)?)
}

pub async fn as_of(session: Session, schema: &Schema, args: AsOfArgs) -> Result<(), CliError> {
    let at = args.at.as_deref().map(|t| dates::instant(t, session.now).map(dates::format_instant)).transpose().map_err(|e| CliError::Usage(format!("--at: {e}")))?;
    let variables = entity_as_of::Variables { entity_type: entity_type(schema, &args.entity.kind)?, id: args.entity.id.clone(), at, version: args.at_version };
    match session.http()?.execute::<EntityAsOf>(variables).await?.entity_as_of {
        Some(Value::Null) | None => Err(CliError::NotFound(format!("no {} {} then", args.entity.kind, args.entity.id))),
        Some(row) => session.print(&row),
    }
}
