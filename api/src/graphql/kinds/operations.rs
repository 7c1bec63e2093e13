//! The generic operations of every kind over GraphQL: each kind's resolvers (generated, or its
//! domain's custom ones) are thin typed shells over these — create / update / delete / restore
//! / transition through the kind's aggregate, answered from the entity's state after the
//! command (read-your-writes), and `get` from the kind's kernel-row table (lists: `list/`).

use std::sync::Arc;

use async_graphql::{Context, SimpleObject, ID};
use lifeos_domain::entity::{EntityCommand, EntityKind, Fields};
use lifeos_events::EventMetadata;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::context::RequestMeta;
use crate::auth::guard::auth;
use crate::auth::Access;
use crate::commands::{valid_id, Fresh, Written};
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::kinds::list::decode;
use crate::graphql::scalars::DateTime;
use crate::state::AppContext;

/// The kernel columns every entity exposes.
#[derive(SimpleObject, Deserialize, Clone)]
pub struct Kernel {
    /// The entity's id: a ULID, or for kinds with a natural key the id derived from it.
    pub id: ID,
    /// When the entity was created.
    pub created_at: DateTime,
    /// When the entity last changed (its latest event).
    pub updated_at: DateTime,
    /// When the entity was soft-deleted; null unless it is deleted.
    pub deleted_at: Option<DateTime>,
    /// Number of events in the entity's history (1 after create).
    pub version: i64,
}

/// Who is acting, where, under which request.
struct Caller {
    app: Arc<AppContext>,
    workspace_id: String,
    session_id: String,
    meta: EventMetadata,
}

fn caller(ctx: &Context<'_>, access: Access) -> async_graphql::Result<Caller> {
    let (user, workspace_id, _) = auth(ctx)?.workspace(access)?;
    let meta = ctx.data::<RequestMeta>()?.event_metadata(workspace_id, &user.user_id);
    Ok(Caller { app: app(ctx)?.clone(), workspace_id: workspace_id.to_owned(), session_id: user.session_id.clone(), meta })
}

/// The fields an input object carries (absent keys omitted, explicit nulls kept).
pub(crate) fn to_fields(input: &impl Serialize) -> Result<Fields, ApiError> {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Ok(Fields::new()),
        Err(e) => Err(ApiError::internal("input serialisation failed", e)),
    }
}

pub(crate) async fn create<K: EntityKind, T: DeserializeOwned>(
    ctx: &Context<'_>,
    id: Option<ID>,
    fields: Fields,
) -> async_graphql::Result<T> {
    let caller = caller(ctx, Access::Write)?;
    // No id given: a kind with a natural key is created at that key's id (it may exist: a
    // repeated create is the same entity), any other at a fresh one.
    let natural = || lifeos_domain::registry::natural_id_of(K::TYPE, &caller.workspace_id, &fields);
    let (id, fresh) = match id {
        Some(id) => (valid_id(&id)?, Fresh::Load),
        None => natural().map_or_else(|| (caller.app.services.ids.new_id(), Fresh::New), |id| (id, Fresh::Load)),
    };
    let command = EntityCommand::Create {
        workspace_id: caller.workspace_id.clone(),
        id: id.clone(),
        fields,
        at: caller.app.services.clock.now(),
    };
    let written = caller.app.commands.entity::<K>(&id, command, &caller.meta, fresh).await?;
    Ok(answer::<K, T>(&caller, written)?)
}

/// The non-create commands, all addressed by id and guarded by the expected version.
pub(crate) enum Change {
    Update(Fields),
    Delete,
    Restore,
    Transition(&'static str),
}

pub(crate) async fn change<K: EntityKind, T: DeserializeOwned>(
    ctx: &Context<'_>,
    id: &ID,
    expected_version: Option<i64>,
    change: Change,
) -> async_graphql::Result<T> {
    let caller = caller(ctx, Access::Write)?;
    let id = valid_id(id)?;
    let at = caller.app.services.clock.now();
    let command = match change {
        Change::Update(patch) => EntityCommand::Update { expected_version, patch, at },
        Change::Delete => EntityCommand::Delete { expected_version, at },
        Change::Restore => EntityCommand::Restore { expected_version, at },
        Change::Transition(name) => EntityCommand::Transition { name: name.to_owned(), expected_version, at },
    };
    let written = caller.app.commands.entity::<K>(&id, command, &caller.meta, Fresh::Load).await?;
    Ok(answer::<K, T>(&caller, written)?)
}

/// The mutation's answer, from the entity's state after the command (what the read row will
/// hold once projected); the caller's session reads its own write from then on.
fn answer<K: EntityKind, T: DeserializeOwned>(caller: &Caller, written: Written<K>) -> Result<T, ApiError> {
    if let Some(position) = written.position {
        caller.app.commands.session_writes.wrote(&caller.session_id, position);
    }
    let entity = written.entity;
    let mut row = serde_json::Map::new();
    row.insert("workspace_id".into(), Value::String(entity.workspace_id.clone()));
    row.insert("id".into(), Value::String(entity.id.clone()));
    row.insert("created_at".into(), serde_json::to_value(entity.created_at).unwrap_or_default());
    row.insert("updated_at".into(), serde_json::to_value(entity.updated_at).unwrap_or_default());
    row.insert("deleted_at".into(), serde_json::to_value(entity.deleted_at).unwrap_or_default());
    row.insert("version".into(), Value::from(entity.version));
    for field in K::SPEC.fields {
        let value = entity.fields.get(field.name).cloned().unwrap_or(Value::Null);
        row.insert(field.column.to_owned(), value);
    }
    decode(Value::Object(row))
}

/// One entity of the caller's workspace (deleted ones too).
pub(crate) async fn get<K: EntityKind, T: DeserializeOwned>(ctx: &Context<'_>, id: &ID) -> async_graphql::Result<Option<T>> {
    let caller = caller(ctx, Access::Read)?;
    let Ok(id) = valid_id(id) else { return Ok(None) };
    Ok(fetch::<K, T>(&caller.app, &caller.workspace_id, &id).await?)
}

async fn fetch<K: EntityKind, T: DeserializeOwned>(app: &AppContext, workspace_id: &str, id: &str) -> Result<Option<T>, ApiError> {
    let sql = format!("SELECT to_jsonb(t) FROM {} t WHERE workspace_id = $1 AND id = $2", K::SPEC.table);
    let row: Option<Value> = sqlx::query_scalar(&sql).bind(workspace_id).bind(id).fetch_optional(&app.pool).await?;
    row.map(decode).transpose()
}

