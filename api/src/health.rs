//! `/healthz` (the process answers) and `/readyz` (the database answers and every compiled-in
//! migration is applied). Readiness failures name what is not ready, never connection strings.
//!
//! Only what makes the instance unusable answers 503. A projection that lags or has parked
//! streams is reported in the body (`projections`, `degraded`, `warnings`) with 200: taking the
//! instance out of service, or having a container health check restart it in a loop, would
//! help nobody — one parked stream affects only its own entity.

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
            let mut body = json!({"ready": true, "database": "ok", "migrations": "ok"});
            if let (Some(body), Value::Object(report)) = (body.as_object_mut(), projections(&state).await) {
                body.extend(report);
            }
            (StatusCode::OK, Json(body))
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

/// Parked streams listed per projection at most (the count is always complete).
const PARKED_LISTED: usize = 20;

/// `projectionLag` (name → events it handles not yet projected), `projections` (position,
/// lag, parked streams) and `degraded`/`warnings` when a projection lags beyond the configured
/// bound or has parked streams.
async fn projections(state: &AppState) -> Value {
    let statuses = match lifeos_projections::status::read(&state.pool).await {
        Ok(statuses) => statuses,
        Err(e) => {
            tracing::warn!(error = %e, "readiness: projection status unreadable");
            return json!({"projections": null, "degraded": true, "warnings": ["projection status unreadable"]});
        }
    };
    let max_lag = state.ctx.config.ready_max_lag;
    let mut warnings = Vec::new();
    let mut lag = serde_json::Map::new();
    let mut detail = serde_json::Map::new();
    for s in statuses {
        if s.lag > max_lag {
            warnings.push(format!("{}: {} events behind (bound {max_lag})", s.projection, s.lag));
        }
        if !s.parked.is_empty() {
            warnings.push(format!("{}: {} parked stream(s); see `lifeosd projections status`", s.projection, s.parked.len()));
        }
        let parked: Vec<Value> = s
            .parked
            .iter()
            .take(PARKED_LISTED)
            .map(|p| {
                json!({"workspaceId": p.workspace_id, "aggregateType": p.aggregate_type, "stream": p.aggregate_id,
                       "sequence": p.sequence, "position": lifeos_replay::audit::cursor(p.position),
                       "eventType": p.event_type, "error": p.error, "attempts": p.attempts, "held": p.held,
                       "parkedAt": p.parked_at})
            })
            .collect();
        lag.insert(s.projection.clone(), Value::from(s.lag));
        detail.insert(
            s.projection,
            json!({"position": lifeos_replay::audit::cursor(s.position), "lag": s.lag,
                   "parkedCount": s.parked.len(), "parked": parked}),
        );
    }
    json!({"projectionLag": lag, "projections": detail, "degraded": !warnings.is_empty(), "warnings": warnings})
}
