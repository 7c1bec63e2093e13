//! Crash safety: the real binary is SIGKILLed in the middle of a stream of writes — one writer,
//! or eight concurrent ones whose creates are committed in groups. Every command it
//! acknowledged is durable and projected exactly once after a restart.

use std::process::Stdio;

use lifeos_tests::entities::{bearer_client, NOTE};
use lifeos_tests::process::ServeChild;
use lifeos_tests::{lifeosd, owner_input, sign_up, GqlClient, TestDb, OWNER_EMAIL};
use serde_json::json;
use tokio::sync::mpsc;

const ACKNOWLEDGED_BEFORE_KILL: usize = 300;

fn serve(db: &TestDb) -> anyhow::Result<ServeChild> {
    let mut cmd = lifeosd!();
    cmd.env("LIFEOS_DATABASE_URL", db.url())
        .env("LIFEOS_OWNER_EMAIL", OWNER_EMAIL)
        .env("LIFEOS_COOKIE_SECURE", "false")
        // A timed-out read-your-writes wait would still acknowledge; on a busy box, make
        // "acknowledged" reliably mean "projected" for the final create.
        .env("LIFEOS_READ_YOUR_WRITES_TIMEOUT_MS", "30000")
        .stderr(Stdio::null());
    ServeChild::spawn(cmd)
}

fn endpoint(child: &ServeChild) -> String {
    format!("http://{}/graphql", child.addr)
}

/// Signs up the instance owner over HTTP with the child's setup code; returns the bearer
/// token and personal workspace.
async fn sign_up_owner(child: &ServeChild) -> anyhow::Result<(String, String)> {
    let code = child.setup_code.as_deref().ok_or_else(|| anyhow::anyhow!("no setup code printed"))?;
    let owner = sign_up(GqlClient::new(endpoint(child)), owner_input(OWNER_EMAIL, code)).await?;
    Ok((owner.token, owner.personal_workspace))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_commands_survive_kill_9() -> anyhow::Result<()> {
    killed_while_creating(1).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_grouped_creates_survive_kill_9() -> anyhow::Result<()> {
    killed_while_creating(8).await
}

/// Kills lifeosd while `writers` clients create notes concurrently, restarts it, and checks
/// that every acknowledged create is there (rows and events), each exactly once.
async fn killed_while_creating(writers: usize) -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let first = serve(&db)?;
    let (token, workspace) = sign_up_owner(&first).await?;

    // Sequential creates per writer; each acknowledged id is reported. A writer ends at its
    // first failed request — the one the kill interrupted.
    let (acks, mut acknowledged) = mpsc::unbounded_channel::<String>();
    let spawned: Vec<_> = (0..writers)
        .map(|w| {
            let client = bearer_client(endpoint(&first), &token);
            let acks = acks.clone();
            tokio::spawn(async move {
                for i in 0.. {
                    let Ok(reply) = NOTE.create(&client, json!({"title": format!("before the crash {w}.{i}")})).await else {
                        return anyhow::Ok(i);
                    };
                    let note = reply.ok()?;
                    let id = note["id"].as_str().ok_or_else(|| anyhow::anyhow!("no id: {note}"))?;
                    if acks.send(id.to_owned()).is_err() {
                        break;
                    }
                }
                anyhow::Ok(0)
            })
        })
        .collect();
    drop(acks);

    let mut ids = Vec::new();
    while ids.len() < ACKNOWLEDGED_BEFORE_KILL {
        let id = acknowledged.recv().await.ok_or_else(|| anyhow::anyhow!("writer stopped early"))?;
        ids.push(id);
    }
    let status = first.kill9()?;
    assert!(!status.success(), "killed, not exited: {status}");
    let mut attempts = 0;
    for writer in spawned {
        attempts += writer.await??;
    }
    while let Ok(id) = acknowledged.try_recv() {
        ids.push(id);
    }
    assert_eq!(attempts, ids.len(), "each writer stopped at its interrupted request");

    // Same database, new process; the old session token still works.
    let second = serve(&db)?;
    let client = bearer_client(endpoint(&second), &token);
    // Its session's next request waits until the projector has passed it, hence every event
    // before it.
    let after = NOTE.create(&client, json!({"title": "after the restart"})).await?.ok()?;
    let after_id = after["id"].as_str().ok_or_else(|| anyhow::anyhow!("no id: {after}"))?.to_owned();
    ids.push(after_id);
    client.read_own_writes().await?;

    let pool = &db.pool;
    let present: i64 = sqlx::query_scalar("SELECT count(*) FROM notes WHERE workspace_id = $1 AND id = ANY($2)")
        .bind(&workspace)
        .bind(&ids)
        .fetch_one(pool)
        .await?;
    assert_eq!(present, i64::try_from(ids.len())?, "every acknowledged note is projected");

    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM notes WHERE workspace_id = $1").bind(&workspace).fetch_one(pool).await?;
    let created: i64 =
        sqlx::query_scalar("SELECT count(*) FROM events WHERE workspace_id = $1 AND event_type = 'NoteCreated'")
            .bind(&workspace)
            .fetch_one(pool)
            .await?;
    let (logged, distinct): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(DISTINCT (entity_id, version)) FROM sync_log WHERE workspace_id = $1 AND entity_type = 'Note'",
    )
    .bind(&workspace)
    .fetch_one(pool)
    .await?;
    assert_eq!(rows, created, "one read row per NoteCreated event");
    assert_eq!(logged, distinct, "no sync_log row was written twice");
    assert_eq!(logged, created, "one sync_log row per NoteCreated event");
    // At most the interrupted request of each writer committed without being acknowledged.
    let acknowledged = i64::try_from(ids.len())?;
    let in_flight = i64::try_from(writers)?;
    assert!((acknowledged..=acknowledged + in_flight).contains(&created), "{created} created, {acknowledged} acknowledged");

    assert!(second.terminate()?.success());
    Ok(())
}
