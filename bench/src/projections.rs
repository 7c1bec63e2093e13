//! `projections`: write cost independent of the number of projections. The createNote load
//! (concurrency 8, `lag.rs`) against a server with its normal 3 projections and one with 6
//! synthetic ones more (`LIFEOS_SYNTHETIC_PROJECTIONS=6` on the child: each upserts a row per
//! event in a table of its own), and the projection lag under each. Targets: rate with 9 ≥
//! 0.9× the rate with 3 (floor 0.85×); lag p99 ≤ 25 ms. A server that does not know the
//! setting ignores it (the ratio is then ~1 and says nothing).

use crate::commands::row;
use crate::lag::under_load;
use crate::report::{Report, Row};
use crate::Args;

const EXTRA: &str = "6";

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let mut three = None;
    for (label, env) in [("3 projections", &[][..]), ("9 projections", &[("LIFEOS_SYNTHETIC_PROJECTIONS", EXTRA)][..])] {
        let (load, lag) = under_load(args, env).await?;
        let rate = load.rate();
        let base = *three.get_or_insert(rate);
        let ratio = ("rate vs 3 projections (target 0.9)".to_owned(), rate / base);
        report.add(row("lifeos: createNote vs projs", format!("{label}, conc=8"), &load, vec![ratio]));
        // The lag samples, beside the rate of the load they were taken under.
        let ratio = ("lag p99 / 25 ms target".to_owned(), lag.percentile_ms(0.99) / 25.0);
        report.add(Row { rate, ..row("lifeos: projection lag", format!("{label}, load conc=8"), &lag, vec![ratio]) });
    }
    Ok(())
}
