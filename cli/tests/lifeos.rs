//! The `lifeos` binary, black-box, against in-process servers: profiles, the three
//! credential backends (the keyring across processes), access tokens and their limits,
//! output formats parsed by real parsers, dump/load, watch, finance, and that no token is
//! ever printed except by the one `tokens create` that returns it.

mod support;

use std::os::unix::fs::PermissionsExt;

use serde_json::{json, Value};
use support::{stored_token, Cli, TestServer, OWNER_EMAIL, PASSPHRASE};

#[tokio::test(flavor = "multi_thread")]
async fn profiles_sign_in_to_their_own_servers_and_logout_revokes_the_session() -> anyhow::Result<()> {
    let (home, _) = TestServer::with_owner().await?;
    let (work, _) = TestServer::with_owner().await?;
    let cli = Cli::new()?;
    cli.login(&home, "home").await?;
    cli.login(&work, "work").await?;
    let home_token = stored_token(&cli, "home")?;
    let work_token = stored_token(&cli, "work")?;
    assert_ne!(home_token, work_token);

    let whoami = cli.run(&["whoami", "--profile", "work", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!((whoami["email"].as_str(), whoami["server"].as_str(), whoami["credential"].as_str()), (Some(OWNER_EMAIL), Some(work.url("").as_str()), Some("file")));
    // The first login became the current profile.
    let current = cli.run(&["whoami", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(current["server"].as_str(), Some(home.url("").as_str()));

    // A note made through one profile is not on the other's server.
    cli.run(&["note", "add", "only at home", "--profile", "home", "-o", "json"]).await?.ok()?;
    let at_work = cli.run(&["note", "list", "--profile", "work", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(at_work, json!([]));
    let at_home = cli.run(&["note", "list", "--profile", "home", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(at_home[0]["title"], json!("only at home"));

    let profiles = cli.run(&["profiles", "list", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(profiles.as_array().map(Vec::len), Some(2));
    cli.run(&["profiles", "use", "work"]).await?.ok()?;
    let current = cli.run(&["whoami", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(current["server"].as_str(), Some(work.url("").as_str()));

    let logout = cli.run(&["logout", "--profile", "home", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(logout["revoked"], json!(true));
    assert_eq!(cli.run(&["whoami", "--profile", "home"]).await?.code, 3, "signed out locally");
    // …and the session is dead on the server, not only forgotten here.
    let mut probe = home.client();
    probe.bearer = Some(home_token.clone());
    let me = probe.run("{ me { id } }", json!({})).await?;
    assert_eq!(lifeos_tests::graphql::GqlClient::error_code(&me), Some("UNAUTHENTICATED"), "{me}");
    // The other profile is untouched.
    cli.run(&["whoami", "--profile", "work"]).await?.ok()?;
    // Signing in again needs no --server: the profile remembers it.
    let again = cli.run_stdin(&["login", "--profile", "home", "--email", OWNER_EMAIL, "--password-stdin", "-o", "json"], &format!("{}\n", support::PASSWORD)).await?.ok()?.json()?;
    assert_eq!(again["server"].as_str(), Some(home.url("").as_str()));
    let fresh = Cli::new()?;
    assert_eq!(fresh.run_stdin(&["login", "--email", OWNER_EMAIL, "--password-stdin"], "x\n").await?.code, 2, "no server anywhere");

    let new_home_token = stored_token(&cli, "home")?;
    for token in [&home_token, &work_token, &new_home_token] {
        cli.assert_never_printed(token, |_| false)?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_encrypted_file_keeps_secrets_sealed_and_refuses_a_wrong_passphrase_or_a_flipped_byte() -> anyhow::Result<()> {
    let (server, _) = TestServer::with_owner().await?;
    let cli = Cli::new()?;
    cli.login(&server, "default").await?;
    let token = stored_token(&cli, "default")?;
    let path = cli.credentials_file();
    let sealed = std::fs::read(&path)?;
    assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
    let text = String::from_utf8_lossy(&sealed);
    assert!(!text.contains(&token) && !text.contains(PASSPHRASE), "a secret is in the file in clear");
    // A new process reads it back.
    cli.run(&["whoami"]).await?.ok()?;

    let wrong = cli.run_with(&["whoami"], None, &[("LIFEOS_CLI_PASSPHRASE", "not it")]).await?;
    assert_ne!(wrong.code, 0);
    assert!(wrong.stderr.contains("wrong passphrase"), "{wrong:?}");

    let mut flipped = sealed.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    std::fs::write(&path, &flipped)?;
    let tampered = cli.run(&["whoami"]).await?;
    assert_ne!(tampered.code, 0);
    assert!(tampered.stderr.contains("could not") || tampered.stderr.contains("malformed") || tampered.stderr.contains("modified"), "{tampered:?}");
    cli.assert_never_printed(&token, |_| false)?;
    cli.assert_never_printed(PASSPHRASE, |_| false)?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_keyring_serves_a_credential_to_later_processes() -> anyhow::Result<()> {
    let (server, _) = TestServer::with_owner().await?;
    let cli = Cli::with_order(&["keyring"])?;
    // The kernel keyring is shared by every process of this user: a name no other run uses.
    let profile = format!("t{}", ulid::Ulid::new());
    let status = cli.run(&["auth", "status", "--profile", &profile, "-o", "json"]).await?.ok()?.json()?;
    if status[0]["keyring"].as_str().is_some_and(|s| s.starts_with("unavailable")) {
        eprintln!("skipped: no keyring on this machine ({status})");
        return Ok(());
    }
    let login = cli.login(&server, &profile).await?.json()?;
    assert_eq!(login["credential"], json!("keyring"));
    assert!(!cli.credentials_file().exists(), "nothing on disk");
    let whoami = cli.run(&["whoami", "--profile", &profile, "-o", "json"]).await?.ok()?.json()?;
    assert_eq!((whoami["email"].as_str(), whoami["credential"].as_str()), (Some(OWNER_EMAIL), Some("keyring")));
    let status = cli.run(&["auth", "status", "--profile", &profile, "-o", "json"]).await?.ok()?.json()?;
    let row = status.as_array().and_then(|rows| rows.iter().find(|r| r["profile"] == json!(profile))).cloned().unwrap_or_default();
    assert_eq!(row["usedBackend"], json!("keyring"), "{status}");
    cli.run(&["logout", "--profile", &profile]).await?.ok()?;
    assert_eq!(cli.run(&["whoami", "--profile", &profile]).await?.code, 3);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn access_tokens_are_scoped_read_cannot_write_revoked_is_refused_and_only_create_prints_one() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let cli = Cli::new()?;
    cli.login(&server, "default").await?;
    let created = cli.run(&["tokens", "create", "cron reader", "--expires", "+30d", "-o", "json"]).await?.ok()?.json()?;
    let read_token = created["token"].as_str().unwrap_or_default().to_owned();
    assert!(read_token.starts_with("lifeos_pat_"), "{created}");
    assert_eq!(created["scopes"][0]["access"], json!("READ"));
    let writer = cli.run(&["tokens", "create", "cron writer", "--write", "-o", "json"]).await?.ok()?.json()?;
    let write_token = writer["token"].as_str().unwrap_or_default().to_owned();

    // The environment alone: nothing on disk for this user.
    let script = Cli::with_order(&["env"])?;
    let url = server.url("");
    let as_reader = [("LIFEOS_SERVER", url.as_str()), ("LIFEOS_TOKEN", read_token.as_str())];
    let listed = script.run_with(&["note", "list", "-o", "json"], None, &as_reader).await?.ok()?;
    assert_eq!(listed.json()?, json!([]));
    let refused = script.run_with(&["note", "add", "from a read token"], None, &as_reader).await?;
    assert_eq!(refused.code, 3, "{refused:?}");
    assert!(refused.stderr.contains("FORBIDDEN"), "{refused:?}");
    let as_writer = [("LIFEOS_SERVER", url.as_str()), ("LIFEOS_TOKEN", write_token.as_str())];
    script.run_with(&["task", "add", "water the plants", "--due", "tomorrow", "-o", "json"], None, &as_writer).await?.ok()?;
    // A token cannot mint tokens.
    let mint = script.run_with(&["tokens", "create", "escalate"], None, &as_writer).await?;
    assert_eq!(mint.code, 3, "{mint:?}");
    assert_eq!(std::fs::read_dir(script.config_dir())?.count(), 1, "only the test's config.toml");

    // Pushes and the websocket obey the token too.
    let mut reader = server.client();
    reader.bearer = Some(read_token.clone());
    let push = reader
        .run(
            "mutation($i: PushInput!) { pushChanges(input: $i) { committed } }",
            json!({"i": {"clientId": "cron-01", "mutations": [{"seq": 1, "entityType": "Note", "entityId": ulid::Ulid::new().to_string(), "op": "UPSERT", "fields": {"title": "x"}, "hlc": "001795000000000-000000-cron01", "clientUpdatedAt": "2026-12-04T00:00:00Z"}]}}),
        )
        .await?;
    assert_eq!(lifeos_tests::graphql::GqlClient::error_code(&push), Some("FORBIDDEN"), "{push}");
    let ws = mutation_over_socket(&server, &read_token, "mutation { createNote(input: {title: \"ws\"}) { id } }").await?;
    assert_eq!(ws[0]["extensions"]["code"], json!("FORBIDDEN"), "{ws}");

    // What storage cannot hold is a typed error naming the field, and writes nothing.
    let create = "mutation($n: String!, $s: [AccessTokenScopeInput!]!) { createAccessToken(name: $n, scopes: $s) { token } }";
    for (name, workspace, field) in [("a\u{0}b", Value::Null, "name"), ("ok", json!("01ARZ3\u{0}"), "scopes"), ("ok", json!("not-a-ulid"), "scopes")] {
        let refused = owner.client.run(create, json!({"n": name, "s": [{"workspaceId": workspace, "access": "READ"}]})).await?;
        assert_eq!(lifeos_tests::graphql::GqlClient::error_code(&refused), Some("VALIDATION"), "{refused}");
        assert_eq!(refused["errors"][0]["extensions"]["field"], json!(field), "{refused}");
    }
    let list = cli.run(&["tokens", "list", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let id = created["id"].as_str().unwrap_or_default();
    cli.run(&["tokens", "revoke", id]).await?.ok()?;
    let revoked = script.run_with(&["note", "list"], None, &as_reader).await?;
    assert_eq!(revoked.code, 3, "{revoked:?}");

    let session_token = stored_token(&cli, "default")?;
    for (user, token) in [(&cli, &read_token), (&cli, &write_token), (&script, &read_token), (&script, &write_token), (&cli, &session_token)] {
        user.assert_never_printed(token, |args| args.first().is_some_and(|a| a == "tokens") && args.get(1).is_some_and(|a| a == "create"))?;
    }
    // --verbose shows request ids and timings, never the token.
    let verbose = script.run_with(&["note", "list", "--verbose"], None, &as_writer).await?.ok()?;
    assert!(verbose.stderr.contains("request id"), "{verbose:?}");
    script.assert_never_printed(&write_token, |args| args.get(1).is_some_and(|a| a == "create"))?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_output_format_parses_and_a_dump_loads_into_another_workspace_with_the_same_fields() -> anyhow::Result<()> {
    let (server, owner) = TestServer::with_owner().await?;
    let cli = Cli::new()?;
    cli.login(&server, "default").await?;
    let parent = cli.run(&["task", "add", "plan the trip", "--priority", "high", "-o", "json"]).await?.ok()?.json()?;
    let parent_id = parent["id"].as_str().unwrap_or_default().to_owned();
    cli.run(&["task", "add", "book the train", "--parent", &parent_id, "--due", "2027-01-02", "-o", "json"]).await?.ok()?;
    let note = cli.run(&["note", "add", "packing list", "--tags", "travel,todo", "--pinned", "yes", "-o", "json"]).await?.ok()?.json()?;
    let note_id = note["id"].as_str().unwrap_or_default().to_owned();
    // A natural-key kind (its id derives from the workspace) and the settings singleton.
    cli.run(&["link", "add", "--from-type", "note", "--from-id", &note_id, "--to-type", "task", "--to-id", &parent_id, "--relation", "about", "-o", "json"]).await?.ok()?;
    owner.client.data("mutation { updateSettings(input: {timeZone: \"Europe/Berlin\"}) { version } }", json!({}), "updateSettings").await?;
    cli.run(&["task", "done", &parent_id, "-o", "json"]).await?.ok()?;
    let open = cli.run(&["task", "list", "--open", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(open.as_array().map(|rows| rows.iter().map(|r| r["title"].clone()).collect::<Vec<_>>()), Some(vec![json!("book the train")]));

    let json_rows = cli.run(&["task", "list", "-o", "json"]).await?.ok()?.json()?;
    let yaml: Value = serde_yaml::from_str(&cli.run(&["task", "list", "-o", "yaml"]).await?.ok()?.stdout)?;
    assert_eq!(yaml, json_rows);
    let ndjson: Vec<Value> = cli.run(&["task", "list", "-o", "ndjson"]).await?.ok()?.stdout.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    assert_eq!(Value::Array(ndjson), json_rows);
    let table = cli.run(&["task", "list", "-o", "table"]).await?.ok()?.stdout;
    assert!(table.contains("book the train") && table.contains("dueAt"), "{table}");
    // Piped without a flag: JSON.
    assert_eq!(cli.run(&["task", "list"]).await?.ok()?.json()?, json_rows);
    // RFC 3339 instants, GraphQL names.
    assert!(json_rows[1]["dueAt"].as_str().is_some_and(|d| d.starts_with("2027-01-02T00:00:00")), "{json_rows}");

    let dump = cli.run(&["dump"]).await?.ok()?.stdout;
    let rows: Vec<Value> = dump.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 5, "{dump}");
    let other = owner.client.data("mutation { createWorkspace(name: \"Copy\") { id } }", json!({}), "createWorkspace").await?;
    let copy = other["id"].as_str().unwrap_or_default().to_owned();
    let file = cli.config_dir().join("dump.ndjson");
    std::fs::write(&file, &dump)?;
    let loaded = cli.run(&["load", file.to_str().unwrap_or_default(), "--workspace", &copy, "-o", "json"]).await?.ok()?.json()?;
    assert_eq!((loaded["loaded"].clone(), loaded["skipped"][0]["entityType"].clone()), (json!(4), json!("Settings")), "{loaded}");
    let copied: Vec<Value> = cli.run(&["dump", "--workspace", &copy]).await?.ok()?.stdout.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    // Same fields; same ids except the natural-key link's (and no settings row).
    let fields = |rows: &[Value]| -> Vec<Value> {
        let mut out: Vec<Value> = rows
            .iter()
            .filter(|r| r["entityType"] != json!("Settings"))
            .map(|r| {
                let mut data = r["data"].clone();
                for kernel in ["id", "createdAt", "updatedAt", "version", "workspaceId", "completedAt"] {
                    data.as_object_mut().map(|d| d.remove(kernel));
                }
                let id = if r["entityType"] == json!("Link") { Value::Null } else { r["id"].clone() };
                json!({"entityType": r["entityType"], "id": id, "data": data})
            })
            .collect();
        out.sort_by_key(|v| v.to_string());
        out
    };
    assert_eq!(fields(&copied), fields(&rows));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn history_as_of_search_watch_and_finance_from_the_command_line() -> anyhow::Result<()> {
    let (server, _) = TestServer::with_owner().await?;
    let cli = Cli::new()?;
    cli.login(&server, "default").await?;
    let note = cli.run(&["note", "add", "first draft", "-o", "json"]).await?.ok()?.json()?;
    let id = note["id"].as_str().unwrap_or_default().to_owned();
    cli.run(&["note", "edit", &id, "--title", "second draft", "-o", "json"]).await?.ok()?;
    let history = cli.run(&["history", "note", &id, "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(history.as_array().map(Vec::len), Some(2), "{history}");
    let then = cli.run(&["as-of", "note", &id, "--at-version", "1", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(then["title"], json!("first draft"), "{then}");
    let stale = cli.run(&["note", "edit", &id, "--title", "x", "--expected-version", "1"]).await?;
    assert_eq!(stale.code, 5, "a stale version is a conflict: {stale:?}");
    assert_eq!(cli.run(&["note", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV"]).await?.code, 4);
    assert_eq!(cli.run(&["note", "frobnicate"]).await?.code, 2);
    let found = cli.run(&["search", "second", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(found[0]["id"], json!(id), "{found}");

    // watch: the changes after a cursor, one JSON object per line.
    let watched = cli.run(&["watch", "--from-start", "--count", "2"]).await?.ok()?;
    let lines: Vec<Value> = watched.stdout.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["entityId"], json!(id));

    let account = cli.run(&["account", "add", "Checking", "--currency-code", "EUR", "--kind", "checking", "-o", "json"]).await?.ok()?.json()?;
    let account_id = account["id"].as_str().unwrap_or_default().to_owned();
    let groceries = cli.run(&["category", "add", "Groceries", "-o", "json"]).await?.ok()?.json()?;
    let category_id = groceries["id"].as_str().unwrap_or_default().to_owned();
    cli.run(&["tx", "add", "--account", &account_id, "--amount", "-12.50", "--category", &category_id, "--memo", "market", "-o", "json"]).await?.ok()?;
    let balances = cli.run(&["balances", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!((balances[0]["balanceMinor"].clone(), balances[0]["balance"].clone()), (json!(-1250), json!("-12.50")), "{balances}");
    let bad = cli.run(&["tx", "add", "--account", &account_id, "--amount", "1.234"]).await?;
    assert_eq!(bad.code, 2, "more decimals than EUR has: {bad:?}");
    let ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR\n<BANKACCTFROM><ACCTID>123</BANKACCTFROM><BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-3.20<FITID>A1<NAME>Bakery</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    let file = cli.config_dir().join("statement.ofx");
    std::fs::write(&file, ofx)?;
    let imported = cli.run(&["import", file.to_str().unwrap_or_default(), "--account", &account_id, "-o", "json"]).await?.ok()?.json()?;
    assert!(imported.is_object(), "{imported}");
    cli.run(&["budget", "create", "--currency-code", "EUR", "-o", "json"]).await?.ok()?;
    let figures = cli.run(&["budget", "period", "-o", "json"]).await?.ok()?.json()?;
    assert_eq!(figures["currencyCode"], json!("EUR"), "{figures}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn completions_and_the_man_page_cover_the_kind_commands() -> anyhow::Result<()> {
    let cli = Cli::new()?;
    let bash = cli.run(&["completions", "bash"]).await?.ok()?.stdout;
    assert!(bash.contains("lifeos") && bash.contains("transaction"), "completions");
    let man = cli.run(&["man"]).await?.ok()?.stdout;
    assert!(man.contains(".TH lifeos") && man.contains("task"), "man page");
    let usage = cli.run(&["--output", "xml", "whoami"]).await?;
    assert_eq!(usage.code, 2);
    Ok(())
}

/// The GraphQL errors of one mutation sent over the websocket as `token`.
async fn mutation_over_socket(server: &TestServer, token: &str, mutation: &str) -> anyhow::Result<Value> {
    use lifeos_tests::ws::{GqlWs, ServerMsg};
    let mut socket = GqlWs::connect(server.addr, GqlWs::bearer_payload(token, None)).await?;
    socket.subscribe("1", mutation, json!({})).await?;
    match socket.recv().await? {
        ServerMsg::Next { payload, .. } => Ok(payload["errors"].clone()),
        ServerMsg::Error { payload, .. } => Ok(payload),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}
