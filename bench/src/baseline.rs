//! Plain cqrs-es + postgres-es (`../shared/baseline-cqrs-es`), run in the same session on a
//! database of its own; its printed figures are parsed into rows. Skipped (with a note) when
//! the binary has not been built — see BENCHMARKS.md for the build command.

use std::process::Command;

use crate::report::{Report, Row};
use crate::Args;

pub fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    if !args.baseline.is_file() {
        println!("baseline: {} not built; skipped", args.baseline.display());
        return Ok(());
    }
    let runtime = tokio::runtime::Handle::current();
    let db = tokio::task::block_in_place(|| runtime.block_on(crate::database::BenchDb::create(&args.admin_url)))?;
    let mut cmd = Command::new(&args.baseline);
    cmd.args(["--url", &db.url]);
    if args.quick {
        cmd.args(["--warmup", "10", "--creates", "100", "--renames", "20", "--depths", "1,10", "--no-view-cmds", "50"]);
    }
    let out = cmd.output()?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    anyhow::ensure!(out.status.success(), "baseline failed: {}", String::from_utf8_lossy(&out.stderr));
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("create conc=") {
            let conc = rest.split(':').next().unwrap_or_default();
            report.add(Row {
                scenario: "baseline: create (view)".into(),
                setting: format!("conc={conc}"),
                ops: 0,
                rate: number_before(rest, " cmd/s").unwrap_or(f64::NAN),
                unit: "cmd/s",
                p50_ms: number_after(rest, "p50="),
                p99_ms: number_after(rest, "p99="),
                ratios: vec![],
            });
        } else if let Some(rest) = line.strip_prefix("replay_all: ") {
            report.add(Row {
                scenario: "baseline: replay_all".into(),
                setting: "rebuild view".into(),
                ops: 0,
                rate: number_before(rest, " events/s").unwrap_or(f64::NAN),
                unit: "events/s",
                p50_ms: None,
                p99_ms: None,
                ratios: vec![],
            });
        }
    }
    tokio::task::block_in_place(|| runtime.block_on(db.drop_now()))
}

/// The number just before `unit` in `text` (e.g. "… 2085 cmd/s").
fn number_before(text: &str, unit: &str) -> Option<f64> {
    let head = &text[..text.find(unit)?];
    head.rsplit([' ', '=']).next()?.parse().ok()
}

/// The number just after `key` (e.g. "p50=1.190ms").
fn number_after(text: &str, key: &str) -> Option<f64> {
    let tail = &text[text.find(key)? + key.len()..];
    let number: String = tail.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    number.parse().ok()
}
