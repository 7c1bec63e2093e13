//! The schema as tools see it through introspection, at the default limits: the standard
//! introspection query (graphql-js, every option) passes while the depth limits still refuse
//! abusive documents with `VALIDATION`; the roots are `Query`/`Mutation`/`Subscription`; custom
//! scalars carry `@specifiedBy` and descriptions free of Rust; `entityType` is the enum of the
//! registered kinds; everything a user sees is described; and `@graphql-codegen` generates
//! TypeScript from the live URL (`tests/node/codegen.mjs`).

use std::time::Duration;

use lifeos_tests::{node, GqlClient, TestServer};
use serde_json::{json, Value};

/// graphql-js 16.11 `getIntrospectionQuery` with every option (see the fixture's header).
const INTROSPECTION: &str = include_str!("fixtures/introspection-query.graphql");

/// GraphQL's own scalars, which the spec describes.
const BUILT_IN_SCALARS: &[&str] = &["String", "Int", "Float", "Boolean", "ID"];

fn texts(items: &Value) -> impl Iterator<Item = &Value> {
    items.as_array().into_iter().flatten()
}

fn described(item: &Value) -> bool {
    item["description"].as_str().is_some_and(|d| !d.trim().is_empty())
}

/// async-graphql's generic connection objects (`NoteConnection`...) take no description: the
/// library builds them without one. Their fields are described.
fn library_connection(ty: &Value) -> bool {
    let name = ty["name"].as_str().unwrap_or_default();
    let fields: Vec<&str> = texts(&ty["fields"]).filter_map(|f| f["name"].as_str()).collect();
    name.ends_with("Connection") && fields.contains(&"pageInfo") && fields.contains(&"edges")
}

/// Every type, field, argument, enum value and input field without a description.
fn undescribed(schema: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    for ty in texts(&schema["types"]) {
        let name = ty["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || BUILT_IN_SCALARS.contains(&name) {
            continue;
        }
        if !described(ty) && !library_connection(ty) {
            missing.push(format!("type {name}"));
        }
        for field in texts(&ty["fields"]) {
            let field_name = field["name"].as_str().unwrap_or_default();
            if !described(field) {
                missing.push(format!("{name}.{field_name}"));
            }
            for arg in texts(&field["args"]).filter(|a| !described(a)) {
                missing.push(format!("{name}.{field_name}({})", arg["name"].as_str().unwrap_or_default()));
            }
        }
        for input in texts(&ty["inputFields"]).filter(|f| !described(f)) {
            missing.push(format!("{name}.{}", input["name"].as_str().unwrap_or_default()));
        }
        for value in texts(&ty["enumValues"]).filter(|v| !described(v)) {
            missing.push(format!("{name}.{}", value["name"].as_str().unwrap_or_default()));
        }
    }
    missing
}

fn named<'a>(schema: &'a Value, name: &str) -> &'a Value {
    texts(&schema["types"]).find(|t| t["name"] == name).unwrap_or(&Value::Null)
}

/// The introspection result, fetched without signing in at the default limits.
async fn introspect(client: &GqlClient) -> anyhow::Result<Value> {
    let body = client.run(INTROSPECTION, json!({})).await?;
    anyhow::ensure!(body["errors"].is_null(), "the standard introspection query was refused: {body}");
    Ok(body["data"]["__schema"].clone())
}

#[tokio::test]
async fn the_standard_introspection_query_passes_at_the_default_limits_and_every_item_is_described() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let schema = introspect(&server.client()).await?;
    assert_eq!(schema["queryType"]["name"], "Query");
    assert_eq!(schema["mutationType"]["name"], "Mutation");
    assert_eq!(schema["subscriptionType"]["name"], "Subscription");
    let missing = undescribed(&schema);
    assert!(missing.is_empty(), "{} items without a description:\n{}", missing.len(), missing.join("\n"));
    server.stop().await
}

#[tokio::test]
async fn custom_scalars_are_specified_and_described_without_rust() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let schema = introspect(&server.client()).await?;
    let scalars: Vec<&Value> = texts(&schema["types"])
        .filter(|t| t["kind"] == "SCALAR" && !BUILT_IN_SCALARS.contains(&t["name"].as_str().unwrap_or_default()))
        .collect();
    let names: Vec<&str> = scalars.iter().filter_map(|s| s["name"].as_str()).collect();
    // (`Decimal` and `UtcOffset` are declared too; they appear once a kind has such a field.)
    for expected in ["DateTime", "Date", "JSON", "TimeZone", "CurrencyCode"] {
        assert!(names.contains(&expected), "no scalar {expected} in {names:?}");
    }
    assert!(!names.contains(&"NaiveDate"), "{names:?}");
    for scalar in &scalars {
        let description = scalar["description"].as_str().unwrap_or_default();
        for rust in ["Implement the", "Utc", "NaiveDate", "chrono", "serde", "struct"] {
            assert!(!description.contains(rust), "{} leaks `{rust}`: {description}", scalar["name"]);
        }
    }
    let date_time = named(&schema, "DateTime");
    assert_eq!(date_time["specifiedByURL"], "https://scalars.graphql.org/andimarek/date-time");
    assert!(date_time["description"].as_str().is_some_and(|d| d.contains("RFC 3339") && d.contains("2026-12-01T10:00:00Z")));
    for url_scalar in ["Date", "JSON", "TimeZone", "CurrencyCode"] {
        let url = named(&schema, url_scalar)["specifiedByURL"].as_str().unwrap_or_default();
        assert!(url.starts_with("https://"), "{url_scalar} has no specifiedBy URL");
    }
    server.stop().await
}

#[tokio::test]
async fn entity_type_is_the_enum_of_registered_kinds_and_keeps_its_wire_form() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let schema = introspect(&server.client()).await?;
    let values: Vec<&str> = texts(&named(&schema, "EntityType")["enumValues"]).filter_map(|v| v["name"].as_str()).collect();
    let kinds: Vec<&str> = lifeos_domain::registry::type_names().collect();
    assert_eq!(values, kinds);

    let owner = server.owner().await?;
    let note = owner.client.run("mutation { createNote(input: {title: \"t\"}) { id } }", json!({})).await?;
    let id = note["data"]["createNote"]["id"].clone();
    // A literal in the document, and the same kind as a variable (a plain string in JSON).
    let literal = owner.client.run("query($id: ID!) { history(entityType: Note, id: $id) { version } }", json!({"id": id})).await?;
    assert_eq!(literal["data"]["history"][0]["version"], 1, "{literal}");
    let variable = "query($t: EntityType!, $id: ID!) { history(entityType: $t, id: $id) { version } }";
    let by_variable = owner.client.run(variable, json!({"t": "Note", "id": id})).await?;
    assert_eq!(by_variable["data"]["history"][0]["version"], 1, "{by_variable}");
    let changes = owner.client.run("{ changes { entries { entityType } } }", json!({})).await?;
    assert_eq!(changes["data"]["changes"]["entries"][0]["entityType"], "Note", "{changes}");

    // An unknown kind in variables is refused before any resolver runs: no data at all.
    let unknown = owner.client.run(variable, json!({"t": "Nope", "id": id})).await?;
    assert!(unknown["data"].is_null(), "{unknown}");
    let message = unknown["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Nope") && message.contains("EntityType"), "{unknown}");
    server.stop().await
}

#[tokio::test]
async fn depth_limits_still_refuse_deep_documents_with_a_code() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let refused = |body: &Value, words: &str| {
        assert_eq!(GqlClient::error_code(body), Some("VALIDATION"), "{body}");
        assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains(words)), "{body}");
        assert!(body["data"].is_null(), "{body}");
    };
    // Depth is measured before validation: field names need not exist to be counted.
    let nest = |levels: usize| format!("{{ {}id{} }}", "a { ".repeat(levels - 1), " }".repeat(levels - 1));
    refused(&owner.client.run(&nest(13), json!({})).await?, "nested 13 fields deep");
    let twelve = owner.client.run(&nest(12), json!({})).await?;
    assert!(!twelve.to_string().contains("deep"), "twelve levels are within the default: {twelve}");
    let of_types = format!("{{ __type(name: \"Note\") {} name {} }}", "{ ofType ".repeat(20), "}".repeat(20));
    refused(&owner.client.run(&of_types, json!({})).await?, "introspection is nested");
    let fan_out = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    refused(&owner.client.run(fan_out, json!({})).await?, "list fields");
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_codegen_generates_typescript_from_the_live_url() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let url = server.url("/graphql");
    let env = [("LIFEOS_GRAPHQL_URL", url.as_str())];
    let test = "graphql_codegen_generates_typescript_from_the_live_url";
    if let Some(ran) = node::run(test, "@graphql-codegen/cli", "codegen.mjs", &env, Duration::from_secs(120)).await? {
        let out = &ran.stdout;
        for expected in ["export type Query = {", "export type Mutation = {", "export type QueryNotesArgs", "export enum EntityType", "NotesPageQuery"] {
            assert!(out.contains(expected), "no `{expected}` in the generated TypeScript:\n{out}\nstderr: {}", ran.stderr);
        }
        assert!(!out.contains("QueryRoot"), "{out}");
    }
    server.stop().await
}
