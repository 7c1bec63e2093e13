//! The per-request auth context, resolved once before the GraphQL operation runs: who is
//! calling (bearer token, else session cookie) and in which workspace (`X-LifeOS-Workspace`,
//! default the personal one) with which role — for an access token, capped by its scope.
//! Resolvers never look at headers themselves.

use std::net::IpAddr;

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use lifeos_domain::workspace::Role;
use lifeos_events::EventMetadata;
use sqlx::PgPool;

use super::cache::AuthCache;
use super::guard::Access;
use super::{access_tokens, cookie, sessions, token};
use crate::error::ApiError;

pub const WORKSPACE_HEADER: &str = lifeos_proto::headers::WORKSPACE;
/// A device's stable id (mobile/desktop clients); recorded as `client_id` on its events.
pub const CLIENT_HEADER: &str = lifeos_proto::headers::CLIENT_ID;

/// Facts about the HTTP request that resolvers may need (never secrets).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub request_id: String,
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
    pub client_id: Option<String>,
}

impl RequestMeta {
    /// What an HTTP request or websocket upgrade tells: the request id the middleware set,
    /// the client's address (the peer, or behind a trusted proxy its `X-Forwarded-For` hop),
    /// the user agent, and the device id — bounded and printable, or ignored, since it is
    /// stored in every event's metadata.
    pub fn from_request(headers: &HeaderMap, peer: std::net::SocketAddr, trusted: &super::client_ip::TrustedProxies) -> Self {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Self {
            request_id: text(crate::middleware::REQUEST_ID_HEADER).unwrap_or_default(),
            ip: Some(super::client_ip::resolve_peer(peer, headers, trusted).ip()),
            user_agent: text(axum::http::header::USER_AGENT.as_str()),
            client_id: text(CLIENT_HEADER).filter(|c| !c.is_empty() && c.len() <= 64 && c.chars().all(|ch| ch.is_ascii_graphic())),
        }
    }

    /// The metadata stored with every event this request causes.
    pub fn event_metadata(&self, workspace_id: &str, actor: &str) -> EventMetadata {
        EventMetadata {
            workspace_id: workspace_id.to_owned(),
            actor: actor.to_owned(),
            request_id: self.request_id.clone(),
            client_id: self.client_id.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    /// The id of the credential presented — a session's, or an access token's — under which
    /// read-your-writes positions and live sockets are kept.
    pub session_id: String,
    pub credential: Credential,
    pub personal_workspace_id: String,
}

/// What kind of credential the caller presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A signed-in session (interactive: the web app, a device, `lifeos login`).
    Session,
    /// A personal access token (scripts): capped by its scope, never manages access.
    AccessToken,
}

#[derive(Debug, Clone)]
pub enum WorkspaceAccess {
    /// Not signed in: no workspace.
    None,
    Granted { workspace_id: String, role: Role },
    /// The chosen workspace is not one of the user's: FORBIDDEN, never "empty".
    Denied { workspace_id: String },
}

#[derive(Debug, Clone)]
pub struct Auth {
    pub user: Option<AuthUser>,
    pub workspace: WorkspaceAccess,
}

impl Auth {
    pub fn anonymous() -> Self {
        Self { user: None, workspace: WorkspaceAccess::None }
    }

    /// The caller's context, from `cache` if it was resolved in the last moment.
    pub async fn resolve(pool: &PgPool, cache: &AuthCache, headers: &HeaderMap, now: DateTime<Utc>) -> Result<Self, ApiError> {
        let Some(presented) = presented_token(headers) else {
            return Ok(Self::anonymous());
        };
        let chosen = headers
            .get(WORKSPACE_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let digest = token::digest(presented);
        if let Some(auth) = cache.get(&digest, chosen) {
            return Ok(auth);
        }
        let auth = Self::lookup(pool, presented, &digest, chosen, now).await?;
        cache.put(&digest, chosen, &auth);
        Ok(auth)
    }

    async fn lookup(pool: &PgPool, presented: &str, digest: &[u8], chosen: Option<&str>, now: DateTime<Utc>) -> Result<Self, ApiError> {
        if presented.starts_with(access_tokens::PREFIX) {
            return Self::token_lookup(pool, digest, chosen, now).await;
        }
        let Some(active) = sessions::find_active(pool, digest, now, chosen).await? else {
            return Ok(Self::anonymous());
        };
        let sessions::Active { session, user, workspace_id, role } = active;
        let workspace = match role.as_deref().and_then(Role::parse) {
            Some(role) => WorkspaceAccess::Granted { workspace_id, role },
            None => WorkspaceAccess::Denied { workspace_id },
        };
        let user = AuthUser {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            session_id: session.id,
            credential: Credential::Session,
            personal_workspace_id: user.personal_workspace_id,
        };
        Ok(Self { user: Some(user), workspace })
    }

    /// An access token's context: its role in the chosen workspace is the lesser of its scope
    /// there and the user's role; a workspace outside its scopes is denied like a non-member's.
    async fn token_lookup(pool: &PgPool, digest: &[u8], chosen: Option<&str>, now: DateTime<Utc>) -> Result<Self, ApiError> {
        let Some(active) = access_tokens::find_active(pool, digest, now, chosen).await? else {
            return Ok(Self::anonymous());
        };
        let access_tokens::Active { token_id, user, workspace_id, role, scope } = active;
        let role = role.as_deref().and_then(Role::parse);
        let scope = scope.as_deref().and_then(access_tokens::TokenAccess::parse);
        let workspace = match (role, scope) {
            (Some(role), Some(scope)) => WorkspaceAccess::Granted { workspace_id, role: access_tokens::effective_role(scope, role) },
            _ => WorkspaceAccess::Denied { workspace_id },
        };
        let user = AuthUser {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            session_id: token_id,
            credential: Credential::AccessToken,
            personal_workspace_id: user.personal_workspace_id,
        };
        Ok(Self { user: Some(user), workspace })
    }

    /// The signed-in user, provided the chosen workspace is theirs.
    pub fn user(&self) -> Result<&AuthUser, ApiError> {
        let user = self.user.as_ref().ok_or(ApiError::Unauthenticated)?;
        if let WorkspaceAccess::Denied { .. } = self.workspace {
            return Err(ApiError::forbidden("you are not a member of that workspace"));
        }
        Ok(user)
    }

    /// The signed-in user, provided they signed in (a session): managing credentials, the
    /// account and workspaces is not for access tokens.
    pub fn session_user(&self) -> Result<&AuthUser, ApiError> {
        let user = self.user()?;
        match user.credential {
            Credential::Session => Ok(user),
            Credential::AccessToken => Err(ApiError::forbidden("an access token cannot do this: sign in")),
        }
    }

    /// The user, the chosen workspace and their role in it, if the role grants `access`.
    pub fn workspace(&self, access: Access) -> Result<(&AuthUser, &str, Role), ApiError> {
        let user = self.user()?;
        match &self.workspace {
            WorkspaceAccess::Granted { workspace_id, role } if access.allowed(*role) => {
                Ok((user, workspace_id.as_str(), *role))
            }
            WorkspaceAccess::Granted { role, .. } => {
                Err(ApiError::forbidden(format!("your role ({}) cannot do this", role.as_str())))
            }
            _ => Err(ApiError::forbidden("you are not a member of that workspace")),
        }
    }
}

/// The token a request presents — by one means only. An `Authorization` header is the
/// credential when present: `Bearer <token>` (scheme case-insensitive), and anything else in
/// it (an empty or garbled value, another scheme) is no credential at all — the request is
/// anonymous, never silently authenticated by the cookie instead. The one exception is
/// `Basic`: that belongs to a reverse proxy's login in front of the web app (which forwards
/// it), not to us. Without such a header, the session cookie.
fn presented_token(headers: &HeaderMap) -> Option<&str> {
    let explicit = headers.get(axum::http::header::AUTHORIZATION).filter(|v| !is_basic(v.as_bytes()));
    if let Some(value) = explicit {
        return value.to_str().ok().and_then(bearer_token);
    }
    headers.get_all(axum::http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(cookie::read)
}

/// The token of a `Bearer <token>` credential; `None` if it is not one.
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    let well_formed = !token.is_empty() && !token.contains(char::is_whitespace);
    (scheme.eq_ignore_ascii_case("bearer") && well_formed).then_some(token)
}

fn is_basic(value: &[u8]) -> bool {
    value.len() > 6 && value[..6].eq_ignore_ascii_case(b"basic ")
}

#[cfg(test)]
mod tests {
    use axum::http::header::{AUTHORIZATION, COOKIE};
    use axum::http::HeaderValue;

    use super::*;

    fn headers(authorization: Option<&'static str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("lifeos_session=from-cookie"));
        if let Some(a) = authorization {
            h.insert(AUTHORIZATION, HeaderValue::from_static(a));
        }
        h
    }

    #[test]
    fn an_explicit_authorization_header_is_the_only_credential_considered() {
        assert_eq!(presented_token(&headers(None)), Some("from-cookie"));
        assert_eq!(presented_token(&headers(Some("Bearer abc"))), Some("abc"));
        assert_eq!(presented_token(&headers(Some("bearer  abc "))), Some("abc"));
        for garbled in ["x", "Bearer", "Bearer ", "Bearer a b", "Token abc", "Bearerabc"] {
            assert_eq!(presented_token(&headers(Some(garbled))), None, "{garbled:?} must not fall back to the cookie");
        }
        assert_eq!(presented_token(&headers(Some("Basic dTpw"))), Some("from-cookie"), "a proxy's Basic login is not ours");
    }
}
