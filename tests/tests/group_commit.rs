//! Group commit of entity commands: concurrent commands are appended in one transaction, and
//! each keeps its own outcome. The combiner is tested directly on hand-built stagings (a group
//! where one command is stale, two on one entity, a create whose id another kind claims) and
//! through the server (eight writers at one version; many concurrent creates).

use chrono::{TimeZone, Utc};
use lifeos_api::commands::group_commit::commit_group;
use lifeos_api::commands::staging::{Claim, CommitError, Loaders, Staging};
use lifeos_api::commands::{entity_stream, rules};
use lifeos_domain::entity::{EntityCommand, EntityKind, Fields};
use lifeos_domain::note::NoteKind;
use lifeos_domain::task::TaskKind;
use lifeos_events::EventMetadata;
use lifeos_projections::feed::Position;
use lifeos_tests::entities::{bearer_client, Reply, NOTE};
use lifeos_tests::{TestDb, TestServer};
use serde_json::{json, Value};

const WORKSPACE: &str = "01JWGC0000000000000000000W";
const NOTE_A: &str = "01JWGC000000000000000000A1";
const NOTE_B: &str = "01JWGC000000000000000000B2";
const NOTE_C: &str = "01JWGC000000000000000000C3";
const SHARED: &str = "01JWGC000000000000000000D4";

fn metadata() -> String {
    EventMetadata { workspace_id: WORKSPACE.into(), actor: "01JWGC00000000000000000ACT".into(), request_id: "r".into(), client_id: None }.to_json()
}

fn title(t: &str) -> Fields {
    json!({ "title": t }).as_object().cloned().unwrap_or_default()
}

/// The write path's errors are for GraphQL, not `std::error::Error`s.
fn api(e: lifeos_api::ApiError) -> anyhow::Error {
    anyhow::anyhow!("{e:?}")
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).single().unwrap_or_default()
}

/// A staged create of a new entity of kind `K` at `id` (its claim included).
async fn create<K: EntityKind>(loaders: &Loaders, id: &str, name: &str) -> anyhow::Result<Staging> {
    let stream = entity_stream(WORKSPACE, id);
    let mut staging = Staging::default();
    let entity = staging.new_entity::<K>(&stream).map_err(api)?;
    let command = EntityCommand::Create { workspace_id: WORKSPACE.into(), id: id.into(), fields: title(name), at: at() };
    let events = entity.decide(command)?;
    rules::check::<K>(&mut staging, loaders, &stream, &events, &metadata()).await.map_err(api)?;
    staging.append::<K>(&stream, events, &metadata()).map_err(api)?;
    Ok(staging)
}

/// A staged update of the note at `id`, decided on its state as loaded now.
async fn update(loaders: &Loaders, id: &str, name: &str) -> anyhow::Result<Staging> {
    let stream = entity_stream(WORKSPACE, id);
    let mut staging = Staging::default();
    let entity = staging.entity::<NoteKind>(loaders, &stream).await.map_err(api)?;
    let events = entity.decide(EntityCommand::Update { expected_version: None, patch: title(name), at: at() })?;
    staging.append::<NoteKind>(&stream, events, &metadata()).map_err(api)?;
    Ok(staging)
}

/// Commits one staging alone (a group of one); its position.
async fn commit_one(db: &TestDb, staging: Staging) -> anyhow::Result<Position> {
    match commit_group(&db.pool, vec![staging]).await.pop() {
        Some(Ok(Some(position))) => Ok(position),
        other => anyhow::bail!("commit failed: {other:?}"),
    }
}

async fn events_of(db: &TestDb, id: &str) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT sequence, payload::text FROM events WHERE aggregate_id = $1 ORDER BY sequence")
        .bind(entity_stream(WORKSPACE, id))
        .fetch_all(&db.pool)
        .await?)
}

fn committed(outcome: &Result<Option<Position>, CommitError>) -> anyhow::Result<Position> {
    match outcome {
        Ok(Some(position)) => Ok(*position),
        other => anyhow::bail!("expected a commit, got {other:?}"),
    }
}

fn conflicted(outcome: &Result<Option<Position>, CommitError>) -> bool {
    matches!(outcome, Err(CommitError::Conflict))
}

#[tokio::test]
async fn a_group_where_one_command_is_stale_commits_the_others() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let loaders = Loaders::new(&db.pool);
    commit_one(&db, create::<NoteKind>(&loaders, NOTE_A, "a").await?).await?;
    commit_one(&db, create::<NoteKind>(&loaders, NOTE_B, "b").await?).await?;
    // Decided at version 1, then overtaken by another update: stale.
    let stale = update(&loaders, NOTE_A, "stale").await?;
    commit_one(&db, update(&loaders, NOTE_A, "won").await?).await?;

    let group = vec![create::<NoteKind>(&loaders, NOTE_C, "c").await?, stale, update(&loaders, NOTE_B, "b2").await?];
    let outcomes = commit_group(&db.pool, group).await;
    let (c, b) = (committed(&outcomes[0])?, committed(&outcomes[2])?);
    assert!(conflicted(&outcomes[1]), "the stale command conflicts: {:?}", outcomes[1]);
    assert_eq!(c.transaction_id, b.transaction_id, "the winners committed in one transaction");
    assert!(c < b, "each answer has its own position, in group order: {c:?} {b:?}");

    let a = events_of(&db, NOTE_A).await?;
    assert_eq!(a.len(), 2, "nothing of the stale update went in: {a:?}");
    assert!(a[1].1.contains("won"), "{a:?}");
    assert_eq!(events_of(&db, NOTE_B).await?.len(), 2);
    assert_eq!(events_of(&db, NOTE_C).await?.len(), 1);
    let claimed: i64 = sqlx::query_scalar("SELECT count(*) FROM entity_ids WHERE workspace_id = $1").bind(WORKSPACE).fetch_one(&db.pool).await?;
    assert_eq!(claimed, 3, "the group's create claimed its id");
    Ok(())
}

#[tokio::test]
async fn two_commands_on_one_entity_in_one_group_the_first_wins() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let loaders = Loaders::new(&db.pool);
    commit_one(&db, create::<NoteKind>(&loaders, NOTE_A, "a").await?).await?;
    let first = update(&loaders, NOTE_A, "first").await?;
    let second = update(&loaders, NOTE_A, "second").await?;
    let other = create::<NoteKind>(&loaders, NOTE_B, "b").await?;

    let outcomes = commit_group(&db.pool, vec![first, second, other]).await;
    committed(&outcomes[0])?;
    assert!(conflicted(&outcomes[1]), "same stream, same sequence: {:?}", outcomes[1]);
    committed(&outcomes[2])?;
    let a = events_of(&db, NOTE_A).await?;
    assert_eq!((a.len(), a[1].1.contains("first")), (2, true), "{a:?}");
    assert_eq!(events_of(&db, NOTE_B).await?.len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_create_whose_id_another_kind_holds_loses_alone() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let loaders = Loaders::new(&db.pool);
    // In the same group: the Note claims SHARED first, so the Task at SHARED loses.
    let note = create::<NoteKind>(&loaders, SHARED, "note").await?;
    let task = create::<TaskKind>(&loaders, SHARED, "task").await?;
    let outcomes = commit_group(&db.pool, vec![note, task, create::<NoteKind>(&loaders, NOTE_A, "a").await?]).await;
    committed(&outcomes[0])?;
    assert!(conflicted(&outcomes[1]), "{:?}", outcomes[1]);
    committed(&outcomes[2])?;

    // Already stored: a Task create that skipped the id check (as a racing one would) loses
    // on the stored claim; the rest of its group commits.
    let stream = entity_stream(WORKSPACE, SHARED);
    let mut racing = Staging::default();
    let events = racing.new_entity::<TaskKind>(&stream).map_err(api)?.decide(EntityCommand::Create {
        workspace_id: WORKSPACE.into(),
        id: SHARED.into(),
        fields: title("task"),
        at: at(),
    })?;
    racing.claim(Claim { workspace_id: WORKSPACE.into(), id: SHARED.into(), entity_type: TaskKind::TYPE });
    racing.append::<TaskKind>(&stream, events, &metadata()).map_err(api)?;
    let outcomes = commit_group(&db.pool, vec![racing, create::<NoteKind>(&loaders, NOTE_B, "b").await?]).await;
    assert!(conflicted(&outcomes[0]), "{:?}", outcomes[0]);
    committed(&outcomes[1])?;

    let kinds: Vec<(String, String)> =
        sqlx::query_as("SELECT id, entity_type FROM entity_ids WHERE workspace_id = $1 ORDER BY id").bind(WORKSPACE).fetch_all(&db.pool).await?;
    let expected = [(NOTE_A, "Note"), (NOTE_B, "Note"), (SHARED, "Note")].map(|(i, k)| (i.to_owned(), k.to_owned()));
    assert_eq!(kinds, expected);
    let task_events: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE aggregate_type = $1").bind(TaskKind::TYPE).fetch_one(&db.pool).await?;
    assert_eq!(task_events, 0);
    Ok(())
}

#[tokio::test]
async fn many_creates_in_one_group_get_distinct_positions() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let loaders = Loaders::new(&db.pool);
    let mut group = Vec::new();
    for _ in 0..40 {
        group.push(create::<NoteKind>(&loaders, &ulid::Ulid::new().to_string(), "many").await?);
    }
    let positions = commit_group(&db.pool, group).await.iter().map(committed).collect::<anyhow::Result<Vec<_>>>()?;
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "distinct, in group order: {positions:?}");
    assert!(positions.iter().all(|p| p.transaction_id == positions[0].transaction_id), "one transaction");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE workspace_id = $1").bind(WORKSPACE).fetch_one(&db.pool).await?;
    assert_eq!(stored, 40);
    Ok(())
}

/// One lane, so that commands arriving while it commits queue up and are grouped.
async fn grouping_server() -> anyhow::Result<(TestServer, lifeos_tests::Account)> {
    let server = TestServer::start_with(|c| {
        c.read_your_writes_timeout_ms = 30_000;
        c.group_commit_lanes = 1;
    })
    .await?;
    let owner = server.owner().await?;
    Ok((server, owner))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers_at_one_version_have_one_winner_and_seven_conflicts_with_the_current_version() -> anyhow::Result<()> {
    let (server, owner) = grouping_server().await?;
    let note = NOTE.create(&owner.client, json!({"title": "Contended"})).await?.ok()?;
    let id = note["id"].as_str().ok_or_else(|| anyhow::anyhow!("no id: {note}"))?.to_owned();

    let attempts = (0..8).map(|i| {
        let client = bearer_client(server.url("/graphql"), &owner.token);
        let id = id.clone();
        tokio::spawn(async move { NOTE.update(&client, json!({"id": id, "expectedVersion": 1, "title": format!("writer {i}")})).await })
    });
    let replies: Vec<Reply> = futures::future::join_all(attempts).await.into_iter().map(|r| r?).collect::<anyhow::Result<_>>()?;
    let (winners, losers): (Vec<&Reply>, Vec<&Reply>) = replies.iter().partition(|r| r.body["errors"].is_null());
    assert_eq!(winners.len(), 1, "exactly one update wins: {replies:?}", replies = replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    assert_eq!(losers.len(), 7);
    for loser in &losers {
        assert_eq!(loser.code(), Some("CONFLICT"), "{:?}", loser.body);
        assert_eq!(loser.extension("currentVersion"), 2, "{:?}", loser.body);
    }
    let won = winners[0].ok()?;
    assert_eq!(won["version"], 2);
    let stored = NOTE.get(&owner.client, &id).await?.ok()?;
    assert_eq!((stored["title"].clone(), stored["version"].clone()), (won["title"].clone(), json!(2)));
    server.stop().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_creates_all_commit() -> anyhow::Result<()> {
    let (server, owner) = grouping_server().await?;
    let writers = (0..8).map(|w| {
        let client = bearer_client(server.url("/graphql"), &owner.token);
        tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..8 {
                let note = NOTE.create(&client, json!({"title": format!("writer {w} note {i}")})).await?.ok()?;
                ids.push(note["id"].as_str().ok_or_else(|| anyhow::anyhow!("no id: {note}"))?.to_owned());
            }
            anyhow::Ok(ids)
        })
    });
    let mut ids = Vec::new();
    for writer in futures::future::join_all(writers).await {
        ids.extend(writer??);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 64, "every create answered with its own id");

    let workspace = &owner.personal_workspace;
    let (events, claims): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM events WHERE workspace_id = $1 AND event_type = 'NoteCreated'),
                (SELECT count(*) FROM entity_ids WHERE workspace_id = $1 AND entity_type = 'Note')",
    )
    .bind(workspace)
    .fetch_one(&server.db.pool)
    .await?;
    assert_eq!((events, claims), (64, 64), "one event and one id claim per create");
    owner.client.read_own_writes().await?;
    let listed = NOTE.list(&owner.client, 100, None, false).await?.ok()?;
    let listed: Vec<&Value> = listed["edges"].as_array().map(|e| e.iter().collect()).unwrap_or_default();
    assert_eq!(listed.len(), 64, "all projected");
    server.stop().await
}
