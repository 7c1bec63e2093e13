//! The first owner's setup code from the shell: issued and printed at `serve` while the
//! instance has no owner, and on demand by `lifeosd owner setup-code` (which replaces the
//! previous code). It goes to stdout as exactly one line, `lifeosd setup code: XXXX-XXXX-XXXX`
//! (scripts and tests parse it) — in json mode one JSON object with it as `message` and the
//! code as `setupCode`; it must never reach the log.

use lifeos_api::auth::{owner, setup_code};
use serde_json::json;
use sqlx::PgPool;

use crate::config::LogFormat;
use crate::output;

/// What precedes the code on its stdout line.
pub const SETUP_CODE_LINE: &str = "lifeosd setup code: ";

/// A fresh setup code, or None when the instance has an owner. An account of the configured
/// owner email that predates recorded owners is adopted as the owner first.
pub async fn new_setup_code(pool: &PgPool, owner_email: Option<&str>) -> anyhow::Result<Option<String>> {
    let now = chrono::Utc::now();
    if owner::adopt(pool, owner_email, now).await? {
        return Ok(None);
    }
    Ok(setup_code::issue(pool, now).await?)
}

/// At boot: prints a code if the instance has no owner yet.
pub async fn at_boot(pool: &PgPool, owner_email: Option<&str>, format: LogFormat) -> anyhow::Result<()> {
    if let Some(code) = new_setup_code(pool, owner_email).await? {
        print_code(format, &code);
        tracing::info!(
            "no instance owner yet: sign up with the setup code printed on stdout (valid 24 h, once)"
        );
    }
    Ok(())
}

/// `lifeosd owner setup-code`.
pub async fn print_setup_code(pool: &PgPool, owner_email: Option<&str>, format: LogFormat) -> anyhow::Result<()> {
    match new_setup_code(pool, owner_email).await? {
        Some(code) => {
            print_code(format, &code);
            output::hint(format, "valid for 24 hours and one sign-up (signUp input `setupCode`); any earlier code no longer works");
            Ok(())
        }
        None => {
            let email = owner::email(pool).await?.unwrap_or_default();
            anyhow::bail!("this instance already has an owner ({email}): setup codes are only for the first owner sign-up")
        }
    }
}

/// The setup code's stdout line (never the log).
fn print_code(format: LogFormat, code: &str) {
    output::stdout(format, &format!("{SETUP_CODE_LINE}{code}"), json!({"setupCode": code}));
}
