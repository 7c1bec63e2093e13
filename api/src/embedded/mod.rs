//! Static files compiled into the binary (`rust-embed`, sha256 computed at build time) and
//! served under content-hashed URLs (`{prefix}/{hash}/{name}`) with immutable caching, their
//! content type, `X-Content-Type-Options: nosniff` and the caller's Content-Security-Policy.
//! Shared by GraphiQL and the web app. Never reads files at run time, never serves a file under
//! a hash other than its own, and knows nothing about what the files are for.

mod content_type;
mod headers;

use std::marker::PhantomData;

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

pub use headers::Csp;

/// Hex digits of the sha256 kept in a URL: enough to never collide between two versions.
const HASH_HEX_LEN: usize = 16;

/// Cache rule for a hashed URL: its bytes can never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The files of one embedded folder `E`, served under `prefix` with policy `csp`.
pub struct Embedded<E> {
    prefix: &'static str,
    csp: Csp,
    files: PhantomData<fn() -> E>,
}

impl<E> Clone for Embedded<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for Embedded<E> {}

impl<E: RustEmbed> Embedded<E> {
    /// `prefix` is the URL path the files live under (`/graphiql`), without a trailing slash.
    pub const fn new(prefix: &'static str, csp: Csp) -> Self {
        Self { prefix, csp, files: PhantomData }
    }

    /// The content-hashed URL of the embedded file `name` (a path inside the folder), if any.
    pub fn url(&self, name: &str) -> Option<String> {
        let file = E::get(name)?;
        Some(format!("{}/{}/{name}", self.prefix, short_hash(&file.metadata.sha256_hash())))
    }

    /// An HTML page (not itself embedded: it names the hashed URLs) under the same headers,
    /// revalidated on every load so it always names the current assets.
    pub fn page(&self, html: String) -> Response {
        let mut response = Html(html).into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        self.csp.apply(response)
    }

    /// Routes serving every embedded file at its hashed URL; anything else under the prefix is 404.
    pub fn routes<S: Clone + Send + Sync + 'static>(self) -> Router<S>
    where
        E: 'static,
    {
        let path = format!("{}/{{hash}}/{{*name}}", self.prefix);
        Router::new().route(&path, get(move |Path((hash, name)): Path<(String, String)>| async move { self.serve(&hash, &name) }))
    }

    fn serve(&self, hash: &str, name: &str) -> Response {
        let response = match E::get(name) {
            Some(file) if short_hash(&file.metadata.sha256_hash()) == hash => {
                let headers = [
                    (header::CONTENT_TYPE, content_type::of(name)),
                    (header::CACHE_CONTROL, IMMUTABLE),
                ];
                (headers, file.data.into_owned()).into_response()
            }
            _ => {
                let headers = [(header::CACHE_CONTROL, "no-store")];
                (StatusCode::NOT_FOUND, headers, "not found").into_response()
            }
        };
        self.csp.apply(response)
    }
}

fn short_hash(sha256: &[u8; 32]) -> String {
    let mut hex: String = sha256.iter().map(|byte| format!("{byte:02x}")).collect();
    hex.truncate(HASH_HEX_LEN);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(RustEmbed)]
    #[folder = "assets/graphiql"]
    struct Sample;

    const SAMPLE: Embedded<Sample> = Embedded::new("/x", Csp::new("default-src 'self'"));

    #[test]
    fn a_url_names_the_file_under_its_content_hash() {
        let url = SAMPLE.url("init.js").unwrap_or_default();
        let parts: Vec<&str> = url.split('/').collect();
        assert_eq!(parts.len(), 4, "{url}");
        assert_eq!((parts[0], parts[1], parts[3]), ("", "x", "init.js"));
        assert_eq!(parts[2].len(), HASH_HEX_LEN);
        assert!(parts[2].chars().all(|c| c.is_ascii_hexdigit()), "{url}");
    }

    #[test]
    fn no_url_for_a_file_that_is_not_embedded() {
        assert_eq!(SAMPLE.url("nope.js"), None);
    }

    #[test]
    fn a_file_is_served_only_under_its_own_hash() {
        let url = SAMPLE.url("init.js").unwrap_or_default();
        let hash = url.split('/').nth(2).unwrap_or_default().to_owned();
        let ok = SAMPLE.serve(&hash, "init.js");
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "text/javascript; charset=utf-8");
        assert_eq!(ok.headers()["content-security-policy"], "default-src 'self'");
        assert_eq!(ok.headers()["x-content-type-options"], "nosniff");
        let stale = SAMPLE.serve("0000000000000000", "init.js");
        assert_eq!(stale.status(), StatusCode::NOT_FOUND);
        assert_eq!(stale.headers()["x-content-type-options"], "nosniff");
        assert_eq!(SAMPLE.serve(&hash, "missing.js").status(), StatusCode::NOT_FOUND);
    }
}
