//! The profile domain over GraphQL: the signed-in user's `settings` in the current workspace
//! (null until first saved) and `updateSettings`, which creates them on first use. Their id is
//! the natural id of the user, so every device addresses the same entity.

use async_graphql::{Context, InputObject, MergedObject, Object, ID};
use lifeos_domain::ids::natural_id;
use lifeos_domain::profile::settings::SettingsKind;
use serde_json::Value;

use super::kinds::operations::{change, create, get, to_fields, Change};
use super::kinds::settings::{Settings, SettingsPatch};
use super::kinds::{ProfileKindMutation, ProfileKindQuery};
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};

#[derive(MergedObject, Default)]
pub struct ProfileQuery(ProfileKindQuery, SettingsQuery);

#[derive(MergedObject, Default)]
pub struct ProfileMutation(ProfileKindMutation, SettingsMutation);

/// The caller's settings id in the current workspace.
fn settings_id(ctx: &Context<'_>, access: Access) -> async_graphql::Result<(String, String)> {
    let (user, workspace_id, _) = auth(ctx)?.workspace(access)?;
    Ok((natural_id("Settings", workspace_id, &[&user.user_id]), user.user_id.clone()))
}

#[derive(Default)]
pub struct SettingsQuery;

#[Object]
impl SettingsQuery {
    /// Your settings in the current workspace; null until first saved (defaults apply).
    #[graphql(guard = "WorkspaceRole(Access::Read)")]
    async fn settings(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Settings>> {
        let (id, _) = settings_id(ctx, Access::Read)?;
        get::<SettingsKind, Settings>(ctx, &ID(id)).await
    }
}

/// The settings to change, and optionally the version they must be at. (Named like every
/// kind's update input; Settings' generated one, addressed by id, is not in the schema.)
#[derive(InputObject)]
#[graphql(name = "UpdateSettingsInput")]
pub struct SettingsUpdate {
    /// When given, must be the current version (0: they must not exist yet).
    expected_version: Option<i64>,
    #[graphql(flatten)]
    patch: SettingsPatch,
}

#[derive(Default)]
pub struct SettingsMutation;

#[Object]
impl SettingsMutation {
    /// Change your settings (created with defaults for what is not given on first use).
    /// `expectedVersion`, when given, must be the current version.
    #[graphql(guard = "WorkspaceRole(Access::Write)")]
    async fn update_settings(&self, ctx: &Context<'_>, #[graphql(desc = "The fields to change, and optionally the settings' current version (0: not saved yet).")] input: SettingsUpdate) -> async_graphql::Result<Settings> {
        let (id, user_id) = settings_id(ctx, Access::Write)?;
        let SettingsUpdate { expected_version, patch } = input;
        let mut fields = to_fields(&patch)?;
        // Decided on the write side: update if they exist (whatever the read table says yet),
        // else create them.
        match change::<SettingsKind, Settings>(ctx, &ID(id.clone()), expected_version, Change::Update(fields.clone())).await {
            Err(e) if e.extensions.as_ref().and_then(|x| x.get("code")) == Some(&async_graphql::Value::from("NOT_FOUND")) && expected_version.is_none_or(|v| v == 0) => {
                fields.insert("userId".into(), Value::String(user_id));
                create::<SettingsKind, Settings>(ctx, Some(ID(id)), fields).await
            }
            other => other,
        }
    }
}
