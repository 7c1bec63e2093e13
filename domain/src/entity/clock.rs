//! Hybrid logical clocks: the order of concurrent offline writes.
//!
//! An `Hlc` is (physical milliseconds, counter, node). Devices stamp each local change with
//! one; ordering is lexicographic on the triple, so it follows wall time where clocks agree,
//! the counter orders changes within one millisecond, and the node id breaks exact ties
//! deterministically. The wire form `"<millis:15>-<counter:6>-<node>"` sorts the same way as a
//! string. Server-side writes (GraphQL mutations) get the clock of their time with node `""`,
//! which loses exact ties to any device.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::kind::FieldError;

/// A device clock may run at most this far ahead of the server; later stamps are clamped.
pub const MAX_CLOCK_DRIFT_MS: i64 = 60_000;

const MAX_NODE_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub node: String,
}

impl Hlc {
    /// The clock of a server-side write at `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        Self { millis: at.timestamp_millis(), counter: 0, node: String::new() }
    }

    /// This stamp, or (if it runs more than [`MAX_CLOCK_DRIFT_MS`] ahead of `now`) the same
    /// stamp pulled back to the drift bound — so one device with a wrong clock cannot make its
    /// writes win over everyone's for days.
    pub fn clamped(self, now: DateTime<Utc>) -> Self {
        let limit = now.timestamp_millis().saturating_add(MAX_CLOCK_DRIFT_MS);
        if self.millis > limit {
            Self { millis: limit, ..self }
        } else {
            self
        }
    }

    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new("hlc", "must be \"<millis>-<counter>-<node>\" (e.g. 001795000000000-000000-DEVICE)");
        let mut parts = text.splitn(3, '-');
        let (Some(millis), Some(counter), Some(node)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let millis: i64 = millis.parse().map_err(|_| bad())?;
        let counter: u32 = counter.parse().map_err(|_| bad())?;
        let node_ok = !node.is_empty()
            && node.len() <= MAX_NODE_LEN
            && node.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if millis < 0 || !node_ok {
            return Err(bad());
        }
        Ok(Self { millis, counter, node: node.to_owned() })
    }
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.millis, self.counter, &self.node).cmp(&(other.millis, other.counter, &other.node))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.millis, self.counter, self.node)
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if let Some(server) = text.strip_suffix('-') {
            // A server-side stamp (empty node) as written by `Display`.
            let at = Hlc::parse(&format!("{server}-x")).map_err(|e| serde::de::Error::custom(e.message))?;
            return Ok(Self { node: String::new(), ..at });
        }
        Hlc::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn hlc(millis: i64, counter: u32, node: &str) -> Hlc {
        Hlc { millis, counter, node: node.into() }
    }

    #[test]
    fn orders_by_time_then_counter_then_node_and_the_text_sorts_the_same() {
        let ordered = [hlc(1, 0, ""), hlc(1, 0, "A"), hlc(1, 0, "B"), hlc(1, 1, "A"), hlc(2, 0, "A")];
        for pair in ordered.windows(2) {
            assert!(pair[0] < pair[1], "{:?} < {:?}", pair[0], pair[1]);
            assert!(pair[0].to_string() < pair[1].to_string());
        }
    }

    #[test]
    fn round_trips_through_text_and_json() -> Result<(), serde_json::Error> {
        for clock in [hlc(1_795_000_000_000, 7, "01JDEVICE"), hlc(5, 0, "")] {
            let json = serde_json::to_string(&clock)?;
            assert_eq!(serde_json::from_str::<Hlc>(&json)?, clock);
        }
        assert_eq!(hlc(12, 3, "N").to_string(), "000000000000012-000003-N");
        Ok(())
    }

    #[test]
    fn rejects_malformed_stamps() {
        for text in ["", "12", "12-3", "x-3-N", "12-x-N", "-1-0-N", "12-3-", "12-3-bad node", &format!("1-0-{}", "n".repeat(65))] {
            assert!(Hlc::parse(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn stamps_far_in_the_future_are_clamped_to_the_drift_bound() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap_or_default();
        let ahead = hlc(now.timestamp_millis() + 3_600_000, 4, "N").clamped(now);
        assert_eq!(ahead, hlc(now.timestamp_millis() + MAX_CLOCK_DRIFT_MS, 4, "N"));
        let fine = hlc(now.timestamp_millis() + 1_000, 0, "N");
        assert_eq!(fine.clone().clamped(now), fine);
    }
}
