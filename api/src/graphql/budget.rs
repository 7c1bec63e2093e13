//! The response-size budget of one operation: how many bytes of answer it may produce
//! (`LIFEOS_GRAPHQL_MAX_RESPONSE_BYTES`), shared by everything that resolves it.
//!
//! Two uses: list resolvers take the rows they load from the budget and stop a page early once
//! it is spent (memory stays bounded however many aliases ask), and the limits extension
//! measures the finished answer exactly ([`json_len_within`], counting without buffering, and
//! stopping at the limit) and refuses it with `RESPONSE_TOO_LARGE` if it is still too big.
//! Never buffer a response here: measuring must cost no allocation.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde::Serialize;

/// Bytes one operation has loaded for its answer, against its limit. Cheap to clone (shared).
#[derive(Clone, Debug)]
pub struct ResponseBudget {
    limit: usize,
    used: Arc<AtomicUsize>,
}

impl ResponseBudget {
    pub fn new(limit: usize) -> Self {
        Self { limit, used: Arc::new(AtomicUsize::new(0)) }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Counts `bytes` against the budget; false once the operation is past its limit.
    pub fn take(&self, bytes: usize) -> bool {
        let before = self
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| Some(used.saturating_add(bytes)))
            .unwrap_or_else(|used| used);
        before.saturating_add(bytes) <= self.limit
    }
}

/// The length of `value` as compact JSON, or `None` once it passes `limit` (serialising stops
/// there, so a huge value costs no more than `limit` bytes of work).
pub fn json_len_within(value: &impl Serialize, limit: usize) -> Option<usize> {
    let mut counter = Counter { bytes: 0, limit };
    serde_json::to_writer(&mut counter, value).ok().map(|()| counter.bytes)
}

struct Counter {
    bytes: usize,
    limit: usize,
}

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes = self.bytes.saturating_add(buf.len());
        if self.bytes > self.limit {
            return Err(io::Error::other("over the response limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_length_is_exact_under_the_limit_and_none_past_it() {
        let value = serde_json::json!({"a": "x\"y", "b": [1, 2, null]});
        let exact = serde_json::to_string(&value).map(|s| s.len()).unwrap_or_default();
        assert_eq!(json_len_within(&value, exact), Some(exact));
        assert_eq!(json_len_within(&value, exact - 1), None);
    }

    #[test]
    fn the_budget_is_shared_by_clones_and_spent_once_past_its_limit() {
        let budget = ResponseBudget::new(10);
        let other = budget.clone();
        assert!(budget.take(6));
        assert!(other.take(4));
        assert!(!budget.take(1));
        assert!(!other.take(0));
    }
}
