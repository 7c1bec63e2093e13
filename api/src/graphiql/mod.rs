//! GraphiQL, the in-browser IDE served at `GET /graphql` to a browser asking for HTML.
//! `page()` is the HTML the GraphQL GET handler answers with; `routes()` serves its assets.
//! Never executes GraphQL itself.

use axum::response::{Html, IntoResponse, Response};
use axum::Router;

use crate::state::AppState;

/// The GraphiQL page for `GET /graphql` from a browser.
pub fn page() -> Response {
    Html(async_graphql::http::GraphiQLSource::build().endpoint("/graphql").finish()).into_response()
}

/// Routes serving the page's assets (none yet).
pub fn routes() -> Router<AppState> {
    Router::new()
}
