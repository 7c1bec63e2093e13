//! Projection `finance`: the ledger views, derived from the finance entities' events and never
//! from anything a client sends — per account its current, cleared and reconciled balance
//! (`account_balances`) and its net change per day (`account_daily_changes`, whose running
//! sum is the daily balance series and, converted, net worth); per budget currency the
//! activity per category and day (`budget_daily_activity`) and the envelope figures per period
//! (`budget_periods`, `budget_period_totals`, folded by `lifeos_domain::finance::envelope`).
//!
//! It keeps its own copy of the finance entities it folds (`finance_entities`): a transaction's
//! postings before a change are what the change moves out of the balances. Deltas are applied
//! per batch and rows that net to zero are removed, so a live projection and a rebuild (other
//! batch boundaries) hold the same rows. A backdated transaction recomputes the budget from
//! its period on, from the stored closing of the period before. Joins the `live` group: its
//! rows commit with the kernel rows, so read-your-writes covers balances too.
//!
//! Must never: read the kernel tables or the clock (a rebuild must give the same rows), or
//! turn money into a float.

mod budget;
mod ledger;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use sqlx::PgConnection;

use crate::feed::StoredEvent;
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "finance";

/// The kinds whose events it folds.
pub const KINDS: [&str; 6] = ["Account", "Category", "Transaction", "Budget", "BudgetAssignment", "BudgetHold"];

#[derive(Debug, Default, Clone, Copy)]
pub struct FinanceProjection;

/// An entity as the projection keeps it: its fields, and whether it is deleted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mirrored {
    pub fields: Map<String, Value>,
    pub deleted: bool,
}

impl Mirrored {
    /// The fields when live.
    pub fn live(&self) -> Option<&Map<String, Value>> {
        (!self.deleted && !self.fields.is_empty()).then_some(&self.fields)
    }
}

/// (workspace, entity type, id).
pub type EntityKey = (String, String, String);

#[derive(serde::Deserialize)]
enum Change {
    Created { fields: Map<String, Value> },
    Updated { changes: Map<String, Value> },
    Transitioned { changes: Map<String, Value> },
    Deleted {},
    Restored {},
    Merged {
        changes: Map<String, Value>,
        #[serde(default)]
        deleted: Option<bool>,
    },
}

fn fold(entity: &mut Mirrored, change: Change) {
    match change {
        Change::Created { fields } => *entity = Mirrored { fields, deleted: false },
        Change::Updated { changes } | Change::Transitioned { changes } => entity.fields.extend(changes),
        Change::Deleted {} => entity.deleted = true,
        Change::Restored {} => entity.deleted = false,
        Change::Merged { changes, deleted } => {
            entity.fields.extend(changes);
            if let Some(deleted) = deleted {
                entity.deleted = deleted;
            }
        }
    }
}

impl Projection for FinanceProjection {
    fn name(&self) -> &str {
        NAME
    }

    fn tables(&self) -> Vec<&'static str> {
        vec!["finance_entities", "ledger_postings", "account_balances", "account_daily_changes", "budget_daily_activity", "budget_periods", "budget_period_totals"]
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(KINDS.to_vec())
    }

    /// Balances and budget periods fold many streams: one writer.
    fn partitionable(&self) -> bool {
        false
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        let events: Vec<&StoredEvent> = events.iter().filter(|e| KINDS.contains(&e.aggregate_type.as_str())).collect();
        if events.is_empty() {
            return Ok(());
        }
        let keys: Vec<EntityKey> = {
            let mut keys: Vec<EntityKey> = events.iter().map(|e| entity_key(e)).collect();
            keys.sort();
            keys.dedup();
            keys
        };
        let before = load(tx, &keys).await?;
        let mut after = before.clone();
        for event in &events {
            let change: Change = event.decode().map_err(|e| ProjectionError::decode(event, e))?;
            fold(after.entry(entity_key(event)).or_default(), change);
        }
        let workspaces: Vec<String> = {
            let mut w: Vec<String> = keys.iter().map(|k| k.0.clone()).collect();
            w.dedup();
            w
        };
        store(tx, &after).await?;
        let accounts = load_kind(tx, &workspaces, "Account").await?;
        let mut touched = ledger::apply(tx, &before, &after, &accounts).await?;
        budget::touched_by_settings(&before, &after, &mut touched);
        budget::recompute(tx, touched).await
    }
}

/// Entity streams are `"{workspace}:{id}"`.
fn entity_key(event: &StoredEvent) -> EntityKey {
    let id = event.aggregate_id.rsplit_once(':').map_or(event.aggregate_id.as_str(), |(_, id)| id);
    (event.workspace_id.clone(), event.aggregate_type.clone(), id.to_owned())
}

/// The mirrored entities of these keys (absent ones are not in the map).
async fn load(tx: &mut PgConnection, keys: &[EntityKey]) -> Result<HashMap<EntityKey, Mirrored>, ProjectionError> {
    let (w, t, i): (Vec<&str>, Vec<&str>, Vec<&str>) = keys.iter().map(|(w, t, i)| (w.as_str(), t.as_str(), i.as_str())).fold(
        (Vec::new(), Vec::new(), Vec::new()),
        |(mut a, mut b, mut c), (x, y, z)| {
            a.push(x);
            b.push(y);
            c.push(z);
            (a, b, c)
        },
    );
    let rows: Vec<(String, String, String, Value, bool)> = sqlx::query_as(
        "SELECT f.workspace_id, f.entity_type, f.id, f.fields, f.deleted FROM finance_entities f
           JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(w, t, i) ON (f.workspace_id, f.entity_type, f.id) = (k.w, k.t, k.i)",
    )
    .bind(w)
    .bind(t)
    .bind(i)
    .fetch_all(&mut *tx)
    .await?;
    Ok(rows.into_iter().map(|(w, t, i, fields, deleted)| ((w, t, i), mirrored(fields, deleted))).collect())
}

fn mirrored(fields: Value, deleted: bool) -> Mirrored {
    Mirrored { fields: match fields { Value::Object(map) => map, _ => Map::new() }, deleted }
}

/// Every mirrored entity of `kind` in these workspaces, by (workspace, id).
pub(crate) async fn load_kind(tx: &mut PgConnection, workspaces: &[String], kind: &str) -> Result<BTreeMap<(String, String), Mirrored>, ProjectionError> {
    let rows: Vec<(String, String, Value, bool)> =
        sqlx::query_as("SELECT workspace_id, id, fields, deleted FROM finance_entities WHERE workspace_id = ANY($1) AND entity_type = $2")
            .bind(workspaces)
            .bind(kind)
            .fetch_all(&mut *tx)
            .await?;
    Ok(rows.into_iter().map(|(w, i, fields, deleted)| ((w, i), mirrored(fields, deleted))).collect())
}

async fn store(tx: &mut PgConnection, entities: &HashMap<EntityKey, Mirrored>) -> Result<(), ProjectionError> {
    let rows: Vec<Value> = entities
        .iter()
        .map(|((w, t, i), m)| serde_json::json!({"workspace_id": w, "entity_type": t, "id": i, "fields": m.fields, "deleted": m.deleted}))
        .collect();
    sqlx::query(
        "INSERT INTO finance_entities SELECT * FROM jsonb_populate_recordset(NULL::finance_entities, $1)
         ON CONFLICT (workspace_id, entity_type, id) DO UPDATE SET fields = EXCLUDED.fields, deleted = EXCLUDED.deleted",
    )
    .bind(Value::Array(rows))
    .execute(&mut *tx)
    .await?;
    Ok(())
}
