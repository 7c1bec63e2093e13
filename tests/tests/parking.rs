//! One bad event must never stop a projection for everyone else. Poison events are written
//! straight into the store (as a release before the validation contract could have), with
//! projectors that have no corrections (that release): the bad stream is parked with its
//! later events held, every other stream goes on, `/readyz` (200) and `lifeosd projections
//! status` report it; then a release with a registered correction (the builtin ones) repairs it
//! on `lifeosd projections retry`, or `skip` leaves the bad event out.

use lifeos_events::correct::Corrections;
use lifeos_tests::{lifeosd, Account, TestServer};
use serde_json::{json, Value};

/// Appends one event as the write path stores it (postgres-es row, metadata with workspace).
async fn append(tx: &mut sqlx::PgConnection, account: &Account, aggregate_type: &str, id: &str, sequence: i64, event_type: &str, payload: Value) -> anyhow::Result<()> {
    let ws = &account.personal_workspace;
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         VALUES ($1, $2, $3, $4, '1', $5::json, $6::json)",
    )
    .bind(aggregate_type)
    .bind(format!("{ws}:{id}"))
    .bind(sequence)
    .bind(event_type)
    .bind(payload.to_string())
    .bind(json!({"workspace_id": ws, "actor": account.user_id, "request_id": "poison"}).to_string())
    .execute(tx)
    .await?;
    Ok(())
}

fn note_created(ws: &str, id: &str, title: &str) -> Value {
    json!({"Created": {"workspace_id": ws, "id": id, "at": "2026-11-30T10:00:00Z",
           "fields": {"title": title, "body": "", "pinned": false, "tags": []}}})
}

fn task_created(ws: &str, id: &str, due_at: &str) -> Value {
    json!({"Created": {"workspace_id": ws, "id": id, "at": "2026-11-30T10:00:01Z",
           "fields": {"title": "poison", "notes": "", "status": "OPEN", "priority": "NONE",
                      "dueAt": due_at, "completedAt": null, "parentId": null}}})
}

/// A mutation and a read by the session: its read-your-writes wait means the kernel projector
/// has passed everything committed before the mutation (no sleeping, no polling).
async fn barrier(account: &Account) -> anyhow::Result<()> {
    let made = account.client.run("mutation { createNote(input: {title: \"barrier\"}) { id } }", json!({})).await?;
    anyhow::ensure!(made["errors"].is_null(), "{made}");
    account.client.read_own_writes().await
}

async fn readyz(server: &TestServer) -> anyhow::Result<(u16, Value)> {
    let response = reqwest::get(server.url("/readyz")).await?;
    Ok((response.status().as_u16(), response.json().await?))
}

async fn lifeosd_out(server: &TestServer, args: &[&str]) -> anyhow::Result<(bool, String)> {
    let url = server.db.url();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let output = tokio::task::spawn_blocking(move || lifeosd!().args(&args).env("LIFEOS_DATABASE_URL", url).output()).await??;
    Ok((output.status.success(), format!("{}{}", String::from_utf8(output.stdout)?, String::from_utf8(output.stderr)?)))
}

async fn get(account: &Account, kind: &str, id: &str, fields: &str) -> anyhow::Result<Value> {
    let body = account.client.run(&format!("query($id: ID!) {{ {kind}(id: $id) {{ {fields} }} }}"), json!({"id": id})).await?;
    anyhow::ensure!(body["errors"].is_null(), "{body}");
    Ok(body["data"][kind].clone())
}

#[tokio::test]
async fn a_poison_event_parks_only_its_stream_and_a_shipped_correction_repairs_it() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let mut owner = server.owner().await?;
    server.restart_with(&Corrections::none()).await?;
    owner.client = server.client_as(&owner);
    let ws = owner.personal_workspace.clone();
    let cursor = owner.client.run("{ changes(after: null, limit: 1000) { cursor } }", json!({})).await?["data"]["changes"]["cursor"].clone();

    // One transaction, so the poison shares a batch with good events of other streams.
    let (task, before, after) = ("01JPARKEDTASK0000000000000", "01JGXXDNXTEBEFXRE000000000", "01JGXXDNXTEAFTER0000000000");
    let mut tx = server.db.pool.begin().await?;
    append(&mut tx, &owner, "Note", before, 1, "NoteCreated", note_created(&ws, before, "before")).await?;
    append(&mut tx, &owner, "Task", task, 1, "TaskCreated", task_created(&ws, task, "+99999-01-01T00:00:00Z")).await?;
    append(&mut tx, &owner, "Task", task, 2, "TaskUpdated", json!({"Updated": {"changes": {"title": "held"}, "at": "2026-11-30T10:00:02Z"}})).await?;
    append(&mut tx, &owner, "Note", after, 1, "NoteCreated", note_created(&ws, after, "after")).await?;
    tx.commit().await?;
    barrier(&owner).await?;

    // Every other stream went on; the task is not there.
    assert_eq!(get(&owner, "note", before, "title").await?["title"], "before");
    assert_eq!(get(&owner, "note", after, "title").await?["title"], "after");
    assert!(get(&owner, "task", task, "id").await?.is_null());

    // Reported, without taking the instance out of service.
    let (status, body) = readyz(&server).await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ready"], true);
    assert_eq!(body["degraded"], true, "{body}");
    let kernel = &body["projections"]["kernel"];
    assert_eq!(kernel["parkedCount"], 1, "{body}");
    assert_eq!(kernel["parked"][0]["stream"], format!("{ws}:{task}"));
    assert_eq!(kernel["parked"][0]["sequence"], 1);
    assert_eq!(kernel["parked"][0]["held"], 1);
    assert!(kernel["parked"][0]["error"].as_str().is_some_and(|e| e.contains("SQLSTATE 22")), "{body}");
    assert_eq!(kernel["lag"], 0);
    // And to Prometheus: one parked stream, one event held behind it.
    let metrics = reqwest::get(server.url("/metrics")).await?.text().await?;
    for line in ["lifeos_projection_parked_streams{projection=\"kernel\"} 1\n", "lifeos_projection_held_events{projection=\"kernel\"} 1\n"] {
        assert!(metrics.contains(line), "{line} in\n{metrics}");
    }
    // The others applied it or have nothing to do with it.
    assert_eq!(body["projections"]["activity_daily"]["parkedCount"], 0);
    assert_eq!(body["projections"]["workspaces"]["parkedCount"], 0);

    let (ok, out) = lifeosd_out(&server, &["projections", "status"]).await?;
    assert!(ok, "{out}");
    assert!(out.contains(&format!("parked: kernel Task/{ws}:{task} at #1 (TaskCreated")), "{out}");
    assert!(out.contains("1 held"), "{out}");
    let (ok, json_out) = lifeosd_out(&server, &["projections", "status", "--format", "json"]).await?;
    assert!(ok, "{json_out}");
    let listed: Value = serde_json::from_str(&json_out)?;
    let kernel = listed.as_array().and_then(|all| all.iter().find(|p| p["projection"] == "kernel")).cloned().unwrap_or_default();
    assert_eq!(kernel["parked"][0]["stream"], format!("{ws}:{task}"), "{json_out}");

    // A restart alone repairs nothing; a release with the correction does, on request.
    server.restart_with(&Corrections::builtin()).await?;
    owner.client = server.client_as(&owner);
    barrier(&owner).await?;
    assert!(get(&owner, "task", task, "id").await?.is_null());
    let (ok, out) = lifeosd_out(&server, &["projections", "retry", "--stream", &format!("{ws}:{task}")]).await?;
    assert!(ok && out.contains("1 repair request(s) submitted"), "{out}");
    barrier(&owner).await?;

    let repaired = get(&owner, "task", task, "title dueAt version").await?;
    assert_eq!(repaired, json!({"title": "held", "dueAt": null, "version": 2}));
    let (status, body) = readyz(&server).await?;
    assert_eq!((status, body["degraded"].clone(), body["projections"]["kernel"]["parkedCount"].clone()), (200, json!(false), json!(0)), "{body}");

    // A device that pulled past the task's own events still receives it: its change is at
    // the repair's position.
    let pulled = owner.client.run("query($c: String) { changes(after: $c, limit: 1000) { entries { entityId version } } }", json!({"c": cursor})).await?;
    let entries = pulled["data"]["changes"]["entries"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = entries.iter().filter_map(|e| e["entityId"].as_str()).collect();
    assert!(ids.contains(&task), "{pulled}");
    let task_entry = entries.iter().find(|e| e["entityId"] == task).cloned().unwrap_or_default();
    assert_eq!(task_entry["version"], 2);
    let mid = pulled["data"]["changes"]["entries"].as_array().map(|e| e.iter().position(|x| x["entityId"] == task)).unwrap_or_default();
    let after_pos = entries.iter().position(|x| x["entityId"] == after);
    assert!(mid > after_pos, "the repaired task comes after later changes: {pulled}");
    server.stop().await
}

#[tokio::test]
async fn skip_leaves_the_bad_event_out_and_applies_what_was_held_after_it() -> anyhow::Result<()> {
    let mut server = TestServer::start().await?;
    let mut owner = server.owner().await?;
    server.restart_with(&Corrections::none()).await?;
    owner.client = server.client_as(&owner);
    let made = owner.client.run("mutation { createNote(input: {title: \"kept\"}) { id } }", json!({})).await?;
    let id = made["data"]["createNote"]["id"].as_str().unwrap_or_default().to_owned();
    barrier(&owner).await?;

    let mut tx = server.db.pool.begin().await?;
    append(&mut tx, &owner, "Note", &id, 2, "NoteUpdated", json!({"Updated": {"changes": {"title": "nul\u{0}byte"}, "at": "2026-11-30T10:00:02Z"}})).await?;
    append(&mut tx, &owner, "Note", &id, 3, "NoteUpdated", json!({"Updated": {"changes": {"body": "after"}, "at": "2026-11-30T10:00:03Z"}})).await?;
    tx.commit().await?;
    barrier(&owner).await?;
    assert_eq!(get(&owner, "note", &id, "title body version").await?, json!({"title": "kept", "body": "", "version": 1}));

    let stream = format!("{}:{id}", owner.personal_workspace);
    let (ok, out) = lifeosd_out(&server, &["projections", "skip", "--projection", "kernel", "--stream", &stream]).await?;
    assert!(ok, "{out}");
    barrier(&owner).await?;
    assert_eq!(get(&owner, "note", &id, "title body version").await?, json!({"title": "kept", "body": "after", "version": 3}));
    let (_, body) = readyz(&server).await?;
    assert_eq!(body["projections"]["kernel"]["parkedCount"], 0, "{body}");

    // Nothing left to repair: the command says so and fails.
    let (ok, out) = lifeosd_out(&server, &["projections", "retry", "--all"]).await?;
    assert!(!ok && out.contains("no parked stream matches"), "{out}");
    server.stop().await
}

#[tokio::test]
async fn a_rebuild_parks_what_it_cannot_apply_instead_of_failing() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let ws = owner.personal_workspace.clone();
    let bad = "01JVNDECXDABE0000000000000";
    let mut tx = server.db.pool.begin().await?;
    append(&mut tx, &owner, "Note", bad, 1, "NoteCreated", json!({"Bogus": {"shape": true}})).await?;
    append(&mut tx, &owner, "Note", "01JF1NENXTE000000000000000", 1, "NoteCreated", note_created(&ws, "01JF1NENXTE000000000000000", "fine")).await?;
    tx.commit().await?;
    barrier(&owner).await?;

    let (ok, out) = lifeosd_out(&server, &["rebuild", "kernel", "--verify"]).await?;
    assert!(ok, "{out}");
    assert!(out.contains("verify: 0 difference(s)"), "{out}");
    let (_, body) = readyz(&server).await?;
    let kernel = &body["projections"]["kernel"];
    assert_eq!(kernel["parkedCount"], 1, "{body}");
    assert_eq!(kernel["parked"][0]["stream"], format!("{ws}:{bad}"));
    assert!(kernel["parked"][0]["error"].as_str().is_some_and(|e| e.contains("cannot decode")), "{body}");
    assert_eq!(get(&owner, "note", "01JF1NENXTE000000000000000", "title").await?["title"], "fine");
    server.stop().await
}

#[tokio::test]
async fn lag_counts_only_the_events_a_projection_handles() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    barrier(&owner).await?;
    let ws = owner.personal_workspace.clone();
    // Held back behind an open transaction, the kernel cannot pass these; the workspaces
    // projection would not handle them anyway, so its lag stays 0.
    let mut blocker = server.db.pool.begin().await?;
    sqlx::query("SELECT pg_current_xact_id()").execute(&mut *blocker).await?;
    let mut tx = server.db.pool.begin().await?;
    for i in 0..3 {
        let id = format!("01JAGNXTE{i:017}");
        append(&mut tx, &owner, "Note", &id, 1, "NoteCreated", note_created(&ws, &id, "lag")).await?;
    }
    tx.commit().await?;
    let statuses = lifeos_projections::status::read(&server.db.pool).await?;
    let lag = |name: &str| statuses.iter().find(|s| s.projection == name).map(|s| s.lag);
    assert_eq!(lag("workspaces"), Some(0));
    assert_eq!(lag("kernel"), Some(3));
    blocker.rollback().await?;
    server.stop().await
}
