//! Hybrid logical clocks: the order of concurrent offline writes, one definition for the
//! server (which compares and clamps stamps) and every client (which issues them).
//!
//! An `Hlc` is (physical milliseconds, counter, node). Devices stamp each local change with
//! one; ordering is lexicographic on the triple, so it follows wall time where clocks agree,
//! the counter orders changes within one millisecond, and the node id breaks exact ties
//! deterministically. The wire form `"<millis:15>-<counter:6>-<node>"` sorts the same way as a
//! string. Server-side writes (GraphQL mutations) get the clock of their time with node `""`,
//! which loses exact ties to any device. `HlcState` issues a device's stamps: they never go
//! backwards, even when its wall clock does, and move past every server time it has seen.
//! Pure: no clock is read here.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A device clock may run at most this far ahead of the server; later stamps are clamped.
pub const MAX_CLOCK_DRIFT_MS: i64 = 60_000;

/// The largest counter the six-digit wire form can carry; one more tick moves to the next ms.
pub const MAX_COUNTER: u32 = 999_999;

const MAX_NODE_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub node: String,
}

/// Why a text is not a device's stamp (the message names the expected form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HlcError {
    pub message: String,
}

impl fmt::Display for HlcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HlcError {}

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

    /// A device's stamp: non-negative time, a node of 1–64 `[A-Za-z0-9_-]`.
    pub fn parse(text: &str) -> Result<Self, HlcError> {
        let bad = || HlcError { message: "must be \"<millis>-<counter>-<node>\" (e.g. 001795000000000-000000-DEVICE)".into() };
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

impl FromStr for Hlc {
    type Err = HlcError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
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
            let at = Hlc::parse(&format!("{server}-x")).map_err(serde::de::Error::custom)?;
            return Ok(Self { node: String::new(), ..at });
        }
        Hlc::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A device clock's persistent state: the last stamp issued (or the floor set by `observe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HlcState {
    pub millis: i64,
    pub counter: u32,
}

impl HlcState {
    /// Issues the next stamp for `node` at physical time `now_millis`: strictly greater than
    /// every stamp issued or observed before.
    pub fn tick(&mut self, now_millis: i64, node: &str) -> Hlc {
        if now_millis > self.millis {
            self.millis = now_millis;
            self.counter = 0;
        } else if self.counter >= MAX_COUNTER {
            self.millis += 1;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        Hlc { millis: self.millis, counter: self.counter, node: node.to_owned() }
    }

    /// Moves past a timestamp seen on server data: the next stamp is later than any stamp
    /// at `remote_millis`, whatever its counter.
    pub fn observe(&mut self, remote_millis: i64) {
        if remote_millis >= self.millis {
            self.millis = remote_millis;
            self.counter = MAX_COUNTER;
        }
    }
}

#[cfg(test)]
#[path = "hlc_tests.rs"]
mod tests;
