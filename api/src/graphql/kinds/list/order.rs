//! The orderings of a kind's list: by `createdAt`, `updatedAt` or any filterable scalar field
//! of its declaration (`<Kind>OrderField`, built from the `KindSpec`, so nothing is listed by
//! hand), ascending or descending, ties broken by id in the same direction — so a page in one
//! direction is exactly the reverse of the other and paging is stable. Null sorts last going
//! up (first going down), as PostgreSQL does. Writes the `ORDER BY` and the keyset conditions
//! ("strictly after / before this position"); never interpolates a client's text into SQL
//! (columns come from the spec, values are bound).

use std::borrow::Cow;
use std::marker::PhantomData;

use async_graphql::registry::{MetaTypeId, Registry};
use async_graphql::{Enum, InputType, InputValueResult, Name, Value};
use lifeos_domain::entity::EntityKind;
use lifeos_domain::kind::{FieldSpec, KindSpec, SqlType};

use super::cursor::Position;
use crate::graphql::dynamic_enum::{self, EnumValue};
use super::sql::{cast, Binds};

/// Which way a list runs.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default, Debug)]
pub enum OrderDirection {
    /// Smallest first (oldest, earliest, A before Z); nulls last.
    #[default]
    Asc,
    /// Largest first; nulls first.
    Desc,
}

impl OrderDirection {
    fn sql(self) -> &'static str {
        match self {
            OrderDirection::Asc => "ASC NULLS LAST",
            OrderDirection::Desc => "DESC NULLS FIRST",
        }
    }

    fn flipped(self) -> Self {
        match self {
            OrderDirection::Asc => OrderDirection::Desc,
            OrderDirection::Desc => OrderDirection::Asc,
        }
    }
}

/// A column a list can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SortKey {
    /// camelCase, as on the wire (`dueAt`).
    pub name: &'static str,
    pub column: &'static str,
    pub nullable: bool,
    pub sql: SqlType,
}

const CREATED_AT: SortKey = SortKey { name: "createdAt", column: "created_at", nullable: false, sql: SqlType::Timestamptz };
const UPDATED_AT: SortKey = SortKey { name: "updatedAt", column: "updated_at", nullable: false, sql: SqlType::Timestamptz };

/// Whether a declared field can order a list: filterable and one value (not a list or JSON).
fn sortable(field: &FieldSpec) -> bool {
    field.filter && !matches!(field.sql, SqlType::TextArray | SqlType::Jsonb)
}

/// Every ordering key of a kind: the two kernel timestamps, then its sortable fields.
pub(crate) fn keys(spec: &KindSpec) -> impl Iterator<Item = SortKey> + '_ {
    let fields = spec.fields.iter().filter(|f| sortable(f));
    [CREATED_AT, UPDATED_AT]
        .into_iter()
        .chain(fields.map(|f| SortKey { name: f.name, column: f.column, nullable: f.nullable, sql: f.sql }))
}

/// The GraphQL enum value of a key (`DUE_AT`).
fn enum_value(key: &SortKey) -> String {
    key.column.to_ascii_uppercase()
}

/// An ordering: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ordering {
    pub key: SortKey,
    pub direction: OrderDirection,
}

impl Default for Ordering {
    /// Oldest first.
    fn default() -> Self {
        Self { key: CREATED_AT, direction: OrderDirection::Asc }
    }
}

impl Ordering {
    /// Names the list and ordering in its cursors (`Note:createdAt:ASC`).
    pub fn cursor_list(&self, type_name: &str) -> String {
        let direction = match self.direction {
            OrderDirection::Asc => "ASC",
            OrderDirection::Desc => "DESC",
        };
        format!("{type_name}:{}:{direction}", self.key.name)
    }

    /// `ORDER BY …` in this direction, or the reverse (to take the last rows first).
    pub fn order_by(&self, reversed: bool) -> String {
        let direction = if reversed { self.direction.flipped() } else { self.direction };
        format!("ORDER BY {} {}, id {}", self.key.column, direction.sql(), direction.sql())
    }

    /// A row's position in this ordering (from its `to_jsonb` form).
    pub fn position(&self, row: &serde_json::Value) -> Position {
        let id = row.get("id").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        Position { value: row.get(self.key.column).cloned().unwrap_or_default(), id }
    }

    /// Rows strictly after `at` in this ordering.
    pub fn after(&self, at: &Position, binds: &mut Binds) -> String {
        match self.direction {
            OrderDirection::Asc => self.greater(at, binds),
            OrderDirection::Desc => self.less(at, binds),
        }
    }

    /// Rows strictly before `at` in this ordering.
    pub fn before(&self, at: &Position, binds: &mut Binds) -> String {
        match self.direction {
            OrderDirection::Asc => self.less(at, binds),
            OrderDirection::Desc => self.greater(at, binds),
        }
    }

    /// Rows above `at` going up (null counts as the largest value); never SQL NULL, so the
    /// condition can be negated.
    fn greater(&self, at: &Position, binds: &mut Binds) -> String {
        let c = self.key.column;
        let id = binds.text(Some(at.id.clone()));
        match text_of(&at.value) {
            None => format!("({c} IS NULL AND id > {id})"),
            Some(text) => {
                let v = format!("{}{}", binds.text(Some(text)), cast(self.key.sql));
                if self.key.nullable {
                    format!("({c} > {v} OR {c} IS NULL OR ({c} = {v} AND id > {id}))")
                } else {
                    format!("(({c}, id) > ({v}, {id}))")
                }
            }
        }
    }

    /// Rows below `at` going up; never SQL NULL.
    fn less(&self, at: &Position, binds: &mut Binds) -> String {
        let c = self.key.column;
        let id = binds.text(Some(at.id.clone()));
        match text_of(&at.value) {
            None => format!("({c} IS NOT NULL OR id < {id})"),
            Some(text) => {
                let v = format!("{}{}", binds.text(Some(text)), cast(self.key.sql));
                if self.key.nullable {
                    format!("({c} IS NOT NULL AND ({c} < {v} OR ({c} = {v} AND id < {id})))")
                } else {
                    format!("(({c}, id) < ({v}, {id}))")
                }
            }
        }
    }
}

/// A sort value as the text bound for it (null: none).
fn text_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// `<Kind>OrderField`: the keys a kind's list can be ordered by, as a GraphQL enum.
pub struct OrderField<K> {
    key: SortKey,
    kind: PhantomData<fn() -> K>,
}

impl<K> OrderField<K> {
    pub(crate) fn key(&self) -> SortKey {
        self.key
    }
}

impl<K: EntityKind> OrderField<K> {
    fn named(name: &str) -> Option<Self> {
        keys(&K::SPEC).find(|k| enum_value(k) == name).map(|key| Self { key, kind: PhantomData })
    }
}

impl<K: EntityKind> InputType for OrderField<K> {
    type RawValueType = Self;

    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}OrderField", K::TYPE))
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_input_type::<Self, _>(MetaTypeId::Enum, |_| {
            let description = format!("What a list of {} entities can be ordered by (then by id).", K::TYPE);
            let values = keys(&K::SPEC).map(|key| EnumValue { name: enum_value(&key), description: Some(format!("By `{}`.", key.name)) });
            dynamic_enum::meta(Self::type_name().into_owned(), Some(description), values, std::any::type_name::<Self>())
        })
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        dynamic_enum::parse(value, Self::named, |name| format!(r#"Enumeration type does not contain value "{name}"."#))
    }

    fn to_value(&self) -> Value {
        Value::Enum(Name::new(enum_value(&self.key)))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeos_domain::kind::Declared;
    use lifeos_domain::task::TaskKind;

    #[test]
    fn a_kind_orders_by_its_timestamps_and_its_filterable_scalar_fields() {
        let names: Vec<String> = keys(&<TaskKind as Declared>::SPEC).map(|k| enum_value(&k)).collect();
        assert!(names.starts_with(&["CREATED_AT".to_owned(), "UPDATED_AT".to_owned()]), "{names:?}");
        for wanted in ["DUE_AT", "STATUS", "TITLE"] {
            assert!(names.iter().any(|n| n == wanted), "{wanted} missing from {names:?}");
        }
    }

    #[test]
    fn ties_break_by_id_in_the_same_direction() {
        let down = Ordering { key: CREATED_AT, direction: OrderDirection::Desc };
        assert_eq!(down.order_by(false), "ORDER BY created_at DESC NULLS FIRST, id DESC NULLS FIRST");
        assert_eq!(down.order_by(true), "ORDER BY created_at ASC NULLS LAST, id ASC NULLS LAST");
    }
}
