//! How a list page is planned: the same way whatever the table's statistics say.
//!
//! Right after a bulk import or a big sync push, a kernel table has rows but no statistics
//! yet (autovacuum's analyze comes later), and PostgreSQL then guesses that a workspace holds
//! a fraction of a percent of them: it picks a bitmap scan of the whole workspace and a sort,
//! and builds the JSON of every row before the `LIMIT` (measured: 560 ms for a page of 20 over
//! 100k notes, against 0.2 ms for the ordered index walk). A page is a walk of an index in the
//! list's order, stopping at the limit — so its statements run in a read-only transaction that
//! rules out sorts and bitmap scans (`SET LOCAL`: this transaction only). Orderings without an
//! index (declared in `migrations/`) still sort, within the workspace. Used by the API's
//! list pages (`api/src/graphql/kinds/list`). Must never write.

use sqlx::{PgPool, Postgres, Transaction};

/// Opens such a transaction (exported so tests can check the plans it yields).
pub const ORDERED_READ: &str = "BEGIN READ ONLY; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off";

/// A read-only transaction whose statements are planned as ordered index walks; one round
/// trip to open (a simple-protocol batch), one to commit.
pub async fn ordered_read(pool: &PgPool) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    pool.begin_with(ORDERED_READ).await
}
