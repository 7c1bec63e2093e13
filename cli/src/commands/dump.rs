//! `dump` and `load`: a workspace's current rows as ndjson — one `{entityType, id, data}`
//! per line, oldest first, paged through the change feed — and the same created in another
//! workspace (same ids, so references between rows hold — natural-key kinds get their new
//! natural ids; new versions and timestamps; a singleton such as Settings is skipped). The
//! full-history archive is the server's export, not this.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use serde_json::{json, Map, Value};

use crate::args::{DumpArgs, LoadArgs};
use crate::error::CliError;
use crate::schema::{Kind, Schema};
use crate::session::Session;

use super::entity;

/// Feed entries per page.
const PAGE: i64 = 500;
/// Kernel columns: the server's, not the kind's fields.
const KERNEL: [&str; 6] = ["id", "createdAt", "updatedAt", "deletedAt", "version", "workspaceId"];

pub async fn dump(session: Session, args: DumpArgs) -> Result<(), CliError> {
    let http = session.http()?;
    // The latest state of every entity, keyed by (type, id).
    let mut latest: BTreeMap<(String, String), Value> = BTreeMap::new();
    let mut after = None;
    loop {
        let page = http.changes(after.take(), PAGE).await?;
        for change in page.entries {
            latest.insert((change.entity_type, change.entity_id), change.data);
        }
        if !page.has_more {
            break;
        }
        after = Some(page.cursor);
    }
    let mut rows: Vec<((String, String), Value)> = latest.into_iter().filter(|(_, data)| args.include_deleted || data["deletedAt"].is_null()).collect();
    // Creation order, so a row comes after the rows it refers to.
    rows.sort_by(|(a_key, a), (b_key, b)| (a["createdAt"].as_str(), &a_key.1).cmp(&(b["createdAt"].as_str(), &b_key.1)));
    let mut out = std::io::stdout().lock();
    for ((entity_type, id), data) in rows {
        writeln!(out, "{}", json!({"entityType": entity_type, "id": id, "data": data}))?;
    }
    out.flush()?;
    Ok(())
}

pub async fn load(session: Session, schema: &Schema, args: LoadArgs) -> Result<(), CliError> {
    let reader: Box<dyn BufRead> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(&args.file).map_err(|e| CliError::Io(format!("{}: {e}", args.file.display())))?))
    };
    let (mut loaded, mut failed, mut skipped) = (0usize, Vec::new(), Vec::new());
    for (number, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let row: Value = serde_json::from_str(&line).map_err(|e| CliError::Usage(format!("line {}: {e}", number + 1)))?;
        let type_name = row["entityType"].as_str().unwrap_or_default();
        let Some(kind) = schema.kinds.iter().find(|k| k.type_name == type_name) else {
            // A singleton (Settings) or a kind this CLI's schema does not know.
            skipped.push(json!({"line": number + 1, "entityType": row["entityType"], "id": row["id"], "reason": "not a listable kind of this schema"}));
            continue;
        };
        match load_row(&session, schema, kind, &row).await {
            Ok(()) => loaded += 1,
            Err(error) => failed.push(json!({"line": number + 1, "entityType": row["entityType"], "id": row["id"], "error": error.to_string()})),
        }
    }
    let ok = failed.is_empty();
    session.print(&json!({"loaded": loaded, "failed": failed, "skipped": skipped}))?;
    if ok {
        Ok(())
    } else {
        Err(CliError::Server("some rows were not loaded (see failed)".into()))
    }
}

/// Creates one dumped row at its id (then deletes it, if it was deleted). A kind with a
/// natural key refuses the old workspace's id (its id derives from the workspace): that row is
/// created at its new natural id instead.
async fn load_row(session: &Session, schema: &Schema, kind: &Kind, row: &Value) -> Result<(), CliError> {
    let type_name = &kind.type_name;
    let create = kind.verbs.iter().find(|v| v.name == "create").ok_or_else(|| CliError::Usage(format!("{type_name} cannot be created")))?;
    let Some(input) = create.operation.arguments.first().filter(|a| a.name == "input") else { return Err(CliError::Usage(format!("{type_name}: unexpected create"))) };
    let accepted: Vec<&str> = schema.input_fields(&input.ty.name).iter().map(|f| f.name.as_str()).collect();
    let data = row["data"].as_object().cloned().unwrap_or_default();
    let mut fields: Map<String, Value> = data.iter().filter(|(k, _)| !KERNEL.contains(&k.as_str()) && accepted.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    if accepted.contains(&"id") {
        fields.insert("id".into(), row["id"].clone());
    }
    let created = match entity::mutate(session, schema, kind, create, &clap::ArgMatches::default(), fields.clone()).await {
        Err(CliError::Invalid { field: Some(field), .. }) if field == "id" => {
            fields.remove("id");
            entity::mutate(session, schema, kind, create, &clap::ArgMatches::default(), fields).await?
        }
        other => other?,
    };
    if !data.get("deletedAt").is_none_or(Value::is_null) {
        if let Some(delete) = kind.verbs.iter().find(|v| v.name == "delete") {
            let version = created["version"].clone();
            let input = Map::from_iter([("id".to_owned(), created["id"].clone()), ("expectedVersion".to_owned(), version)]);
            entity::mutate(session, schema, kind, delete, &clap::ArgMatches::default(), input).await?;
        }
    }
    Ok(())
}
