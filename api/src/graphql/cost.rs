//! Complexity of list fields, for `#[graphql(complexity = "…")]`: a list costs one for itself
//! plus its length times the complexity of its selection, so `notes(first: 500) { … }` costs
//! 500 times what one node does. Paged fields use their `first`/`limit`; lists without a
//! bound in the query use a stated estimate. Pure arithmetic (saturating): never reads data.

/// Estimated length of a short per-user list (workspaces, members, sessions, allowlist).
pub const SHORT_LIST: usize = 20;
/// Estimated length of one entity's history.
pub const HISTORY: usize = 100;
/// Estimated fields changed by one event.
pub const FIELDS_PER_EVENT: usize = 12;
/// Entity kinds per day in `activityDaily`.
pub const KINDS: usize = 4;
/// Days assumed when `activityDaily` has no (or a backwards or unbounded) range.
pub const DEFAULT_DAYS: usize = 366;

/// A list of `len` items, each costing `child_complexity`.
pub fn list(len: usize, child_complexity: usize) -> usize {
    len.saturating_mul(child_complexity).saturating_add(1)
}

/// A page of `first` items (`default` when absent; a negative count, refused by the resolver,
/// costs nothing).
pub fn page(first: Option<i32>, default: usize, child_complexity: usize) -> usize {
    let len = first.map_or(default, |n| usize::try_from(n).unwrap_or(0));
    list(len, child_complexity)
}

/// `activityDaily(from, to)`: one row per day and kind in the range.
pub fn days(from: Option<super::scalars::Date>, to: Option<super::scalars::Date>, child_complexity: usize) -> usize {
    let days = match (from.map(|d| d.0), to.map(|d| d.0)) {
        (Some(from), Some(to)) if to >= from => usize::try_from((to - from).num_days() + 1).unwrap_or(DEFAULT_DAYS),
        _ => DEFAULT_DAYS,
    };
    list(days.saturating_mul(KINDS), child_complexity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_costs_its_length_times_its_selection() {
        assert_eq!(page(Some(500), 50, 3), 1501);
        assert_eq!(page(None, 50, 3), 151);
        assert_eq!(page(Some(-1), 50, 3), 1);
        assert_eq!(page(Some(i32::MAX), 50, usize::MAX), usize::MAX);
    }

    #[test]
    fn activity_costs_by_the_days_asked_for() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(super::super::scalars::Date);
        assert_eq!(days(day("2026-01-01"), day("2026-01-07"), 5), 7 * KINDS * 5 + 1);
        assert_eq!(days(None, day("2026-01-07"), 5), DEFAULT_DAYS * KINDS * 5 + 1);
        assert_eq!(days(day("2026-01-07"), day("2026-01-01"), 5), DEFAULT_DAYS * KINDS * 5 + 1);
    }
}
