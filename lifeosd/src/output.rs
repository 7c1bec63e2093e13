//! The lines lifeosd writes for scripts and people rather than for the log: the readiness
//! line, the setup code (stdout, never the log), the migrations summary and a failed
//! command's error. In `LIFEOS_LOG_FORMAT=json` each is one JSON object
//! (`{"message": …, …fields}`), or goes to the log when it is only a log line, so nothing but
//! JSON reaches stdout and stderr; in human mode each is its plain line.
//!
//! Must never put the setup code through `tracing`.

use serde_json::{json, Value};

use crate::config::LogFormat;

/// A line scripts read on stdout (readiness, the setup code), with its fields in json mode.
pub fn stdout(format: LogFormat, line: &str, fields: Value) {
    match format {
        LogFormat::Human => println!("{line}"),
        LogFormat::Json => println!("{}", object(line, fields)),
    }
}

/// A summary for people: stdout in human mode, the log (info) in json mode.
pub fn summary(format: LogFormat, line: &str) {
    match format {
        LogFormat::Human => println!("{line}"),
        LogFormat::Json => tracing::info!("{line}"),
    }
}

/// A hint for people on stderr in human mode, the log (info) in json mode.
pub fn hint(format: LogFormat, line: &str) {
    match format {
        LogFormat::Human => eprintln!("{line}"),
        LogFormat::Json => tracing::info!("{line}"),
    }
}

/// A failed command, on stderr.
pub fn error(format: LogFormat, error: &anyhow::Error) {
    let line = format!("lifeosd: error: {error:#}");
    match format {
        LogFormat::Human => eprintln!("{line}"),
        LogFormat::Json => eprintln!("{}", object(&line, json!({"level": "ERROR"}))),
    }
}

fn object(line: &str, fields: Value) -> Value {
    let mut object = json!({ "message": line });
    if let (Some(object), Value::Object(fields)) = (object.as_object_mut(), fields) {
        object.extend(fields);
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_line_keeps_its_message_and_fields() {
        let line = object("lifeosd listening on http://127.0.0.1:1", json!({"addr": "127.0.0.1:1"}));
        assert_eq!(line["message"], "lifeosd listening on http://127.0.0.1:1");
        assert_eq!(line["addr"], "127.0.0.1:1");
    }
}
