//! `search(query, kinds, first, after)`: full-text search over the current workspace's live
//! entities, on the documents the kernel projection keeps (`search_documents`, built from the
//! fields each kind declares `search`; see `lifeos_projections::kernel::search`).
//!
//! Query syntax is a search box's: `websearch_to_tsquery` (words all required, `"quoted
//! phrases"`, `-excluded`, `or`), and the last word also matches as a prefix while it is being
//! typed (`"lov"` finds "Lovelace"; a trailing space, a closing quote or a `-` turns that off).
//! Language-neutral (`simple`: no stemming, no stop words; accents are significant). Ranked
//! by `ts_rank_cd` (title and name fields weigh most), ties by id; paged by an opaque cursor
//! of (rank, id). A hit carries its node (a [`Node`]), its rank and a snippet whose matching
//! words are marked. Deleted entities are not found; restored ones are again.
//!
//! Must never search another workspace, nor build SQL from the user's text (it is a parameter).

use async_graphql::connection::{Connection, ConnectionNameType, Edge, EdgeNameType, EmptyFields};
use async_graphql::{Context, Object, OutputType, SimpleObject};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use lifeos_domain::registry::{self, KINDS};
use lifeos_projections::kernel::search::CONFIG;

use super::entity_type::EntityType;
use super::node::{load_typed, Node};
use crate::auth::guard::auth;
use crate::auth::{Access, WorkspaceRole};
use crate::commands::valid_id;
use crate::error::ApiError;
use crate::graphql::{app, cost};

const DEFAULT_HITS: i64 = 20;
/// The same, for the complexity of a search without `first`.
#[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
const DEFAULT_HITS_LEN: usize = DEFAULT_HITS as usize;
const MAX_HITS: i64 = 100;
const MAX_QUERY_CHARS: usize = 500;
/// Marks around a matching word in `ts_headline`'s answer (private-use characters, split out
/// into [`SnippetPart`]s: a snippet is never markup).
const START: char = '\u{E000}';
const STOP: char = '\u{E001}';

/// One search result.
#[derive(SimpleObject)]
pub struct SearchHit {
    /// The entity found.
    pub node: Node,
    /// Its kind.
    pub entity_type: EntityType,
    /// Relevance (`ts_rank_cd`; higher first). Comparable only within one search.
    pub rank: f64,
    /// A short excerpt of the entity's searchable text around the matches, in parts; the
    /// matching words are the parts with `highlighted: true`.
    pub snippet: Vec<SnippetPart>,
}

/// A piece of a snippet.
#[derive(SimpleObject)]
pub struct SnippetPart {
    /// The piece's text, as in the entity.
    pub text: String,
    /// Whether this piece is a word the query matched.
    pub highlighted: bool,
}

pub struct SearchConnectionName;

impl ConnectionNameType for SearchConnectionName {
    fn type_name<T: OutputType>() -> String {
        "SearchConnection".into()
    }
}

pub struct SearchEdgeName;

impl EdgeNameType for SearchEdgeName {
    fn type_name<T: OutputType>() -> String {
        "SearchEdge".into()
    }
}

pub type SearchConnection = Connection<String, SearchHit, EmptyFields, EmptyFields, SearchConnectionName, SearchEdgeName>;

/// Where a page continues: after the hit of this rank, id and kind (the sort key).
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    rank: f32,
    id: String,
    entity_type: String,
}

impl Cursor {
    fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("s1:{:08x}:{}:{}", self.rank.to_bits(), self.id, self.entity_type))
    }

    fn decode(text: &str) -> Result<Self, ApiError> {
        let bad = || ApiError::validation("after", "not a cursor of this search; use a cursor from its answer");
        let raw = URL_SAFE_NO_PAD.decode(text).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(bad)?;
        let mut parts = raw.split(':');
        let (Some("s1"), Some(rank), Some(id), Some(kind), None) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let rank = u32::from_str_radix(rank, 16).map(f32::from_bits).ok().filter(|r| r.is_finite()).ok_or_else(bad)?;
        let id = valid_id(id).map_err(|_| bad())?;
        let entity_type = registry::spec(kind).ok_or_else(bad)?.type_name.to_owned();
        Ok(Self { rank, id, entity_type })
    }
}

/// Whether the query's last word is still being typed, so it should match as a prefix: the
/// query ends in a letter or digit, outside quotes, and that word is neither excluded (`-`)
/// nor the operator `or`.
fn prefix_last_word(query: &str) -> bool {
    let ends_in_word = query.chars().last().is_some_and(char::is_alphanumeric);
    let quotes_closed = query.matches('"').count().is_multiple_of(2);
    let last = query.split_whitespace().last().unwrap_or_default();
    ends_in_word && quotes_closed && !last.starts_with('-') && !last.starts_with('"') && !last.eq_ignore_ascii_case("or")
}

/// `ts_headline`'s marked answer as parts.
fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let (mut text, mut highlighted) = (String::new(), false);
    for c in marked.chars() {
        if c == START || c == STOP {
            if !text.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut text), highlighted });
            }
            highlighted = c == START;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        parts.push(SnippetPart { text, highlighted });
    }
    parts
}

/// The kinds to search: those named, or every kind with searchable fields.
fn kinds_to_search(kinds: Option<Vec<EntityType>>) -> Vec<String> {
    match kinds {
        Some(kinds) => kinds.into_iter().map(|kind| kind.as_str().to_owned()).collect(),
        None => KINDS.iter().filter(|k| k.searchable().next().is_some()).map(|k| k.type_name.to_owned()).collect(),
    }
}

/// The ranking query: the page's (kind, id, rank, marked snippet), best first. `{config}` is
/// the documents' text-search configuration.
const RANKED: &str = "
    WITH q AS (
        SELECT CASE WHEN $3 AND right(w::text, 1) = '''' THEN (w::text || ':*')::tsquery ELSE w END AS q
          FROM websearch_to_tsquery('{config}', $2) AS w)
    SELECT s.entity_type, s.id, ts_rank_cd(s.document, q.q) AS rank,
           ts_headline('{config}', coalesce(s.content, ''), q.q, $9) AS snippet
      FROM search_documents s, q
     WHERE s.workspace_id = $1 AND s.document @@ q.q AND s.entity_type = ANY($4)
       AND ($5::real IS NULL OR ts_rank_cd(s.document, q.q) < $5
            OR (ts_rank_cd(s.document, q.q) = $5 AND (s.id, s.entity_type) > ($6, $7)))
     ORDER BY rank DESC, s.id, s.entity_type
     LIMIT $8";

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Full-text search over the current workspace's entities (deleted ones are not found):
    /// words are all required; `"a phrase"`, `-word` (exclude) and `or` work as in a web
    /// search box, and the last word matches as a prefix unless followed by a space. Ranked,
    /// best first. `kinds` limits it to those kinds (default: every kind with text fields).
    #[graphql(
        guard = "WorkspaceRole(Access::Read)",
        complexity = "cost::page(first, DEFAULT_HITS_LEN, child_complexity)"
    )]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to look for, as typed in a search box (at most 500 characters).")] query: String,
        #[graphql(desc = "Only entities of these kinds (default: every kind with text fields).")] kinds: Option<Vec<EntityType>>,
        #[graphql(desc = "At most this many hits (0-100, default 20).")] first: Option<i32>,
        #[graphql(desc = "Start after this cursor (an edge's `cursor`, a page's `endCursor`).")] after: Option<String>,
    ) -> async_graphql::Result<SearchConnection> {
        let first = first.map_or(DEFAULT_HITS, i64::from);
        if !(0..=MAX_HITS).contains(&first) {
            return Err(ApiError::validation("first", format!("must be between 0 and {MAX_HITS}")).into());
        }
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(ApiError::validation("query", format!("at most {MAX_QUERY_CHARS} characters")).into());
        }
        if query.contains('\0') || query.contains(START) || query.contains(STOP) {
            return Err(ApiError::validation("query", "contains a character that cannot be searched for").into());
        }
        let kinds = kinds_to_search(kinds);
        let cursor = after.as_deref().map(Cursor::decode).transpose()?;
        let (_, workspace_id, _) = auth(ctx)?.workspace(Access::Read)?;
        let pool = &app(ctx)?.pool;
        let options = format!("StartSel={START}, StopSel={STOP}, MaxWords=24, MinWords=8, MaxFragments=2");
        let sql = RANKED.replace("{config}", CONFIG);
        let ranked: Vec<(String, String, f32, String)> = sqlx::query_as(&sql)
            .bind(workspace_id)
            .bind(&query)
            .bind(prefix_last_word(&query))
            .bind(&kinds)
            .bind(cursor.as_ref().map(|c| c.rank))
            .bind(cursor.as_ref().map(|c| c.id.as_str()))
            .bind(cursor.as_ref().map(|c| c.entity_type.as_str()))
            .bind(first + 1)
            .bind(options)
            .fetch_all(pool)
            .await
            .map_err(ApiError::from)?;
        let has_next = i64::try_from(ranked.len()).unwrap_or(i64::MAX) > first;
        let page: Vec<_> = ranked.into_iter().take(usize::try_from(first).unwrap_or(0)).collect();
        let pairs: Vec<(String, String)> = page.iter().map(|(kind, id, _, _)| (kind.clone(), id.clone())).collect();
        let mut nodes = load_typed(pool, workspace_id, &pairs).await?;
        let mut connection = SearchConnection::new(after.is_some(), has_next);
        for (entity_type, id, rank, snippet) in page {
            // Documents and rows are written in one transaction; a row missing is skipped.
            let Some(node) = nodes.remove(&(entity_type.clone(), id.clone())) else { continue };
            let cursor = Cursor { rank, id, entity_type: entity_type.clone() }.encode();
            let entity_type = EntityType::stored(&entity_type)?;
            let hit = SearchHit { node, entity_type, rank: f64::from(rank), snippet: snippet_parts(&snippet) };
            connection.edges.push(Edge::new(cursor, hit));
        }
        Ok(connection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_a_prefix_only_while_it_is_being_typed() {
        assert!(prefix_last_word("ada lov"));
        assert!(prefix_last_word("\"big cat\" lov"));
        assert!(prefix_last_word("cat or dog"));
        assert!(!prefix_last_word("ada "));
        assert!(!prefix_last_word("\"big cat\""));
        assert!(!prefix_last_word("\"big ca"));
        assert!(!prefix_last_word("cat -dog"));
        assert!(!prefix_last_word("cat or"));
        assert!(!prefix_last_word(""));
    }

    #[test]
    fn a_cursor_round_trips_and_anything_else_is_refused() {
        let cursor = Cursor { rank: 0.1, id: "01J00000000000000000000000".into(), entity_type: "Note".into() };
        assert_eq!(Cursor::decode(&cursor.encode()).ok(), Some(cursor));
        let garbled = [
            "x".to_owned(),
            URL_SAFE_NO_PAD.encode("s1:zz:01J00000000000000000000000:Note"),
            URL_SAFE_NO_PAD.encode("s1:3dcccccd:nope:Note"),
            URL_SAFE_NO_PAD.encode("s1:3dcccccd:01J00000000000000000000000:Nope"),
            URL_SAFE_NO_PAD.encode("s2:3dcccccd:01J00000000000000000000000:Note"),
            URL_SAFE_NO_PAD.encode("s1:7fc00000:01J00000000000000000000000:Note"),
        ];
        for text in garbled {
            assert_eq!(Cursor::decode(&text).map_err(|e| e.code()).err(), Some("VALIDATION"), "{text}");
        }
    }

    #[test]
    fn a_snippet_splits_into_marked_and_plain_parts() {
        let parts = snippet_parts("say \u{E000}hello\u{E001} to \u{E000}Ada\u{E001}");
        let got: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.highlighted)).collect();
        assert_eq!(got, [("say ", false), ("hello", true), (" to ", false), ("Ada", true)]);
    }
}
