//! Place: `name`, `address`, `latitude` (−90..90), `longitude` (−180..180), `radiusM`.

use serde::{Deserialize, Serialize};

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{Entity, EntityKind, FieldError};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceKind;

pub type Place = Entity<PlaceKind>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PlaceFields {
    pub name: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub radius_m: Option<i32>,
}

fn in_range(field: &str, value: Option<f64>, limit: f64) -> Result<(), FieldError> {
    match value {
        Some(v) if !v.is_finite() || v.abs() > limit => {
            Err(FieldError::new(field, format!("must be between -{limit} and {limit}")))
        }
        _ => Ok(()),
    }
}

impl EntityKind for PlaceKind {
    const TYPE: &'static str = "Place";
    type Fields = PlaceFields;

    fn groups() -> &'static [&'static [&'static str]] {
        &[&["latitude", "longitude"]]
    }

    fn validate(f: &PlaceFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)?;
        max_chars("address", &f.address, 1000)?;
        in_range("latitude", f.latitude, 90.0)?;
        in_range("longitude", f.longitude, 180.0)?;
        match f.radius_m {
            Some(r) if !(0..=1_000_000).contains(&r) => Err(FieldError::new("radiusM", "must be between 0 and 1000000")),
            _ => Ok(()),
        }
    }
}
