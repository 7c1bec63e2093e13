//! The one origin rule (`LIFEOS_CORS_ORIGINS`): which web pages may use the API with the
//! user's credentials. A listed origin gets CORS headers with credentials over HTTP and may
//! open a cookie-authenticated websocket; the server's own origin may do both anyway (no CORS
//! needed), and a request without `Origin` is not from a browser page. Empty by default: no
//! CORS headers at all, preflights refused as before.
//!
//! Must never allow a wildcard, `null`, or credentials for an origin that is not listed.

use std::str::FromStr;
use std::time::Duration;

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde::Deserialize;
use tower_http::cors::{AllowCredentials, AllowOrigin, CorsLayer};

use crate::auth::context::WORKSPACE_HEADER;
use crate::middleware::REQUEST_ID_HEADER;

/// Headers a listed page may send: ours, and the ones Apollo's and urql's links add.
const ALLOWED_HEADERS: [&str; 6] =
    [REQUEST_ID_HEADER, WORKSPACE_HEADER, "apollo-require-preflight", "x-apollo-operation-name", "apollographql-client-name", "apollographql-client-version"];

/// How long a browser may reuse a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// Listed origins, each `scheme://host[:port]` as a browser sends it (lowercase, no default
/// port, no path). Parsed from a comma- or space-separated list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct OriginPolicy(Vec<String>);

impl OriginPolicy {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn is_listed(&self, origin: &str) -> bool {
        normalise(origin).is_ok_and(|o| self.0.contains(&o))
    }

    /// Whether the request may ride the user's session cookie: no `Origin` (not a browser
    /// page), the origin naming the `Host` the request was sent to (this server's own pages),
    /// or a listed origin.
    pub fn allows_cookie(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
        let host = headers.get(HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest).trim_end_matches('/');
        (!host.is_empty() && origin_host.eq_ignore_ascii_case(host)) || self.is_listed(origin)
    }

    /// The CORS layer for the listed origins; `None` when none is listed (no CORS headers).
    pub fn cors_layer(&self) -> Option<CorsLayer> {
        if self.is_empty() {
            return None;
        }
        let origins: Vec<HeaderValue> = self.0.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        let listed = self.clone();
        let credentials = AllowCredentials::predicate(move |origin, _| origin.to_str().is_ok_and(|o| listed.is_listed(o)));
        let mut headers = vec![CONTENT_TYPE, AUTHORIZATION];
        headers.extend(ALLOWED_HEADERS.iter().copied().map(HeaderName::from_static));
        Some(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_credentials(credentials)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers(headers)
                .expose_headers([HeaderName::from_static(REQUEST_ID_HEADER)])
                .max_age(PREFLIGHT_MAX_AGE),
        )
    }
}

/// `scheme://host[:port]` lowercased, without a default port or a trailing `/`; an error for
/// anything else (a path, a wildcard, `null`).
fn normalise(origin: &str) -> Result<String, String> {
    let refuse = || format!("not an origin (scheme://host[:port]): {origin:?}");
    let lower = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, authority) = lower.split_once("://").ok_or_else(refuse)?;
    let default_port = match scheme {
        "http" => ":80",
        "https" => ":443",
        _ => return Err(refuse()),
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if authority.is_empty() || !authority.chars().all(valid) {
        return Err(refuse());
    }
    let authority = authority.strip_suffix(default_port).unwrap_or(authority);
    Ok(format!("{scheme}://{authority}"))
}

impl FromStr for OriginPolicy {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, String> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
            .map(normalise)
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

impl TryFrom<String> for OriginPolicy {
    type Error = String;

    fn try_from(list: String) -> Result<Self, String> {
        list.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(origin: Option<&'static str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HOST, HeaderValue::from_static("lifeos.example:8787"));
        if let Some(o) = origin {
            h.insert(ORIGIN, HeaderValue::from_static(o));
        }
        h
    }

    #[test]
    fn origins_are_normalised_and_garbage_is_refused() {
        let policy: OriginPolicy = "https://App.example:443/, http://localhost:5173".parse().expect("parses");
        assert!(policy.is_listed("https://app.example"));
        assert!(policy.is_listed("http://localhost:5173"));
        assert!(!policy.is_listed("http://localhost:5174"));
        assert!(!policy.is_listed("https://app.example.evil"));
        for bad in ["*", "null", "app.example", "https://app.example/path", "ftp://x"] {
            assert!(bad.parse::<OriginPolicy>().is_err(), "{bad}");
        }
        assert!("".parse::<OriginPolicy>().expect("empty").is_empty());
    }

    #[test]
    fn cookies_ride_only_from_this_server_a_listed_origin_or_no_browser_page() {
        let policy: OriginPolicy = "http://localhost:5173".parse().expect("parses");
        assert!(policy.allows_cookie(&headers(None)));
        assert!(policy.allows_cookie(&headers(Some("https://lifeos.example:8787"))));
        assert!(policy.allows_cookie(&headers(Some("http://localhost:5173"))));
        assert!(!policy.allows_cookie(&headers(Some("https://evil.example"))));
        assert!(!OriginPolicy::default().allows_cookie(&headers(Some("http://localhost:5173"))));
        assert!(OriginPolicy::default().cors_layer().is_none(), "no list, no CORS");
    }
}
