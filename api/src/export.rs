//! `GET /export/journal`: the workspace's ledger as an hledger journal (also read by
//! ledger-cli) — accounts, categories, every live transaction with its postings, prices —
//! written by `lifeos_domain::finance::journal` from the read tables; `hledger check` accepts
//! it and its balances are the `accounts` balances. Signed in by bearer token or cookie; a
//! read (`Access::Read`), answered as `text/plain` attachment.
//!
//! Must never: write anything, or show another workspace's rows.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use lifeos_domain::finance::journal::{write_journal, JournalAccount, JournalCategory, JournalPosting, JournalPrice, JournalTransaction};
use lifeos_domain::finance::posting::Postings;
use lifeos_domain::values::CurrencyCode;
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::auth::context::Auth;
use crate::auth::Access;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn journal(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match build(&state, &headers).await {
        Ok(text) => {
            let mut response = (StatusCode::OK, text).into_response();
            let h = response.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
            h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"lifeos.journal\""));
            response
        }
        Err(e) => {
            let status = if matches!(e, ApiError::Unauthenticated) { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
            (status, axum::Json(json!({ "errors": [e.server_error()] }))).into_response()
        }
    }
}

async fn build(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let ctx = &state.ctx;
    let auth = Auth::resolve(&ctx.pool, &ctx.auth_cache, headers, ctx.services.clock.now()).await?;
    let (user, workspace_id, _) = auth.workspace(Access::Read)?;
    ctx.commands.session_writes.caught_up(&user.session_id).await;
    let pool = &ctx.pool;
    let accounts = accounts(pool, workspace_id).await?;
    let categories = categories(pool, workspace_id).await?;
    let transactions = transactions(pool, workspace_id).await?;
    let prices = prices(pool, workspace_id).await?;
    let digits = |code: &str| CurrencyCode::parse("currency", code).ok().and_then(CurrencyCode::minor_unit_digits).map(u32::from);
    Ok(write_journal(&accounts, &categories, &transactions, &prices, &digits))
}

/// An account row: id, name, kind, currency, opened, closed, off budget.
type AccountRow = (String, String, String, String, Option<NaiveDate>, Option<NaiveDate>, bool);
/// A transaction row: id, date, payee id, imported payee, memo, state, postings.
type TransactionRow = (String, NaiveDate, Option<String>, String, String, String, Value);

async fn accounts(pool: &PgPool, workspace_id: &str) -> Result<Vec<JournalAccount>, ApiError> {
    let rows: Vec<AccountRow> = sqlx::query_as(
        "SELECT id, name, kind, currency_code, opened_on, closed_on, off_budget FROM accounts
          WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, currency, opened_on, closed_on, off)| JournalAccount { id, name, kind, currency, opened_on, closed_on, on_budget: !off })
        .collect())
}

async fn categories(pool: &PgPool, workspace_id: &str) -> Result<Vec<JournalCategory>, ApiError> {
    let rows: Vec<(String, String, String, bool)> =
        sqlx::query_as("SELECT id, name, group_name, is_income FROM categories WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY id")
            .bind(workspace_id)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, group, is_income)| JournalCategory { id, name, group: Some(group).filter(|g| !g.trim().is_empty()), is_income })
        .collect())
}

async fn transactions(pool: &PgPool, workspace_id: &str) -> Result<Vec<JournalTransaction>, ApiError> {
    let payees: BTreeMap<String, String> = sqlx::query_as::<_, (String, String)>("SELECT id, name FROM payees WHERE workspace_id = $1")
        .bind(workspace_id)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let rows: Vec<TransactionRow> = sqlx::query_as(
        "SELECT id, date, payee_id, imported_payee, memo, state, postings FROM transactions
          WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY date, id",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, date, payee_id, imported, memo, state, postings) in rows {
        let postings: Postings = serde_json::from_value(postings).map_err(|e| ApiError::internal("stored postings do not parse", e))?;
        let payee = payee_id.and_then(|p| payees.get(&p).cloned()).unwrap_or(imported);
        let postings = postings
            .0
            .into_iter()
            .map(|p| JournalPosting {
                account_id: p.account_id.map(|a| a.as_str().to_owned()),
                category_id: p.category_id.map(|c| c.as_str().to_owned()),
                amount_minor: p.amount_minor,
                currency: p.currency_code.code().to_owned(),
                memo: p.memo,
            })
            .collect();
        out.push(JournalTransaction { id, date, payee, memo, state, postings });
    }
    Ok(out)
}

async fn prices(pool: &PgPool, workspace_id: &str) -> Result<Vec<JournalPrice>, ApiError> {
    let rows: Vec<(NaiveDate, String, String, String)> = sqlx::query_as(
        "SELECT date, base_currency, quote_currency, rate FROM prices WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY date, id",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(date, base, quote, rate)| Some(JournalPrice { date, base, quote, rate: rate.parse().ok()? }))
        .collect())
}
