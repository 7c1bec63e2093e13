//! The registry: every kind of entity, once, grouped by life domain. Everything that must
//! know all kinds — the kernel tables and their rebuild, dispatch by type name (sync push,
//! history), the GraphQL operations, the `EntityType` values — is derived from this list.
//!
//! To add a kind: its file `<domain>/<kind>.rs` (declaring `<kind>_kind!` and the
//! `<Kind>Kind` type), its migration, and its name here.

use crate::entity::EntityKind;
use crate::kind::{Declared, KindSpec};

/// Hands the registry — `domain [kind modules]`, in order — to a generator macro.
#[macro_export]
macro_rules! for_each_kind {
    ($then:path) => {
        $then! {
            primitives [note task person place link]
            profile [settings]
            finance [account category payee transaction price budget budget_assignment budget_hold balance_assertion import_rule scheduled_transaction]
            habits [habit check_in pause]
            fasting [fast]
        }
    };
}

/// Runs code generic over a kind chosen at run time by its type name ([`visit`]).
pub trait KindVisitor {
    type Output;
    fn visit<K: EntityKind>(self) -> Self::Output;
}

macro_rules! registry {
    ($($domain:ident [$($kind:ident)*])*) => {
        $crate::__pastey::paste! {
            /// Every registered kind's spec, in registry order.
            pub const KINDS: &[&KindSpec] = &[$($(&<crate::$domain::$kind::[<$kind:camel Kind>] as Declared>::SPEC,)*)*];

            /// Runs `visitor` with the kind whose type name is `type_name` (None: no such kind).
            pub fn visit<V: KindVisitor>(type_name: &str, visitor: V) -> Option<V::Output> {
                $($(
                    if type_name == <crate::$domain::$kind::[<$kind:camel Kind>] as EntityKind>::TYPE {
                        return Some(visitor.visit::<crate::$domain::$kind::[<$kind:camel Kind>]>());
                    }
                )*)*
                None
            }
        }
    };
}
crate::for_each_kind!(registry);

/// The spec of the kind with this type name.
pub fn spec(type_name: &str) -> Option<&'static KindSpec> {
    KINDS.iter().copied().find(|k| k.type_name == type_name)
}

/// The type names, in registry order (the `entityType` values).
pub fn type_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.type_name)
}

/// The natural id an entity of kind `type_name` with these fields (as a client sent them)
/// must have in `workspace_id`: the fields are normalised by the kind first (ids upper case),
/// so it is the id the domain will require. None: no such kind, no natural key, or fields that
/// do not parse (the command then fails on them by itself).
pub fn natural_id_of(type_name: &str, workspace_id: &str, fields: &crate::entity::Fields) -> Option<String> {
    struct Natural<'a>(&'a str, &'a crate::entity::Fields);
    impl KindVisitor for Natural<'_> {
        type Output = Option<String>;
        fn visit<K: EntityKind>(self) -> Option<String> {
            let mut all = crate::entity::defaults::<K>().ok()?;
            all.extend(self.1.clone());
            let typed: K::Fields = serde_json::from_value(serde_json::Value::Object(all)).ok()?;
            K::SPEC.natural_id(self.0, &crate::entity::normalize::<K>(&typed).ok()?)
        }
    }
    if spec(type_name)?.natural_key.is_empty() {
        return None;
    }
    visit(type_name, Natural(workspace_id, fields)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once_with_a_unique_table() {
        let mut types: Vec<_> = type_names().collect();
        let mut tables: Vec<_> = KINDS.iter().map(|k| k.table).collect();
        types.sort_unstable();
        types.dedup();
        tables.sort_unstable();
        tables.dedup();
        assert_eq!(types.len(), KINDS.len());
        assert_eq!(tables.len(), KINDS.len());
        assert_eq!(spec("Task").map(|k| k.table), Some("tasks"));
        assert_eq!(spec("Task").and_then(|k| k.field("dueAt")).map(|f| f.column), Some("due_at"));
        assert_eq!(spec("Task").and_then(|k| k.field("status")).map(|f| f.values), Some(&["OPEN", "DONE", "CANCELLED"][..]));
        let filterable: Vec<&str> = spec("Link").map(|k| k.filterable().map(|f| f.name).collect()).unwrap_or_default();
        assert_eq!(filterable, ["fromType", "fromId", "toType", "toId", "relation"]);
        assert_eq!(spec("Settings").map(|k| k.natural_key), Some(&["userId"][..]));
        assert_eq!(spec("Note").map(|k| k.natural_key.len()), Some(0));
    }

    #[test]
    fn every_group_names_declared_fields_each_at_most_once() {
        for kind in KINDS {
            let members: Vec<_> = kind.groups.iter().flat_map(|g| g.iter()).collect();
            assert!(members.iter().all(|m| kind.field(m).is_some()), "{}: a group names an undeclared field", kind.type_name);
            let mut unique = members.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), members.len(), "{}: a field is in two groups", kind.type_name);
        }
    }
}
