//! GraphiQL, the in-browser IDE served at `GET /graphql` to a browser asking for HTML, entirely
//! from the binary: the pinned release files in `api/assets/graphiql/vendor/` and the page's
//! own `init.js`, embedded and served under `/graphiql/{hash}/…` with a policy that lets the
//! page reach only this server. `page()` is the HTML the GraphQL GET handler answers with;
//! `routes()` serves its assets. Never executes GraphQL itself, never loads anything from elsewhere.

mod page;

use axum::response::Response;
use axum::Router;
use rust_embed::RustEmbed;

use crate::embedded::{Csp, Embedded};
use crate::state::AppState;

/// `api/assets/graphiql/`, compiled in.
#[derive(RustEmbed)]
#[folder = "assets/graphiql"]
struct Files;

/// Only this server: scripts and styles from its own files (no inline script, no eval), the
/// GraphQL endpoint and its websocket (`'self'` covers same-host ws:/wss: in CSP Level 3).
/// `data:` for images and fonts only, because GraphiQL's stylesheet inlines its fonts and a
/// few icons as data URLs; nothing is fetched for them.
const CSP: Csp = Csp::new(concat!(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; ",
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; ",
    "form-action 'self'; frame-ancestors 'none'"
));

const ASSETS: Embedded<Files> = Embedded::new("/graphiql", CSP);

/// Where the page sends queries and opens its subscriptions.
const ENDPOINT: &str = "/graphql";
const SUBSCRIPTION_PATH: &str = "/graphql/ws";

/// The GraphiQL page for `GET /graphql` from a browser.
pub fn page() -> Response {
    page::render(&ASSETS, ENDPOINT, SUBSCRIPTION_PATH)
}

/// Routes serving the page's assets.
pub fn routes() -> Router<AppState> {
    ASSETS.routes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `vendor/VERSIONS` lines `file NAME SHA256`, written by the refresh script.
    fn pinned_files() -> Vec<(String, String)> {
        let versions = Files::get("vendor/VERSIONS").map(|f| String::from_utf8_lossy(&f.data).into_owned()).unwrap_or_default();
        versions
            .lines()
            .filter_map(|line| match line.split_whitespace().collect::<Vec<_>>()[..] {
                ["file", name, sha] => Some((name.to_owned(), sha.to_owned())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_embedded_vendor_files_are_the_pinned_release_files() {
        let pinned = pinned_files();
        assert!(pinned.len() >= 4, "VERSIONS lists the vendored files: {pinned:?}");
        for (name, sha) in &pinned {
            let file = Files::get(&format!("vendor/{name}"));
            let hex: Option<String> = file.map(|f| f.metadata.sha256_hash().iter().map(|b| format!("{b:02x}")).collect());
            assert_eq!(hex.as_deref(), Some(sha.as_str()), "vendor/{name} differs from the pinned release (run scripts/refresh-graphiql-assets.sh)");
        }
        let vendored = Files::iter().filter(|p| p.starts_with("vendor/") && *p != "vendor/VERSIONS").count();
        assert_eq!(vendored, pinned.len(), "every vendored file is listed in VERSIONS");
    }

    #[test]
    fn the_policy_allows_only_this_server() {
        let policy = CSP.policy();
        assert!(policy.starts_with("default-src 'self';"), "{policy}");
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(!policy.contains("unsafe"), "{policy}");
        assert!(!policy.contains("http") && !policy.contains('*'), "{policy}");
    }
}
