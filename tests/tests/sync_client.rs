//! The reference offline client (`lifeos-client`) against a real server: per-field merges of
//! offline edits, live sync over the subscription, rejected mutations, cursor resets, and a
//! seeded convergence fuzz (`sync_client/fuzz.rs`; `LIFEOS_FUZZ_SEEDS` ("1..9" or "4,17"),
//! `LIFEOS_FUZZ_ROUNDS` and `LIFEOS_FUZZ_CLIENTS` widen it in CI) — also with two TypeScript
//! engines beside a Rust client (`LIFEOS_TS_FUZZ_SEEDS`, default "1..4") — and a TypeScript
//! device killed between its push's commit and its acknowledgement.

#[path = "sync_client/device.rs"]
mod device;
#[path = "sync_client/fuzz.rs"]
mod fuzz;
#[path = "sync_client/notes.rs"]
mod notes;
#[path = "sync_client/oracle.rs"]
mod oracle;

use std::sync::Arc;
use std::time::Duration;

use lifeos_client::{Client, ClientError, ManualClock, Record};
use lifeos_tests::{Account, TestServer};
use notes::{mirror_notes, server_notes, NOTE};
use serde_json::json;
use ulid::Ulid;

async fn server() -> anyhow::Result<TestServer> {
    TestServer::start_with(|c| c.read_your_writes_timeout_ms = 30_000).await
}

/// A device of `account` with its own in-memory mirror.
fn device(server: &TestServer, account: &Account, clock: &ManualClock) -> anyhow::Result<Client> {
    device_with(server, account, clock, |b| b.in_memory())
}

fn device_with(
    server: &TestServer,
    account: &Account,
    clock: &ManualClock,
    configure: impl FnOnce(lifeos_client::ClientBuilder) -> lifeos_client::ClientBuilder,
) -> anyhow::Result<Client> {
    let builder = Client::builder(server.url("/graphql"), account.token.clone())
        .workspace(account.personal_workspace.clone())
        .clock(Arc::new(clock.clone()));
    Ok(configure(builder).open()?)
}

fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn note(client: &Client, id: &str) -> anyhow::Result<Record> {
    client.get(NOTE, id)?.ok_or_else(|| anyhow::anyhow!("{id} is not in the mirror"))
}

#[tokio::test]
async fn offline_edits_to_different_fields_of_one_note_both_survive() -> anyhow::Result<()> {
    let server = server().await?;
    let account = server.owner().await?;
    let start = now_millis();
    let (clock_a, clock_b) = (ManualClock::new(start), ManualClock::new(start));
    let (a, b) = (device(&server, &account, &clock_a)?, device(&server, &account, &clock_b)?);
    let id = a.new_id();
    a.upsert(NOTE, &id, json!({"title": "first", "body": "draft", "pinned": false, "tags": ["x"]}))?;
    assert_eq!(a.sync().await?.pushed, 1);
    assert!(b.sync().await?.pulled >= 1);
    assert_eq!(note(&b, &id)?.fields["body"], json!("draft"));

    clock_a.advance(1_000);
    a.upsert(NOTE, &id, json!({"title": "title from A"}))?;
    clock_b.advance(2_000);
    b.upsert(NOTE, &id, json!({"body": "body from B"}))?;
    let (pushed_a, pushed_b) = (a.sync().await?, b.sync().await?);
    assert_eq!((pushed_a.pushed, pushed_a.rejected, pushed_b.pushed, pushed_b.rejected), (1, 0, 1, 0));
    a.sync().await?;

    let on_server = server_notes(&server, &account.personal_workspace).await?;
    let expected = on_server.get(&id).ok_or_else(|| anyhow::anyhow!("not on the server"))?;
    let fields = &expected.registers;
    assert_eq!((&fields.title, &fields.body), (&json!("title from A"), &json!("body from B")));
    assert_eq!((expected.version, &fields.tags, fields.deleted), (3, &json!(["x"]), false));
    for device in [&a, &b] {
        assert_eq!(mirror_notes(device)?.get(&id), Some(expected));
        assert_eq!(note(device, &id)?.pending, 0);
    }
    server.stop().await
}

#[tokio::test]
async fn an_invalid_mutation_is_set_aside_and_the_rest_of_the_push_lands() -> anyhow::Result<()> {
    let server = server().await?;
    let account = server.owner().await?;
    let clock = ManualClock::new(now_millis());
    let device = device(&server, &account, &clock)?;
    let (good, bad) = (device.new_id(), device.new_id());
    device.upsert(NOTE, &good, json!({"title": "fine"}))?;
    device.upsert(NOTE, &bad, json!({"title": "x".repeat(501)}))?;
    device.upsert(NOTE, &good, json!({"body": "still fine"}))?;

    let report = device.sync().await?;
    assert_eq!((report.pushed, report.rejected), (2, 1), "{report:?}");
    let rejected = device.rejected()?;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].mutation.entity_id, bad);
    assert_eq!((rejected[0].code.as_str(), rejected[0].field.as_deref()), ("VALIDATION", Some("title")));
    assert!(device.pending()?.is_empty());

    let on_server = server_notes(&server, &account.personal_workspace).await?;
    assert_eq!(on_server.keys().collect::<Vec<_>>(), vec![&good]);
    assert_eq!(mirror_notes(&device)?, on_server, "the rejected create vanished locally too");
    server.stop().await
}

#[tokio::test]
async fn a_cursor_the_server_cannot_serve_rebuilds_the_mirror() -> anyhow::Result<()> {
    let server = server().await?;
    let account = server.owner().await?;
    let clock = ManualClock::new(now_millis());
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("mirror.sqlite");
    let first = device_with(&server, &account, &clock, |b| b.path(&path))?;
    for title in ["one", "two", "three"] {
        first.upsert(NOTE, &first.new_id(), json!({"title": title}))?;
    }
    first.sync().await?;
    drop(first);

    // Damage the file behind the client's back: a garbage cursor and a row the server never had.
    let file = rusqlite::Connection::open(&path)?;
    file.execute("UPDATE meta SET cursor = 'garbage'", [])?;
    file.execute(
        "INSERT INTO entities VALUES ('Note', ?1, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', NULL, 1, '{}')",
        [Ulid::new().to_string()],
    )?;
    drop(file);

    let again = device_with(&server, &account, &clock, |b| b.path(&path))?;
    let report = again.sync().await?;
    assert!(report.reset, "{report:?}");
    assert_eq!(mirror_notes(&again)?, server_notes(&server, &account.personal_workspace).await?);
    assert_ne!(again.cursor()?.as_deref(), Some("garbage"));
    server.stop().await
}

/// Waits (on the client's change signal, bounded) until `done` holds for its local view.
async fn until(client: &Client, done: impl Fn(&Client) -> anyhow::Result<bool>) -> anyhow::Result<()> {
    let mut changed = client.subscribe_changed();
    let wait = async {
        while !done(client)? {
            changed.changed().await?;
        }
        anyhow::Ok(())
    };
    tokio::time::timeout(Duration::from_secs(30), wait).await?
}

#[tokio::test]
async fn watching_devices_see_each_others_writes_live() -> anyhow::Result<()> {
    let server = server().await?;
    let account = server.owner().await?;
    let clock = ManualClock::new(now_millis());
    let (a, b) = (device(&server, &account, &clock)?, device(&server, &account, &clock)?);
    let id = a.new_id();
    a.upsert(NOTE, &id, json!({"title": "before watching"}))?;
    a.sync().await?;
    let (watch_a, watch_b) = (a.watch(), b.watch());

    until(&b, |b| Ok(b.get(NOTE, &id)?.is_some_and(|n| n.fields["title"] == "before watching")))
        .await
        .map_err(|e| anyhow::anyhow!("catch-up: {e}"))?;
    clock.advance(10);
    a.upsert(NOTE, &id, json!({"title": "live"}))?;
    until(&b, |b| Ok(b.get(NOTE, &id)?.is_some_and(|n| n.fields["title"] == "live" && n.pending == 0)))
        .await
        .map_err(|e| anyhow::anyhow!("a's write reaching b: {e}"))?;
    clock.advance(10);
    b.delete(NOTE, &id)?;
    until(&a, |a| Ok(a.get(NOTE, &id)?.is_some_and(|n| n.is_deleted() && n.version == 3)))
        .await
        .map_err(|e| anyhow::anyhow!("b's delete reaching a: {e}"))?;

    watch_a.stop().await?;
    watch_b.stop().await?;
    assert!(a.pending()?.is_empty() && b.pending()?.is_empty());
    let on_server = server_notes(&server, &account.personal_workspace).await?;
    assert_eq!(mirror_notes(&a)?, on_server);
    assert_eq!(mirror_notes(&b)?, on_server);
    server.stop().await
}

#[tokio::test]
async fn a_watch_with_refused_credentials_ends_with_the_servers_code() -> anyhow::Result<()> {
    let server = server().await?;
    let account = server.owner().await?;
    let clock = ManualClock::new(now_millis());
    let impostor = Account { token: "not-a-session".into(), ..account };
    let watch = device(&server, &impostor, &clock)?.watch();
    match tokio::time::timeout(Duration::from_secs(30), watch.join()).await? {
        Err(ClientError::Server(error)) => assert_eq!(error.code, "UNAUTHENTICATED", "{error}"),
        other => panic!("expected UNAUTHENTICATED, got {other:?}"),
    }
    server.stop().await
}

#[tokio::test]
async fn devices_editing_offline_in_any_order_converge_on_the_server_state() -> anyhow::Result<()> {
    let plan = fuzz::FuzzPlan::from_env();
    for seed in plan.seeds {
        eprintln!("sync fuzz: seed {seed} ({} rounds, {} devices)", plan.rounds, plan.devices);
        fuzz::fuzz_one_seed(seed, plan.rounds, &vec![fuzz::Kind::Rust; plan.devices])
            .await
            .map_err(|e| anyhow::anyhow!("sync fuzz failed; replay with LIFEOS_FUZZ_SEEDS={seed}: {e:#}"))?;
    }
    Ok(())
}

/// Whether the TypeScript devices can run (a skip with a notice outside CI; an error in it).
fn typescript_available(test: &str) -> anyhow::Result<bool> {
    let Some(why) = device::ts_missing() else { return Ok(true) };
    anyhow::ensure!(std::env::var_os("CI").is_none(), "{test} cannot run under CI: {why}");
    eprintln!("SKIPPED {test}: {why}");
    Ok(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typescript_engines_and_the_rust_client_converge_on_the_server_state() -> anyhow::Result<()> {
    if !typescript_available("typescript_engines_and_the_rust_client_converge_on_the_server_state")? {
        return Ok(());
    }
    let spec = std::env::var("LIFEOS_TS_FUZZ_SEEDS").unwrap_or_else(|_| "1..4".into());
    let seeds: Vec<u64> = match spec.split_once("..") {
        Some((from, to)) => (from.trim().parse().unwrap_or(1)..to.trim().parse().unwrap_or(4)).collect(),
        None => spec.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    };
    let kinds = [fuzz::Kind::TypeScript, fuzz::Kind::TypeScript, fuzz::Kind::Rust];
    for seed in seeds {
        eprintln!("mixed sync fuzz: seed {seed} (12 rounds, {kinds:?})");
        fuzz::fuzz_one_seed(seed, 12, &kinds)
            .await
            .map_err(|e| anyhow::anyhow!("mixed sync fuzz failed; replay with LIFEOS_TS_FUZZ_SEEDS={seed}: {e:#}"))?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typescript_device_killed_before_its_push_is_acknowledged_repushes_and_nothing_applies_twice() -> anyhow::Result<()> {
    if !typescript_available("a_typescript_device_killed_before_its_push_is_acknowledged_repushes_and_nothing_applies_twice")? {
        return Ok(());
    }
    let server = server().await?;
    let account = server.owner().await?;
    let files = tempfile::tempdir()?;
    let (url, path) = (server.url("/graphql"), files.path().join("device.db"));
    let open = device::TsOpen { url: &url, token: &account.token, workspace: &account.personal_workspace, path: &path, clock: now_millis() };
    let ids = || Box::new(fuzz::SeededIds(std::sync::Mutex::new(<rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(7))));
    let phone = device::Device::Ts(Box::new(device::TsDevice::spawn(&open, ids()).await?));
    let first = phone.new_id();
    phone.write(lifeos_client::Op::Upsert, &first, Some(json!({"title": "one"}))).await?;
    phone.write(lifeos_client::Op::Upsert, &phone.new_id(), Some(json!({"title": "two"}))).await?;
    phone.write(lifeos_client::Op::Upsert, &first, Some(json!({"body": "edited"}))).await?;
    let device::Device::Ts(ts) = phone else { anyhow::bail!("a TypeScript device") };
    ts.call(json!({"cmd": "dieAfterNextPushAnswer"})).await?;
    assert!(ts.call(json!({"cmd": "sync"})).await.is_err(), "the device died during its sync");
    let status = ts.wait().await?;
    assert!(!status.success(), "killed: {status:?}");

    let committed = server_notes(&server, &account.personal_workspace).await?;
    assert_eq!(committed.len(), 2, "the push committed before the device died");
    assert_eq!(committed.get(&first).map(|n| n.version), Some(2));

    let restarted = device::Device::Ts(Box::new(device::TsDevice::spawn(&open, ids()).await?));
    assert_eq!(restarted.pending().await?.len(), 3, "the unacknowledged mutations are still queued");
    assert_eq!(restarted.sync().await?, (3, 0), "all three are acknowledged from the server's stored results");
    let after = server_notes(&server, &account.personal_workspace).await?;
    assert_eq!(after, committed, "nothing applied twice");
    assert!(restarted.pending().await?.is_empty());
    assert_eq!(notes::notes_by_id(&restarted.notes().await?), after);
    server.stop().await
}
