//! A device in a sync simulation: the Rust reference client in-process, or a TypeScript sync
//! engine (`clients/ts`) in a node child process driven one JSON line at a time
//! (`clients/ts/testing/device.ts`). The fuzz makes the same random offline changes on
//! either and compares every mirror with the server, so both clients are held to one model.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;

use anyhow::Context;
use lifeos_client::{Client, Hlc, IdGenerator, ManualClock, Op, Pending, Record};
use serde_json::{json, Map, Value};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::notes::NOTE;

pub enum Device {
    Rust { client: Client, clock: ManualClock },
    Ts(Box<TsDevice>),
}

impl Device {
    pub fn label(&self) -> &'static str {
        match self {
            Device::Rust { .. } => "rust",
            Device::Ts(_) => "ts",
        }
    }

    pub fn new_id(&self) -> String {
        match self {
            Device::Rust { client, .. } => client.new_id(),
            Device::Ts(ts) => ts.ids.ulid().to_string(),
        }
    }

    pub async fn advance(&self, millis: i64) -> anyhow::Result<()> {
        match self {
            Device::Rust { clock, .. } => {
                clock.advance(millis);
                Ok(())
            }
            Device::Ts(ts) => ts.call(json!({"cmd": "advance", "ms": millis})).await.map(drop),
        }
    }

    /// Every note as the device shows it, deleted ones included.
    pub async fn notes(&self) -> anyhow::Result<Vec<Record>> {
        match self {
            Device::Rust { client, .. } => Ok(client.list(NOTE, true)?),
            Device::Ts(ts) => {
                let rows = ts.call(json!({"cmd": "list", "kind": NOTE})).await?;
                rows.as_array().context("list answers an array")?.iter().map(record).collect()
            }
        }
    }

    pub async fn write(&self, op: Op, id: &str, fields: Option<Value>) -> anyhow::Result<()> {
        match self {
            Device::Rust { client, .. } => {
                match op {
                    Op::Upsert => client.upsert(NOTE, id, fields.unwrap_or_else(|| json!({})))?,
                    Op::Delete => client.delete(NOTE, id)?,
                    Op::Restore => client.restore(NOTE, id)?,
                };
                Ok(())
            }
            Device::Ts(ts) => {
                let request = json!({"cmd": op.as_str().to_lowercase(), "kind": NOTE, "id": id, "fields": fields});
                ts.call(request).await.map(drop)
            }
        }
    }

    pub async fn pending(&self) -> anyhow::Result<Vec<Pending>> {
        match self {
            Device::Rust { client, .. } => Ok(client.pending()?),
            Device::Ts(ts) => {
                let rows = ts.call(json!({"cmd": "pending"})).await?;
                rows.as_array().context("pending answers an array")?.iter().map(pending).collect()
            }
        }
    }

    /// Syncs; returns (pushed, rejected).
    pub async fn sync(&self) -> anyhow::Result<(usize, usize)> {
        match self {
            Device::Rust { client, .. } => {
                let report = client.sync().await?;
                Ok((report.pushed, report.rejected))
            }
            Device::Ts(ts) => {
                let report = ts.call(json!({"cmd": "sync"})).await?;
                let count = |key: &str| report[key].as_u64().and_then(|n| usize::try_from(n).ok()).context("a sync report count");
                Ok((count("pushed")?, count("rejected")?))
            }
        }
    }
}

/// The compiled device script, if `clients/ts` has been built (`npm ci && npm run build`).
pub fn ts_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../clients/ts/dist/testing/device.js")
}

/// Why TypeScript devices cannot run here, if they cannot (a skip outside CI; an error in it).
pub fn ts_missing() -> Option<String> {
    let script = ts_script();
    if !script.is_file() {
        return Some(format!("{} is missing (run `npm ci && npm run build` at the repository root)", script.display()));
    }
    None
}

/// What a TypeScript device needs to open its engine.
pub struct TsOpen<'a> {
    pub url: &'a str,
    pub token: &'a str,
    pub workspace: &'a str,
    pub path: &'a Path,
    pub clock: i64,
}

struct Io {
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

pub struct TsDevice {
    io: tokio::sync::Mutex<Io>,
    child: Mutex<Child>,
    ids: Box<dyn IdGenerator>,
}

impl TsDevice {
    /// Starts a node device process and opens its engine (a file mirror at `open.path`).
    pub async fn spawn(open: &TsOpen<'_>, ids: Box<dyn IdGenerator>) -> anyhow::Result<Self> {
        let mut child = Command::new("node")
            .arg(ts_script())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("starting node")?;
        let stdin = child.stdin.take().context("the device's stdin")?;
        let stdout = BufReader::new(child.stdout.take().context("the device's stdout")?).lines();
        let device = Self { io: tokio::sync::Mutex::new(Io { stdin, stdout }), child: Mutex::new(child), ids };
        let request = json!({
            "cmd": "open", "url": open.url, "token": open.token, "workspaceId": open.workspace,
            "path": open.path, "clock": open.clock,
        });
        device.call(request).await?;
        Ok(device)
    }

    /// Sends one request; the answer's value, or the device's error as an error.
    pub async fn call(&self, request: Value) -> anyhow::Result<Value> {
        let mut io = self.io.lock().await;
        io.stdin.write_all(format!("{request}\n").as_bytes()).await?;
        io.stdin.flush().await?;
        let line = io.stdout.next_line().await?.with_context(|| format!("the device exited during {request}"))?;
        let answer: Value = serde_json::from_str(&line)?;
        anyhow::ensure!(answer["ok"] == json!(true), "the device failed {request}: {}", answer["error"]);
        Ok(answer["value"].clone())
    }

    /// Waits for the process to end (after it killed itself); its exit status.
    pub async fn wait(self) -> anyhow::Result<std::process::ExitStatus> {
        let mut child = self.child.into_inner().map_err(|_| anyhow::anyhow!("poisoned"))?;
        Ok(child.wait().await?)
    }
}

fn text<'a>(value: &'a Value, key: &str) -> anyhow::Result<&'a str> {
    value[key].as_str().with_context(|| format!("{key} in {value}"))
}

fn instant(value: &Value, key: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    Ok(chrono::DateTime::parse_from_rfc3339(text(value, key)?)?.with_timezone(&chrono::Utc))
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// A TypeScript `EntityRecord` as the Rust client's `Record`.
fn record(value: &Value) -> anyhow::Result<Record> {
    Ok(Record {
        entity_type: text(value, "entityType")?.to_owned(),
        id: text(value, "id")?.to_owned(),
        created_at: instant(value, "createdAt")?,
        updated_at: instant(value, "updatedAt")?,
        deleted_at: if value["deletedAt"].is_null() { None } else { Some(instant(value, "deletedAt")?) },
        version: value["version"].as_i64().context("version")?,
        fields: object(&value["fields"]),
        pending: value["pending"].as_u64().and_then(|n| usize::try_from(n).ok()).context("pending")?,
    })
}

/// A TypeScript `PendingMutation` as the Rust client's `Pending`.
fn pending(value: &Value) -> anyhow::Result<Pending> {
    Ok(Pending {
        seq: value["seq"].as_i64().context("seq")?,
        mutation_id: text(value, "mutationId")?.to_owned(),
        entity_type: text(value, "entityType")?.to_owned(),
        entity_id: text(value, "entityId")?.to_owned(),
        op: Op::parse(text(value, "op")?).context("op")?,
        fields: value["fields"].as_object().cloned(),
        base_version: value["baseVersion"].as_i64(),
        hlc: Hlc::parse(text(value, "hlc")?).map_err(|e| anyhow::anyhow!(e.message))?,
        client_updated_at: instant(value, "clientUpdatedAt")?,
    })
}
