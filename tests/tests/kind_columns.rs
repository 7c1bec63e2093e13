//! Every registered kind's read table, as the migrations made it, matches the kind's
//! declaration exactly: the kernel columns with their types, the declared field columns with
//! compatible types and nullability (nothing missing, nothing extra) and the primary key
//! `(workspace_id, id)`. And the comparison itself fails on disagreement: deliberately broken
//! declarations against the real `notes` table each produce a difference naming the column.

use lifeos_domain::kind::{FieldSpec, Input, KindSpec, SqlType};
use lifeos_domain::registry::{self, KINDS};
use lifeos_tests::kinds::{differences, primary_key, table_columns, DbColumn};
use lifeos_tests::TestDb;

#[tokio::test]
async fn every_registered_kinds_table_has_exactly_its_declared_columns() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;
    assert!(!KINDS.is_empty());
    let mut all = Vec::new();
    for spec in KINDS {
        let columns = table_columns(&db.pool, spec.table).await?;
        let pk = primary_key(&db.pool, spec.table).await?;
        all.extend(differences(spec, &columns, &pk));
    }
    assert!(all.is_empty(), "the migrations disagree with the declarations:\n{}", all.join("\n"));
    Ok(())
}

/// The real `notes` table, and Note's declaration with its fields replaced by `fields`.
async fn notes_with(db: &TestDb, fields: Vec<FieldSpec>) -> anyhow::Result<(KindSpec, Vec<DbColumn>, Vec<String>)> {
    let real = registry::spec("Note").ok_or_else(|| anyhow::anyhow!("Note is not registered"))?;
    let spec = KindSpec { fields: Box::leak(fields.into_boxed_slice()), ..*real };
    Ok((spec, table_columns(&db.pool, "notes").await?, primary_key(&db.pool, "notes").await?))
}

fn note_fields() -> Vec<FieldSpec> {
    registry::spec("Note").map(|s| s.fields.to_vec()).unwrap_or_default()
}

/// Note's fields with the one named `column` changed by `change`.
fn note_fields_changing(column: &str, change: impl Fn(FieldSpec) -> FieldSpec) -> Vec<FieldSpec> {
    note_fields().into_iter().map(|f| if f.column == column { change(f) } else { f }).collect()
}

fn assert_names(found: &[String], column: &str, what: &str) {
    assert!(
        !found.is_empty() && found.iter().all(|d| d.starts_with(&format!("notes.{column}:"))),
        "{what}: expected differences naming notes.{column}, got {found:?}"
    );
}

#[tokio::test]
async fn the_comparison_names_every_column_that_disagrees() -> anyhow::Result<()> {
    let db = TestDb::migrated().await?;

    // The untouched declaration agrees, so every difference below comes from the breakage.
    let (spec, columns, pk) = notes_with(&db, note_fields()).await?;
    assert_eq!(differences(&spec, &columns, &pk), Vec::<String>::new());
    assert!(note_fields().iter().any(|f| f.column == "pinned") && note_fields().iter().any(|f| f.column == "tags"));

    // A declared field the table lacks.
    let mut extra = note_fields();
    extra.push(FieldSpec::new("colour", "colour", SqlType::Text, false, Input::Optional));
    let (spec, columns, pk) = notes_with(&db, extra).await?;
    assert_names(&differences(&spec, &columns, &pk), "colour", "extra field");

    // A column the declaration lacks.
    let fewer = note_fields().into_iter().filter(|f| f.column != "tags").collect();
    let (spec, columns, pk) = notes_with(&db, fewer).await?;
    assert_names(&differences(&spec, &columns, &pk), "tags", "undeclared column");

    // A wrong type.
    let wrong_type = note_fields_changing("pinned", |f| FieldSpec { sql: SqlType::Integer, ..f });
    let (spec, columns, pk) = notes_with(&db, wrong_type).await?;
    assert_names(&differences(&spec, &columns, &pk), "pinned", "wrong type");

    // An array of the wrong element type (same `data_type`: ARRAY).
    let (spec, mut columns, pk) = notes_with(&db, note_fields()).await?;
    for column in columns.iter_mut().filter(|c| c.name == "tags") {
        column.udt_name = "_int4".into();
    }
    assert_names(&differences(&spec, &columns, &pk), "tags", "wrong array element");

    // Wrong nullability, both ways.
    let nullable = note_fields_changing("title", |f| FieldSpec { nullable: true, ..f });
    let (spec, columns, pk) = notes_with(&db, nullable).await?;
    assert_names(&differences(&spec, &columns, &pk), "title", "declared nullable");
    let (spec, mut columns, pk) = notes_with(&db, note_fields()).await?;
    for column in columns.iter_mut().filter(|c| c.name == "deleted_at") {
        column.nullable = false;
    }
    assert_names(&differences(&spec, &columns, &pk), "deleted_at", "kernel column NOT NULL");

    // A kernel column of the wrong type.
    let (spec, mut columns, pk) = notes_with(&db, note_fields()).await?;
    for column in columns.iter_mut().filter(|c| c.name == "version") {
        column.data_type = "integer".into();
    }
    assert_names(&differences(&spec, &columns, &pk), "version", "kernel column type");

    // A wrong primary key, and a missing table.
    let (spec, columns, _) = notes_with(&db, note_fields()).await?;
    let found = differences(&spec, &columns, &["id".to_owned()]);
    assert!(found.len() == 1 && found[0].starts_with("notes: primary key"), "{found:?}");
    let found = differences(&spec, &[], &[]);
    assert!(found.len() == 1 && found[0].contains("no such table"), "{found:?}");
    Ok(())
}
