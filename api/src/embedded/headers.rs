//! The security headers every embedded response carries: the Content-Security-Policy its
//! owner chose and `X-Content-Type-Options: nosniff`. Never loosens a policy it is given.

use axum::http::{header, HeaderValue};
use axum::response::Response;

/// A Content-Security-Policy header value, fixed at compile time.
#[derive(Clone, Copy, Debug)]
pub struct Csp(&'static str);

impl Csp {
    pub const fn new(policy: &'static str) -> Self {
        Self(policy)
    }

    /// The policy text, as sent.
    pub fn policy(&self) -> &'static str {
        self.0
    }

    /// `response` with this policy and `nosniff` set (replacing any it had).
    pub fn apply(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(self.policy()));
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        response
    }
}
