//! The half of the client contract that SDL cannot say, as one JSON document: every
//! `extensions.code` with what to do about it, the request headers, the sync protocol's
//! bounds, and each registered kind's natural key and merge groups. `lifeosd contract` prints
//! it into `spec/contract.json` beside the SDL; clients in other languages generate from both
//! (clients/ts does), and a test fails when the checked-in file differs from this output.
//!
//! Must never: hold a value the server does not also enforce, or be edited by hand.

use serde_json::{json, Value};

use lifeos_domain::registry::KINDS;
use lifeos_proto::{headers, hlc};

/// The contract document (keys in a stable order; pretty-printed by [`contract_json`]).
pub fn contract() -> Value {
    let codes: Vec<Value> = crate::error::CODES.iter().map(|(code, meaning)| json!({"code": code, "meaning": meaning})).collect();
    let kinds: Vec<Value> = KINDS
        .iter()
        .map(|kind| {
            json!({
                "type": kind.type_name,
                "domain": kind.domain,
                "naturalKey": kind.natural_key,
                "fieldGroups": kind.groups,
            })
        })
        .collect();
    json!({
        "contractVersion": 1,
        "errorCodes": codes,
        "headers": {
            "workspace": headers::WORKSPACE,
            "clientId": headers::CLIENT_ID,
            "requestId": headers::REQUEST_ID,
        },
        "sync": {
            "maxClockDriftMs": hlc::MAX_CLOCK_DRIFT_MS,
            "maxHlcCounter": hlc::MAX_COUNTER,
            "maxPushMutations": crate::sync::push::MAX_MUTATIONS,
            "naturalIdVersion": lifeos_domain::ids::NATURAL_ID_V1,
        },
        "kinds": kinds,
    })
}

/// [`contract`] as the checked-in file holds it: two-space indented, with a final newline.
pub fn contract_json() -> String {
    let mut text = serde_json::to_string_pretty(&contract()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_contract_is_this_servers() {
        let checked_in = include_str!("../../spec/contract.json");
        assert!(
            checked_in == contract_json(),
            "spec/contract.json differs from lifeos_api::contract_json(); run `cargo run -p lifeosd -- contract > spec/contract.json`"
        );
    }

    #[test]
    fn every_kind_is_listed_with_its_natural_key() {
        let document = contract();
        let kinds = document["kinds"].as_array().map(Vec::len);
        assert_eq!(kinds, Some(KINDS.len()));
        let settings = document["kinds"].as_array().and_then(|all| all.iter().find(|k| k["type"] == "Settings")).cloned();
        assert_eq!(settings.map(|k| k["naturalKey"].clone()), Some(json!(["userId"])));
    }
}
