//! Hybrid logical clock: `(millis, counter, node)` stamps that never go backwards on one
//! client, even if its wall clock does, and move past every server timestamp the client has
//! seen. Wire form `"<millis:015>-<counter:06>-<node>"`, compared as the tuple. Pure.

use std::fmt;
use std::str::FromStr;

/// The largest counter the six-digit wire form can carry; one more tick moves to the next ms.
pub const MAX_COUNTER: u32 = 999_999;

/// One stamp.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub node: String,
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.millis, self.counter, self.node)
    }
}

impl FromStr for Hlc {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.splitn(3, '-');
        let (Some(millis), Some(counter), Some(node)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("not an HLC: {text:?}"));
        };
        let millis = millis.parse().map_err(|_| format!("bad HLC millis in {text:?}"))?;
        let counter = counter.parse().map_err(|_| format!("bad HLC counter in {text:?}"))?;
        Ok(Self { millis, counter, node: node.to_owned() })
    }
}

/// The clock's persistent state: the last stamp issued (or the floor set by `observe`).
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
mod tests {
    use super::*;

    #[test]
    fn wire_form_is_zero_padded_and_round_trips() {
        let stamp = Hlc { millis: 1_795_000_000_000, counter: 3, node: "01JDNODE".into() };
        assert_eq!(stamp.to_string(), "001795000000000-000003-01JDNODE");
        assert_eq!(stamp.to_string().parse::<Hlc>(), Ok(stamp));
        assert!("12-x-node".parse::<Hlc>().is_err());
        assert!("nonsense".parse::<Hlc>().is_err());
    }

    #[test]
    fn stamps_order_by_millis_then_counter_then_node() {
        let at = |millis, counter, node: &str| Hlc { millis, counter, node: node.into() };
        assert!(at(1, 999, "B") < at(2, 0, "A"));
        assert!(at(2, 0, "Z") < at(2, 1, "A"));
        assert!(at(2, 1, "A") < at(2, 1, "B"));
        // The wire form sorts like the tuple (fixed-width numbers).
        assert!(at(9, 5, "A").to_string() < at(10, 0, "A").to_string());
    }

    #[test]
    fn ticks_follow_the_wall_clock_and_count_within_a_millisecond() {
        let mut state = HlcState::default();
        assert_eq!(state.tick(100, "n"), Hlc { millis: 100, counter: 0, node: "n".into() });
        assert_eq!(state.tick(100, "n").counter, 1);
        assert_eq!(state.tick(100, "n").counter, 2);
        assert_eq!(state.tick(105, "n"), Hlc { millis: 105, counter: 0, node: "n".into() });
    }

    #[test]
    fn a_wall_clock_going_backwards_never_makes_stamps_go_backwards() {
        let mut state = HlcState::default();
        let first = state.tick(1_000, "n");
        let second = state.tick(400, "n");
        let third = state.tick(999, "n");
        assert!(first < second && second < third, "{first} {second} {third}");
        assert_eq!(third.millis, 1_000);
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let mut state = HlcState { millis: 50, counter: MAX_COUNTER };
        assert_eq!(state.tick(50, "n"), Hlc { millis: 51, counter: 0, node: "n".into() });
    }

    #[test]
    fn observing_server_time_moves_past_every_stamp_at_that_time() {
        let mut state = HlcState::default();
        state.tick(100, "n");
        state.observe(5_000);
        let next = state.tick(200, "n");
        assert!(next > Hlc { millis: 5_000, counter: MAX_COUNTER, node: "ZZZZ".into() }, "{next}");
        // An older observation changes nothing.
        let before = state;
        state.observe(3_000);
        assert_eq!(state, before);
        // The wall clock catching up takes over again.
        assert_eq!(state.tick(9_000, "n"), Hlc { millis: 9_000, counter: 0, node: "n".into() });
    }
}
