//! A blue/green rebuild of the kernel projection covers every registered kind: entities of
//! each kind (built from its declaration, `lifeos_tests::samples`) are created, updated,
//! deleted and restored through `pushChanges`, then the kernel is rebuilt with verify — every
//! kind's table is in the report with no difference, and after the switch each table holds
//! exactly the rows it held before, and the live projection goes on writing into them.

use lifeos_domain::kind::KindSpec;
use lifeos_domain::registry::{self, KINDS};
use lifeos_projections::kernel::KernelProjection;
use lifeos_replay::rebuild::{rebuild, RebuildOptions};
use lifeos_tests::samples::{editable_text, sample_fields, Target};
use lifeos_tests::{Account, GqlClient, TestServer};
use serde_json::{json, Map, Value};

/// Per kind, the fields its rules check beyond their type (a create from bare type samples
/// would be refused), for the `n`th entity of the kind made by user `user` (a kind with a
/// natural key needs a different key per entity). Every registered kind needs an entry — an
/// empty one if the samples do. `targets`: the entities made before (a transaction's postings
/// name an account and a category of them).
type Sample = (&'static str, fn(usize, &str, &[Target]) -> Value);

/// The id of the first target of `kind` (empty when there is none yet).
fn first(targets: &[Target], kind: &str) -> String {
    targets.iter().find(|t| t.type_name == kind).map(|t| t.id.clone()).unwrap_or_default()
}

/// Balanced postings: 12.50 EUR from the first account to the first category.
fn postings(targets: &[Target]) -> Value {
    json!([{"accountId": first(targets, "Account"), "amountMinor": -1250, "currencyCode": "EUR"},
           {"categoryId": first(targets, "Category"), "amountMinor": 1250, "currencyCode": "EUR", "memo": "sample"}])
}

const CURRENCIES: [&str; 6] = ["EUR", "USD", "JPY", "GBP", "CHF", "SEK"];

const SAMPLES: &[Sample] = &[
    ("Note", |_, _, _| json!({})),
    ("Task", |_, _, _| json!({"status": "CANCELLED", "priority": "HIGH"})),
    ("Person", |_, _, _| json!({"emails": ["ada@example.test"]})),
    ("Place", |_, _, _| json!({"latitude": 1.5, "longitude": 2.5, "timeZone": "Asia/Tokyo"})),
    ("Link", |n, _, _| json!({"relation": lifeos_domain::primitives::link::RELATIONS[n % 6].0})),
    ("Account", |_, _, _| json!({"kind": "SAVINGS", "currencyCode": "EUR", "closedOn": null, "maskedNumber": "****1234"})),
    ("Category", |_, _, _| json!({})),
    ("Payee", |_, _, _| json!({})),
    ("Transaction", |_, _, t| json!({"state": "CLEARED", "postings": postings(t)})),
    ("Price", |n, _, _| json!({"date": format!("2026-03-0{}", n + 1), "baseCurrency": "EUR", "quoteCurrency": "USD", "rate": "1.0850"})),
    ("Budget", |n, _, _| json!({"currencyCode": CURRENCIES[n % 6], "period": "MONTHLY", "periodAnchor": null})),
    ("BudgetAssignment", |n, _, _| json!({"periodStart": format!("2026-0{}-01", n % 9 + 1), "currencyCode": "EUR"})),
    ("BudgetHold", |n, _, _| json!({"periodStart": format!("2026-0{}-01", n % 9 + 1), "currencyCode": "EUR"})),
    ("BalanceAssertion", |_, _, _| json!({})),
    ("ImportRule", |_, _, _| json!({"field": "EITHER", "matchType": "STARTS_WITH"})),
    ("ScheduledTransaction", |_, _, t| json!({"rrule": "FREQ=MONTHLY;BYMONTHDAY=1", "timeZone": "Europe/Berlin", "endsOn": null, "postings": postings(t)})),
    ("Habit", |_, _, _| json!({"kind": "YES_NO", "target": null, "unit": "", "targetType": "AT_MOST", "freqNum": 0, "freqDen": 0, "schedule": "WEEKDAYS", "weekdays": ["MON", "THU"], "reminderTimes": ["07:30"]})),
    ("CheckIn", |n, _, _| json!({"date": format!("2026-03-0{}", n + 1), "state": "SKIP", "value": null})),
    ("Pause", |n, _, _| json!({"startsOn": format!("2026-07-0{}", n + 1), "endsOn": "2026-07-20", "habitId": null})),
    ("Fast", |n, user, _| json!({"userId": user, "startedAt": format!("2026-03-0{}T20:00:00Z", n + 1), "endedAt": format!("2026-03-0{}T12:00:00Z", n + 2), "protocol": "FAST16", "goalHours": null})),
    ("Settings", |_, user, _| json!({"userId": user, "timeZone": "Europe/Berlin", "baseCurrency": "EUR", "budgetPeriod": "WEEKLY", "dayStartHour": 4, "budgetPeriodAnchor": "2026-11-27"})),
];

/// Kinds of which a user has exactly one (their natural key is the user): made once.
const ONE_PER_USER: &[&str] = &["Settings"];

fn per_kind(spec: &KindSpec) -> usize {
    if ONE_PER_USER.contains(&spec.type_name) { 1 } else { 3 }
}

fn overrides(spec: &KindSpec) -> anyhow::Result<Map<String, Value>> {
    overrides_for(spec, 0, "01J00000000000000000000SER", &[])
}

fn overrides_for(spec: &KindSpec, n: usize, user: &str, targets: &[Target]) -> anyhow::Result<Map<String, Value>> {
    let Some((_, make)) = SAMPLES.iter().find(|(name, _)| *name == spec.type_name) else {
        anyhow::bail!("kind {} has no entry in SAMPLES (tests/tests/rebuild_all_kinds.rs): add one", spec.type_name);
    };
    match make(n, user, targets) {
        Value::Object(map) => Ok(map),
        other => anyhow::bail!("the SAMPLES entry of {} is not an object: {other}", spec.type_name),
    }
}

#[test]
fn every_registered_kind_has_a_sample_and_every_sample_a_kind() {
    for spec in KINDS {
        if let Err(e) = overrides(spec) {
            panic!("{e}");
        }
    }
    for (name, _) in SAMPLES {
        assert!(registry::spec(name).is_some(), "SAMPLES names {name}, which is not a registered kind");
    }
}

const PUSH: &str = "mutation($i: PushInput!) { pushChanges(input: $i) {
    committed results { seq entityType entityId status version code field message } } }";

/// A device: its clientId, seq, and a clock whose counter orders its own writes.
struct Device {
    client_id: String,
    seq: i64,
    millis: i64,
}

impl Device {
    fn new() -> Self {
        Self { client_id: ulid::Ulid::new().to_string(), seq: 0, millis: chrono::Utc::now().timestamp_millis() }
    }

    fn mutation(&mut self, entity_type: &str, id: &str, op: &str, fields: Value) -> Value {
        self.seq += 1;
        json!({"seq": self.seq, "entityType": entity_type, "entityId": id, "op": op, "fields": fields,
               "hlc": format!("{:015}-{:06}-{}", self.millis, self.seq, self.client_id),
               "clientUpdatedAt": chrono::Utc::now().to_rfc3339()})
    }

    /// Pushes; an error (with the answer) unless every mutation was APPLIED and it committed.
    async fn push(&self, client: &GqlClient, mutations: Vec<Value>) -> anyhow::Result<()> {
        let body = client.run(PUSH, json!({"i": {"clientId": self.client_id, "mutations": mutations}})).await?;
        let result = &body["data"]["pushChanges"];
        let applied = result["results"].as_array().is_some_and(|r| r.iter().all(|m| m["status"] == "APPLIED"));
        anyhow::ensure!(body["errors"].is_null() && result["committed"] == true && applied, "push not applied: {body}");
        Ok(())
    }
}

/// Every row of `table`, in id order, as JSON.
async fn rows(server: &TestServer, table: &str) -> anyhow::Result<Vec<Value>> {
    let sql = format!("SELECT to_jsonb(t) FROM {table} t ORDER BY workspace_id, id");
    Ok(sqlx::query_scalar(&sql).fetch_all(&server.db.pool).await?)
}

/// The entities of `spec` (three, or one of a kind a user has one of) made by `device`'s next
/// push, numbered from `from`: their ids.
fn creates(spec: &'static KindSpec, owner: &Account, from: usize, device: &mut Device, targets: &mut Vec<Target>, out: &mut Vec<Value>) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for n in from..from + per_kind(spec) {
        let overrides = overrides_for(spec, n, &owner.user_id, targets)?;
        let fields = sample_fields(spec, &overrides, targets);
        let id = registry::natural_id_of(spec.type_name, &owner.personal_workspace, &fields).unwrap_or_else(|| ulid::Ulid::new().to_string());
        out.push(device.mutation(spec.type_name, &id, "UPSERT", Value::Object(fields)));
        targets.push(Target { type_name: spec.type_name, id: id.clone() });
        ids.push(id);
    }
    Ok(ids)
}

/// An upsert changing `spec`'s first freely editable text field (none if it has none).
fn edit(spec: &KindSpec, device: &mut Device, id: &str, text: &str) -> anyhow::Result<Option<Value>> {
    let overrides = overrides(spec)?;
    Ok(editable_text(spec, &overrides).map(|f| device.mutation(spec.type_name, id, "UPSERT", json!({ f.name: text }))))
}

#[tokio::test]
async fn a_verified_kernel_rebuild_covers_every_registered_kind() -> anyhow::Result<()> {
    let server = TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await?;
    let owner = server.owner().await?;
    let mut device = Device::new();

    // Create three of every kind in one push (references point at entities made before).
    let (mut targets, mut made, mut batch) = (Vec::new(), Vec::new(), Vec::new());
    for spec in KINDS {
        made.push((*spec, creates(spec, &owner, 0, &mut device, &mut targets, &mut batch)?));
    }
    device.push(&owner.client, batch).await?;
    // Edit the first, delete the second and third; then restore and edit the third.
    let mut batch = Vec::new();
    for (spec, ids) in &made {
        batch.extend(edit(spec, &mut device, &ids[0], "edited")?);
        for id in ids.iter().skip(1) {
            batch.push(device.mutation(spec.type_name, id, "DELETE", Value::Null));
        }
    }
    device.push(&owner.client, batch).await?;
    let mut batch = Vec::new();
    for (spec, ids) in made.iter().filter(|(_, ids)| ids.len() == 3) {
        batch.push(device.mutation(spec.type_name, &ids[2], "RESTORE", Value::Null));
        batch.extend(edit(spec, &mut device, &ids[2], "restored")?);
    }
    device.push(&owner.client, batch).await?;

    // pushChanges answered after its projection: the live tables hold every write.
    let mut before = Vec::new();
    for (spec, ids) in &made {
        let live = rows(&server, spec.table).await?;
        let edits = i64::from(editable_text(spec, &overrides(spec)?).is_some());
        let all = [(&ids[0], 1 + edits, false), (&ids[ids.len().min(2) - 1], 2, true), (&ids[ids.len() - 1], 3 + edits, false)];
        let wanted = if ids.len() == 3 { &all[..] } else { &all[..1] };
        assert_eq!(live.len(), ids.len(), "{}: {live:?}", spec.table);
        for &(id, version, deleted) in wanted {
            let row = live.iter().find(|r| r["id"] == json!(id));
            let got = row.map(|r| (r["version"].as_i64(), !r["deleted_at"].is_null()));
            assert_eq!(got, Some((Some(version), deleted)), "{} {id}: {live:?}", spec.table);
        }
        for (field, _) in spec.references() {
            assert!(live.iter().any(|r| !r[field.column].is_null()), "{}.{}: no reference was made", spec.table, field.column);
        }
        before.push(live);
    }

    let options = RebuildOptions { batch_size: 7, verify: true, workers: 2 };
    let report = rebuild(&server.db.pool, &KernelProjection, options, |_| {}).await?;
    let checks = report.checks.ok_or_else(|| anyhow::anyhow!("verify gave no report"))?;
    for (spec, ids) in &made {
        let check = checks.iter().find(|c| c.table == spec.table);
        let rows = i64::try_from(ids.len()).unwrap_or_default();
        assert!(check.is_some_and(|c| c.matches() && c.rebuilt_rows == rows), "{}: {check:?}", spec.table);
    }
    assert!(checks.iter().all(|c| c.matches()), "{checks:?}");
    assert!(checks.iter().any(|c| c.table == "sync_log" && c.rebuilt_rows > 0), "{checks:?}");

    // After the switch: the same rows, and the live projection writes into the new tables.
    for ((spec, _), was) in made.iter().zip(&before) {
        assert_eq!(&rows(&server, spec.table).await?, was, "{} changed across the switch", spec.table);
    }
    let mut batch = Vec::new();
    for (spec, _) in made.iter().filter(|(spec, _)| per_kind(spec) == 3) {
        creates(spec, &owner, 3, &mut device, &mut targets, &mut batch)?;
    }
    device.push(&owner.client, batch).await?;
    for (spec, _) in made.iter().filter(|(spec, _)| per_kind(spec) == 3) {
        assert_eq!(rows(&server, spec.table).await?.len(), 6, "{}: the live projection stopped after the switch", spec.table);
    }
    let leftovers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild_%'").fetch_one(&server.db.pool).await?;
    assert_eq!(leftovers, 0);
    server.stop().await
}
