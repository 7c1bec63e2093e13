//! `watch`: live changes as ndjson, one feed entry per line as it arrives — from `--after`
//! (or `--from-start`), else from now on — until interrupted or `--count` entries. A dropped
//! connection is resumed from the last printed entry's cursor (backing off 0.2 s → 30 s), so
//! no entry is lost or printed twice; refused credentials and RESET_REQUIRED end it.

use std::io::Write;
use std::time::Duration;

use lifeos_client::ClientError;

use crate::args::WatchArgs;
use crate::error::CliError;
use crate::session::Session;

const MIN_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub async fn run(session: Session, args: WatchArgs) -> Result<(), CliError> {
    let http = session.http()?;
    let mut after = match (args.after, args.from_start) {
        (Some(cursor), _) => Some(cursor),
        (None, true) => None,
        (None, false) => Some(end_of_feed(&http).await?),
    };
    let mut seen = 0usize;
    let mut backoff = MIN_BACKOFF;
    loop {
        let mut failure = None;
        let mut last = None;
        let followed = lifeos_client::follow_changes(&http, after.clone(), |change| {
            let cursor = change.cursor.clone();
            if let Err(e) = print(&change) {
                failure = Some(e);
                return false;
            }
            last = Some(cursor);
            seen += 1;
            args.count.is_none_or(|n| seen < n)
        })
        .await;
        if let Some(failure) = failure {
            return Err(failure);
        }
        if last.is_some() {
            after = last;
            backoff = MIN_BACKOFF;
        }
        match followed {
            Ok(()) if args.count.is_some_and(|n| seen >= n) => return Ok(()),
            Ok(()) => {}
            Err(error) if fatal(&error) => return Err(error.into()),
            Err(error) => {
                if session.globals.verbose {
                    eprintln!("lifeos: watch: {error}; resuming in {} ms", backoff.as_millis());
                }
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

fn print(change: &lifeos_client::Change) -> Result<(), CliError> {
    let line = serde_json::to_string(change)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

/// Errors a retry cannot mend.
fn fatal(error: &ClientError) -> bool {
    match error {
        ClientError::ResetRequired => true,
        ClientError::Server(e) => matches!(e.code.as_str(), "UNAUTHENTICATED" | "FORBIDDEN" | "VALIDATION" | "BAD_USER_INPUT"),
        ClientError::HttpStatus { status, .. } => (400..500).contains(status),
        _ => false,
    }
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
