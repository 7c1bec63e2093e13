//! The posting ledger of the `finance` projection: a batch's changed transactions move their
//! old postings out and their new ones in — `ledger_postings` rewritten per transaction, and
//! deltas to `account_balances`, `account_daily_changes` and `budget_daily_activity` (rows
//! that net to zero removed). Says which budgets (workspace, currency) changed from which day.
//!
//! Must never: apply a transaction's postings twice (they are replaced whole per transaction).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use lifeos_domain::finance::posting::Postings;
use serde_json::{json, Value};
use sqlx::PgConnection;

use super::{EntityKey, Mirrored};
use crate::runtime::ProjectionError;

/// Budgets touched: (workspace, currency) → the earliest day whose figures changed.
pub type Touched = BTreeMap<(String, String), NaiveDate>;

/// A live transaction's ledger lines.
struct Lines {
    date: NaiveDate,
    state: String,
    postings: Postings,
}

fn lines(entity: Option<&Mirrored>) -> Option<Lines> {
    let fields = entity?.live()?;
    let date = fields.get("date").and_then(Value::as_str).and_then(|d| d.parse::<NaiveDate>().ok())?;
    let state = fields.get("state").and_then(Value::as_str).unwrap_or("UNCLEARED").to_owned();
    let postings: Postings = serde_json::from_value(fields.get("postings")?.clone()).ok()?;
    Some(Lines { date, state, postings })
}

/// An account's balance deltas: (currency, balance, cleared, reconciled, postings).
type BalanceDelta = (String, i128, i128, i128, i64);

#[derive(Default)]
struct Deltas {
    /// (workspace, account) → its deltas.
    balances: BTreeMap<(String, String), BalanceDelta>,
    /// (workspace, account, day) → (currency, change).
    daily: BTreeMap<(String, String, NaiveDate), (String, i128)>,
    /// (workspace, currency, day, category or "") → amount.
    activity: BTreeMap<(String, String, NaiveDate, String), i128>,
}

impl Deltas {
    /// Adds (`sign` 1) or removes (-1) a transaction's lines.
    fn add(&mut self, workspace: &str, l: &Lines, sign: i128, on_budget: &dyn Fn(&str) -> bool, touched: &mut Touched) {
        let mut uncategorized: BTreeMap<String, (bool, i128)> = BTreeMap::new();
        for p in &l.postings.0 {
            let currency = p.currency_code.code().to_owned();
            let amount = sign * i128::from(p.amount_minor);
            if let Some(account) = &p.account_id {
                let cleared = l.state != "UNCLEARED";
                let reconciled = l.state == "RECONCILED";
                let entry = self.balances.entry((workspace.to_owned(), account.as_str().to_owned())).or_insert((currency.clone(), 0, 0, 0, 0));
                entry.1 += amount;
                entry.2 += if cleared { amount } else { 0 };
                entry.3 += if reconciled { amount } else { 0 };
                entry.4 += i64::try_from(sign).unwrap_or(0);
                let day = self.daily.entry((workspace.to_owned(), account.as_str().to_owned(), l.date)).or_insert((currency.clone(), 0));
                day.1 += amount;
                if on_budget(account.as_str()) {
                    let u = uncategorized.entry(currency).or_default();
                    u.0 = true;
                    u.1 += amount;
                }
            } else if let Some(category) = &p.category_id {
                *self.activity.entry((workspace.to_owned(), currency.clone(), l.date, category.as_str().to_owned())).or_default() += amount;
                uncategorized.entry(currency.clone()).or_default().1 += amount;
                touch(touched, workspace, &currency, l.date);
            }
        }
        // On-budget money that moved without a category (a transfer to an off-budget account):
        // in activity sign, the on-budget accounts' net plus the categories'.
        for (currency, (on_budget, sum)) in uncategorized {
            if on_budget && sum != 0 {
                *self.activity.entry((workspace.to_owned(), currency.clone(), l.date, String::new())).or_default() += sum;
                touch(touched, workspace, &currency, l.date);
            }
        }
    }
}

pub(super) fn touch(touched: &mut Touched, workspace: &str, currency: &str, day: NaiveDate) {
    let entry = touched.entry((workspace.to_owned(), currency.to_owned())).or_insert(day);
    *entry = (*entry).min(day);
}

/// Applies the changed transactions of the batch (`before` → `after`); `accounts`: every
/// mirrored account of the batch's workspaces (after the batch).
pub async fn apply(
    tx: &mut PgConnection,
    before: &HashMap<EntityKey, Mirrored>,
    after: &HashMap<EntityKey, Mirrored>,
    accounts: &BTreeMap<(String, String), Mirrored>,
) -> Result<Touched, ProjectionError> {
    let mut deltas = Deltas::default();
    let mut touched = Touched::new();
    let mut rewritten: Vec<(String, String)> = Vec::new();
    let mut new_lines: Vec<Value> = Vec::new();
    for (key, now) in after.iter().filter(|(k, _)| k.1 == "Transaction") {
        let (workspace, _, id) = key;
        let on_budget = |account: &str| {
            accounts.get(&(workspace.clone(), account.to_owned())).and_then(Mirrored::live).is_some_and(|f| f.get("offBudget") != Some(&Value::Bool(true)))
        };
        let old = lines(before.get(key));
        let new = lines(Some(now));
        if let Some(old) = &old {
            deltas.add(workspace, old, -1, &on_budget, &mut touched);
        }
        if let Some(new) = &new {
            deltas.add(workspace, new, 1, &on_budget, &mut touched);
            for (n, p) in new.postings.0.iter().enumerate() {
                new_lines.push(json!({"workspace_id": workspace, "transaction_id": id, "n": n, "date": new.date,
                    "account_id": p.account_id, "category_id": p.category_id, "amount_minor": p.amount_minor,
                    "currency_code": p.currency_code, "state": new.state}));
            }
        }
        rewritten.push((workspace.clone(), id.clone()));
    }
    if rewritten.is_empty() {
        return Ok(touched);
    }
    let (w, i): (Vec<String>, Vec<String>) = rewritten.into_iter().unzip();
    sqlx::query("DELETE FROM ledger_postings l USING unnest($1::text[], $2::text[]) AS k(w, i) WHERE (l.workspace_id, l.transaction_id) = (k.w, k.i)")
        .bind(&w)
        .bind(&i)
        .execute(&mut *tx)
        .await?;
    upsert(tx, "INSERT INTO ledger_postings SELECT * FROM jsonb_populate_recordset(NULL::ledger_postings, $1)", new_lines).await?;
    write_deltas(tx, deltas).await.map(|()| touched)
}

fn minor(amount: i128) -> Result<i64, ProjectionError> {
    i64::try_from(amount).map_err(|_| ProjectionError::Invariant("a balance outside i64".into()))
}

async fn write_deltas(tx: &mut PgConnection, deltas: Deltas) -> Result<(), ProjectionError> {
    let mut rows = Vec::new();
    for ((w, a), (c, b, cl, r, n)) in deltas.balances {
        rows.push(json!({"workspace_id": w, "account_id": a, "currency_code": c, "balance_minor": minor(b)?,
                         "cleared_minor": minor(cl)?, "reconciled_minor": minor(r)?, "postings": n}));
    }
    upsert(tx, "INSERT INTO account_balances AS t SELECT * FROM jsonb_populate_recordset(NULL::account_balances, $1)
                ON CONFLICT (workspace_id, account_id) DO UPDATE SET
                  balance_minor = t.balance_minor + EXCLUDED.balance_minor, cleared_minor = t.cleared_minor + EXCLUDED.cleared_minor,
                  reconciled_minor = t.reconciled_minor + EXCLUDED.reconciled_minor, postings = t.postings + EXCLUDED.postings", rows).await?;
    sqlx::query("DELETE FROM account_balances WHERE postings = 0 AND balance_minor = 0").execute(&mut *tx).await?;
    let mut rows = Vec::new();
    for ((w, a, d), (c, change)) in deltas.daily {
        rows.push(json!({"workspace_id": w, "account_id": a, "day": d, "currency_code": c, "change_minor": minor(change)?}));
    }
    upsert(tx, "INSERT INTO account_daily_changes AS t SELECT * FROM jsonb_populate_recordset(NULL::account_daily_changes, $1)
                ON CONFLICT (workspace_id, account_id, day) DO UPDATE SET change_minor = t.change_minor + EXCLUDED.change_minor", rows).await?;
    let mut rows = Vec::new();
    for ((w, c, d, cat), amount) in deltas.activity {
        rows.push(json!({"workspace_id": w, "currency_code": c, "day": d, "category_id": cat, "amount_minor": minor(amount)?}));
    }
    upsert(tx, "INSERT INTO budget_daily_activity AS t SELECT * FROM jsonb_populate_recordset(NULL::budget_daily_activity, $1)
                ON CONFLICT (workspace_id, currency_code, day, category_id) DO UPDATE SET amount_minor = t.amount_minor + EXCLUDED.amount_minor", rows).await?;
    // Rows that net to zero go (a rebuild, with other batch boundaries, never writes them).
    sqlx::query("DELETE FROM account_daily_changes WHERE change_minor = 0").execute(&mut *tx).await?;
    sqlx::query("DELETE FROM budget_daily_activity WHERE amount_minor = 0").execute(&mut *tx).await?;
    Ok(())
}

async fn upsert(tx: &mut PgConnection, sql: &str, rows: Vec<Value>) -> Result<(), ProjectionError> {
    if !rows.is_empty() {
        sqlx::query(sql).bind(Value::Array(rows)).execute(&mut *tx).await?;
    }
    Ok(())
}
