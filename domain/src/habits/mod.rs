//! Habits: habits with schedules and targets (`habit`), one check-in per habit and local day
//! (`check_in`, at its natural id), pauses that make days neutral (`pause`), and the pure fold
//! the `habit_stats` projection will persist — Loop Habit Tracker's score and streaks that
//! SKIP, paused and unscheduled days bridge (`score`). Local days come from the user's
//! `Settings` (time zone, day-start hour): `local_day`. `habit_log` is the rule aggregate that
//! keeps check-ins consistent with their habit (kind, dates) on the command path.
//!
//! Pure: no I/O, no clock. The kinds are declared here and registered with their migration,
//! rules and projection (not yet: see ARCHITECTURE.md, "Habits").

pub mod check_in;
pub mod day;
pub mod habit;
pub mod habit_log;
pub mod pause;
pub mod score;
