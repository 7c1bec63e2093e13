//! A model of the server's conflict rule, fed every acknowledged mutation in arrival order:
//! each field and the deletion flag is a register taking the value of its greatest-HLC
//! write. A create (an id's first mutation) writes every field, missing ones as defaults; an
//! edit also writes "alive". The fuzz checks the server's rows against it.

use std::collections::BTreeMap;

use lifeos_client::{Hlc, Op, Pending};
use serde_json::{json, Value};

use crate::notes::Registers;

const FIELDS: [&str; 4] = ["title", "body", "pinned", "tags"];

#[derive(Default)]
pub struct Oracle {
    notes: BTreeMap<String, Model>,
}

struct Model {
    fields: BTreeMap<&'static str, (Hlc, Value)>,
    deletion: (Hlc, bool),
}

fn default_of(field: &str) -> Value {
    match field {
        "pinned" => json!(false),
        "tags" => json!([]),
        _ => json!(""),
    }
}

impl Oracle {
    /// Takes in a mutation the server acknowledged (in the order the server received them).
    pub fn record(&mut self, mutation: &Pending) {
        let clock = &mutation.hlc;
        let written = mutation.fields.clone().unwrap_or_default();
        let model = self.notes.entry(mutation.entity_id.clone()).or_insert_with(|| Model {
            fields: FIELDS.iter().map(|f| (*f, (clock.clone(), written.get(*f).cloned().unwrap_or_else(|| default_of(f))))).collect(),
            deletion: (clock.clone(), false),
        });
        for field in FIELDS {
            if let (Some(value), Some(register)) = (written.get(field), model.fields.get_mut(field)) {
                if *clock > register.0 {
                    *register = (clock.clone(), value.clone());
                }
            }
        }
        if *clock > model.deletion.0 {
            model.deletion = (clock.clone(), mutation.op == Op::Delete);
        }
    }

    /// The registers every note should end with.
    pub fn expected(&self) -> BTreeMap<String, Registers> {
        let value = |model: &Model, field: &str| model.fields.get(field).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
        self.notes
            .iter()
            .map(|(id, model)| {
                let registers = Registers {
                    deleted: model.deletion.1,
                    title: value(model, "title"),
                    body: value(model, "body"),
                    pinned: value(model, "pinned"),
                    tags: value(model, "tags"),
                };
                (id.clone(), registers)
            })
            .collect()
    }
}
