//! List pages are ordered index walks whatever the statistics: on a kernel table that was
//! just filled and never analysed (the state after a bulk import or a big sync push), the
//! page statements — in the transaction `lifeos_db::plan::ORDERED_READ` opens — use the
//! list indexes and stop at the limit: no sort, no bitmap or sequential scan of the workspace.
//! And the server's pages over such a table come back in order. The same holds for the sync
//! pull's page of `sync_log` (`lifeos_api::sync::changes::PAGE`).

use lifeos_tests::{TestDb, TestServer};
use serde_json::{json, Value};
use sqlx::PgConnection;

const ROWS: i64 = 20_000;
const WS: &str = "01JWS00000000000000000000A";

/// Fills `notes` set-based in one workspace (plus a little of another), never analysed.
async fn fill(conn: &mut PgConnection, workspace: &str) -> anyhow::Result<()> {
    sqlx::query("ALTER TABLE notes SET (autovacuum_enabled = false)").execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO notes (workspace_id, id, created_at, updated_at, deleted_at, version, title, body, pinned, tags)
         SELECT CASE WHEN g % 50 = 0 THEN '01JWS00000000000000000000B' ELSE $1 END,
                '0' || lpad(upper(to_hex(g)), 25, '0'),
                timestamptz '2026-01-01' + g * interval '1 second',
                timestamptz '2026-06-01' - (g % 997) * interval '1 minute',
                CASE WHEN g % 10 = 0 THEN timestamptz '2026-07-01' END, 1,
                'title ' || g, 'body', g % 7 = 0, ARRAY['t' || (g % 50)]
           FROM generate_series(1, $2) g",
    )
    .bind(workspace)
    .bind(ROWS)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The id `fill` gives row `g`.
fn id(g: i64) -> String {
    format!("0{:0>25}", format!("{g:X}"))
}

/// Every plan node type of an `EXPLAIN (FORMAT JSON)` result.
fn node_types(plan: &Value, out: &mut Vec<String>) {
    if let Some(kind) = plan.get("Node Type").and_then(Value::as_str) {
        out.push(kind.to_owned());
    }
    for child in plan.get("Plans").and_then(Value::as_array).into_iter().flatten() {
        node_types(child, out);
    }
}

#[tokio::test]
async fn page_statements_walk_an_index_on_a_table_without_statistics() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut conn = db.pool.acquire().await?;
    fill(&mut conn, WS).await?;
    drop(conn);
    let reltuples: f32 = sqlx::query_scalar("SELECT reltuples FROM pg_class WHERE relname = 'notes'").fetch_one(&db.pool).await?;
    assert!(reltuples < 0.0, "the table must never have been analysed ({reltuples})");

    let base = "SELECT to_jsonb(t)::text FROM notes t WHERE workspace_id = $1 AND ($2 OR deleted_at IS NULL)";
    let pages = [
        format!("{base} ORDER BY created_at ASC, id ASC LIMIT $3"),
        format!("{base} ORDER BY created_at DESC, id DESC LIMIT $3"),
        format!("{base} AND ((updated_at, id) < ($4::text::timestamptz, $5::text)) ORDER BY updated_at DESC, id DESC LIMIT $3"),
        format!("{base} ORDER BY title ASC, id ASC LIMIT $3"),
        format!("{base} AND pinned = $4::text::boolean ORDER BY created_at ASC, id ASC LIMIT $3"),
        format!("{base} AND tags @> $4::text[] ORDER BY updated_at DESC, id DESC LIMIT $3"),
    ];
    for (i, page) in pages.iter().enumerate() {
        let mut tx = lifeos_db::plan::ordered_read(&db.pool).await?;
        let explain = format!("EXPLAIN (FORMAT JSON) {page}");
        let query = sqlx::query_scalar::<_, Value>(&explain).bind(WS).bind(i % 2 == 1).bind(21_i64);
        let query = match i {
            2 => query.bind("2026-05-31T12:00:00Z").bind(id(500)),
            4 => query.bind("true"),
            5 => query.bind(vec!["t3".to_owned()]),
            _ => query,
        };
        let plan = query.fetch_one(&mut *tx).await?;
        tx.commit().await?;
        let mut nodes = Vec::new();
        node_types(&plan[0]["Plan"], &mut nodes);
        assert_eq!(nodes.first().map(String::as_str), Some("Limit"), "{page}: {nodes:?}");
        for refused in ["Sort", "Incremental Sort", "Bitmap Heap Scan", "Seq Scan"] {
            assert!(!nodes.iter().any(|n| n == refused), "{page}: {refused} in {nodes:?}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn pages_over_an_unanalysed_table_come_back_in_order() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let workspace = owner.personal_workspace.clone();
    let mut conn = server.db.pool.acquire().await?;
    fill(&mut conn, &workspace).await?;
    drop(conn);
    let document = "query($first: Int, $after: String, $order: NoteOrder) {
        notes(first: $first, after: $after, orderBy: $order) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }";
    let first = owner.client.data(document, json!({"first": 3}), "notes").await?;
    let ids: Vec<String> = first["edges"].as_array().into_iter().flatten().filter_map(|e| e["node"]["id"].as_str().map(str::to_owned)).collect();
    // Oldest first: g = 1, 2, 3 (none of them deleted or in the other workspace).
    assert_eq!(ids, [id(1), id(2), id(3)]);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let next = owner.client.data(document, json!({"first": 1, "after": first["pageInfo"]["endCursor"]}), "notes").await?;
    assert_eq!(next["edges"][0]["node"]["id"], id(4));
    let by_title = owner.client.data(document, json!({"first": 2, "order": {"field": "TITLE", "direction": "DESC"}}), "notes").await?;
    // 'title 9999' sorts last as text among those kept (9999 is not deleted, not in the other workspace).
    assert_eq!(by_title["edges"][0]["node"]["title"], "title 9999");
    server.stop().await
}

#[tokio::test]
async fn the_sync_pull_page_walks_the_feed_index_without_statistics() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut conn = db.pool.acquire().await?;
    sqlx::query("ALTER TABLE sync_log SET (autovacuum_enabled = false)").execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO sync_log (workspace_id, transaction_id, global_position, entity_type, entity_id, version, op, updated_at)
         SELECT $1, 1000 + g, g, 'Note', '0' || lpad(upper(to_hex(g)), 25, '0'), 1, 'upsert', timestamptz '2026-01-01'
           FROM generate_series(1, $2) g",
    )
    .bind(WS)
    .bind(ROWS)
    .execute(&mut *conn)
    .await?;
    drop(conn);
    let types = vec!["Note".to_owned(), "Task".to_owned()];
    for (transaction_id, global_position) in [(0_i64, 0_i64), (1000 + ROWS / 2, ROWS / 2)] {
        let mut tx = lifeos_db::plan::ordered_read(&db.pool).await?;
        let explain = format!("EXPLAIN (FORMAT JSON) {}", lifeos_api::sync::changes::PAGE);
        let plan: Value = sqlx::query_scalar(&explain)
            .bind(WS)
            .bind(transaction_id)
            .bind(global_position)
            .bind(1001_i64)
            .bind(&types)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut nodes = Vec::new();
        node_types(&plan[0]["Plan"], &mut nodes);
        assert_eq!(nodes, ["Limit", "Index Scan"], "after ({transaction_id}, {global_position})");
    }
    Ok(())
}
