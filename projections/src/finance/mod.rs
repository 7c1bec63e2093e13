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

use std::collections::BTreeMap;

use sqlx::PgConnection;

use crate::feed::StoredEvent;
pub use crate::mirror::{EntityKey, Mirrored};
use crate::mirror::Mirror;
use crate::runtime::{Projection, ProjectionError};

pub const NAME: &str = "finance";

/// The kinds whose events it folds.
pub const KINDS: [&str; 6] = ["Account", "Category", "Transaction", "Budget", "BudgetAssignment", "BudgetHold"];

/// Its copy of the finance entities.
const MIRROR: Mirror = Mirror::new("finance_entities");

#[derive(Debug, Default, Clone, Copy)]
pub struct FinanceProjection;

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
        let (before, after) = MIRROR.apply(tx, &events).await?;
        let workspaces: Vec<String> = {
            let mut w: Vec<String> = after.keys().map(|k| k.0.clone()).collect();
            w.sort();
            w.dedup();
            w
        };
        let accounts = load_kind(tx, &workspaces, "Account").await?;
        let mut touched = ledger::apply(tx, &before, &after, &accounts).await?;
        budget::touched_by_settings(&before, &after, &mut touched);
        budget::recompute(tx, touched).await
    }
}

/// Every mirrored finance entity of `kind` in these workspaces, by (workspace, id).
pub(crate) async fn load_kind(tx: &mut PgConnection, workspaces: &[String], kind: &str) -> Result<BTreeMap<(String, String), Mirrored>, ProjectionError> {
    MIRROR.load_kind(tx, workspaces, kind).await
}
