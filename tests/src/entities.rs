//! The four entity kinds (Note, Task, Person, Place) over GraphQL: one descriptor per kind
//! builds its documents, so a test written once runs against every kind.

use serde_json::{json, Value};

use crate::graphql::GqlClient;

/// The kernel fields every entity exposes.
pub const KERNEL: &str = "id createdAt updatedAt deletedAt version";

/// How one kind is named on the wire and in the database.
pub struct Kind {
    /// GraphQL type and aggregate type, e.g. `Note`.
    pub name: &'static str,
    /// Single-entity query field, e.g. `note`.
    pub one: &'static str,
    /// Connection query field, e.g. `notes`.
    pub many: &'static str,
    /// Read table.
    pub table: &'static str,
}

pub const NOTE: Kind = Kind { name: "Note", one: "note", many: "notes", table: "notes" };
pub const TASK: Kind = Kind { name: "Task", one: "task", many: "tasks", table: "tasks" };
pub const PERSON: Kind = Kind { name: "Person", one: "person", many: "people", table: "people" };
pub const PLACE: Kind = Kind { name: "Place", one: "place", many: "places", table: "places" };

/// A response body and the root field it answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub body: Value,
    pub field: String,
}

impl Reply {
    /// The root field's value; an error if the response carries errors.
    pub fn ok(&self) -> anyhow::Result<Value> {
        anyhow::ensure!(self.body["errors"].is_null(), "{} failed: {}", self.field, self.body);
        Ok(self.body["data"][&self.field].clone())
    }

    /// The first error's `extensions.code`.
    pub fn code(&self) -> Option<&str> {
        GqlClient::error_code(&self.body)
    }

    /// The first error's `extensions.<key>` (e.g. `field`, `currentVersion`).
    pub fn extension(&self, key: &str) -> &Value {
        &self.body["errors"][0]["extensions"][key]
    }
}

impl Kind {
    /// The kind's own output fields (its declared ones, from the registry).
    pub fn fields(&self) -> Vec<&'static str> {
        let spec = lifeos_domain::registry::spec(self.name);
        spec.map(|s| s.fields.iter().map(|f| f.name).collect()).unwrap_or_default()
    }

    /// Kernel plus the kind's fields.
    pub fn selection(&self) -> String {
        format!("{KERNEL} {}", self.fields().join(" "))
    }

    /// The event-store stream of one entity.
    pub fn aggregate_id(workspace_id: &str, id: &str) -> String {
        format!("{workspace_id}:{id}")
    }

    async fn call(&self, client: &GqlClient, field: String, document: String, variables: Value) -> anyhow::Result<Reply> {
        let body = client.run(&document, variables).await?;
        Ok(Reply { body, field })
    }

    /// `create<Kind>(input: $i)`.
    pub async fn create(&self, client: &GqlClient, input: Value) -> anyhow::Result<Reply> {
        let field = format!("create{}", self.name);
        let document = format!("mutation($i: Create{}Input!) {{ {field}(input: $i) {{ {} }} }}", self.name, self.selection());
        self.call(client, field, document, json!({ "i": input })).await
    }

    /// `update<Kind>(input: $i)`; `input` carries `id` and `expectedVersion`.
    pub async fn update(&self, client: &GqlClient, input: Value) -> anyhow::Result<Reply> {
        let field = format!("update{}", self.name);
        let document = format!("mutation($i: Update{}Input!) {{ {field}(input: $i) {{ {} }} }}", self.name, self.selection());
        self.call(client, field, document, json!({ "i": input })).await
    }

    /// Any `input: {id, expectedVersion}` mutation of this kind: `delete`, `restore`, `complete`, `reopen`.
    pub async fn by_version(&self, client: &GqlClient, verb: &str, id: &str, expected_version: i64) -> anyhow::Result<Reply> {
        let field = format!("{verb}{}", self.name);
        let document = format!(
            "mutation($id: ID!, $v: Int!) {{ {field}(input: {{id: $id, expectedVersion: $v}}) {{ {} }} }}",
            self.selection()
        );
        self.call(client, field, document, json!({ "id": id, "v": expected_version })).await
    }

    pub async fn delete(&self, client: &GqlClient, id: &str, expected_version: i64) -> anyhow::Result<Reply> {
        self.by_version(client, "delete", id, expected_version).await
    }

    pub async fn restore(&self, client: &GqlClient, id: &str, expected_version: i64) -> anyhow::Result<Reply> {
        self.by_version(client, "restore", id, expected_version).await
    }

    /// `<kind>(id: $id)`: the entity or null.
    pub async fn get(&self, client: &GqlClient, id: &str) -> anyhow::Result<Reply> {
        let field = self.one.to_owned();
        let document = format!("query($id: ID!) {{ {field}(id: $id) {{ {} }} }}", self.selection());
        self.call(client, field, document, json!({ "id": id })).await
    }

    /// One page of `<kinds>(first, after, includeDeleted)`.
    pub async fn list(
        &self,
        client: &GqlClient,
        first: i64,
        after: Option<&str>,
        include_deleted: bool,
    ) -> anyhow::Result<Reply> {
        let field = self.many.to_owned();
        let document = format!(
            "query($first: Int, $after: String, $deleted: Boolean) {{
               {field}(first: $first, after: $after, includeDeleted: $deleted) {{
                 edges {{ cursor node {{ {} }} }}
                 pageInfo {{ hasNextPage endCursor }}
               }}
             }}",
            self.selection()
        );
        self.call(client, field, document, json!({ "first": first, "after": after, "deleted": include_deleted }))
            .await
    }
}

/// A client that authenticates with `token` against `endpoint` (one per concurrent writer).
pub fn bearer_client(endpoint: String, token: &str) -> GqlClient {
    let mut client = GqlClient::new(endpoint);
    client.bearer = Some(token.to_owned());
    client
}
