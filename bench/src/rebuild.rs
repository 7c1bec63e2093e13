//! `lifeosd rebuild kernel` over a seeded history (≥ 500k events in a full run), beside
//! the baseline's `replay_all` and the 100-row ceiling.

use std::process::Command;

use sqlx::{ConnectOptions, Connection};

use crate::database::BenchDb;
use crate::report::{Report, Row};
use crate::server::lifeosd_path;
use crate::Args;

/// 80% NoteCreated over 5 workspaces, then 20% NoteUpdated on the first notes.
const SEED: &str = "
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT 'Note', w || ':' || id, 1, 'NoteCreated', '1',
       json_build_object('Created', json_build_object('workspace_id', w, 'id', id, 'at', '2026-01-01T00:00:00Z',
           'fields', json_build_object('title', 'note ' || i, 'body', 'some body text ' || i, 'pinned', false, 'tags', json_build_array('a', 'b')))),
       json_build_object('workspace_id', w, 'actor', 'bench', 'request_id', 'seed')
  FROM (SELECT i, 'W' || (i % 5) AS w, lpad(i::text, 26, '0') AS id FROM generate_series(1, $1::int) i) s";

const SEED_UPDATES: &str = "
INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
SELECT 'Note', w || ':' || id, 2, 'NoteUpdated', '1',
       json_build_object('Updated', json_build_object('changes', json_build_object('title', 'renamed ' || i), 'at', '2026-01-02T00:00:00Z')),
       json_build_object('workspace_id', w, 'actor', 'bench', 'request_id', 'seed')
  FROM (SELECT i, 'W' || (i % 5) AS w, lpad(i::text, 26, '0') AS id FROM generate_series(1, $1::int) i) s";

pub async fn run(args: &Args, report: &mut Report) -> anyhow::Result<()> {
    let db = BenchDb::create(&args.admin_url).await?;
    let lifeosd = lifeosd_path(args)?;
    let mut last = String::new();
    let migrated = Command::new(&lifeosd).arg("migrate").env("LIFEOS_DATABASE_URL", &db.url).output()?;
    anyhow::ensure!(migrated.status.success(), "migrate failed: {}", String::from_utf8_lossy(&migrated.stderr));
    let total = args.size(500_000, 5_000);
    let creates = i32::try_from(total * 4 / 5)?;
    let mut conn = db.url.parse::<sqlx::postgres::PgConnectOptions>()?.connect().await?;
    sqlx::query(SEED).bind(creates).execute(&mut conn).await?;
    sqlx::query(SEED_UPDATES).bind(i32::try_from(total)? - creates).execute(&mut conn).await?;
    conn.close().await?;

    // The first rebuild also projects the live tables (no server ran on the seeded history);
    // the second is the measured one: a rebuild beside an up-to-date live projection.
    for _ in 0..2 {
        let out = Command::new(&lifeosd).args(["rebuild", "kernel"]).env("LIFEOS_DATABASE_URL", &db.url).output()?;
        anyhow::ensure!(out.status.success(), "rebuild failed: {}", String::from_utf8_lossy(&out.stdout));
        last = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    let stdout = last;
    let rate = stdout
        .lines()
        .find_map(|l| l.strip_prefix("rebuilt: "))
        .and_then(|l| l.split('(').nth(1))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .ok_or_else(|| anyhow::anyhow!("no rate in: {stdout}"))?;
    let mut ratios = Vec::new();
    if let Some(b) = report.rate_of("baseline: replay_all", "rebuild view") {
        ratios.push(("baseline replay_all".to_owned(), rate / b));
    }
    if let Some(c) = report.rate_of("ceiling: 100-row tx", "conc=1") {
        ratios.push(("ceiling 100-row rows/s".to_owned(), rate / c));
    }
    report.add(Row {
        scenario: "lifeos: rebuild kernel".into(),
        setting: format!("{total} events"),
        ops: total,
        rate,
        unit: "events/s",
        p50_ms: None,
        p99_ms: None,
        ratios,
    });
    db.drop_now().await
}
