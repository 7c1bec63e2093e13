//! Who a websocket is, decided once in `connection_init` — by exactly one means:
//!
//! - a bearer token in the init payload: `authorization: "Bearer <token>"` or `token`;
//! - else the session cookie of the upgrade request, and only from a page the one origin rule
//!   allows (`http/origin.rs`: no `Origin`, one naming the `Host`, or a listed one in
//!   `LIFEOS_CORS_ORIGINS`): a page of another site must not ride the user's cookie
//!   (cross-site WebSocket hijacking).
//!
//! A credential that is present (not null or blank) but malformed, two credentials, or a
//! token that is not a live session close the socket with 4401 — never falling back to the
//! cookie. A cookie from another origin closes 4403, as does a workspace (`workspaceId`, else
//! the upgrade's `X-LifeOS-Workspace`, else the personal one) the user is not a member of.
//! An `Authorization` header on the upgrade request is not a means (browsers cannot send one;
//! clients put the token in the payload). Must never log or store a token.

use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::Data;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use serde_json::Value;

use crate::auth::context::{bearer_token, Auth, RequestMeta, WorkspaceAccess, WORKSPACE_HEADER};
use crate::error::ApiError;
use crate::http::OriginPolicy;
use crate::state::AppContext;
use crate::sync::sockets::{Identity, Registration, Verdict, VerdictSender, FORBIDDEN, UNAUTHORIZED};

/// Close code for a failure of ours (the database did not answer).
const INTERNAL: u16 = 1011;

/// The headers every auth lookup of this socket sees: its one credential and its workspace.
#[derive(Clone)]
pub struct Credentials(HeaderMap);

impl Credentials {
    /// The socket's one means of authentication, from the upgrade request and the init payload.
    pub fn choose(upgrade: &HeaderMap, payload: &Value, origins: &OriginPolicy) -> Result<Self, Verdict> {
        let mut headers = HeaderMap::new();
        match presented(payload)? {
            Some(token) => {
                let value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| malformed())?;
                headers.insert(AUTHORIZATION, value);
            }
            None if !origins.allows_cookie(upgrade) => {
                return Err(Verdict::new(FORBIDDEN, "Forbidden: cross-origin cookie authentication"));
            }
            None => {
                for cookie in upgrade.get_all(COOKIE) {
                    headers.append(COOKIE, cookie.clone());
                }
            }
        }
        let chosen = text(payload, "workspaceId").and_then(|w| HeaderValue::from_str(w).ok()).or_else(|| upgrade.get(WORKSPACE_HEADER).cloned());
        if let Some(workspace) = chosen {
            headers.insert(WORKSPACE_HEADER, workspace);
        }
        Ok(Self(headers))
    }

    /// The auth context now (from the process's short-lived cache, which every revocation
    /// clears).
    pub async fn resolve(&self, app: &AppContext) -> Result<Auth, ApiError> {
        Auth::resolve(&app.pool, &app.auth_cache, &self.0, app.services.clock.now()).await
    }
}

/// The token the payload presents, if any; a present but malformed credential is refused.
fn presented(payload: &Value) -> Result<Option<String>, Verdict> {
    let given = |key: &str| payload.get(key).filter(|v| !v.is_null() && !v.as_str().is_some_and(|s| s.trim().is_empty()));
    let authorization = given("authorization").or_else(|| given("Authorization"));
    let token = match (authorization, given("token")) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => return Err(Verdict::new(UNAUTHORIZED, "Unauthorized: send one credential, not two")),
        (Some(authorization), None) => authorization.as_str().and_then(bearer_token),
        (None, Some(token)) => token.as_str().map(str::trim).filter(|t| !t.contains(char::is_whitespace)),
    };
    token.map(|t| Some(t.to_owned())).ok_or_else(malformed)
}

fn malformed() -> Verdict {
    Verdict::new(UNAUTHORIZED, "Unauthorized: authorization must be \"Bearer <token>\"")
}

fn text<'a>(payload: &'a Value, key: &str) -> Option<&'a str> {
    payload.get(key).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty())
}

/// Who the auth context says the socket is, or why it must close.
pub fn standing(auth: &Auth) -> Result<Identity, Verdict> {
    let Some(user) = &auth.user else { return Err(Verdict::new(UNAUTHORIZED, "Unauthorized: sign in first")) };
    match &auth.workspace {
        WorkspaceAccess::Granted { workspace_id, .. } => Ok(Identity {
            session_id: user.session_id.clone(),
            user_id: user.user_id.clone(),
            workspace_id: workspace_id.clone(),
        }),
        _ => Err(Verdict::new(FORBIDDEN, "Forbidden: not a member of that workspace")),
    }
}

/// An authenticated socket: the connection data every operation it runs starts from.
pub struct Socket {
    pub credentials: Credentials,
    pub identity: Identity,
    /// The upgrade's facts; each operation gets its own request id.
    pub meta: RequestMeta,
    /// Set to close the socket (by an operation that finds the session gone, or a revocation).
    pub verdict: VerdictSender,
    _registration: Registration,
}

/// Handles `connection_init`: the connection data, or an error after setting the verdict
/// (the socket then closes with the verdict's code).
pub async fn connection_init(app: Arc<AppContext>, upgrade: HeaderMap, peer: SocketAddr, verdict: VerdictSender, payload: Value) -> async_graphql::Result<Data> {
    let refuse = |v: Verdict| {
        let error = async_graphql::Error::new(v.reason.clone());
        verdict.send_replace(Some(v));
        error
    };
    let credentials = Credentials::choose(&upgrade, &payload, &app.config.origins).map_err(refuse)?;
    let auth = credentials.resolve(&app).await.map_err(|_| refuse(Verdict::new(INTERNAL, "Internal error")))?;
    let identity = standing(&auth).map_err(refuse)?;
    // The request id is each operation's own (`operations.rs`), not the upgrade's.
    let meta = RequestMeta { request_id: String::new(), ..RequestMeta::from_request(&upgrade, peer, &app.config.trusted_proxies) };
    let registration = app.hub.sockets().register(identity.clone(), verdict.clone());
    let mut data = Data::default();
    data.insert(Socket { credentials, identity, meta, verdict, _registration: registration });
    Ok(data)
}

#[cfg(test)]
mod tests {
    use axum::http::header::{HOST, ORIGIN};
    use serde_json::json;

    use super::*;

    fn upgrade(origin: Option<&'static str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(HOST, HeaderValue::from_static("lifeos.example:8787"));
        h.insert(COOKIE, HeaderValue::from_static("lifeos_session=cookie-token"));
        if let Some(o) = origin {
            h.insert(ORIGIN, HeaderValue::from_static(o));
        }
        h
    }

    fn chosen(origin: Option<&'static str>, payload: Value) -> Result<(Option<String>, bool), u16> {
        let listed: OriginPolicy = "http://localhost:5173".parse().map_err(|_| 0u16)?;
        let Credentials(h) = Credentials::choose(&upgrade(origin), &payload, &listed).map_err(|v| v.code)?;
        Ok((h.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_owned), h.contains_key(COOKIE)))
    }

    #[test]
    fn a_socket_authenticates_by_exactly_one_means() {
        let bearer = Ok((Some("Bearer t".to_owned()), false));
        assert_eq!(chosen(Some("https://evil.example"), json!({"authorization": "Bearer t"})), bearer, "a token needs no origin, and hides the cookie");
        assert_eq!(chosen(None, json!({"token": "t"})), bearer);
        assert_eq!(chosen(Some("https://lifeos.example:8787"), json!({})), Ok((None, true)), "the cookie from this origin");
        assert_eq!(chosen(None, json!({"authorization": ""})), Ok((None, true)), "a blank credential is none");
        assert_eq!(chosen(Some("http://localhost:5173"), json!({})), Ok((None, true)), "the cookie from a listed origin");
        assert_eq!(chosen(Some("https://evil.example"), json!({})), Err(FORBIDDEN));
        for refused in [
            json!({"authorization": "x"}),
            json!({"authorization": "Basic dTpw"}),
            json!({"authorization": 42}),
            json!({"token": "a b"}),
            json!({"authorization": "Bearer t", "token": "t"}),
        ] {
            assert_eq!(chosen(Some("https://evil.example"), refused.clone()), Err(UNAUTHORIZED), "{refused}");
            assert_eq!(chosen(None, refused.clone()), Err(UNAUTHORIZED), "{refused}");
        }
    }
}
