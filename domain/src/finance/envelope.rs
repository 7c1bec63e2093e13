//! The envelope budget fold, by Actual Budget's rules: per period, each expense category's
//! budgeted amount, activity and available balance (what rolls into the next period), and the
//! budget's "to budget" (income not yet assigned to a category).
//!
//! One budget is one currency: the caller groups postings by currency and folds each group.
//! Pure: no I/O, no clock. Money is i64 minor units; the arithmetic is done in i128 and any
//! figure that does not fit i64 is reported as `BudgetError::Overflow` — never wrapped, never a
//! panic.
//!
//! Signs: a posting is the change to its category's ledger balance (spending is positive on an
//! expense category, income negative on an income category); the budget shows
//! `activity = -(sum of postings)`, so spending shows negative and income positive.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

/// A live budget category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub is_income: bool,
    /// Whether overspending (a negative available) carries into the next period as a negative
    /// balance (on) or is reset to 0 and taken from the next period's to-budget (off).
    pub carryover: bool,
}

/// One period's figures, as the caller collected them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodInput {
    pub start: NaiveDate,
    /// Category id → amount assigned this period (ignored for income categories).
    pub budgeted: BTreeMap<String, i64>,
    /// Category id → sum of postings in this period (ledger sign, see the module header).
    pub postings: BTreeMap<String, i64>,
    /// Budget activity without a category: postings of on-budget accounts in transactions that
    /// leave the budget without a category (e.g. a transfer to an off-budget account: -100) —
    /// already in "activity" sign: negative = money left the budget. Counts like income
    /// (positive adds to to-budget, negative takes from it).
    pub uncategorized: i64,
    /// Money of this period's to-budget held for the next period (>= 0 normally; the caller
    /// passes the sum of holds).
    pub hold: i64,
}

/// What the period before the first computed one left (all zero for the very first period).
/// Stored with a period (camelCase JSON) so a later fold can open from it.
#[derive(Default, Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Opening {
    /// Each category's available at the end of the previous period, already after the
    /// carryover rules: what carries in.
    pub available: BTreeMap<String, i64>,
    /// To-budget left at the end of the previous period (may be negative).
    pub to_budget: i64,
    /// Overspending of carryover-off categories in the previous period (>= 0), deducted now.
    pub overspent: i64,
    /// Held in the previous period for this one.
    pub held: i64,
}

/// One expense category in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPeriod {
    pub category_id: String,
    pub budgeted: i64,
    pub activity: i64,
    pub carried_in: i64,
    pub available: i64,
}

/// One computed period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodOutput {
    pub start: NaiveDate,
    /// Expense categories only, in input category order.
    pub categories: Vec<CategoryPeriod>,
    /// Sum of income categories' activity (positive when money came in).
    pub income: i64,
    pub uncategorized: i64,
    /// Total budgeted on expense categories.
    pub budgeted: i64,
    /// Total activity of expense categories.
    pub activity: i64,
    pub to_budget: i64,
    /// Sum of `-available` over carryover-off expense categories with a negative available
    /// (a positive number): deducted from the NEXT period's to-budget.
    pub overspent: i64,
    pub held: i64,
    /// What the next period opens with.
    pub closing: Opening,
}


impl PeriodOutput {
    /// A period with nothing in it (before a budget's first activity).
    pub fn empty(start: NaiveDate) -> Self {
        Self {
            start,
            categories: Vec::new(),
            income: 0,
            uncategorized: 0,
            budgeted: 0,
            activity: 0,
            to_budget: 0,
            overspent: 0,
            held: 0,
            closing: Opening::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    #[error("a budget figure does not fit in i64 minor units")]
    Overflow,
}

fn fit(v: i128) -> Result<i64, BudgetError> {
    i64::try_from(v).map_err(|_| BudgetError::Overflow)
}

/// Folds `periods` from `opening`.
///
/// The caller must pass every period start from the first through the last, contiguous and in
/// order — a period with no budgeted amounts or postings still needs an (empty) entry, or the
/// carry of one period would skip into a later one. Categories appear in `categories` once
/// (a repeated id is ignored after its first appearance); budgeted amounts, postings and opening
/// balances of ids not in `categories` are ignored, as are budgeted amounts on income
/// categories. The closing of the last output is the opening to continue from later:
/// computing periods `[0..n]` at once equals `[0..k]` then `[k..n]` from the k-th closing.
pub fn compute(categories: &[Category], opening: &Opening, periods: &[PeriodInput]) -> Result<Vec<PeriodOutput>, BudgetError> {
    let mut seen = BTreeSet::new();
    let live: Vec<&Category> = categories.iter().filter(|c| seen.insert(c.id.as_str())).collect();
    let mut open = opening.clone();
    let mut out = Vec::with_capacity(periods.len());
    for p in periods {
        let posted = |id: &str| i128::from(p.postings.get(id).copied().unwrap_or(0));
        let mut rows = Vec::new();
        let mut carry = BTreeMap::new();
        let (mut income, mut budgeted, mut activity, mut overspent) = (0i128, 0i128, 0i128, 0i128);
        for c in &live {
            if c.is_income {
                income += -posted(&c.id);
                continue;
            }
            let carried_in = i128::from(open.available.get(&c.id).copied().unwrap_or(0));
            let assigned = i128::from(p.budgeted.get(&c.id).copied().unwrap_or(0));
            let act = -posted(&c.id);
            let available = carried_in + assigned + act;
            budgeted += assigned;
            activity += act;
            let carries = if available < 0 && !c.carryover {
                overspent -= available;
                0
            } else {
                available
            };
            carry.insert(c.id.clone(), fit(carries)?);
            rows.push(CategoryPeriod {
                category_id: c.id.clone(),
                budgeted: fit(assigned)?,
                activity: fit(act)?,
                carried_in: fit(carried_in)?,
                available: fit(available)?,
            });
        }
        let to_budget = i128::from(open.to_budget) + income + i128::from(p.uncategorized) - budgeted
            - i128::from(open.overspent)
            + i128::from(open.held)
            - i128::from(p.hold);
        let closing = Opening { available: carry, to_budget: fit(to_budget)?, overspent: fit(overspent)?, held: p.hold };
        out.push(PeriodOutput {
            start: p.start,
            categories: rows,
            income: fit(income)?,
            uncategorized: p.uncategorized,
            budgeted: fit(budgeted)?,
            activity: fit(activity)?,
            to_budget: closing.to_budget,
            overspent: closing.overspent,
            held: p.hold,
            closing: closing.clone(),
        });
        open = closing;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).expect("valid date")
    }

    fn cat(id: &str, is_income: bool, carryover: bool) -> Category {
        Category { id: id.into(), is_income, carryover }
    }

    fn map(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    fn period(m: u32, budgeted: &[(&str, i64)], postings: &[(&str, i64)]) -> PeriodInput {
        PeriodInput { start: day(m), budgeted: map(budgeted), postings: map(postings), ..PeriodInput::default() }
    }

    fn cats() -> Vec<Category> {
        vec![cat("salary", true, false), cat("food", false, false), cat("rent", false, true)]
    }

    fn row(out: &PeriodOutput, id: &str) -> CategoryPeriod {
        out.categories.iter().find(|r| r.category_id == id).cloned().expect("category row")
    }

    #[test]
    fn rollover_across_three_periods() {
        // given food budgeted 300 in January, nothing after, spending 100, 150, 120
        let periods = vec![
            period(1, &[("food", 300)], &[("food", 100)]),
            period(2, &[], &[("food", 150)]),
            period(3, &[("food", 50)], &[("food", 120)]),
        ];
        // when folded
        let out = compute(&cats(), &Opening::default(), &periods).expect("fits");
        // then available rolls: 300-100 = 200; 200-150 = 50; 50+50-120 = -20 (carryover off → overspent 20)
        let f: Vec<_> = out.iter().map(|o| row(o, "food")).collect();
        assert_eq!((f[0].carried_in, f[0].activity, f[0].available), (0, -100, 200));
        assert_eq!((f[1].carried_in, f[1].activity, f[1].available), (200, -150, 50));
        assert_eq!((f[2].carried_in, f[2].budgeted, f[2].available), (50, 50, -20));
        assert_eq!(out[2].overspent, 20);
        assert_eq!(out[2].closing.available["food"], 0);
        // to-budget: -300, -300, -350 (no income)
        assert_eq!(out.iter().map(|o| o.to_budget).collect::<Vec<_>>(), vec![-300, -300, -350]);
        assert_eq!((out[0].budgeted, out[0].activity), (300, -100));
        // income category excluded from rows
        assert_eq!(out[0].categories.len(), 2);
    }

    #[test]
    fn overspending_with_carryover_on_carries_the_negative() {
        // given rent (carryover on) budgeted 1000, spent 1200 in January; income 2000
        let periods = vec![
            period(1, &[("rent", 1000)], &[("rent", 1200), ("salary", -2000)]),
            period(2, &[("rent", 1000)], &[]),
        ];
        let out = compute(&cats(), &Opening::default(), &periods).expect("fits");
        // then rent starts February at -200, February available 800; to-budget untouched by it
        assert_eq!(row(&out[0], "rent").available, -200);
        assert_eq!(out[0].overspent, 0);
        assert_eq!(row(&out[1], "rent").carried_in, -200);
        assert_eq!(row(&out[1], "rent").available, 800);
        // 2000 - 1000 = 1000; 1000 - 1000 = 0
        assert_eq!((out[0].to_budget, out[1].to_budget), (1000, 0));
    }

    #[test]
    fn overspending_with_carryover_off_takes_from_next_to_budget() {
        // given food (carryover off) budgeted 100, spent 130 in January; income 2000
        let periods = vec![
            period(1, &[("food", 100)], &[("food", 130), ("salary", -2000)]),
            period(2, &[("food", 100)], &[]),
        ];
        let out = compute(&cats(), &Opening::default(), &periods).expect("fits");
        // then January: available -30, overspent 30, to-budget 2000 - 100 = 1900
        assert_eq!(row(&out[0], "food").available, -30);
        assert_eq!((out[0].overspent, out[0].to_budget), (30, 1900));
        // February: food starts at 0 → available 100; to-budget 1900 - 100 - 30 = 1770
        assert_eq!(row(&out[1], "food").carried_in, 0);
        assert_eq!(row(&out[1], "food").available, 100);
        assert_eq!(out[1].to_budget, 1770);
    }

    #[test]
    fn income_raises_to_budget_and_budgeting_income_is_ignored() {
        // given 2500 of salary (posting -2500) with 999 "budgeted" on the income category
        let periods = vec![period(1, &[("salary", 999), ("food", 400)], &[("salary", -2500)])];
        let out = compute(&cats(), &Opening::default(), &periods).expect("fits");
        // then income 2500, budgeted 400, to-budget 2100
        assert_eq!((out[0].income, out[0].budgeted, out[0].to_budget), (2500, 400, 2100));
    }

    #[test]
    fn hold_moves_money_into_next_period() {
        // given income 1000 in January, 600 held for February
        let mut jan = period(1, &[], &[("salary", -1000)]);
        jan.hold = 600;
        let out = compute(&cats(), &Opening::default(), &[jan, period(2, &[], &[])]).expect("fits");
        // then January to-budget 400, February 400 + 600 = 1000
        assert_eq!((out[0].to_budget, out[0].held), (400, 600));
        assert_eq!(out[0].closing.held, 600);
        assert_eq!((out[1].to_budget, out[1].held), (1000, 0));
    }

    #[test]
    fn uncategorized_transfer_out_reduces_to_budget() {
        // given income 1000 and a transfer of 100 to an off-budget account
        let mut jan = period(1, &[], &[("salary", -1000)]);
        jan.uncategorized = -100;
        let out = compute(&cats(), &Opening::default(), &[jan]).expect("fits");
        // then to-budget 900
        assert_eq!((out[0].uncategorized, out[0].to_budget), (-100, 900));
    }

    #[test]
    fn unknown_ids_and_repeated_categories_are_ignored() {
        let mut cs = cats();
        cs.push(cat("food", false, true));
        let opening = Opening { available: map(&[("gone", 50)]), ..Opening::default() };
        let out = compute(&cs, &opening, &[period(1, &[("gone", 70), ("food", 10)], &[("gone", 5)])]).expect("fits");
        assert_eq!(out[0].categories.len(), 2);
        assert_eq!((out[0].budgeted, out[0].activity, out[0].to_budget), (10, 0, -10));
        assert!(!out[0].closing.available.contains_key("gone"));
    }

    #[test]
    fn overflow_is_an_error() {
        let big = |pairs: &[(&str, i64)], posts: &[(&str, i64)]| compute(&cats(), &Opening::default(), &[period(1, pairs, posts)]);
        // budgeted totals beyond i64
        assert_eq!(big(&[("food", i64::MAX), ("rent", i64::MAX)], &[]), Err(BudgetError::Overflow));
        // activity of i64::MIN postings cannot be negated into i64
        assert_eq!(big(&[], &[("food", i64::MIN)]), Err(BudgetError::Overflow));
        // to-budget beyond i64
        let opening = Opening { to_budget: i64::MAX, ..Opening::default() };
        let out = compute(&cats(), &opening, &[period(1, &[], &[("salary", -1)])]);
        assert_eq!(out, Err(BudgetError::Overflow));
    }

    fn input() -> impl Strategy<Value = PeriodInput> {
        let amounts = || proptest::collection::btree_map(prop_oneof![Just("salary"), Just("food"), Just("rent"), Just("gone")].prop_map(String::from), -10_000i64..10_000, 0..4);
        (amounts(), amounts(), -500i64..500, 0i64..300).prop_map(|(budgeted, postings, uncategorized, hold)| PeriodInput {
            start: day(1),
            budgeted,
            postings,
            uncategorized,
            hold,
        })
    }

    proptest! {
        #[test]
        fn resuming_from_a_closing_equals_computing_from_the_start(
            food_carry in any::<bool>(),
            rent_carry in any::<bool>(),
            periods in proptest::collection::vec(input(), 0..8),
            k in 0usize..8,
        ) {
            let cs = vec![cat("salary", true, false), cat("food", false, food_carry), cat("rent", false, rent_carry)];
            let k = k.min(periods.len());
            let whole = compute(&cs, &Opening::default(), &periods).expect("small figures fit");
            let head = compute(&cs, &Opening::default(), &periods[..k]).expect("fits");
            let resume = head.last().map(|o| o.closing.clone()).unwrap_or_default();
            let tail = compute(&cs, &resume, &periods[k..]).expect("fits");
            prop_assert_eq!(&whole[..k], &head[..]);
            prop_assert_eq!(&whole[k..], &tail[..]);
        }

        #[test]
        fn never_panics_on_any_figures(
            a in any::<i64>(), b in any::<i64>(), c in any::<i64>(), h in any::<i64>(), t in any::<i64>(), o in any::<i64>(),
        ) {
            let opening = Opening { available: map(&[("food", a)]), to_budget: t, overspent: o, held: h };
            let p = PeriodInput { uncategorized: c, hold: h, ..period(1, &[("food", b), ("rent", a)], &[("food", c), ("salary", b)]) };
            let _ = compute(&cats(), &opening, &[p.clone(), p]);
        }
    }
}
