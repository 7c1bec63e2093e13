//! Blue/green rebuilds: the live API keeps answering (never empty) while a projection is
//! rebuilt under a concurrent writer; `--verify` finds zero differences; a rebuild killed
//! half-way leaves the live projection untouched and a re-run succeeds.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use lifeos_tests::{lifeosd, TestServer};
use serde_json::json;

/// Appends `n` NoteCreated events straight into the store (fast history for rebuilds), then
/// makes one note through the API, whose read-your-writes wait means the live projector has
/// passed them all.
async fn seed_history(server: &TestServer, account: &lifeos_tests::Account, n: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         SELECT 'Note', $1 || ':' || id, 1, 'NoteCreated', '1',
                json_build_object('Created', json_build_object('workspace_id', $1, 'id', id, 'at', '2026-01-01T00:00:00Z',
                    'fields', json_build_object('title', 'seed ' || i, 'body', '', 'pinned', false, 'tags', json_build_array()))),
                json_build_object('workspace_id', $1, 'actor', $2, 'request_id', 'seed')
           FROM (SELECT i, lpad(i::text, 26, '0') AS id FROM generate_series(1, $3::int) i) s",
    )
    .bind(&account.personal_workspace)
    .bind(&account.user_id)
    .bind(i32::try_from(n)?)
    .execute(&server.db.pool)
    .await?;
    let made = account.client.run("mutation { createNote(input: {title: \"after seed\"}) { id } }", json!({})).await?;
    anyhow::ensure!(made["errors"].is_null(), "{made}");
    account.client.read_own_writes().await
}

#[tokio::test]
async fn rebuild_under_load_keeps_the_api_answering_and_verifies_clean() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    seed_history(&server, &owner, 3000).await?;
    let stop = Arc::new(AtomicBool::new(false));

    let writer = {
        let (stop, client) = (stop.clone(), server.client_as(&owner));
        tokio::spawn(async move {
            let mut written = 0usize;
            while !stop.load(Ordering::Relaxed) && written < 2000 {
                let body = client.run("mutation { createNote(input: {title: \"live\"}) { id } }", json!({})).await?;
                anyhow::ensure!(body["errors"].is_null(), "write failed during rebuild: {body}");
                written += 1;
            }
            Ok::<_, anyhow::Error>(written)
        })
    };
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (stop, reads, client) = (stop.clone(), reads.clone(), server.client_as(&owner));
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let body = client.run("{ notes(first: 1) { edges { node { id } } } }", json!({})).await?;
                let edges = body["data"]["notes"]["edges"].as_array().map_or(0, Vec::len);
                anyhow::ensure!(edges == 1, "a reader saw an empty or failing notes list: {body}");
                reads.fetch_add(1, Ordering::Relaxed);
            }
            Ok::<_, anyhow::Error>(())
        })
    };

    let url = server.db.url();
    let output = tokio::task::spawn_blocking(move || {
        lifeosd!().args(["rebuild", "kernel", "--verify", "--batch-size", "500"]).env("LIFEOS_DATABASE_URL", url).output()
    })
    .await??;
    stop.store(true, Ordering::Relaxed);
    let written = writer.await??;
    reader.await??;
    let stdout = String::from_utf8(output.stdout)?;
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("verify: 0 difference(s)"), "{stdout}");
    assert!(reads.load(Ordering::Relaxed) > 0 && written > 0);

    // After the switch the live projection keeps going on the new tables.
    let after = owner.client.run("mutation { createNote(input: {title: \"after\"}) { title version } }", json!({})).await?;
    assert_eq!(after["data"]["createNote"], json!({"title": "after", "version": 1}));
    owner.client.read_own_writes().await?;
    let notes: i64 = sqlx::query_scalar("SELECT count(*) FROM notes").fetch_one(&server.db.pool).await?;
    let created: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE event_type = 'NoteCreated'").fetch_one(&server.db.pool).await?;
    assert_eq!(notes, created);
    let leftovers: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild_%'").fetch_one(&server.db.pool).await?;
    assert_eq!(leftovers, 0);
    server.stop().await
}

#[tokio::test]
async fn a_killed_rebuild_leaves_the_live_projection_untouched_and_a_rerun_succeeds() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    seed_history(&server, &owner, 5000).await?;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM notes").fetch_one(&server.db.pool).await?;

    let mut child = lifeosd!()
        .args(["rebuild", "kernel", "--batch-size", "100"])
        .env("LIFEOS_DATABASE_URL", server.db.url())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let first = BufReader::new(stdout).lines().next().transpose()?.unwrap_or_default();
    assert!(first.starts_with("progress:"), "{first}");
    child.kill()?; // SIGKILL, half-way through
    child.wait()?;

    let half_built: i64 = sqlx::query_scalar("SELECT count(*) FROM rebuild_kernel.notes").fetch_one(&server.db.pool).await?;
    assert!(half_built < before, "the rebuild was interrupted mid-way ({half_built} of {before})");
    let live: i64 = sqlx::query_scalar("SELECT count(*) FROM notes").fetch_one(&server.db.pool).await?;
    assert_eq!(live, before, "live projection untouched");
    let listed = owner.client.run("{ notes(first: 5) { edges { node { id } } } }", json!({})).await?;
    assert_eq!(listed["data"]["notes"]["edges"].as_array().map(Vec::len), Some(5));

    let url = server.db.url();
    let rerun = tokio::task::spawn_blocking(move || {
        lifeosd!().args(["rebuild", "kernel", "--verify"]).env("LIFEOS_DATABASE_URL", url).output()
    })
    .await??;
    let out = String::from_utf8(rerun.stdout)?;
    assert!(rerun.status.success() && out.contains("verify: 0 difference(s)"), "{out}");
    server.stop().await
}

#[tokio::test]
async fn activity_daily_is_built_over_existing_history_and_queryable() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let c = &owner.client;
    let note = c.run("mutation { createNote(input: {title: \"a\"}) { id } }", json!({})).await?;
    let id = note["data"]["createNote"]["id"].as_str().expect("id").to_owned();
    c.run("mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }", json!({"i": {"id": id, "expectedVersion": 1, "title": "b"}})).await?;
    c.run("mutation($id: ID!) { deleteNote(input: {id: $id, expectedVersion: 2}) { id } }", json!({"id": id})).await?;
    c.run("mutation { createTask(input: {title: \"t\"}) { id } }", json!({})).await?;
    // A query waits for this session's writes to be projected (the live group's one commit
    // covers activity_daily too), so the live projector is idle before the table is emptied.
    c.run("{ notes(first: 1) { edges { node { id } } } }", json!({})).await?;
    // Forget the projection entirely, then build it for the first time from history.
    sqlx::query("TRUNCATE activity_daily").execute(&server.db.pool).await?;
    let url = server.db.url();
    let built = tokio::task::spawn_blocking(move || {
        lifeosd!().args(["rebuild", "activity_daily"]).env("LIFEOS_DATABASE_URL", url).output()
    })
    .await??;
    assert!(built.status.success(), "{built:?}");
    let days = c.run("{ activityDaily { entityType created updated deleted } }", json!({})).await?;
    assert_eq!(
        days["data"]["activityDaily"],
        json!([{"entityType": "Note", "created": 1, "updated": 1, "deleted": 1},
               {"entityType": "Task", "created": 1, "updated": 0, "deleted": 0}]),
        "{days}"
    );
    server.stop().await
}
