//! Content negotiation of `/graphql` (GraphQL-over-HTTP): which media type the answer has,
//! from the request's `Accept` — `application/graphql-response+json` when the client ranks
//! it first, `application/json` when that ranks first, for `*/*` or without `Accept` (the
//! spec's compatibility rule, which graphql-http's audit checks); none acceptable: 406.
//! Also whether a GET is a browser asking for a page (GraphiQL).
//!
//! Reads headers only; never decides anything about auth or execution.

use axum::http::header::ACCEPT;
use axum::http::HeaderMap;

/// The media type of a GraphQL answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// `application/json`: request-level errors still answer 200 (only a malformed request
    /// is 400).
    Json,
    /// `application/graphql-response+json`: a response without `data` answers 4xx.
    GraphqlResponse,
}

impl Media {
    pub fn content_type(self) -> &'static str {
        match self {
            Media::Json => "application/json; charset=utf-8",
            Media::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
        }
    }
}

/// One entry of `Accept`.
struct Range<'a> {
    kind: &'a str,
    subtype: &'a str,
    q: f32,
}

fn ranges(headers: &HeaderMap) -> Vec<Range<'_>> {
    headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let (kind, subtype) = parts.next()?.split_once('/')?;
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .map_or(Some(1.0), |(_, v)| v.trim().parse::<f32>().ok())?;
            Some(Range { kind: kind.trim(), subtype: subtype.trim(), q })
        })
        .collect()
}

/// How `accept` ranks `kind/subtype`: its quality, whether an exact entry named it, and the
/// entry's position (earlier wins a tie). `None`: not acceptable.
fn rank(accept: &[Range<'_>], kind: &str, subtype: &str) -> Option<(f32, bool, usize)> {
    let specificity = |r: &Range<'_>| match (r.kind, r.subtype) {
        (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => Some(2),
        (k, "*") if k.eq_ignore_ascii_case(kind) => Some(1),
        ("*", "*") => Some(0),
        _ => None,
    };
    // The most specific entry that matches decides (RFC 9110 §12.5.1).
    let (position, range, exact) = accept
        .iter()
        .enumerate()
        .filter_map(|(i, r)| specificity(r).map(|s| (i, r, s)))
        .max_by_key(|(i, _, s)| (*s, usize::MAX - i))?;
    (range.q > 0.0).then_some((range.q, exact == 2, position))
}

/// The answer's media type, or `None` (406) when the client accepts neither.
pub fn negotiate(headers: &HeaderMap) -> Option<Media> {
    let accept = ranges(headers);
    if accept.is_empty() {
        return Some(Media::Json);
    }
    let json = rank(&accept, "application", "json");
    let response = rank(&accept, "application", "graphql-response+json");
    match (json, response) {
        (None, None) => None,
        (Some(_), None) => Some(Media::Json),
        (None, Some(_)) => Some(Media::GraphqlResponse),
        (Some((jq, jexact, jpos)), Some((rq, rexact, rpos))) => {
            let response_first = rq > jq || (rq == jq && rexact && (!jexact || rpos < jpos));
            Some(if response_first { Media::GraphqlResponse } else { Media::Json })
        }
    }
}

/// Whether the client asks for a page: `text/html` named explicitly and ranked at least as
/// high as any JSON answer (a browser navigating; not `*/*`).
pub fn wants_html(headers: &HeaderMap) -> bool {
    let accept = ranges(headers);
    let Some((html, true, _)) = rank(&accept, "text", "html") else { return false };
    let json = [rank(&accept, "application", "json"), rank(&accept, "application", "graphql-response+json")];
    json.iter().flatten().all(|(q, exact, _)| html > *q || (html == *q && !exact))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn accept(value: Option<&'static str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(v) = value {
            h.insert(ACCEPT, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_accept_matrix() {
        let cases = [
            (None, Some(Media::Json)),
            (Some("*/*"), Some(Media::Json)),
            (Some("application/json"), Some(Media::Json)),
            (Some("application/json; charset=utf-8"), Some(Media::Json)),
            (Some("application/graphql-response+json"), Some(Media::GraphqlResponse)),
            (Some("application/graphql-response+json,application/json;q=0.9"), Some(Media::GraphqlResponse)),
            (Some("application/json, application/graphql-response+json"), Some(Media::Json)),
            (Some("application/graphql-response+json, application/graphql+json, application/json, text/event-stream"), Some(Media::GraphqlResponse)),
            (Some("application/json;q=0.5, */*"), Some(Media::GraphqlResponse)),
            (Some("application/*"), Some(Media::Json)),
            (Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), Some(Media::Json)),
            (Some("text/html"), None),
            (Some("application/xml"), None),
            (Some("application/json;q=0"), None),
        ];
        for (value, expected) in cases {
            assert_eq!(negotiate(&accept(value)), expected, "{value:?}");
        }
    }

    #[test]
    fn only_a_browser_asking_for_a_page_gets_html() {
        assert!(wants_html(&accept(Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))));
        assert!(wants_html(&accept(Some("text/html"))));
        assert!(!wants_html(&accept(Some("*/*"))));
        assert!(!wants_html(&accept(None)));
        assert!(!wants_html(&accept(Some("application/json"))));
        assert!(!wants_html(&accept(Some("application/json, text/html"))));
    }
}
