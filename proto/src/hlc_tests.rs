//! The clock's rules, given/when/then: ordering, the wire form, parsing, clamping, ticking.

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
