//! Given a history of marks, when it is folded, then the figures are Loop's score and the
//! streak rules of the module doc.

use chrono::NaiveDate;

use super::*;

const DAILY: HabitRule = HabitRule { measure: Measure::YesNo, cadence: Cadence::Daily };

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a Monday")
}

fn multiplier(frequency: f64) -> f64 {
    0.5_f64.powf(frequency.sqrt() / 13.0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn thirteen_done_days_of_a_daily_habit_make_half_strength() {
    let stats = fold(&DAILY, monday(), &[Mark::Yes; 13]);
    assert!(close(stats[12].score, 0.5), "{}", stats[12].score);
    assert_eq!((stats[12].streak, stats[12].best_streak), (13, 13));
    // Closed form after n days: 1 - m^n.
    assert!(close(stats[4].score, 1.0 - multiplier(1.0).powi(5)));
}

#[test]
fn a_skip_freezes_the_score_and_bridges_the_streak_while_no_breaks_it() {
    let marks = [Mark::Yes, Mark::Yes, Mark::Skip, Mark::Yes, Mark::No, Mark::Yes, Mark::Unknown];
    let stats = fold(&DAILY, monday(), &marks);
    assert!(close(stats[2].score, stats[1].score), "a skip changes nothing");
    assert_eq!(stats.iter().map(|s| s.streak).collect::<Vec<_>>(), vec![1, 2, 2, 3, 0, 1, 0]);
    assert_eq!(stats[6].best_streak, 3);
    assert_eq!(stats[2].met, None);
    assert!(stats[4].score < stats[3].score, "a NO lowers the score");
}

#[test]
fn unscheduled_weekdays_are_neutral() {
    // Monday, Wednesday, Friday.
    let rule = HabitRule { measure: Measure::YesNo, cadence: Cadence::Weekdays([true, false, true, false, true, false, false]) };
    let marks = [Mark::Yes, Mark::Unknown, Mark::Yes, Mark::No, Mark::Yes, Mark::Unknown, Mark::Unknown, Mark::Yes];
    let stats = fold(&rule, monday(), &marks);
    assert_eq!(stats.iter().map(|s| s.streak).collect::<Vec<_>>(), vec![1, 1, 2, 2, 3, 3, 3, 4], "Tue/Thu/weekend never break it");
    assert!(close(stats[1].score, stats[0].score));
    assert_eq!(stats[3].met, None, "a NO on an unscheduled day is ignored");
}

#[test]
fn a_three_per_week_habit_counts_met_weeks_and_the_running_week_never_breaks_it() {
    let rule = HabitRule { measure: Measure::YesNo, cadence: Cadence::Times { num: 3, den: 7 } };
    let mut marks = vec![Mark::Yes, Mark::Unknown, Mark::Yes, Mark::Unknown, Mark::Yes, Mark::Unknown, Mark::Unknown];
    marks.extend([Mark::Yes, Mark::Unknown, Mark::Unknown, Mark::Yes, Mark::Unknown, Mark::Yes, Mark::Unknown]);
    marks.extend([Mark::Yes, Mark::Unknown, Mark::Unknown]);
    let stats = fold(&rule, monday(), &marks);
    assert_eq!(stats[3].streak, 0, "not met yet, nothing broken");
    assert_eq!(stats[4].streak, 1, "the third YES meets the week");
    assert_eq!(stats[6].streak, 1);
    assert_eq!(stats[13].streak, 2);
    assert_eq!(stats[16].streak, 2, "the running week is not met yet, and does not break the streak");
    let week = [Mark::Yes, Mark::Unknown, Mark::Unknown, Mark::Unknown, Mark::Unknown, Mark::Yes, Mark::Unknown];
    let broken = fold(&rule, monday(), &[marks[..14].to_vec(), week.to_vec()].concat());
    assert_eq!(broken[20].streak, 0, "a week with two of three breaks it at its end");
    assert_eq!(broken[20].best_streak, 2);
}

#[test]
fn the_score_of_a_less_than_daily_habit_uses_loops_doubled_window() {
    let rule = HabitRule { measure: Measure::YesNo, cadence: Cadence::Times { num: 1, den: 2 } };
    let stats = fold(&rule, monday(), &[Mark::Yes, Mark::Unknown, Mark::Yes]);
    let m = multiplier(0.5);
    // Window of 4 days, target 2: completions 0.5, 0.5, 1.0.
    let expected = [0.5 * (1.0 - m), 0.5 * (1.0 - m) * m + 0.5 * (1.0 - m)];
    assert!(close(stats[0].score, expected[0]) && close(stats[1].score, expected[1]));
    assert!(close(stats[2].score, expected[1] * m + (1.0 - m)));
}

#[test]
fn measurable_habits_compare_the_window_sum_with_the_target() {
    let at_least = HabitRule { measure: Measure::AtLeast(10.0), cadence: Cadence::Daily };
    let stats = fold(&at_least, monday(), &[Mark::Value(5.0), Mark::Value(12.0), Mark::Unknown]);
    let m = multiplier(1.0);
    assert!(close(stats[0].score, 0.5 * (1.0 - m)));
    assert_eq!(stats.iter().map(|s| s.streak).collect::<Vec<_>>(), vec![0, 1, 0]);

    let at_most = HabitRule { measure: Measure::AtMost(4.0), cadence: Cadence::Daily };
    let stats = fold(&at_most, monday(), &[Mark::Value(2.0), Mark::Value(6.0), Mark::Value(9.0)]);
    assert!(close(stats[0].score, 1.0), "an AT_MOST habit starts strong and stays so under target");
    assert!(close(stats[1].score, multiplier(1.0) + 0.5 * (1.0 - multiplier(1.0))), "6 of at most 4: half done");
    assert!(close(stats[2].score, stats[1].score * multiplier(1.0)), "9 of at most 4: nothing");
    assert_eq!(stats.iter().map(|s| s.streak).collect::<Vec<_>>(), vec![1, 0, 0]);
}

#[test]
fn a_stored_fold_goes_on_exactly_as_one_unbroken_fold() {
    let rule = HabitRule { measure: Measure::YesNo, cadence: Cadence::Times { num: 3, den: 7 } };
    let marks: Vec<Mark> = (0..40).map(|i| if i % 3 == 0 { Mark::Yes } else if i % 11 == 0 { Mark::Skip } else { Mark::Unknown }).collect();
    let whole = fold(&rule, monday(), &marks);
    let mut folder = Folder::new(&rule, monday());
    for mark in &marks[..25] {
        folder.push(&rule, *mark);
    }
    let stored = serde_json::to_string(&folder).expect("serialises");
    let mut resumed: Folder = serde_json::from_str(&stored).expect("deserialises");
    let rest: Vec<DayStat> = marks[25..].iter().map(|mark| resumed.push(&rule, *mark)).collect();
    assert_eq!(rest, whole[25..].to_vec());
}
