//! The GraphiQL HTML page: names the embedded assets by their hashed URLs and carries the
//! endpoints as data attributes for `init.js`. Never inlines a script or a style, never names
//! a URL outside this server.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::embedded::Embedded;

/// The page's files, in the order they load.
const STYLES: [&str; 2] = ["vendor/graphiql.min.css", "page.css"];
const SCRIPTS: [&str; 4] = [
    "vendor/react.production.min.js",
    "vendor/react-dom.production.min.js",
    "vendor/graphiql.min.js",
    "init.js",
];
const ICON: &str = "favicon.svg";

pub fn render<E: RustEmbed>(assets: &Embedded<E>, endpoint: &str, subscription_path: &str) -> Response {
    match html(assets, endpoint, subscription_path) {
        Some(html) => assets.page(html),
        None => {
            // Cannot happen with the folder compiled in (a unit test loads every name).
            tracing::error!("GraphiQL page names an asset missing from this build");
            (StatusCode::INTERNAL_SERVER_ERROR, "GraphiQL assets missing from this build").into_response()
        }
    }
}

fn html<E: RustEmbed>(assets: &Embedded<E>, endpoint: &str, subscription_path: &str) -> Option<String> {
    let icon = assets.url(ICON)?;
    let mut head = format!("<link rel=\"icon\" type=\"image/svg+xml\" href=\"{icon}\">\n");
    for style in STYLES {
        head.push_str(&format!("<link rel=\"stylesheet\" href=\"{}\">\n", assets.url(style)?));
    }
    for script in SCRIPTS {
        head.push_str(&format!("<script defer src=\"{}\"></script>\n", assets.url(script)?));
    }
    Some(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>LifeOS GraphiQL</title>\n{head}</head>\n<body>\n\
         <div id=\"graphiql\" data-endpoint=\"{endpoint}\" data-subscription-path=\"{subscription_path}\">Loading GraphiQL…</div>\n\
         <noscript>GraphiQL needs JavaScript.</noscript>\n</body>\n</html>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(RustEmbed)]
    #[folder = "assets/graphiql"]
    struct Files;

    const ASSETS: Embedded<Files> = Embedded::new("/graphiql", crate::embedded::Csp::new("default-src 'self'"));

    #[test]
    fn the_page_names_every_asset_by_its_hashed_url_on_this_server() {
        let page = html(&ASSETS, "/graphql", "/graphql/ws").unwrap_or_default();
        for name in STYLES.iter().chain(SCRIPTS.iter()).chain([ICON].iter()) {
            let url = ASSETS.url(name).unwrap_or_default();
            assert!(!url.is_empty() && page.contains(&format!("\"{url}\"")), "{name} missing from the page:\n{page}");
        }
        assert!(!page.contains("http:") && !page.contains("https:") && !page.contains("\"//"), "{page}");
        assert!(!page.contains("<script>") && !page.contains("<style"), "no inline script or style:\n{page}");
        assert!(page.contains("data-subscription-path=\"/graphql/ws\""), "{page}");
    }
}
