//! Person: `displayName`, `emails`, `phones`, `birthday` (a date), `notes`.

use async_graphql::{InputObject, MaybeUndefined, SimpleObject, ID};
use chrono::NaiveDate;
use lifeos_domain::person::PersonKind;
use serde::{Deserialize, Serialize};

use super::Kernel;

#[derive(SimpleObject, Deserialize, Clone)]
pub struct Person {
    #[graphql(flatten)]
    #[serde(flatten)]
    pub kernel: Kernel,
    pub display_name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePersonInput {
    #[serde(skip)]
    pub id: Option<ID>,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthday: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePersonInput {
    #[serde(skip)]
    pub id: ID,
    #[serde(skip)]
    pub expected_version: i64,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub display_name: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub emails: MaybeUndefined<Vec<String>>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub phones: MaybeUndefined<Vec<String>>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub birthday: MaybeUndefined<NaiveDate>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub notes: MaybeUndefined<String>,
}

super::entity_resolvers! {
    kind: PersonKind, node: Person, create_input: CreatePersonInput, update_input: UpdatePersonInput,
    query: PersonQuery { one: person, many: people },
    mutation: PersonMutation { create: create_person, update: update_person, delete: delete_person, restore: restore_person },
}
