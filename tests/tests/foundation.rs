//! Foundation: the server boots on port 0, probes answer, per-test databases are isolated,
//! migrations are idempotent, the SDL needs no database, and bad starts fail clearly.

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use lifeos_tests::process::ServeChild;
use lifeos_tests::{lifeosd, TestDb, TestServer};
use sqlx::ConnectOptions;

#[tokio::test]
async fn server_boots_on_port_zero_and_probes_answer() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    assert_ne!(server.addr.port(), 0);
    let health = reqwest::get(server.url("/healthz")).await?;
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await?, "ok");

    let ready = reqwest::get(server.url("/readyz")).await?;
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await?;
    assert_eq!(body["ready"], true);
    assert_eq!(body["migrations"], "ok");

    let info = server.client().run("{ serverInfo { version } }", serde_json::json!({})).await?;
    assert_eq!(info["data"]["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    server.stop().await
}

#[tokio::test]
async fn responses_carry_a_request_id() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let response = reqwest::get(server.url("/healthz")).await?;
    let id = response.headers().get("x-request-id").expect("request id header").to_str()?;
    assert!(ulid::Ulid::from_string(id).is_ok(), "{id} is a ULID");
    server.stop().await
}

#[tokio::test]
async fn readiness_fails_while_migrations_are_pending() -> anyhow::Result<()> {
    let db = TestDb::empty().await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let server = lifeosd::RunningServer::start(&lifeosd::Config::default(), db.pool.clone(), listener)?;
    let ready = reqwest::get(format!("http://{}/readyz", server.addr)).await?;
    assert_eq!(ready.status(), 503);
    let body: serde_json::Value = ready.json().await?;
    assert_eq!(body["pendingMigrations"][0], 1, "{body}");
    server.shutdown().await
}

#[tokio::test]
async fn per_test_databases_are_isolated() -> anyhow::Result<()> {
    let (a, b) = tokio::try_join!(TestDb::migrated(), TestDb::migrated())?;
    assert_ne!(a.name, b.name);
    let insert = "INSERT INTO snapshots (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload) \
                  VALUES ('t', $1, 1, 1, '{}')";
    sqlx::query(insert).bind("only-in-a").execute(&a.pool).await?;
    let in_a: i64 = sqlx::query_scalar("SELECT count(*) FROM snapshots").fetch_one(&a.pool).await?;
    let in_b: i64 = sqlx::query_scalar("SELECT count(*) FROM snapshots").fetch_one(&b.pool).await?;
    assert_eq!((in_a, in_b), (1, 0));
    Ok(())
}

#[tokio::test]
async fn migrate_twice_applies_nothing_the_second_time() -> anyhow::Result<()> {
    let db = TestDb::empty().await?;
    let run = || {
        lifeosd!()
            .arg("migrate")
            .env("LIFEOS_DATABASE_URL", db.url())
            .stderr(Stdio::null())
            .output()
    };
    let first = run()?;
    assert!(first.status.success(), "{first:?}");
    let first = String::from_utf8(first.stdout)?;
    let all = lifeos_db::MIGRATOR.iter().count();
    assert!(first.contains(&format!("migrations: {all} applied")), "{first}");

    let second = run()?;
    assert!(second.status.success());
    assert_eq!(String::from_utf8(second.stdout)?.trim(), "migrations: 0 applied (up to date)");
    assert!(lifeos_db::migrate::pending(&db.pool).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn events_are_append_only() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) \
         VALUES ('t', 'a', 1, 'Made', '1', '{}', '{\"workspace_id\": \"w\"}')",
    )
    .execute(&db.pool)
    .await?;
    let update = sqlx::query("UPDATE events SET payload = '{\"x\":1}'").execute(&db.pool).await;
    let delete = sqlx::query("DELETE FROM events").execute(&db.pool).await;
    let truncate = sqlx::query("TRUNCATE events").execute(&db.pool).await;
    for result in [update, delete, truncate] {
        let err = result.expect_err("history must not change").to_string();
        assert!(err.contains("append-only"), "{err}");
    }
    // An event without a workspace is refused outright.
    let orphan = sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) \
         VALUES ('t', 'b', 1, 'Made', '1', '{}', '{}')",
    )
    .execute(&db.pool)
    .await;
    assert!(orphan.is_err());
    Ok(())
}

#[test]
fn schema_prints_sdl_without_any_database() -> anyhow::Result<()> {
    let out = lifeosd!()
        .arg("schema")
        .env("LIFEOS_DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/nowhere")
        .output()?;
    assert!(out.status.success(), "{out:?}");
    let sdl = String::from_utf8(out.stdout)?;
    assert!(sdl.contains("type Query"), "{sdl}");
    assert!(sdl.contains("serverInfo: ServerInfo!"), "{sdl}");
    Ok(())
}

#[test]
fn unreachable_database_fails_with_a_clear_message_and_no_password() -> anyhow::Result<()> {
    let out = lifeosd!()
        .args(["serve", "--listen-addr", "127.0.0.1:0"])
        .env("LIFEOS_DATABASE_URL", "postgres://someone:hunter2@127.0.0.1:1/lifeos")
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    assert!(stderr.contains("cannot connect to PostgreSQL at 127.0.0.1:1/lifeos"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    Ok(())
}

#[test]
fn missing_postgres_binaries_fail_with_install_advice() -> anyhow::Result<()> {
    let empty = tempfile::tempdir()?;
    let data = tempfile::tempdir()?;
    let out = lifeosd!()
        .args(["serve", "--listen-addr", "127.0.0.1:0"])
        .env("LIFEOS_PG_BINDIR", empty.path())
        .env("LIFEOS_DATA_DIR", data.path())
        .output()?;
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr)?;
    assert!(stderr.contains("cannot start the embedded PostgreSQL cluster"), "{stderr}");
    assert!(stderr.contains("apt-get install postgresql"), "{stderr}");
    assert!(stderr.contains("LIFEOS_DATABASE_URL"), "{stderr}");
    Ok(())
}

/// No `LIFEOS_DATABASE_URL`: lifeosd creates, starts, stops and later reuses its own cluster.
#[tokio::test]
async fn embedded_cluster_starts_stops_and_keeps_its_data() -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    // The cluster may run as the `postgres` user, which must be able to enter the directory.
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o755))?;
    let pgdata = data.path().join("pg");
    let serve = || {
        let mut cmd = lifeosd!();
        cmd.env("LIFEOS_DATA_DIR", data.path()).stderr(Stdio::null());
        ServeChild::spawn(cmd)
    };
    let socket_options = || {
        sqlx::postgres::PgConnectOptions::new()
            .socket(data.path().join("run"))
            .username("lifeos")
            .database("lifeos")
    };

    let first = serve()?;
    assert_eq!(reqwest::get(format!("http://{}/readyz", first.addr)).await?.status(), 200);
    let mut conn = socket_options().connect().await?;
    sqlx::raw_sql("CREATE TABLE kept_marker (v int); INSERT INTO kept_marker VALUES (42)")
        .execute(&mut conn)
        .await?;
    drop(conn);
    assert!(first.terminate()?.success());
    assert!(!pgdata.join("postmaster.pid").exists(), "cluster stopped with the server");

    let second = serve()?;
    assert_eq!(reqwest::get(format!("http://{}/readyz", second.addr)).await?.status(), 200);
    let mut conn = socket_options().connect().await?;
    let kept: i32 = sqlx::query_scalar("SELECT v FROM kept_marker").fetch_one(&mut conn).await?;
    assert_eq!(kept, 42, "data survived the restart");
    drop(conn);
    assert!(second.terminate()?.success());
    assert!(!pgdata.join("postmaster.pid").exists());
    Ok(())
}
