//! How deep a document nests, measured on the parsed document before validation: the depth of
//! ordinary selections (held to `LIFEOS_GRAPHQL_MAX_DEPTH`), and apart from it the depth of
//! each introspection tree (`__schema`, `__type`) and how many of introspection's list fields
//! it nests — so the standard introspection query (which nests `ofType` nine levels)
//! passes at the default limits while `fields { type { fields { type ... } } }` fan-outs are
//! still refused. Fragments are measured once each (memoised), so spreading one fragment many
//! times costs nothing extra; a cycle of fragments is left for validation to report.
//!
//! Must never: recurse without a bound (fragment chains are cut at [`MAX_FRAGMENT_CHAIN`]), or
//! execute anything.

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{ExecutableDocument, FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned};

/// The deepest introspection tree allowed, the `__schema`/`__type` field counting 1. The
/// standard query (graphql-js 16 `getIntrospectionQuery`: nine `ofType` levels under
/// `types { fields { args { type } } }`) reaches 15; this leaves room for two more `ofType`.
pub const MAX_INTROSPECTION_DEPTH: usize = 17;

/// Most introspection list fields (`types`, `fields`, `args`...) nested in one path. The
/// standard query nests three (`types { fields { args } }`); each further one multiplies the
/// answer by the schema's size.
pub const MAX_INTROSPECTION_LISTS: usize = 3;

/// Most fragments spread inside one another along one path.
pub const MAX_FRAGMENT_CHAIN: usize = 64;

/// Introspection fields that answer a list of objects.
const INTROSPECTION_LISTS: &[&str] =
    &["types", "directives", "fields", "args", "inputFields", "interfaces", "possibleTypes", "enumValues"];

/// The depths of a selection set, relative to it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Depths {
    /// Nested fields outside introspection trees.
    pub plain: usize,
    /// The deepest introspection tree.
    pub introspection: usize,
    /// Most introspection list fields nested inside one introspection tree.
    pub introspection_lists: usize,
    /// Nested fields of any kind (a set's depth when it is inside an introspection tree).
    all: usize,
    /// Introspection list fields nested (likewise).
    lists: usize,
}

impl Depths {
    fn max(self, other: Self) -> Self {
        Self {
            plain: self.plain.max(other.plain),
            introspection: self.introspection.max(other.introspection),
            introspection_lists: self.introspection_lists.max(other.introspection_lists),
            all: self.all.max(other.all),
            lists: self.lists.max(other.lists),
        }
    }
}

/// Why a document could not be measured.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyFragments;

/// The depths of the document: the maximum over its operations.
pub fn measure(doc: &ExecutableDocument) -> Result<Depths, TooManyFragments> {
    let mut walk = Walk { fragments: &doc.fragments, done: HashMap::new(), open: HashSet::new() };
    let mut depths = Depths::default();
    for (_, operation) in doc.operations.iter() {
        depths = depths.max(walk.set(&operation.node.selection_set.node)?);
    }
    Ok(depths)
}

struct Walk<'d> {
    fragments: &'d HashMap<Name, Positioned<FragmentDefinition>>,
    done: HashMap<&'d str, Depths>,
    /// Fragments being measured (a spread of one of them is a cycle).
    open: HashSet<&'d str>,
}

impl<'d> Walk<'d> {
    fn set(&mut self, set: &'d SelectionSet) -> Result<Depths, TooManyFragments> {
        let mut depths = Depths::default();
        for item in &set.items {
            let item = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    let inner = self.set(&field.node.selection_set.node)?;
                    let all = inner.all + 1;
                    if name == "__schema" || name == "__type" {
                        Depths {
                            plain: 0,
                            introspection: inner.introspection.max(all),
                            introspection_lists: inner.introspection_lists.max(inner.lists),
                            all,
                            lists: inner.lists,
                        }
                    } else {
                        Depths {
                            plain: inner.plain + 1,
                            all,
                            lists: inner.lists + usize::from(INTROSPECTION_LISTS.contains(&name)),
                            ..inner
                        }
                    }
                }
                Selection::InlineFragment(fragment) => self.set(&fragment.node.selection_set.node)?,
                Selection::FragmentSpread(spread) => self.fragment(spread.node.fragment_name.node.as_str())?,
            };
            depths = depths.max(item);
        }
        Ok(depths)
    }

    fn fragment(&mut self, name: &str) -> Result<Depths, TooManyFragments> {
        let Some((key, fragment)) = self.fragments.get_key_value(name) else { return Ok(Depths::default()) };
        let key = key.as_str();
        if let Some(depths) = self.done.get(key) {
            return Ok(*depths);
        }
        if self.open.contains(key) {
            return Ok(Depths::default());
        }
        if self.open.len() >= MAX_FRAGMENT_CHAIN {
            return Err(TooManyFragments);
        }
        self.open.insert(key);
        let depths = self.set(&fragment.node.selection_set.node);
        self.open.remove(key);
        let depths = depths?;
        self.done.insert(key, depths);
        Ok(depths)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depths(query: &str) -> Depths {
        let doc = async_graphql::parser::parse_query(query).expect("parses");
        measure(&doc).expect("measures")
    }

    /// graphql-js 16.11 `getIntrospectionQuery` with every option.
    const STANDARD: &str = include_str!("../../../tests/tests/fixtures/introspection-query.graphql");

    #[test]
    fn fields_count_like_async_graphql_did_and_fragments_count_where_spread() {
        assert_eq!(depths("{ me { id } }").plain, 2);
        assert_eq!(depths("{ a { ...F } } fragment F on X { b { c } }").plain, 3);
        assert_eq!(depths("{ a { ... on X { b } } }").plain, 2);
    }

    #[test]
    fn the_standard_introspection_query_is_measured_apart_from_other_fields() {
        let standard = depths(STANDARD);
        assert_eq!(standard.plain, 0);
        assert_eq!(standard.introspection, 15, "{standard:?}");
        assert!(standard.introspection < MAX_INTROSPECTION_DEPTH, "{standard:?}");
        assert_eq!(standard.introspection_lists, MAX_INTROSPECTION_LISTS, "{standard:?}");
        let both = depths("{ notes { edges { node { id } } } __type(name: \"Note\") { fields { type { name } } } }");
        assert_eq!((both.plain, both.introspection, both.introspection_lists), (4, 4, 1));
    }

    #[test]
    fn introspection_fan_outs_count_their_lists() {
        let fan = depths("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }");
        assert_eq!(fan.introspection_lists, 4);
        let spread = depths("{ __type(name: \"Q\") { ...T } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { name } }");
        assert_eq!((spread.introspection, spread.introspection_lists), (5, 2));
    }

    #[test]
    fn cycles_end_and_long_fragment_chains_are_refused() {
        assert_eq!(depths("{ ...A } fragment A on Q { a { ...A } }").plain, 1);
        let chain: String = (0..100).map(|i| format!("fragment F{i} on Q {{ ...F{} }} ", i + 1)).collect();
        let doc = async_graphql::parser::parse_query(format!("{{ ...F0 }} {chain} fragment F100 on Q {{ a }}")).expect("parses");
        assert_eq!(measure(&doc), Err(TooManyFragments));
    }
}
