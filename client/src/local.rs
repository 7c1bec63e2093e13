//! The local API: writes go to the outbox (stamped with the HLC), reads return the mirror
//! row with pending outbox edits laid on top. Synchronous; never touches the network.

use std::collections::BTreeMap;

use serde_json::Value;
use ulid::Ulid;

use crate::client::Client;
use crate::clock::instant;
use crate::error::ClientError;
use crate::record::{merge, Op, Pending, Record, Rejected};
use crate::store::{self, mirror, outbox};

impl Client {
    /// A fresh entity id.
    pub fn new_id(&self) -> String {
        self.inner.ids.ulid().to_string()
    }

    /// Creates `id` or edits the given fields of it (a partial object of camelCase fields).
    pub fn upsert(&self, entity_type: &str, id: &str, fields: Value) -> Result<Record, ClientError> {
        let Value::Object(fields) = fields else {
            return Err(ClientError::InvalidInput(format!("fields must be a JSON object, got {fields}")));
        };
        self.write(entity_type, id, Op::Upsert, Some(fields))
    }

    /// Soft-deletes an entity known locally.
    pub fn delete(&self, entity_type: &str, id: &str) -> Result<Record, ClientError> {
        self.write(entity_type, id, Op::Delete, None)
    }

    /// Restores a soft-deleted entity known locally.
    pub fn restore(&self, entity_type: &str, id: &str) -> Result<Record, ClientError> {
        self.write(entity_type, id, Op::Restore, None)
    }

    /// One entity as the user sees it (deleted ones included, with `deleted_at` set).
    pub fn get(&self, entity_type: &str, id: &str) -> Result<Option<Record>, ClientError> {
        self.with_store(|conn| Ok(merge(mirror::get(conn, entity_type, id)?, &outbox::for_entity(conn, entity_type, id)?)))
    }

    /// Every entity of a type as the user sees it, by id.
    pub fn list(&self, entity_type: &str, include_deleted: bool) -> Result<Vec<Record>, ClientError> {
        let (rows, pending) = self.with_store(|conn| Ok((mirror::list(conn, entity_type)?, outbox::for_type(conn, entity_type)?)))?;
        let mut pending_by_id: BTreeMap<String, Vec<Pending>> = BTreeMap::new();
        for mutation in pending {
            pending_by_id.entry(mutation.entity_id.clone()).or_default().push(mutation);
        }
        let mut records: Vec<Record> = rows
            .into_iter()
            .filter_map(|row| {
                let pending = pending_by_id.remove(&row.id).unwrap_or_default();
                merge(Some(row), &pending)
            })
            .collect();
        records.extend(pending_by_id.into_values().filter_map(|pending| merge(None, &pending)));
        records.retain(|record| include_deleted || !record.is_deleted());
        records.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(records)
    }

    /// Mutations waiting to be pushed, oldest first.
    pub fn pending(&self) -> Result<Vec<Pending>, ClientError> {
        self.with_store(|conn| outbox::batch(conn, usize::MAX))
    }

    /// Mutations the server refused as invalid.
    pub fn rejected(&self) -> Result<Vec<Rejected>, ClientError> {
        self.with_store(outbox::rejected)
    }

    /// The feed position the mirror has reached (`None`: nothing pulled yet).
    pub fn cursor(&self) -> Result<Option<String>, ClientError> {
        self.with_store(|conn| Ok(store::meta(conn)?.cursor))
    }

    fn write(&self, entity_type: &str, id: &str, op: Op, fields: Option<serde_json::Map<String, Value>>) -> Result<Record, ClientError> {
        if entity_type.is_empty() {
            return Err(ClientError::InvalidInput("entity type is empty".into()));
        }
        Ulid::from_string(id).map_err(|_| ClientError::InvalidInput(format!("entity id {id:?} is not a ULID")))?;
        let record = self.with_tx(|tx| {
            let base = mirror::get(tx, entity_type, id)?;
            let mut pending = outbox::for_entity(tx, entity_type, id)?;
            let not_found = || ClientError::NotFound { entity_type: entity_type.to_owned(), id: id.to_owned() };
            if op != Op::Upsert && merge(base.clone(), &pending).is_none() {
                return Err(not_found());
            }
            let meta = store::meta(tx)?;
            let mut hlc = meta.hlc;
            let now = self.inner.clock.now_millis();
            let mutation = Pending {
                seq: meta.next_seq,
                mutation_id: self.inner.ids.ulid().to_string(),
                entity_type: entity_type.to_owned(),
                entity_id: id.to_owned(),
                op,
                fields,
                base_version: base.as_ref().map(|row| row.version),
                hlc: hlc.tick(now, &meta.client_id),
                client_updated_at: instant(now),
            };
            outbox::insert(tx, &mutation)?;
            store::set_clock(tx, meta.next_seq + 1, hlc)?;
            pending.push(mutation);
            merge(base, &pending).ok_or_else(not_found)
        })?;
        self.inner.local_writes.notify_one();
        self.bump_changed();
        Ok(record)
    }
}
