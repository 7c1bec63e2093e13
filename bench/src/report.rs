//! The results: one row per scenario setting, each with its reference from the same run.

use std::path::PathBuf;

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub scenario: String,
    pub setting: String,
    pub ops: usize,
    pub rate: f64,
    pub unit: &'static str,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// (reference row label, ratio of this rate to it)
    pub ratios: Vec<(String, f64)>,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub date: String,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn add(&mut self, row: Row) {
        self.rows.push(row);
    }

    /// The rate of an earlier row, by scenario and setting.
    pub fn rate_of(&self, scenario: &str, setting: &str) -> Option<f64> {
        self.rows.iter().find(|r| r.scenario == scenario && r.setting == setting).map(|r| r.rate)
    }

    pub fn print(&self) {
        println!(
            "\n{:<28} {:<28} {:>8} {:>11} {:<9} {:>8} {:>8}  ratios",
            "scenario", "setting", "ops", "rate", "unit", "p50 ms", "p99 ms"
        );
        println!("{}", "-".repeat(130));
        let ms = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"));
        for r in &self.rows {
            let ratios: Vec<String> = r.ratios.iter().map(|(label, x)| format!("{x:.2}x {label}")).collect();
            println!(
                "{:<28} {:<28} {:>8} {:>11.0} {:<9} {:>8} {:>8}  {}",
                r.scenario, r.setting, r.ops, r.rate, r.unit, ms(r.p50_ms), ms(r.p99_ms), ratios.join(", ")
            );
        }
    }

    pub fn write_json(&mut self) -> anyhow::Result<PathBuf> {
        self.date = chrono::Utc::now().to_rfc3339();
        let dir = PathBuf::from("target/bench");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("results-{}.json", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
        std::fs::write(&path, serde_json::to_string_pretty(self)?)?;
        Ok(path)
    }
}
