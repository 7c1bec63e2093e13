//! `/healthz` (the process answers) and `/readyz` (the database answers and every compiled-in
//! migration is applied). Readiness failures name what is not ready, never connection strings.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.pool).await;
    if let Err(e) = database {
        tracing::warn!(error = %e, "readiness: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"ready": false, "database": "unreachable"})));
    }
    match lifeos_db::migrate::pending(&state.pool).await {
        Ok(pending) if pending.is_empty() => {
            let lag = projection_lag(&state).await;
            (StatusCode::OK, Json(json!({"ready": true, "database": "ok", "migrations": "ok", "projectionLag": lag})))
        }
        Ok(pending) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"ready": false, "database": "ok", "pendingMigrations": pending})),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: migration state unreadable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"ready": false, "migrations": "unknown"})))
        }
    }
}

/// Events committed but not yet projected, per projection (each capped at 100k to stay cheap).
async fn projection_lag(state: &AppState) -> Value {
    let rows: Result<Vec<(String, i64)>, _> = sqlx::query_as(
        "SELECT c.projection,
                (SELECT count(*) FROM (SELECT 1 FROM events e
                   WHERE (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                   LIMIT 100000) behind)
           FROM projection_checkpoints c ORDER BY c.projection",
    )
    .fetch_all(&state.pool)
    .await;
    match rows {
        Ok(rows) => Value::Object(rows.into_iter().map(|(name, lag)| (name, Value::from(lag))).collect()),
        Err(_) => Value::Null,
    }
}
