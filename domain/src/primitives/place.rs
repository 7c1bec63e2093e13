//! Place: `name`, `address`, `latitude` (−90..90) and `longitude` (−180..180) — a group: only
//! valid together, so they merge as one register —, `radiusM`, `timeZone` (IANA).

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{EntityKind, FieldError};

/// Place's declaration (see `kind::declare`).
#[macro_export]
macro_rules! place_kind {
    ($then:path) => { $then! {
        /// A place: an address and/or a point with a radius.
        kind Place (PlaceKind, PlaceFields) in primitives { type: "Place", table: "places", one: place, many: places, api: crud }
        groups [["latitude", "longitude"]]
        key []
        fields {
            /// The place's name.
            name: req String [search, filter],
            /// A postal address as written.
            address: opt String [search],
            /// Latitude in degrees (−90 to 90); set together with `longitude`.
            latitude: opt Option<f64>,
            /// Longitude in degrees (−180 to 180); set together with `latitude`.
            longitude: opt Option<f64>,
            /// The radius around the point, in metres (0–1,000,000).
            radius_m: opt Option<i32>,
            /// IANA time zone of the place (`Asia/Tokyo`), for local days and times there.
            time_zone: opt Option<$crate::values::TimeZone> [filter],
        }
    } };
}
crate::place_kind!(crate::declare_kind);

fn in_range(field: &str, value: Option<f64>, limit: f64) -> Result<(), FieldError> {
    match value {
        Some(v) if !v.is_finite() || v.abs() > limit => {
            Err(FieldError::new(field, format!("must be between -{limit} and {limit}")))
        }
        _ => Ok(()),
    }
}

impl EntityKind for PlaceKind {
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
