//! GraphiQL works with no network but the server: the page and every asset it names come from
//! the server with a same-origin Content-Security-Policy, `nosniff` and immutable caching
//! (plain HTTP checks), and GraphiQL renders in headless Chromium driven by the npm
//! `playwright-core` (`tests/node/graphiql-browser.mjs`) with every request to another origin
//! aborted and counted: the docs explorer lists the root query fields, a query and a
//! subscription (over the websocket) from the editor answer, a screenshot is written. The
//! browser check is skipped with a notice outside CI when node or Chromium is missing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lifeos_tests::{node, TestServer};
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use serde_json::json;

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The values of every `src="…"` and `href="…"` attribute in `html`.
fn referenced_urls(html: &str) -> Vec<String> {
    ["src=\"", "href=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1).filter_map(|rest| rest.split('"').next().map(str::to_owned)))
        .collect()
}

fn assert_secured(response: &reqwest::Response, what: &str) {
    let csp = response.headers().get(CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(csp.starts_with("default-src 'self';"), "{what}: CSP {csp:?}");
    assert!(csp.contains("script-src 'self';") && csp.contains("connect-src 'self'"), "{what}: CSP {csp:?}");
    assert!(!csp.contains("http") && !csp.contains('*') && !csp.contains("unsafe-eval"), "{what}: CSP {csp:?}");
    assert_eq!(response.headers().get(X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{what}");
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_graphiql_page_and_its_assets_come_from_the_server_under_a_same_origin_policy() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let http = reqwest::Client::new();
    let page = http.get(server.url("/graphql")).header(ACCEPT, BROWSER_ACCEPT).send().await?;
    assert_eq!(page.status(), 200);
    assert!(header(&page, CONTENT_TYPE).starts_with("text/html"), "{:?}", page.headers());
    assert_secured(&page, "page");
    let html = page.text().await?;
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("\"//"), "external URL in:\n{html}");
    assert!(!html.contains("<script>") && !html.contains("<style"), "inline script or style in:\n{html}");

    let urls = referenced_urls(&html);
    let scripts = urls.iter().filter(|u| u.ends_with(".js")).count();
    assert!(scripts >= 4 && urls.iter().any(|u| u.ends_with(".css")), "{urls:?}");
    for url in &urls {
        assert!(url.starts_with("/graphiql/"), "{url} is not one of the server's assets");
        let asset = http.get(server.url(url)).send().await?;
        assert_eq!(asset.status(), 200, "{url}");
        assert_secured(&asset, url);
        assert!(header(&asset, CACHE_CONTROL).contains("immutable"), "{url}: {:?}", asset.headers());
        let expected = match url.rsplit('.').next() {
            Some("js") => "text/javascript",
            Some("css") => "text/css",
            _ => "image/svg+xml",
        };
        assert!(header(&asset, CONTENT_TYPE).starts_with(expected), "{url}: {:?}", asset.headers());
        assert!(!asset.bytes().await?.is_empty(), "{url}");
    }

    let script = urls.iter().find(|u| u.ends_with("/init.js")).cloned().unwrap_or_default();
    let stale = script.replacen("/graphiql/", "/graphiql/0000", 1);
    let missing = http.get(server.url(&stale)).send().await?;
    assert_eq!(missing.status(), 404, "{stale} names another version of the file");
    assert_secured(&missing, "404");
    server.stop().await
}

/// Chromium, if installed (`LIFEOS_CHROMIUM` overrides `/usr/bin/chromium`).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("LIFEOS_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    path.is_file().then_some(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_renders_in_headless_chromium_with_no_network_but_the_server() -> anyhow::Result<()> {
    let test = "graphiql_renders_in_headless_chromium_with_no_network_but_the_server";
    let Some(chromium) = chromium() else {
        anyhow::ensure!(std::env::var_os("CI").is_none(), "{test} cannot run under CI: no Chromium at /usr/bin/chromium");
        eprintln!("SKIPPED {test}: no Chromium at /usr/bin/chromium (apt-get install chromium)");
        return Ok(());
    };
    // Default limits: GraphiQL's own introspection query must pass them.
    let server = TestServer::start().await?;
    let owner = server.owner().await?;
    let title = "seen from GraphiQL";
    let created = owner.client.run("mutation($t: String!) { createNote(input: {title: $t}) { id } }", json!({"t": title})).await?;
    anyhow::ensure!(created["errors"].is_null(), "createNote failed: {created}");
    let note_id = created["data"]["createNote"]["id"].as_str().unwrap_or_default().to_owned();

    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("graphiql-browser.png");
    let _ = std::fs::remove_file(&screenshot);
    let profile = tempfile::tempdir()?;
    let url = server.url("/graphql");
    let chromium = chromium.to_string_lossy();
    let screenshot_path = screenshot.to_string_lossy();
    let profile_path = profile.path().to_string_lossy();
    let env = [
        ("LIFEOS_URL", url.as_str()),
        ("LIFEOS_TOKEN", owner.token.as_str()),
        ("LIFEOS_NOTE_TITLE", title),
        ("LIFEOS_NOTE_ID", note_id.as_str()),
        ("LIFEOS_CHROMIUM", chromium.as_ref()),
        ("LIFEOS_SCREENSHOT", screenshot_path.as_ref()),
        ("LIFEOS_PROFILE_DIR", profile_path.as_ref()),
        ("LIFEOS_TIMEOUT_MS", "60000"),
    ];
    if let Some(ran) = node::run(test, "playwright-core", "graphiql-browser.mjs", &env, Duration::from_secs(180)).await? {
        for line in ["outside requests are caught", "docs explorer lists notes", "query answered", "subscription answered", "no outside request", "no page error"] {
            assert!(ran.stdout.contains(line), "missing {line:?}\nstdout: {}\nstderr: {}", ran.stdout, ran.stderr);
        }
        let written = std::fs::metadata(&screenshot)?.len();
        assert!(written > 0, "the screenshot {} is empty", screenshot.display());
        eprintln!("screenshot: {}", screenshot.display());
    }
    server.stop().await
}
