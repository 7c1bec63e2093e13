//! `watch`: live changes as ndjson, one feed entry per line as it arrives — from `--after`
//! (or `--from-start`), else from now on — until interrupted or `--count` entries.

use std::io::Write;

use crate::args::WatchArgs;
use crate::error::CliError;
use crate::session::Session;

pub async fn run(session: Session, args: WatchArgs) -> Result<(), CliError> {
    let http = session.http()?;
    let after = match (args.after, args.from_start) {
        (Some(cursor), _) => Some(cursor),
        (None, true) => None,
        (None, false) => Some(end_of_feed(&http).await?),
    };
    let mut seen = 0usize;
    let mut failure = None;
    lifeos_client::follow_changes(&http, after, |change| {
        let mut out = std::io::stdout().lock();
        if let Err(e) = serde_json::to_string(&change).map_err(CliError::from).and_then(|line| writeln!(out, "{line}").and_then(|()| out.flush()).map_err(CliError::from)) {
            failure = Some(e);
            return false;
        }
        seen += 1;
        args.count.is_none_or(|n| seen < n)
    })
    .await?;
    failure.map_or(Ok(()), Err)
}

/// The cursor after the newest change.
async fn end_of_feed(http: &lifeos_client::Http) -> Result<String, CliError> {
    let mut after = None;
    loop {
        let page = http.changes(after, 500).await?;
        if !page.has_more {
            return Ok(page.cursor);
        }
        after = Some(page.cursor);
    }
}
