//! The convergence fuzz: devices of one account — Rust reference clients, TypeScript engines,
//! or a mix — make random valid offline changes, sync in a random order (some stay offline
//! for rounds), then all sync twice. Every mirror must equal the server's `notes` table, and
//! the server must hold what per-register last-writer-wins by HLC decides for the mutations
//! it acknowledged (the oracle). Seeded: a failure names its seed, and
//! `LIFEOS_FUZZ_SEEDS=<seed>` replays it.

use std::sync::{Arc, Mutex};

use lifeos_client::{IdGenerator, ManualClock, Op, Record};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use ulid::Ulid;

use crate::device::{Device, TsDevice, TsOpen};
use crate::notes::{differences, notes_by_id, server_notes};
use crate::oracle::Oracle;
use crate::{device_with, now_millis, server};

/// Which client a simulated device runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rust,
    TypeScript,
}

/// Fuzz size, from the environment so CI can run many more seeds.
pub struct FuzzPlan {
    pub seeds: Vec<u64>,
    pub rounds: usize,
    pub devices: usize,
}

impl FuzzPlan {
    /// `LIFEOS_FUZZ_SEEDS` ("A..B" half-open, or "4,17"; default 1..9), `LIFEOS_FUZZ_ROUNDS`
    /// (20) and `LIFEOS_FUZZ_CLIENTS` (4).
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok();
        let spec = var("LIFEOS_FUZZ_SEEDS").unwrap_or_else(|| "1..9".into());
        let seeds = match spec.split_once("..") {
            Some((from, to)) => (from.trim().parse().unwrap_or(1)..to.trim().parse().unwrap_or(9)).collect(),
            None => spec.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        };
        let rounds = var("LIFEOS_FUZZ_ROUNDS").and_then(|v| v.parse().ok()).unwrap_or(20);
        let devices = var("LIFEOS_FUZZ_CLIENTS").and_then(|v| v.parse().ok()).unwrap_or(4);
        Self { seeds, rounds, devices }
    }
}

/// Entity ids drawn from the seed, so a failing seed replays the same run.
pub struct SeededIds(pub Mutex<StdRng>);

impl IdGenerator for SeededIds {
    fn ulid(&self) -> Ulid {
        let random: u128 = self.0.lock().map(|mut rng| rng.gen()).unwrap_or_default();
        Ulid::from_parts(now_millis().unsigned_abs(), random)
    }
}

const TAGS: [&str; 6] = ["home", "work", "idea", "todo", "later", "x"];

/// A random valid, non-empty subset of a note's fields (all of them if `full`).
fn random_fields(rng: &mut StdRng, label: &str, full: bool) -> Value {
    let mut fields = serde_json::Map::new();
    while fields.is_empty() {
        if full || rng.gen_bool(0.5) {
            fields.insert("title".into(), json!(format!("{label} t{}", rng.gen::<u16>())));
        }
        if full || rng.gen_bool(0.4) {
            let body = if rng.gen_bool(0.1) { String::new() } else { format!("{label} b{}", rng.gen::<u32>()) };
            fields.insert("body".into(), json!(body));
        }
        if full || rng.gen_bool(0.3) {
            fields.insert("pinned".into(), json!(rng.gen_bool(0.5)));
        }
        if full || rng.gen_bool(0.3) {
            let count = rng.gen_range(0..=3);
            fields.insert("tags".into(), json!(TAGS.choose_multiple(rng, count).collect::<Vec<_>>()));
        }
    }
    Value::Object(fields)
}

/// One random valid offline change to `device`'s local view: create (full or partial),
/// edit (mostly live notes; a deleted one resurrects if later), delete or restore.
async fn random_change(rng: &mut StdRng, device: &Device, label: &str) -> anyhow::Result<()> {
    let all = device.notes().await?;
    let (deleted, live): (Vec<&Record>, Vec<&Record>) = all.iter().partition(|r| r.is_deleted());
    let roll = rng.gen_range(0..100);
    if roll < 15 || all.is_empty() {
        let full = rng.gen_bool(0.5);
        device.write(Op::Upsert, &device.new_id(), Some(random_fields(rng, label, full))).await?;
    } else if roll < 70 {
        let everyone: Vec<&Record> = all.iter().collect();
        let pool = if live.is_empty() || rng.gen_bool(0.1) { &everyone } else { &live };
        if let Some(target) = pool.choose(rng) {
            device.write(Op::Upsert, &target.id, Some(random_fields(rng, label, false))).await?;
        }
    } else if roll < 85 {
        if let Some(target) = live.choose(rng) {
            device.write(Op::Delete, &target.id, None).await?;
        }
    } else if let Some(target) = deleted.choose(rng) {
        device.write(Op::Restore, &target.id, None).await?;
    }
    Ok(())
}

/// Syncs one device, feeding what the server acknowledged to the oracle.
async fn sync_device(device: &Device, oracle: &mut Oracle, what: &str) -> anyhow::Result<()> {
    let outbox = device.pending().await?;
    let (pushed, rejected) = device.sync().await?;
    anyhow::ensure!(rejected == 0, "{what} ({}): valid mutations were rejected", device.label());
    anyhow::ensure!(pushed == outbox.len(), "{what} ({}): pushed {pushed} of {}", device.label(), outbox.len());
    outbox.iter().for_each(|mutation| oracle.record(mutation));
    Ok(())
}

pub async fn fuzz_one_seed(seed: u64, rounds: usize, kinds: &[Kind]) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let server = server().await?;
    let account = server.owner().await?;
    let start = now_millis();
    let files = tempfile::tempdir()?;
    let url = server.url("/graphql");
    let mut fleet: Vec<Device> = Vec::new();
    for (index, kind) in kinds.iter().enumerate() {
        // Skewed clocks, within the server's 60 s drift bound for the whole run.
        let clock_start = start + rng.gen_range(-3_000..=3_000);
        let ids = SeededIds(Mutex::new(StdRng::seed_from_u64(rng.gen())));
        fleet.push(match kind {
            Kind::Rust => {
                let clock = ManualClock::new(clock_start);
                let client = device_with(&server, &account, &clock, |b| b.in_memory().ids(Arc::new(ids)))?;
                Device::Rust { client, clock }
            }
            Kind::TypeScript => {
                let path = files.path().join(format!("device-{index}.db"));
                let open = TsOpen { url: &url, token: &account.token, workspace: &account.personal_workspace, path: &path, clock: clock_start };
                Device::Ts(Box::new(TsDevice::spawn(&open, Box::new(ids)).await?))
            }
        });
    }
    let mut oracle = Oracle::default();
    // A shared starting set, known to everyone.
    for n in 0..3 {
        let first = &fleet[0];
        first.write(Op::Upsert, &first.new_id(), Some(random_fields(&mut rng, &format!("seed{n}"), true))).await?;
    }
    for device in &fleet {
        sync_device(device, &mut oracle, "setup").await?;
    }

    for round in 0..rounds {
        for (index, device) in fleet.iter().enumerate() {
            device.advance(if rng.gen_bool(0.05) { -500 } else { rng.gen_range(20..300) }).await?;
            // Now and then a burst larger than one push batch.
            let changes = if rng.gen_bool(0.03) { rng.gen_range(60..150) } else { rng.gen_range(0..=4) };
            for _ in 0..changes {
                random_change(&mut rng, device, &format!("r{round}c{index}")).await?;
            }
        }
        let mut order: Vec<usize> = (0..fleet.len()).collect();
        order.shuffle(&mut rng);
        for index in order.into_iter().filter(|_| rng.gen_bool(0.65)) {
            sync_device(&fleet[index], &mut oracle, &format!("round {round}, device {index}")).await?;
        }
    }
    for _ in 0..2 {
        for (index, device) in fleet.iter().enumerate() {
            sync_device(device, &mut oracle, &format!("final sync, device {index}")).await?;
        }
    }

    let on_server = server_notes(&server, &account.personal_workspace).await?;
    anyhow::ensure!(on_server.len() >= 3, "the server lost notes: {on_server:?}");
    for (index, device) in fleet.iter().enumerate() {
        anyhow::ensure!(device.pending().await?.is_empty(), "device {index} still has pending mutations");
        let diff = differences(&notes_by_id(&device.notes().await?), &on_server);
        anyhow::ensure!(
            diff.is_empty(),
            "device {index} ({})'s mirror (first line) differs from the server (second):\n{}",
            device.label(),
            diff.join("\n")
        );
    }
    let registers = on_server.into_iter().map(|(id, note)| (id, note.registers)).collect();
    let diff = differences(&oracle.expected(), &registers);
    anyhow::ensure!(diff.is_empty(), "the server (second line) is not what per-register LWW decides (first):\n{}", diff.join("\n"));
    server.stop().await
}
