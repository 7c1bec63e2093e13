//! The `habit_stats` projection black box: Loop Habit Tracker's score and the streaks of a
//! hand-written 60-day history — a daily habit, a 3-per-week habit, measurable AT_LEAST and
//! AT_MOST habits, with SKIP, NO, a pause and a backdated edit — equal figures computed here,
//! independently, from the published formula (`score = prev·m + completion·(1−m)`,
//! `m = 0.5^(sqrt(freq)/13)`, completion from the rolling window of the habit's period,
//! doubled for a less-than-daily yes/no habit); `habitsToday` continues to today; and a
//! verified rebuild of the projection gives the same rows.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use lifeos_client::{Client, ManualClock};
use lifeos_domain::ids::natural_id;
use lifeos_projections::habits::HabitStatsProjection;
use lifeos_replay::rebuild::{rebuild, RebuildOptions};
use lifeos_tests::{Account, GqlClient, TestServer};
use serde_json::{json, Value};

/// One day of the written history.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Day {
    Empty,
    Yes,
    No,
    Skip,
    Value(f64),
}

/// The reference: Loop's score, day by day, straight from the formula (paused days as SKIP).
fn reference_scores(num: u32, den: u32, numerical: bool, at_most: bool, target: f64, days: &[Day]) -> Vec<f64> {
    let frequency = f64::from(num) / f64::from(den);
    let (target_count, window) = if !numerical && frequency < 1.0 { (2 * num, 2 * den) } else { (num, den) };
    let m = 0.5_f64.powf(frequency.sqrt() / 13.0);
    let part = |d: &Day| match (d, numerical) {
        (Day::Yes, false) => 1.0,
        (Day::Value(v), true) => v.max(0.0),
        _ => 0.0,
    };
    let mut score = if at_most { 1.0 } else { 0.0 };
    let mut out = Vec::new();
    for i in 0..days.len() {
        if days[i] != Day::Skip {
            let start = (i + 1).saturating_sub(window as usize);
            let sum: f64 = days[start..=i].iter().map(part).sum();
            let completion = if !numerical {
                (sum / f64::from(target_count)).min(1.0)
            } else if at_most {
                (1.0 - (sum - target) / target).clamp(0.0, 1.0)
            } else {
                (sum / target).min(1.0)
            };
            score = score * m + completion * (1.0 - m);
        }
        out.push(score);
    }
    out
}

/// The reference streak of a daily habit: met days in a row; skips bridge; anything else breaks.
fn reference_daily_streaks(days: &[Day], met: impl Fn(&Day) -> bool) -> Vec<i64> {
    let mut run = 0;
    days.iter()
        .map(|d| {
            if *d != Day::Skip {
                run = if met(d) { run + 1 } else { 0 };
            }
            run
        })
        .collect()
}

/// The reference streak of an N-per-period yes/no habit: met periods in a row, the running
/// one counted once met; a period of only skips is neutral.
fn reference_period_streaks(num: usize, den: usize, days: &[Day]) -> Vec<i64> {
    let mut run = 0;
    let mut out = Vec::new();
    for (p, period) in days.chunks(den).enumerate() {
        for i in 0..period.len() {
            let yes = period[..=i].iter().filter(|d| **d == Day::Yes).count();
            let last = i + 1 == den;
            let all_skipped = period[..=i].iter().all(|d| *d == Day::Skip);
            if last {
                if yes >= num {
                    run += 1;
                } else if !all_skipped {
                    run = 0;
                }
                out.push(run);
            } else {
                out.push(run + i64::from(yes >= num));
            }
        }
        let _ = p;
    }
    out
}

/// A deterministic 60-day pattern per habit.
fn pattern(seed: u64, len: usize, numerical: Option<f64>) -> Vec<Day> {
    let mut state = seed;
    (0..len)
        .map(|i| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let roll = (state >> 33) % 100;
            if i == 0 {
                return numerical.map_or(Day::Yes, Day::Value);
            }
            match (numerical, roll) {
                (_, 0..=9) => Day::Skip,
                (_, 10..=24) => Day::Empty,
                (None, 25..=34) => Day::No,
                (None, _) => Day::Yes,
                (Some(scale), r) => Day::Value((r % 9) as f64 * scale / 4.0),
            }
        })
        .collect()
}

fn device(server: &TestServer, account: &Account) -> anyhow::Result<Client> {
    let clock = ManualClock::new(chrono::Utc::now().timestamp_millis());
    Ok(Client::builder(server.url("/graphql"), account.token.clone())
        .workspace(account.personal_workspace.clone())
        .clock(Arc::new(clock))
        .in_memory()
        .open()?)
}

async fn create_habit(client: &GqlClient, input: Value) -> anyhow::Result<String> {
    let created = client.data("mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }", json!({"i": input}), "createHabit").await?;
    Ok(created["id"].as_str().unwrap_or_default().to_owned())
}

fn check_in_fields(habit: &str, date: NaiveDate, day: Day) -> Option<Value> {
    let (state, value) = match day {
        Day::Empty => return None,
        Day::Yes => ("YES", None),
        Day::No => ("NO", None),
        Day::Skip => ("SKIP", None),
        Day::Value(v) => ("VALUE", Some(format!("{v}"))),
    };
    Some(json!({"habitId": habit, "date": date.to_string(), "state": state, "value": value}))
}

async fn history(client: &GqlClient, habit: &str, from: NaiveDate, to: NaiveDate) -> anyhow::Result<Vec<Value>> {
    let document = "query($h: ID!, $f: Date!, $t: Date!) { habitHistory(habitId: $h, from: $f, to: $t) { date state value score streak bestStreak met paused } }";
    let days = client.data(document, json!({"h": habit, "f": from.to_string(), "t": to.to_string()}), "habitHistory").await?;
    Ok(days.as_array().cloned().unwrap_or_default())
}

fn assert_figures(what: &str, got: &[Value], scores: &[f64], streaks: &[i64]) {
    assert_eq!(got.len(), scores.len(), "{what}: one figure per day");
    for (i, day) in got.iter().enumerate() {
        let score = day["score"].as_f64().unwrap_or(f64::NAN);
        assert!((score - scores[i]).abs() < 1e-9, "{what}, day {i} ({}): score {score} ≠ {}", day["date"], scores[i]);
        assert_eq!(day["streak"].as_i64(), Some(streaks[i]), "{what}, day {i} ({}): streak", day["date"]);
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Daily,
    ThreePerWeek,
    AtLeast5,
    AtMost3,
}

/// Reads a habit's history and compares it with the reference figures; returns the rows.
async fn check(c: &GqlClient, (from, to): (NaiveDate, NaiveDate), label: &str, days: &[Day], habit: &str, kind: Kind) -> anyhow::Result<Vec<Value>> {
    let got = history(c, habit, from, to).await?;
    let (scores, streaks) = match kind {
        Kind::Daily => (reference_scores(1, 1, false, false, 0.0, days), reference_daily_streaks(days, |d| *d == Day::Yes)),
        Kind::ThreePerWeek => (reference_scores(3, 7, false, false, 0.0, days), reference_period_streaks(3, 7, days)),
        Kind::AtLeast5 => (reference_scores(1, 1, true, false, 5.0, days), reference_daily_streaks(days, |d| matches!(d, Day::Value(v) if *v >= 5.0))),
        Kind::AtMost3 => (reference_scores(1, 1, true, true, 3.0, days), reference_daily_streaks(days, |d| matches!(d, Day::Value(v) if *v <= 3.0))),
    };
    assert_figures(label, &got, &scores, &streaks);
    Ok(got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loop_scores_and_streaks_of_a_sixty_day_history_equal_the_formula_and_a_backdated_edit_reprojects() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let c = &owner.client;
    let today = chrono::Utc::now().date_naive();
    let first = today - Duration::days(60);
    let dates: Vec<NaiveDate> = (0..60).map(|i| first + Duration::days(i)).collect();

    let daily = create_habit(c, json!({"name": "Meditate", "kind": "YES_NO"})).await?;
    let thrice = create_habit(c, json!({"name": "Gym", "kind": "YES_NO", "schedule": "TIMES_PER_PERIOD", "freqNum": 3, "freqDen": 7})).await?;
    let run = create_habit(c, json!({"name": "Run", "kind": "MEASURABLE", "unit": "km", "target": "5"})).await?;
    let coffee = create_habit(c, json!({"name": "Coffee", "kind": "MEASURABLE", "unit": "cups", "target": "3", "targetType": "AT_MOST"})).await?;
    let mut written = [(daily.clone(), pattern(1, 60, None)), (thrice.clone(), pattern(2, 60, None)), (run.clone(), pattern(3, 60, Some(8.0))), (coffee.clone(), pattern(4, 60, Some(6.0)))];
    // Days 5 and 6 of the daily habit are a NO and an empty day, edited later.
    written[0].1[5] = Day::No;
    written[0].1[6] = Day::Empty;

    let phone = device(&server, &owner)?;
    for (habit, days) in &written {
        for (date, day) in dates.iter().zip(days) {
            if let Some(fields) = check_in_fields(habit, *date, *day) {
                phone.upsert("CheckIn", &natural_id("CheckIn", &owner.personal_workspace, &[habit, &date.to_string()]), fields)?;
            }
        }
    }
    // A pause of the daily habit (days 20–24): those days count as SKIP.
    let pause = json!({"habitId": daily, "startsOn": dates[20].to_string(), "endsOn": dates[24].to_string(), "reason": "travel"});
    c.data("mutation($i: CreatePauseInput!) { createPause(input: $i) { id } }", json!({"i": pause}), "createPause").await?;
    let report = phone.sync().await?;
    assert_eq!(report.rejected, 0, "{:?}", phone.rejected()?);

    let paused = |days: &[Day]| -> Vec<Day> { days.iter().enumerate().map(|(i, d)| if (20..=24).contains(&i) { Day::Skip } else { *d }).collect() };
    let before = check(c, (first, dates[59]), "daily", &paused(&written[0].1), &daily, Kind::Daily).await?;
    check(c, (first, dates[59]), "3 per week", &written[1].1, &thrice, Kind::ThreePerWeek).await?;
    check(c, (first, dates[59]), "at least 5 km", &written[2].1, &run, Kind::AtLeast5).await?;
    check(c, (first, dates[59]), "at most 3 cups", &written[3].1, &coffee, Kind::AtMost3).await?;
    assert!(before[22]["paused"].as_bool() == Some(true) && before[22]["met"].is_null(), "{}", before[22]);

    // A backdated edit: day 5 becomes YES, day 6 gets a YES: every later day is re-projected.
    for i in [5, 6] {
        written[0].1[i] = Day::Yes;
        let fields = check_in_fields(&daily, dates[i], Day::Yes).unwrap_or_default();
        phone.upsert("CheckIn", &natural_id("CheckIn", &owner.personal_workspace, &[&daily, &dates[i].to_string()]), fields)?;
    }
    phone.sync().await?;
    let after = check(c, (first, dates[59]), "daily, edited", &paused(&written[0].1), &daily, Kind::Daily).await?;
    assert_ne!(before[59]["score"], after[59]["score"], "the edit reached the last day");

    // Past the last check-in the fold goes on to today: an empty day lowers the score.
    let today_row = history(c, &daily, dates[59], today).await?;
    assert_eq!(today_row.len(), 2);
    let expected_today = {
        let mut days = paused(&written[0].1);
        days.push(Day::Empty);
        reference_scores(1, 1, false, false, 0.0, &days)[60]
    };
    assert!((today_row[1]["score"].as_f64().unwrap_or(0.0) - expected_today).abs() < 1e-9, "{today_row:?}");
    let listed = c.data("{ habitsToday { id name today todayState score streak bestStreak } }", json!({}), "habitsToday").await?;
    let meditate = listed.as_array().and_then(|all| all.iter().find(|h| h["id"] == daily.as_str())).cloned().unwrap_or_default();
    assert_eq!(meditate["today"], today.to_string());
    assert!(meditate["todayState"].is_null());
    assert_eq!(meditate["score"], after[59]["score"], "not checked in today: yesterday's score, unbroken");
    assert_eq!(meditate["streak"], after[59]["streak"]);

    // A verified rebuild of the projection finds no difference (other batch boundaries).
    let options = RebuildOptions { verify: true, ..RebuildOptions::default() };
    let report = rebuild(&server.db.pool, &HabitStatsProjection, options, |_| {}).await?;
    let checks = report.checks.ok_or_else(|| anyhow::anyhow!("verify gave no report"))?;
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
    assert!(checks.iter().any(|c| c.table == "habit_days" && c.rebuilt_rows > 200), "{checks:?}");
    server.stop().await
}
