//! `lanes`: group commit's lanes (`LIFEOS_GROUP_COMMIT_LANES`, commits in flight at once)
//! under the createNote load (concurrency 8, `lag.rs`): 1, 2 (the default) and 4 lanes, each
//! against a fresh server, with the rate relative to the ceiling of the same run and the
//! projection lag under it. Fewer lanes group more commands per commit; more lanes wait less.

use crate::commands::row;
use crate::lag::under_load;
use crate::report::{Report, Row};
use crate::Args;

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let ceiling = report.rate_of("ceiling: 1-row tx", "conc=8");
    for lanes in ["1", "2", "4"] {
        let (load, lag) = under_load(args, &[("LIFEOS_GROUP_COMMIT_LANES", lanes)]).await?;
        let ratios = ceiling.map(|c| vec![("ceiling 1-row conc=8".to_owned(), load.rate() / c)]).unwrap_or_default();
        report.add(row("lifeos: createNote lanes", format!("{lanes} lanes, conc=8"), &load, ratios));
        report.add(Row {
            rate: load.rate(),
            ..row("lifeos: projection lag", format!("{lanes} lanes, load conc=8"), &lag, Vec::new())
        });
    }
    Ok(())
}
