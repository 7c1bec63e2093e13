//! The Relay `Node` interface and `node(id:)` / `nodes(ids:)`: every registered kind's output
//! object implements `Node { id: ID! }` (generated from the registry, so a new kind is a Node
//! without being listed here), and an id resolves within the current workspace whatever its
//! kind — ids are unique across kinds in a workspace (`commands/ids.rs`), and `entity_ids`
//! says which kind has one. `id` stays the entity's raw ULID (sync and links use it as is).
//! Like the single-entity queries, deleted entities are answered (with `deletedAt`).
//!
//! Reads cost one query for the ids' kinds and one per kind present, never one per id. Must
//! never write, and never answer an entity of another workspace.

use std::collections::HashMap;

use async_graphql::{Context, Interface, Object, ID};
use lifeos_domain::entity::EntityKind;
use serde_json::Value;
use sqlx::PgPool;

use super::kinds;
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::commands::valid_id;
use crate::error::ApiError;
use crate::graphql::{app, cost};

/// The most ids one `nodes` call may name.
pub const MAX_IDS: usize = 100;

macro_rules! node_interface {
    ($($domain:ident [$($kind:ident)*])*) => {
        pastey::paste! {
            /// An entity of any kind, addressed by its id alone (Relay's object identification).
            #[derive(Interface, Clone)]
            #[graphql(field(name = "id", ty = "&ID", method = "node_id", desc = "The entity's ULID, unique across kinds within its workspace."))]
            pub enum Node {
                $($( [<$kind:camel>](kinds::$kind::[<$kind:camel>]), )*)*
            }

            impl Node {
                /// A read row (`to_jsonb` of the kind's table) of the kind named `entity_type`
                /// as its node (None: no such kind).
                fn from_row(entity_type: &str, row: Value) -> Result<Option<Self>, ApiError> {
                    $($(
                        if entity_type == <lifeos_domain::$domain::$kind::[<$kind:camel Kind>] as EntityKind>::TYPE {
                            return decode(row).map(|object| Some(Node::[<$kind:camel>](object)));
                        }
                    )*)*
                    Ok(None)
                }
            }

            $($(
                impl kinds::$kind::[<$kind:camel>] {
                    /// The `Node.id` of this kind's object: its kernel id.
                    async fn node_id(&self, _: &Context<'_>) -> async_graphql::Result<&ID> {
                        Ok(&self.kernel.id)
                    }
                }
            )*)*
        }
    };
}
lifeos_domain::for_each_kind!(node_interface);

fn decode<T: serde::de::DeserializeOwned>(row: Value) -> Result<T, ApiError> {
    serde_json::from_value(row).map_err(|e| ApiError::internal("read row does not match its type", e))
}

/// The nodes of `(entity type, id)` pairs of one workspace, keyed by the pair: one query per
/// kind present. A pair whose row is not there (not projected yet, no such kind) is left out.
pub(crate) async fn load_typed(pool: &PgPool, workspace_id: &str, pairs: &[(String, String)]) -> Result<HashMap<(String, String), Node>, ApiError> {
    let mut by_kind: HashMap<&str, Vec<&str>> = HashMap::new();
    for (kind, id) in pairs {
        by_kind.entry(kind.as_str()).or_default().push(id.as_str());
    }
    let mut found = HashMap::with_capacity(pairs.len());
    for (kind, ids) in by_kind {
        let Some(spec) = lifeos_domain::registry::spec(kind) else { continue };
        let sql = format!("SELECT to_jsonb(t) FROM {} t WHERE workspace_id = $1 AND id = ANY($2)", spec.table);
        let rows: Vec<Value> = sqlx::query_scalar(&sql).bind(workspace_id).bind(&ids).fetch_all(pool).await?;
        for row in rows {
            let id = row.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
            if let Some(node) = Node::from_row(spec.type_name, row)? {
                found.insert((spec.type_name.to_owned(), id), node);
            }
        }
    }
    Ok(found)
}

/// The nodes of ids of one workspace, whatever their kinds, keyed by id: one query for the
/// kinds (`entity_ids`), then [`load_typed`].
async fn load(pool: &PgPool, workspace_id: &str, ids: &[String]) -> Result<HashMap<String, Node>, ApiError> {
    let pairs: Vec<(String, String)> =
        sqlx::query_as("SELECT entity_type, id FROM entity_ids WHERE workspace_id = $1 AND id = ANY($2)")
            .bind(workspace_id)
            .bind(ids)
            .fetch_all(pool)
            .await?;
    Ok(load_typed(pool, workspace_id, &pairs).await?.into_iter().map(|((_, id), node)| (id, node)).collect())
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The entity of the current workspace with this id, whatever its kind; deleted ones
    /// included (see `deletedAt`); null if there is none.
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn node(&self, ctx: &Context<'_>, #[graphql(desc = "The entity's id (a ULID).")] id: ID) -> async_graphql::Result<Option<Node>> {
        let id = valid_id(&id)?;
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        Ok(load(&app(ctx)?.pool, workspace_id, std::slice::from_ref(&id)).await?.remove(&id))
    }

    /// The entities of the current workspace with these ids (at most 100), in the order
    /// asked, whatever their kinds; null where there is none.
    #[graphql(guard = "WorkspaceRole(Access::Read)", complexity = "cost::list(ids.len(), child_complexity)")]
    async fn nodes(&self, ctx: &Context<'_>, #[graphql(desc = "The entities' ids (at most 100).")] ids: Vec<ID>) -> async_graphql::Result<Vec<Option<Node>>> {
        if ids.len() > MAX_IDS {
            return Err(ApiError::validation("ids", format!("at most {MAX_IDS} ids per call")).into());
        }
        let ids = ids
            .iter()
            .enumerate()
            .map(|(i, id)| valid_id(id).map_err(|_| ApiError::validation("ids", format!("ids[{i}] must be a ULID"))))
            .collect::<Result<Vec<String>, ApiError>>()?;
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let found = load(&app(ctx)?.pool, workspace_id, &ids).await?;
        Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
    }
}
