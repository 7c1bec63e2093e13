//! `POST /import/{format}?accountId=…` (format `ofx` — also QFX — or `csv`): a bank file for one
//! account, as the raw request body (its own size cap, `LIFEOS_IMPORT_MAX_BYTES`, 64 MiB by
//! default; the GraphQL cap stays as it is), signed in by bearer token or session cookie. CSV
//! takes its column mapping as the `mapping` query parameter (JSON, see
//! `lifeos_domain::finance::import::CsvMapping`; default: a header row with `date`, `amount`,
//! `payee`, `memo`).
//!
//! A file that is not the format at all is refused whole (`400`, `VALIDATION` on `file`) and
//! writes nothing; a line of the right format with bad data is rejected alone, with its line
//! and reason. Every line gets a deterministic id — from (account, FITID) for OFX, from
//! (account, date, amount, payee, occurrence in the file) for CSV — so re-importing a file, or
//! an overlapping one, adds nothing, also when two devices import it at once (the second finds
//! the first's transactions, or loses the append race and is decided again). The answer counts
//! `added`, `duplicates` and `rejected`.
//!
//! Must never: accept a cookie-signed upload of a type a cross-site form can send
//! (`multipart/form-data`, `application/x-www-form-urlencoded`, `text/plain`): CSRF.

mod lines;

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use lifeos_domain::finance::import::{parse_csv, parse_ofx, CsvAmount, CsvColumn, CsvMapping, Statement};
use serde::Deserialize;
use serde_json::json;

use crate::auth::context::{Auth, RequestMeta};
use crate::auth::Access;
use crate::error::ApiError;
use crate::state::AppState;

pub use lines::{Imported, IMPORT_CHUNK};

/// The upload's query parameters.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportQuery {
    pub account_id: Option<String>,
    /// CSV only: the column mapping as JSON.
    pub mapping: Option<String>,
}

/// The route's handler.
pub async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(format): Path<String>,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match run(&state, peer, &format, &query, &headers, &body).await {
        Ok(imported) => (StatusCode::OK, axum::Json(imported)).into_response(),
        Err(e) => refused(&e),
    }
}

fn refused(e: &ApiError) -> Response {
    let status = match e {
        ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
        ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
        ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        ApiError::Conflict { .. } | ApiError::StateConflict { .. } => StatusCode::CONFLICT,
        ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    (status, axum::Json(json!({ "errors": [e.server_error()] }))).into_response()
}

async fn run(state: &AppState, peer: SocketAddr, format: &str, query: &ImportQuery, headers: &HeaderMap, body: &[u8]) -> Result<Imported, ApiError> {
    let ctx = &state.ctx;
    let auth = Auth::resolve(&ctx.pool, &ctx.auth_cache, headers, ctx.services.clock.now()).await?;
    let (user, workspace_id, _) = auth.workspace(Access::Write)?;
    if !headers.contains_key(header::AUTHORIZATION) && form_like(headers) {
        return Err(ApiError::bad_request("a cookie-signed import must not be a form's content type; send the file as application/octet-stream"));
    }
    // Read-your-writes: rules and payees this session just wrote are read from their tables.
    ctx.commands.session_writes.caught_up(&user.session_id).await;
    let account_id = query.account_id.as_deref().ok_or_else(|| ApiError::validation("accountId", "is required"))?;
    let account_id = lifeos_domain::values::parse_ulid(account_id).ok_or_else(|| ApiError::validation("accountId", "must be a ULID"))?.to_string();
    let meta = RequestMeta::from_request(headers, peer, &ctx.config.trusted_proxies).event_metadata(workspace_id, &user.user_id);
    let importer = lines::Importer { app: ctx, workspace_id, account_id: &account_id, meta };
    let account = importer.account().await?;
    let digits = account.currency.minor_unit_digits().map_or(2, u32::from);
    let (source, statement) = match format.to_ascii_lowercase().as_str() {
        "ofx" | "qfx" => ("OFX", parse_ofx(body, digits).map_err(|e| ApiError::validation("file", e.to_string()))?),
        "csv" => ("CSV", parse_csv(body, &mapping(query)?, digits).map_err(|e| ApiError::validation("file", e.to_string()))?),
        other => return Err(ApiError::NotFound(format!("no import format {other:?}: use ofx, qfx or csv"))),
    };
    check_currency(&statement, account.currency)?;
    importer.import(source, statement, &account).await
}

/// A statement in another currency than the account's is refused whole.
fn check_currency(statement: &Statement, currency: lifeos_domain::values::CurrencyCode) -> Result<(), ApiError> {
    match &statement.currency {
        Some(code) if code != currency.code() => {
            Err(ApiError::validation("file", format!("the statement is in {code}, the account in {}", currency.code())))
        }
        _ => Ok(()),
    }
}

fn form_like(headers: &HeaderMap) -> bool {
    let media = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).map(|v| v.trim().to_ascii_lowercase());
    matches!(media.as_deref(), None | Some("multipart/form-data" | "application/x-www-form-urlencoded" | "text/plain"))
}

fn mapping(query: &ImportQuery) -> Result<CsvMapping, ApiError> {
    match &query.mapping {
        Some(text) => serde_json::from_str(text).map_err(|e| ApiError::validation("mapping", e.to_string())),
        None => {
            let column = |name: &str| CsvColumn::Header(name.to_owned());
            let mut mapping = CsvMapping::new(column("date"), CsvAmount::Single(column("amount")));
            mapping.payee = Some(column("payee"));
            mapping.memo = Some(column("memo"));
            Ok(mapping)
        }
    }
}
