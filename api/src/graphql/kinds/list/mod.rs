//! A kind's list as a Relay connection, read from its kernel-row table: `first`/`after` and
//! `last`/`before` (both ways, `hasPreviousPage`/`hasNextPage` true exactly when rows lie
//! beyond the page on that side), an ordering (`order.rs`), a filter (`filter.rs`), opaque
//! cursors (`cursor.rs`). Always within the caller's workspace; rows stream in against the
//! operation's response budget and a page ends early (with more on its far side) once it is
//! spent. Never writes; never puts a client's text into SQL.

mod cursor;
mod filter;
mod order;
mod sql;

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, OutputType};
use futures::TryStreamExt;
use lifeos_domain::entity::EntityKind;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use filter::{FieldTypes, KindFilter};
pub use order::{OrderDirection, OrderField};
pub(crate) use order::Ordering;

use crate::auth::guard::auth;
use crate::auth::Access;
use crate::error::ApiError;
use crate::graphql::app;
use crate::graphql::budget::ResponseBudget;
use sql::Binds;

const DEFAULT_PAGE: i32 = 50;
/// The same, for the complexity of a page without `first`/`last`.
pub(crate) const DEFAULT_PAGE_LEN: usize = 50;
const MAX_PAGE: i64 = 500;

/// What a list is asked for.
pub(crate) struct ListArgs<K> {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
    pub filter: KindFilter<K>,
    pub order: Ordering,
    pub include_deleted: bool,
    /// Conditions a custom list adds to the kind's filter (a transaction list's account).
    pub extra: Vec<Extra>,
}

/// A condition of a custom list beyond the kind's filter entries; values are bound.
#[derive(Debug, Clone)]
pub(crate) enum Extra {
    /// The jsonb column contains this JSON (`postings @> [{"accountId": …}]`).
    Contains { column: &'static str, json: Value },
    /// Any of the kind's searchable text columns contains the text (case-insensitive).
    Search(String),
}

impl<K: EntityKind> ListArgs<K> {
    /// The filter's conditions and the extra ones, ANDed.
    fn conditions(&self, binds: &mut Binds) -> Result<String, ApiError> {
        let mut sql = self.filter.conditions(binds)?;
        for extra in &self.extra {
            match extra {
                Extra::Contains { column, json } => {
                    sql.push_str(&format!(" AND t.{column} @> {}::jsonb", binds.text(Some(json.to_string()))));
                }
                Extra::Search(text) => {
                    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                    let pattern = binds.text(Some(format!("%{escaped}%")));
                    let columns: Vec<String> =
                        K::SPEC.searchable().map(|f| format!("t.{} ILIKE {pattern}", f.column)).collect();
                    if !columns.is_empty() {
                        sql.push_str(&format!(" AND ({})", columns.join(" OR ")));
                    }
                }
            }
        }
        Ok(sql)
    }
}

impl<K> ListArgs<K> {
    /// The page length and whether it is taken from the end (`last`).
    fn length(&self) -> Result<(i64, bool), ApiError> {
        let (argument, n, from_end) = match (self.first, self.last) {
            (Some(_), Some(_)) => return Err(ApiError::validation("last", "give first or last, not both")),
            (None, Some(last)) => ("last", last, true),
            (first, None) => ("first", first.unwrap_or(DEFAULT_PAGE), false),
        };
        let n = i64::from(n);
        if !(0..=MAX_PAGE).contains(&n) {
            return Err(ApiError::validation(argument, format!("must be between 0 and {MAX_PAGE}")));
        }
        Ok((n, from_end))
    }
}

/// One page of `K`'s list for the caller's workspace.
pub(crate) async fn page<K: EntityKind, T: DeserializeOwned + OutputType>(
    ctx: &Context<'_>,
    args: ListArgs<K>,
) -> async_graphql::Result<Connection<String, T>> {
    let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
    let app = app(ctx)?;
    let (len, from_end) = args.length()?;
    let list = args.order.cursor_list(K::TYPE);
    let after = args.after.as_deref().map(|c| cursor::decode("after", &list, c)).transpose()?;
    let before = args.before.as_deref().map(|c| cursor::decode("before", &list, c)).transpose()?;
    let table = K::SPEC.table;
    let base = format!("FROM {table} t WHERE workspace_id = $1 AND ($2 OR deleted_at IS NULL)");

    let mut binds = Binds::default();
    let mut conditions = args.conditions(&mut binds)?;
    if let Some(at) = &after {
        conditions.push_str(&format!(" AND {}", args.order.after(at, &mut binds)));
    }
    if let Some(at) = &before {
        conditions.push_str(&format!(" AND {}", args.order.before(at, &mut binds)));
    }
    let sql = format!("SELECT to_jsonb(t)::text {base}{conditions} {} LIMIT $3", args.order.order_by(from_end));
    let query = sqlx::query_scalar::<_, String>(&sql).bind(workspace_id).bind(args.include_deleted).bind(len + 1);
    let mut tx = lifeos_db::plan::ordered_read(&app.pool).await.map_err(ApiError::from)?;
    let mut stream = binds.bind_all(query).fetch(&mut *tx);
    // Rows are taken from the operation's response budget as they stream in: once it is
    // spent the page ends early (more on its far side), so memory stays bounded however many
    // aliases ask. Every page keeps at least one row, so paging always moves on.
    let budget = ctx.data_opt::<ResponseBudget>();
    let (mut rows, mut more) = (Vec::new(), false);
    while let Some(text) = stream.try_next().await.map_err(ApiError::from)? {
        let full = i64::try_from(rows.len()).unwrap_or(i64::MAX) >= len;
        if full || (budget.is_some_and(|b| !b.take(text.len())) && !rows.is_empty()) {
            more = true;
            break;
        }
        rows.push(serde_json::from_str::<Value>(&text).map_err(|e| ApiError::internal("read row is not JSON", e))?);
    }
    drop(stream);
    if from_end {
        rows.reverse();
    }

    // The side the page was not taken from: rows beyond its cursor (the cursor's row itself
    // included) exist or not, under the same filter.
    let (near, beyond) = if from_end { (before.as_ref(), false) } else { (after.as_ref(), true) };
    let beyond_near = match near {
        None => false,
        Some(at) => {
            let mut binds = Binds::default();
            let conditions = args.conditions(&mut binds)?;
            let cut = if beyond { args.order.after(at, &mut binds) } else { args.order.before(at, &mut binds) };
            let sql = format!("SELECT EXISTS (SELECT 1 {base}{conditions} AND NOT {cut} LIMIT $3)");
            let query = sqlx::query_scalar::<_, bool>(&sql).bind(workspace_id).bind(args.include_deleted).bind(1_i64);
            binds.bind_all(query).fetch_one(&mut *tx).await.map_err(ApiError::from)?
        }
    };
    tx.commit().await.map_err(ApiError::from)?;
    let (has_previous, has_next) = if from_end { (more, beyond_near) } else { (beyond_near, more) };

    let mut connection = Connection::new(has_previous, has_next);
    for row in rows {
        let cursor = cursor::encode(&list, &args.order.position(&row));
        connection.edges.push(Edge::new(cursor, decode(row)?));
    }
    Ok(connection)
}

pub(crate) fn decode<T: DeserializeOwned>(row: Value) -> Result<T, ApiError> {
    serde_json::from_value(row).map_err(|e| ApiError::internal("read row does not match its type", e))
}
