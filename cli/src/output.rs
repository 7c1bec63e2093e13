//! Printing data: `--output table|json|yaml|ndjson`. Without the flag, the profile's format;
//! without that, `table` when stdout is a terminal and `json` when it is piped (scripts get
//! something parseable by default). Field names are the GraphQL names, instants RFC 3339 as
//! the server sends them; the shapes are a list of rows or one object.

use std::io::{IsTerminal, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::CliError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Table,
    Json,
    Yaml,
    Ndjson,
}

impl Format {
    /// The flag, else the profile's setting, else by whether stdout is a terminal.
    pub fn choose(flag: Option<Format>, profile: Option<Format>) -> Format {
        flag.or(profile).unwrap_or_else(|| if std::io::stdout().is_terminal() { Format::Table } else { Format::Json })
    }
}

/// Prints `data` (an array of rows, or one object) to stdout.
pub fn print(format: Format, data: &Value) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    let text = render(format, data)?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn render(format: Format, data: &Value) -> Result<String, CliError> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(data)? + "\n",
        Format::Yaml => serde_yaml::to_string(data).map_err(|e| CliError::Io(e.to_string()))?,
        Format::Ndjson => ndjson(data)?,
        Format::Table => table(data),
    })
}

/// One JSON object per line (an array's elements; a single object alone).
pub fn ndjson(data: &Value) -> Result<String, CliError> {
    let rows = match data {
        Value::Array(rows) => rows.iter().collect(),
        other => vec![other],
    };
    let mut out = String::new();
    for row in rows {
        out.push_str(&serde_json::to_string(row)?);
        out.push('\n');
    }
    Ok(out)
}

fn table(data: &Value) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    match data {
        Value::Array(rows) => {
            let mut columns: Vec<String> = Vec::new();
            for row in rows.iter().filter_map(Value::as_object) {
                for key in row.keys() {
                    if !columns.contains(key) {
                        columns.push(key.clone());
                    }
                }
            }
            if columns.is_empty() {
                return if rows.is_empty() { "(none)\n".into() } else { rows.iter().map(cell).collect::<Vec<_>>().join("\n") + "\n" };
            }
            table.set_header(&columns);
            for row in rows {
                table.add_row(columns.iter().map(|c| cell(row.get(c).unwrap_or(&Value::Null))));
            }
        }
        Value::Object(fields) => {
            for (key, value) in fields {
                table.add_row(vec![key.clone(), cell(value)]);
            }
        }
        other => return cell(other) + "\n",
    }
    table.to_string() + "\n"
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_format_parses_back_with_a_real_parser() -> Result<(), Box<dyn std::error::Error>> {
        let rows = json!([{"id": "01A", "title": "x", "tags": ["a"]}, {"id": "01B", "title": null, "done": true}]);
        assert_eq!(serde_json::from_str::<Value>(&render(Format::Json, &rows)?)?, rows);
        assert_eq!(serde_yaml::from_str::<Value>(&render(Format::Yaml, &rows)?)?, rows);
        let lines: Vec<Value> = render(Format::Ndjson, &rows)?.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
        assert_eq!(Value::Array(lines), rows);
        let table = render(Format::Table, &rows)?;
        assert!(table.contains("title") && table.contains("01B") && table.contains("done"));
        Ok(())
    }
}
