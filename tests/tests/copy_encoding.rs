//! The rebuild's binary COPY writes exactly what PostgreSQL's own input of the same JSON
//! (`jsonb_populate_recordset`, the live path) stores: for every SQL type a kind can declare,
//! edge values are written both ways and compared row by row as text; values the encoder
//! refuses are the ones it must (the batch then takes the live path). And every registered
//! kind's sample row is encodable, so rebuilds of every kind take the COPY path.

use lifeos_domain::kind::SqlType;
use lifeos_domain::registry::KINDS;
use lifeos_projections::copy::CopyRows;
use lifeos_tests::samples::{sample_fields, sample_value};
use lifeos_tests::TestDb;
use serde_json::{json, Map, Value};
use sqlx::PgConnection;

const COLUMNS: [(&str, SqlType, &str); 10] = [
    ("t", SqlType::Text, "text"),
    ("b", SqlType::Boolean, "boolean"),
    ("i", SqlType::Integer, "integer"),
    ("g", SqlType::BigInt, "bigint"),
    ("d", SqlType::Double, "double precision"),
    ("n", SqlType::Numeric, "numeric"),
    ("ts", SqlType::Timestamptz, "timestamptz"),
    ("dt", SqlType::Date, "date"),
    ("a", SqlType::TextArray, "text[]"),
    ("j", SqlType::Jsonb, "jsonb"),
];

fn rows() -> Vec<Value> {
    vec![
        json!({"t": "plain", "b": true, "i": 0, "g": 0, "d": 0.1, "n": 12345.678, "ts": "2026-01-02T03:04:05Z",
               "dt": "2026-02-28", "a": [], "j": {"b": 1, "a": [1, 2]}}),
        json!({"t": "ünïcödé ✓ tab\t nl\n back\\ quote\" {x}", "b": false, "i": -2_147_483_648, "g": i64::MIN, "d": -1.5e300,
               "n": "-0.0001", "ts": "2026-01-02T03:04:05.123456+05:30", "dt": "1999-12-31", "a": ["a"], "j": "string"}),
        json!({"t": "", "i": 2_147_483_647, "g": i64::MAX, "d": "2.5", "n": 0, "ts": "1999-12-31T23:59:59.999999Z",
               "dt": "2000-01-01", "a": ["a,b", "c\"d", "{x}", "NULL", ""], "j": 5}),
        json!({"n": "123456789012345678901234567890.000000000000000000001", "ts": "1970-01-01T00:00:00Z", "dt": "1900-03-01",
               "j": [], "d": 1e-300, "t": null}),
        json!({"n": 100, "ts": "2026-06-30 12:00:00+00:00", "j": {"nested": {"deep": [null, true, "x"]}}}),
        json!({}),
    ]
}

/// `rows` into `a` by `jsonb_populate_recordset` and into `b` by binary COPY; both tables'
/// rows as text, in insertion order (`seq`).
async fn both_ways(
    conn: &mut PgConnection,
    columns: &[(&'static str, SqlType)],
    a: &str,
    b: &str,
    rows: &[Map<String, Value>],
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let list = columns.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ");
    sqlx::query(&format!("INSERT INTO {a} ({list}) SELECT {list} FROM jsonb_populate_recordset(NULL::{a}, $1)"))
        .bind(sqlx::types::Json(rows))
        .execute(&mut *conn)
        .await?;
    let mut copy = CopyRows::new(columns.to_vec());
    for row in rows {
        copy.push(|column| row.get(column)).map_err(|e| anyhow::anyhow!("{e} in {row:?}"))?;
    }
    copy.send(&mut *conn, b).await?;
    let text = |t: &str| format!("SELECT t::text FROM {t} t ORDER BY seq");
    let a: Vec<Option<String>> = sqlx::query_scalar(&text(a)).fetch_all(&mut *conn).await?;
    let b: Vec<Option<String>> = sqlx::query_scalar(&text(b)).fetch_all(&mut *conn).await?;
    let all = |rows: Vec<Option<String>>| rows.into_iter().map(Option::unwrap_or_default).collect();
    Ok((all(a), all(b)))
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[tokio::test]
async fn binary_copy_stores_what_postgres_parses_from_the_same_json() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut conn = db.pool.acquire().await?;
    let definition = COLUMNS.iter().map(|(c, _, sql)| format!("{c} {sql}")).collect::<Vec<_>>().join(", ");
    for table in ["by_json", "by_copy"] {
        sqlx::query(&format!("CREATE TEMP TABLE {table} (seq bigint, {definition})")).execute(&mut *conn).await?;
    }
    let columns: Vec<(&'static str, SqlType)> =
        [("seq", SqlType::BigInt)].into_iter().chain(COLUMNS.iter().map(|(c, sql, _)| (*c, *sql))).collect();
    let rows: Vec<Map<String, Value>> = rows()
        .into_iter()
        .enumerate()
        .map(|(seq, row)| {
            let mut row = object(row);
            row.insert("seq".into(), json!(seq));
            row
        })
        .collect();
    let (by_json, by_copy) = both_ways(&mut conn, &columns, "by_json", "by_copy", &rows).await?;
    assert_eq!(by_json.len(), rows.len());
    assert_eq!(by_copy, by_json);
    Ok(())
}

#[test]
fn values_postgres_would_store_differently_or_refuse_are_refused() {
    let refused = [
        ("ts", SqlType::Timestamptz, json!("2026-01-01T00:00:00.1234567Z")), // rounded by PostgreSQL
        ("ts", SqlType::Timestamptz, json!("2026-01-01T00:00:00")),          // no offset
        ("t", SqlType::Text, json!("nul \u{0} inside")),
        ("t", SqlType::Text, json!(5)),
        ("i", SqlType::Integer, json!(2_147_483_648i64)),
        ("n", SqlType::Numeric, json!("1e5")),
        ("n", SqlType::Numeric, json!("NaN")),
        ("d", SqlType::Double, json!("1e400")),
        ("a", SqlType::TextArray, json!(["a", null])),
        ("dt", SqlType::Date, json!("2026-1-2")),
    ];
    for (column, sql, value) in refused {
        let mut copy = CopyRows::new(vec![(column, sql)]);
        assert!(copy.push(|_| Some(&value)).is_err(), "{sql:?} {value} was accepted");
    }
}

#[tokio::test]
async fn every_kinds_sample_row_is_copied_exactly() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    let mut conn = db.pool.acquire().await?;
    for spec in KINDS {
        let (a, b) = (format!("{}_by_json", spec.table), format!("{}_by_copy", spec.table));
        for table in [&a, &b] {
            sqlx::query(&format!("CREATE TEMP TABLE {table} (seq bigint, LIKE {})", spec.table)).execute(&mut *conn).await?;
        }
        let fields = sample_fields(spec, &Map::new(), &[]);
        let mut row = Map::new();
        for field in spec.fields {
            // References are left out of the samples when nothing exists to point at (any id
            // does here), read-only fields too (a sample of the type).
            let fallback = if field.reference.is_some() { json!("01J0000000000000000000REF1") } else { sample_value(field) };
            row.insert(field.column.to_owned(), fields.get(field.name).cloned().unwrap_or(fallback));
        }
        for (column, value) in [
            ("seq", json!(1)),
            ("workspace_id", json!("01J0000000000000000000WS01")),
            ("id", json!("01J0000000000000000000ID01")),
            ("created_at", json!("2026-03-04T05:06:07Z")),
            ("updated_at", json!("2026-03-04T05:06:08.5Z")),
            ("deleted_at", Value::Null),
            ("version", json!(3)),
        ] {
            row.insert(column.to_owned(), value);
        }
        let columns: Vec<(&'static str, SqlType)> = [("seq", SqlType::BigInt)].into_iter().chain(spec.typed_columns()).collect();
        let (by_json, by_copy) = both_ways(&mut conn, &columns, &a, &b, &[row]).await?;
        assert_eq!(by_copy, by_json, "{}", spec.table);
    }
    Ok(())
}
