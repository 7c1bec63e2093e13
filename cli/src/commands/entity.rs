//! What a kind command sends, from its parsed flags: a list's pages (filter fields and the
//! list's own arguments split apart), one entity, a verb's mutation (the current version
//! read first when none is given), each as one operation of the generated document. Knows no
//! kind by name and builds no command line (`kinds.rs` does, `extras.rs` adds sugar).

use clap::ArgMatches;
use serde_json::{json, Map, Value};

use crate::error::CliError;
use crate::ops::KINDS_DOCUMENT;
use crate::schema::coerce::coerce;
use crate::schema::documents::{extract, get_name, list_name, verb_name};
use crate::schema::{kebab, Input, Kind, Schema, Verb};
use crate::session::Session;

/// The fields a verb's one `input` argument has (or, for a mutation without one, its args).
pub fn verb_fields<'s>(schema: &'s Schema, verb: &'s Verb) -> &'s [Input] {
    match verb.operation.arguments.as_slice() {
        [only] if only.name == "input" && schema.is_input(&only.ty.name) => schema.input_fields(&only.ty.name),
        arguments => arguments,
    }
}

/// A create's positional value: its `title` or `name`, else its first required text field.
pub fn primary(fields: &[Input]) -> Option<&Input> {
    let text = |f: &&Input| f.ty.name == "String" && !f.ty.list;
    fields.iter().filter(text).find(|f| f.name == "title" || f.name == "name").or_else(|| fields.iter().filter(text).find(|f| f.ty.required))
}

/// The JSON object the flags in `matches` give for `fields`.
pub fn object_from(session: &Session, schema: &Schema, fields: &[Input], matches: &ArgMatches, skip: &[&str]) -> Result<Map<String, Value>, CliError> {
    let mut object = Map::new();
    let mut put = |field: &Input, text: &str| -> Result<(), CliError> {
        let value = coerce(schema, &field.name, &field.ty, text, session.now).map_err(|e| CliError::Usage(format!("--{}: {}", kebab(&e.field), e.message)))?;
        object.insert(field.name.clone(), value);
        Ok(())
    };
    for field in fields.iter().filter(|f| !skip.contains(&f.name.as_str())) {
        if let Ok(Some(text)) = matches.try_get_one::<String>(&field.name) {
            put(field, text)?;
        }
    }
    let named = |name: &str| fields.iter().find(|f| f.name == name || kebab(&f.name) == name);
    for pair in matches.try_get_many::<String>("set").ok().flatten().into_iter().flatten() {
        let (name, text) = pair.split_once('=').ok_or_else(|| CliError::Usage(format!("--set {pair:?}: write FIELD=VALUE")))?;
        let field = named(name.trim()).ok_or_else(|| CliError::Usage(format!("--set: no field {name:?} here")))?;
        put(field, text)?;
    }
    for name in matches.try_get_many::<String>("unset").ok().flatten().into_iter().flatten() {
        let field = named(name.trim()).ok_or_else(|| CliError::Usage(format!("--unset: no field {name:?} here")))?;
        object.insert(field.name.clone(), Value::Null);
    }
    Ok(object)
}

/// The list's arguments every list has (paging, order, the filter object, deleted ones).
const PAGING: [&str; 7] = ["first", "after", "last", "before", "filter", "orderBy", "includeDeleted"];

/// What `list` takes flags for: the filter's fields, then the list's own other arguments
/// (`transactions --account-id …`).
pub fn list_fields(schema: &Schema, kind: &Kind) -> Vec<Input> {
    let filter = kind.list.arguments.iter().find(|a| a.name == "filter").map(|a| schema.input_fields(&a.ty.name).to_vec()).unwrap_or_default();
    let own = kind.list.arguments.iter().filter(|a| !PAGING.contains(&a.name.as_str())).cloned();
    filter.into_iter().chain(own).collect()
}

/// The rows of `list` (every page with `--all`), `extra` merged into the filter.
pub async fn list(session: &Session, schema: &Schema, kind: &Kind, matches: &ArgMatches, extra: Map<String, Value>) -> Result<Vec<Value>, CliError> {
    let given = object_from(session, schema, &list_fields(schema, kind), matches, &[])?;
    let own: Vec<&str> = kind.list.arguments.iter().map(|a| a.name.as_str()).filter(|a| !PAGING.contains(a)).collect();
    let (arguments, mut filter): (Map<String, Value>, Map<String, Value>) = given.into_iter().partition(|(k, _)| own.contains(&k.as_str()));
    filter.extend(extra);
    let page = Page {
        limit: matches.get_one::<i64>("limit").copied().unwrap_or(50),
        after: matches.get_one::<String>("after").cloned(),
        all: matches.get_flag("all"),
        include_deleted: matches.get_flag("deleted"),
    };
    rows(session, kind, &page, filter, arguments).await
}

/// Which rows of a list to fetch.
pub struct Page {
    pub limit: i64,
    pub after: Option<String>,
    /// Follow every page.
    pub all: bool,
    pub include_deleted: bool,
}

/// The rows of `kind`'s list query.
pub async fn rows(session: &Session, kind: &Kind, page: &Page, filter: Map<String, Value>, arguments: Map<String, Value>) -> Result<Vec<Value>, CliError> {
    let mut variables = Value::Object(arguments);
    variables["first"] = json!(page.limit);
    variables["includeDeleted"] = json!(page.include_deleted);
    if !filter.is_empty() {
        variables["filter"] = Value::Object(filter);
    }
    let mut after = page.after.clone();
    let mut rows = Vec::new();
    loop {
        variables["after"] = json!(after);
        let data = call(session, &list_name(kind), &variables).await?;
        let found = &data[kind.list.field.as_str()];
        rows.extend(found["nodes"].as_array().cloned().unwrap_or_default());
        let next = found["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        if !page.all || found["pageInfo"]["hasNextPage"] != json!(true) || next.is_none() {
            return Ok(rows);
        }
        after = next;
    }
}

pub async fn get(session: &Session, kind: &Kind, id: &str) -> Result<Value, CliError> {
    let get = kind.get.as_ref().ok_or_else(|| CliError::Usage(format!("{} has no show", kind.command)))?;
    let data = call(session, &get_name(kind), &json!({"id": id})).await?;
    match data.get(get.field.as_str()) {
        Some(Value::Null) | None => Err(CliError::NotFound(format!("no {} {id}", kind.command))),
        Some(row) => Ok(row.clone()),
    }
}

/// Runs `verb` with the flags in `matches` (and `extra` fields on top).
pub async fn mutate(session: &Session, schema: &Schema, kind: &Kind, verb: &Verb, matches: &ArgMatches, extra: Map<String, Value>) -> Result<Value, CliError> {
    let fields = verb_fields(schema, verb);
    let takes_id = matches.try_get_one::<String>("id").ok().flatten().is_some();
    let skip: &[&str] = if takes_id { &["id", "expectedVersion"] } else { &[] };
    let mut object = object_from(session, schema, fields, matches, skip)?;
    if let (false, Some(primary), Ok(Some(text))) = (takes_id, primary(fields), matches.try_get_one::<String>("primary")) {
        object.insert(primary.name.clone(), json!(text));
    }
    if takes_id {
        let id = required(matches, "id")?;
        object.insert("id".into(), json!(id));
        if fields.iter().any(|f| f.name == "expectedVersion") {
            let version = match matches.try_get_one::<i64>("expected-version").ok().flatten() {
                Some(v) => *v,
                None => get(session, kind, id).await?["version"].as_i64().ok_or_else(|| CliError::Server("the entity has no version".into()))?,
            };
            object.insert("expectedVersion".into(), json!(version));
        }
    }
    object.extend(extra);
    let variables = match verb.operation.arguments.as_slice() {
        [only] if only.name == "input" && schema.is_input(&only.ty.name) => json!({"input": object}),
        _ => Value::Object(object),
    };
    let data = call(session, &verb_name(&verb.operation), &variables).await?;
    Ok(data[verb.operation.field.as_str()].clone())
}

/// Sends operation `name` of the kinds document.
pub async fn call(session: &Session, name: &str, variables: &Value) -> Result<Value, CliError> {
    let query = extract(KINDS_DOCUMENT, name).ok_or_else(|| CliError::Usage(format!("no operation {name} in the kinds document")))?;
    let body = json!({"query": query, "operationName": name, "variables": variables});
    Ok(session.http()?.graphql::<Value>(&body, name).await?)
}

pub fn required<'m>(matches: &'m ArgMatches, id: &str) -> Result<&'m str, CliError> {
    matches.try_get_one::<String>(id).ok().flatten().map(String::as_str).ok_or_else(|| CliError::Usage(format!("<{id}> is required")))
}
