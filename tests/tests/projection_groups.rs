//! Projection groups: one feed reader and one commit per batch for all members. A member that
//! cannot apply an event parks its stream while the other members stay current; every
//! member's checkpoint moves in the batch's one transaction (even a member with nothing to do
//! in it); a blue/green rebuild of a member switches while the group runs, and the rebuilt
//! projection goes on in the group from its new checkpoint.

use std::time::Duration;

use lifeos_projections::feed::{Position, StoredEvent};
use lifeos_projections::synthetic::SyntheticProjection;
use lifeos_projections::{Projection, ProjectionError, ProjectionGroup, ProjectorHandle};
use lifeos_replay::rebuild::{rebuild, RebuildOptions};
use lifeos_tests::TestDb;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

const WS: &str = "01JGR0VPSWRKSPACE000000000";
const GOOD_A: &str = "01JGR0VPG00DA000000000000A";
const GOOD_B: &str = "01JGR0VPG00DB000000000000B";
const BAD: &str = "01JGR0VPBAD00000000000000C";
/// A safety net only (the waits resolve on the projector's own published position).
const PATIENCE: Duration = Duration::from_secs(60);

/// A projection that reads `Good` and `Bad` streams, counts the events per stream in its own
/// table, and cannot apply any `Bad` event (a decode failure: bad data, so it parks).
#[derive(Clone, Copy)]
struct Picky;

impl Projection for Picky {
    fn name(&self) -> &str {
        "picky"
    }

    fn tables(&self) -> Vec<&'static str> {
        vec!["picky_rows"]
    }

    fn aggregate_types(&self) -> Option<Vec<&'static str>> {
        Some(vec!["Good", "Bad"])
    }

    async fn apply(&self, tx: &mut PgConnection, events: &[StoredEvent]) -> Result<(), ProjectionError> {
        for event in events {
            if event.aggregate_type == "Bad" {
                let Err(e) = serde_json::from_str::<u8>("not a number") else { continue };
                return Err(ProjectionError::decode(event, e));
            }
            sqlx::query(
                "INSERT INTO picky_rows AS p (id, count) VALUES ($1, 1)
                 ON CONFLICT (id) DO UPDATE SET count = p.count + 1",
            )
            .bind(&event.aggregate_id)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }

    async fn catch_up(&self, conn: &mut PgConnection) -> Result<(), ProjectionError> {
        sqlx::query("CREATE TABLE IF NOT EXISTS picky_rows (id text PRIMARY KEY, count bigint NOT NULL)").execute(conn).await?;
        Ok(())
    }
}

/// Appends one event to a stream, as the write path stores it (the trigger notifies).
async fn append(pool: &PgPool, aggregate_type: &str, id: &str, sequence: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         VALUES ($1, $2, $3, $1 || 'Happened', '1', '{}'::json, $4::json)",
    )
    .bind(aggregate_type)
    .bind(format!("{WS}:{id}"))
    .bind(sequence)
    .bind(json!({"workspace_id": WS, "request_id": "groups"}).to_string())
    .execute(pool)
    .await?;
    Ok(())
}

/// The newest committed feed position.
async fn head(pool: &PgPool) -> anyhow::Result<Position> {
    let (transaction_id, global_position): (i64, i64) = sqlx::query_as(
        "SELECT transaction_id::text::bigint, global_position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1",
    )
    .fetch_one(pool)
    .await?;
    Ok(Position { transaction_id, global_position })
}

/// Waits until every handle's projection has passed the feed's head.
async fn caught_up(pool: &PgPool, handles: &[&ProjectorHandle]) -> anyhow::Result<()> {
    let target = head(pool).await?;
    for handle in handles {
        handle.watcher().wait_for(target, PATIENCE).await?;
    }
    Ok(())
}

async fn checkpoint(pool: &PgPool, projection: &str) -> anyhow::Result<(i64, String)> {
    Ok(sqlx::query_as("SELECT last_position, xmin::text FROM projection_checkpoints WHERE projection = $1")
        .bind(projection)
        .fetch_one(pool)
        .await?)
}

async fn count(pool: &PgPool, sql: &str, id: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(sql).bind(id).fetch_optional(pool).await?)
}

#[tokio::test]
async fn a_member_that_parks_a_stream_keeps_the_other_members_current() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let [synthetic] = <[SyntheticProjection; 1]>::try_from(SyntheticProjection::first(1)).map_err(|_| anyhow::anyhow!("one"))?;
    let table = synthetic.table();
    let mut group = ProjectionGroup::new(db.pool.clone(), "test").corrections(lifeos_events::correct::Corrections::none());
    let picky = group.add(Picky);
    let tally = group.add(synthetic);
    let running = group.spawn();

    // The bad stream shares a batch with good ones.
    let mut tx = db.pool.begin().await?;
    for (aggregate_type, id) in [("Good", GOOD_A), ("Bad", BAD), ("Good", GOOD_B)] {
        sqlx::query(
            "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
             VALUES ($1, $2, 1, 'Happened', '1', '{}'::json, $3::json)",
        )
        .bind(aggregate_type)
        .bind(format!("{WS}:{id}"))
        .bind(json!({"workspace_id": WS}).to_string())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    caught_up(&db.pool, &[&picky, &tally]).await?;

    let picky_sql = "SELECT count FROM picky_rows WHERE id = $1";
    let tally_sql = &format!("SELECT count FROM {table} WHERE id = $1");
    for id in [GOOD_A, GOOD_B] {
        assert_eq!(count(&db.pool, picky_sql, &format!("{WS}:{id}")).await?, Some(1), "picky applied {id}");
    }
    assert_eq!(count(&db.pool, picky_sql, &format!("{WS}:{BAD}")).await?, None, "picky could not apply the bad stream");
    for id in [GOOD_A, GOOD_B, BAD] {
        assert_eq!(count(&db.pool, tally_sql, &format!("{WS}:{id}")).await?, Some(1), "the other member applied {id}");
    }
    let parked: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT projection, aggregate_id, sequence FROM projection_parked ORDER BY projection").fetch_all(&db.pool).await?;
    assert_eq!(parked, vec![("picky".to_owned(), format!("{WS}:{BAD}"), 1)]);

    // Later events: the parked stream's are held for picky, everything else goes on.
    append(&db.pool, "Bad", BAD, 2).await?;
    append(&db.pool, "Good", GOOD_A, 2).await?;
    caught_up(&db.pool, &[&picky, &tally]).await?;
    assert_eq!(count(&db.pool, picky_sql, &format!("{WS}:{GOOD_A}")).await?, Some(2));
    assert_eq!(count(&db.pool, tally_sql, &format!("{WS}:{BAD}")).await?, Some(2));
    let at = head(&db.pool).await?.global_position;
    assert_eq!(checkpoint(&db.pool, "picky").await?.0, at, "the parking member's checkpoint moves on");
    assert_eq!(checkpoint(&db.pool, synthetic.name()).await?.0, at);
    running.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn every_members_checkpoint_moves_in_the_batchs_one_transaction() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let synthetic = SyntheticProjection::first(2);
    let mut group = ProjectionGroup::new(db.pool.clone(), "test");
    let picky = group.add(Picky);
    let handles: Vec<ProjectorHandle> = synthetic.iter().map(|s| group.add(*s)).collect();
    let running = group.spawn();

    // An event only the synthetic members read: picky has nothing to do, its checkpoint moves too.
    append(&db.pool, "Other", GOOD_A, 1).await?;
    caught_up(&db.pool, &[&picky, &handles[0], &handles[1]]).await?;
    let at = head(&db.pool).await?.global_position;
    let (picky_at, picky_xmin) = checkpoint(&db.pool, "picky").await?;
    assert_eq!(picky_at, at);
    let row_xmin: String =
        sqlx::query_scalar(&format!("SELECT xmin::text FROM {} WHERE id = $1", synthetic[0].table())).bind(format!("{WS}:{GOOD_A}")).fetch_one(&db.pool).await?;
    for projection in &synthetic {
        let (position, xmin) = checkpoint(&db.pool, projection.name()).await?;
        assert_eq!(position, at);
        assert_eq!(xmin, picky_xmin, "{} moved in the same transaction as picky", projection.name());
    }
    assert_eq!(row_xmin, picky_xmin, "the rows and the checkpoints commit together");
    running.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_rebuilt_member_switches_while_its_group_runs_and_goes_on_in_it() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let synthetic = SyntheticProjection::first(2);
    let (live, rebuilt) = (synthetic[0], synthetic[1]);
    let mut group = ProjectionGroup::new(db.pool.clone(), "test");
    let live_handle = group.add(live);
    let rebuilt_handle = group.add(rebuilt);
    let running = group.spawn();

    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         SELECT 'Seed', $1 || ':' || lpad(i::text, 26, '0'), 1, 'SeedHappened', '1', '{}'::json, json_build_object('workspace_id', $1)
           FROM generate_series(1, 2000) i",
    )
    .bind(WS)
    .execute(&db.pool)
    .await?;
    caught_up(&db.pool, &[&live_handle, &rebuilt_handle]).await?;

    // A writer goes on while the rebuild runs and switches.
    let writer = {
        let pool = db.pool.clone();
        tokio::spawn(async move {
            for sequence in 1..=200 {
                append(&pool, "Good", GOOD_A, sequence).await?;
            }
            Ok::<_, anyhow::Error>(())
        })
    };
    let report = rebuild(&db.pool, &rebuilt, RebuildOptions { batch_size: 500, ..RebuildOptions::default() }, |_| {}).await?;
    writer.await??;
    append(&db.pool, "Good", GOOD_B, 1).await?;
    caught_up(&db.pool, &[&live_handle, &rebuilt_handle]).await?;

    assert!(report.events >= 2000, "{report:?}");
    let differ: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM ((SELECT workspace_id, id, last_position, count FROM {a} EXCEPT SELECT workspace_id, id, last_position, count FROM {b})
                         UNION ALL (SELECT workspace_id, id, last_position, count FROM {b} EXCEPT SELECT workspace_id, id, last_position, count FROM {a})) d",
        a = live.table(),
        b = rebuilt.table()
    ))
    .fetch_one(&db.pool)
    .await?;
    assert_eq!(differ, 0, "the rebuilt projection equals the one that never stopped");
    let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", rebuilt.table())).fetch_one(&db.pool).await?;
    assert_eq!(rows, 2002);
    let good_a: Option<i64> = count(&db.pool, &format!("SELECT count FROM {} WHERE id = $1", rebuilt.table()), &format!("{WS}:{GOOD_A}")).await?;
    assert_eq!(good_a, Some(200), "every event once, across the switch");
    assert_eq!(checkpoint(&db.pool, live.name()).await?.0, checkpoint(&db.pool, rebuilt.name()).await?.0);
    running.shutdown().await;
    Ok(())
}
