//! The text-search documents of the kernel projection (`search_documents`): for every folded
//! row of a kind with searchable fields, its document — built from the fields the kind's
//! declaration flags `search` (`KindSpec::searchable`), never from a per-table list: the
//! first searchable field weighted A (a title or name), the others B — and the text it was
//! built from (the hits' snippets), or NULLs while the entity is deleted. One version-guarded multi-row upsert per table and batch, in the
//! batch's transaction, so live projection, replays and blue/green rebuilds write the same.
//!
//! Must never decide what a query matches: that is the search resolver's job (`api`).

use serde_json::Value;
use sqlx::PgConnection;

use super::fold::Row;
use super::tables::KernelTable;

/// The text-search configuration of documents and queries alike: no stemming, no stop words.
pub const CONFIG: &str = "simple";

/// How much of an entity's searchable text is indexed (characters, the first field first).
/// A `tsvector` holds at most 1 MB, and a document that overflowed it would park the entity's
/// stream; 100,000 characters stay near 600 kB even as unique four-byte one-letter words.
pub const MAX_INDEXED_CHARS: usize = 100_000;

/// One document row, as the upsert's array parameters carry it.
#[derive(Debug, PartialEq)]
struct Document<'a> {
    workspace_id: &'a str,
    id: &'a str,
    version: i64,
    deleted: bool,
    /// The first searchable field's text (weight A).
    main: String,
    /// The other searchable fields' texts, one per line (weight B).
    rest: String,
}

/// The text of one field's value: a string as is, a list's strings one per line, anything
/// else as JSON text (null: nothing).
fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items.iter().map(|item| text_of(Some(item))).collect::<Vec<_>>().join("\n"),
        Some(other) => other.to_string(),
    }
}

/// The first `max` characters of `text`.
fn truncated(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text,
    }
}

fn document<'a>(table: &KernelTable, row: &'a Row) -> Option<Document<'a>> {
    let mut fields = table.searchable();
    let main = truncated(text_of(row.get(fields.next()?.column)), MAX_INDEXED_CHARS);
    let rest: Vec<String> = fields.map(|f| text_of(row.get(f.column))).filter(|t| !t.is_empty()).collect();
    let rest = truncated(rest.join("\n"), MAX_INDEXED_CHARS.saturating_sub(main.chars().count()));
    Some(Document {
        workspace_id: row.get("workspace_id")?.as_str()?,
        id: row.get("id")?.as_str()?,
        version: row.get("version")?.as_i64()?,
        deleted: row.get("deleted_at").is_some_and(|v| !v.is_null()),
        main,
        rest,
    })
}

/// Upserts the documents of `rows` (nothing for a kind without searchable fields); says how
/// many rows had one.
pub async fn upsert_documents(tx: &mut PgConnection, table: &KernelTable, rows: &[Row]) -> Result<usize, sqlx::Error> {
    write_documents(tx, table, rows, Existing::Maybe).await
}

/// Whether the documents written may exist already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Version-guarded upsert.
    Maybe,
    /// Plain insert: a rebuild's documents of entities its batch creates (none can exist).
    None,
}

pub async fn write_documents(tx: &mut PgConnection, table: &KernelTable, rows: &[Row], existing: Existing) -> Result<usize, sqlx::Error> {
    let documents: Vec<Document<'_>> = rows.iter().filter_map(|row| document(table, row)).collect();
    if documents.is_empty() {
        return Ok(0);
    }
    // One array per column (binary arrays: no JSON to build here or to parse there).
    let workspaces: Vec<&str> = documents.iter().map(|d| d.workspace_id).collect();
    let ids: Vec<&str> = documents.iter().map(|d| d.id).collect();
    let versions: Vec<i64> = documents.iter().map(|d| d.version).collect();
    let deleted: Vec<bool> = documents.iter().map(|d| d.deleted).collect();
    let mains: Vec<&str> = documents.iter().map(|d| d.main.as_str()).collect();
    let rests: Vec<&str> = documents.iter().map(|d| d.rest.as_str()).collect();
    let on_conflict = match existing {
        Existing::Maybe => {
            "ON CONFLICT (workspace_id, entity_type, id) DO UPDATE
                SET version = EXCLUDED.version, document = EXCLUDED.document, content = EXCLUDED.content
              WHERE search_documents.version < EXCLUDED.version"
        }
        Existing::None => "",
    };
    let sql = format!(
        "INSERT INTO search_documents (workspace_id, entity_type, id, version, document, content)
         SELECT d.workspace_id, $7, d.id, d.version,
                CASE WHEN d.deleted THEN NULL
                     ELSE setweight(to_tsvector('{CONFIG}', d.main), 'A') || setweight(to_tsvector('{CONFIG}', d.rest), 'B') END,
                CASE WHEN d.deleted THEN NULL ELSE concat_ws(E'\\n', nullif(d.main, ''), nullif(d.rest, '')) END
           FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[])
                AS d(workspace_id, id, version, deleted, main, rest) {on_conflict}"
    );
    sqlx::query(&sql)
        .bind(&workspaces)
        .bind(&ids)
        .bind(&versions)
        .bind(&deleted)
        .bind(&mains)
        .bind(&rests)
        .bind(table.type_name)
        .execute(tx)
        .await?;
    Ok(documents.len())
}

/// Rows read per statement when filling missing documents.
const FILL_BATCH: i64 = 500;

/// Writes the documents of `table`'s rows that have none (rows projected before this release
/// indexed them), in batches; nothing for a kind without searchable fields. A row written
/// meanwhile is version-guarded like any other.
pub async fn fill_missing(conn: &mut PgConnection, table: &KernelTable) -> Result<u64, sqlx::Error> {
    if table.searchable().next().is_none() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT to_jsonb(t) FROM {} t
          WHERE NOT EXISTS (SELECT 1 FROM search_documents s
                             WHERE s.workspace_id = t.workspace_id AND s.entity_type = $1 AND s.id = t.id)
          LIMIT $2",
        table.table
    );
    let mut filled = 0;
    loop {
        let rows: Vec<sqlx::types::Json<Row>> = sqlx::query_scalar(&sql).bind(table.type_name).bind(FILL_BATCH).fetch_all(&mut *conn).await?;
        let rows: Vec<Row> = rows.into_iter().map(|row| row.0).collect();
        // A batch that yields no document (no rows left, or none a document can be made of)
        // ends it: never loop on rows that stay without one.
        let written = upsert_documents(conn, table, &rows).await?;
        filled += u64::try_from(written).unwrap_or(u64::MAX);
        if written == 0 || rows.len() < usize::try_from(FILL_BATCH).unwrap_or(usize::MAX) {
            break;
        }
    }
    if filled > 0 {
        tracing::info!(table = table.table, filled, "search documents filled for rows projected before");
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::kernel::tables::for_aggregate;

    fn row(value: Value) -> Row {
        match value {
            Value::Object(map) => map,
            _ => Row::new(),
        }
    }

    #[test]
    fn a_document_takes_the_declared_searchable_fields_first_one_apart() {
        let Some(people) = for_aggregate("Person") else { panic!("Person is not registered") };
        let person = row(json!({"workspace_id": "W", "id": "P", "version": 2, "deleted_at": null,
            "display_name": "Ada Lovelace", "emails": ["ada@example.test", "a@b.test"], "phones": [], "notes": "math", "birthday": "1815-12-10"}));
        let doc = document(people, &person);
        assert_eq!(
            doc,
            Some(Document { workspace_id: "W", id: "P", version: 2, deleted: false, main: "Ada Lovelace".into(), rest: "ada@example.test\na@b.test\nmath".into() })
        );
    }

    #[test]
    fn at_most_the_first_indexed_characters_are_taken() {
        let Some(notes) = for_aggregate("Note") else { panic!("Note is not registered") };
        let body = "é".repeat(MAX_INDEXED_CHARS * 10);
        let note = row(json!({"workspace_id": "W", "id": "N", "version": 1, "deleted_at": null, "title": "title", "body": body}));
        let doc = document(notes, &note);
        assert_eq!(doc.map(|d| (d.main.chars().count(), d.rest.chars().count())), Some((5, MAX_INDEXED_CHARS - 5)));
    }

    #[test]
    fn a_deleted_entity_is_marked_and_a_kind_without_searchable_fields_has_no_document() {
        let Some(notes) = for_aggregate("Note") else { panic!("Note is not registered") };
        let note = row(json!({"workspace_id": "W", "id": "N", "version": 3, "deleted_at": "2026-01-01T00:00:00Z", "title": "t", "body": null}));
        assert_eq!(document(notes, &note).map(|d| (d.deleted, d.main, d.rest)), Some((true, "t".into(), String::new())));
        let Some(settings) = for_aggregate("Settings") else { panic!("Settings is not registered") };
        assert!(settings.searchable().next().is_none());
        assert_eq!(document(settings, &note), None);
    }
}
