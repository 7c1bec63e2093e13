//! Place: `name`, `address`, `latitude` (−90..90), `longitude` (−180..180), `radiusM`.

use async_graphql::{InputObject, MaybeUndefined, SimpleObject, ID};
use lifeos_domain::place::PlaceKind;
use serde::{Deserialize, Serialize};

use super::Kernel;

#[derive(SimpleObject, Deserialize, Clone)]
pub struct Place {
    #[graphql(flatten)]
    #[serde(flatten)]
    pub kernel: Kernel,
    pub name: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub radius_m: Option<i32>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePlaceInput {
    #[serde(skip)]
    pub id: Option<ID>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius_m: Option<i32>,
}

#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePlaceInput {
    #[serde(skip)]
    pub id: ID,
    #[serde(skip)]
    pub expected_version: i64,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub name: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub address: MaybeUndefined<String>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub latitude: MaybeUndefined<f64>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub longitude: MaybeUndefined<f64>,
    #[serde(skip_serializing_if = "MaybeUndefined::is_undefined")]
    pub radius_m: MaybeUndefined<i32>,
}

super::entity_resolvers! {
    kind: PlaceKind, node: Place, create_input: CreatePlaceInput, update_input: UpdatePlaceInput,
    query: PlaceQuery { one: place, many: places },
    mutation: PlaceMutation { create: create_place, update: update_place, delete: delete_place, restore: restore_place },
}
