//! `<Kind>Filter`: a list's filter input, built from the kind's declaration (the fields flagged
//! `filter`, plus the kernel timestamps) — nothing per kind by hand. One rule per column type:
//!
//! - an enum field: any of the given values (`status: [OPEN, DONE]`);
//! - an id / reference field, a text, number or boolean field: equal; `null` means "none"
//!   (`parentId: null` — top-level tasks);
//! - a timestamp or date: `<name>Before` / `<name>After`, both exclusive, the name without a
//!   trailing `At` (`dueBefore`, `createdAfter`, `birthdayBefore`); a nullable one also
//!   equal, `null` meaning "none" (`dueAt: null`);
//! - a list (`tags`): `<name>All` (has every one) / `<name>Any` (has at least one).
//!
//! Given entries are ANDed. Values are checked here (`VALIDATION` naming `filter.<entry>`) and
//! bound, never spliced into SQL.

use std::borrow::Cow;
use std::marker::PhantomData;

use async_graphql::indexmap::IndexMap;
use async_graphql::registry::{MetaInputValue, MetaType, MetaTypeId, Registry};
use async_graphql::{InputType, InputValueError, InputValueResult, Name, Value};
use lifeos_domain::entity::EntityKind;
use lifeos_domain::kind::{FieldSpec, KindSpec, SqlType};
use lifeos_domain::values::{self, Timestamp};

use super::sql::{cast, Binds};
use crate::error::ApiError;
use crate::graphql::kinds::wire::GqlWire;

/// A kind's declared fields' GraphQL input types (their `create_type_info`), in declaration
/// order; written for every kind by `kind_graphql!`.
pub trait FieldTypes: EntityKind {
    const INPUT_TYPES: &'static [fn(&mut Registry) -> String];
}

/// How an entry tests its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Test {
    AnyOf,
    Equal,
    Before,
    After,
    All,
    Any,
}

/// The column an entry tests.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// The field's wire name (`dueAt`).
    name: &'static str,
    column: &'static str,
    sql: SqlType,
    nullable: bool,
    values: &'static [&'static str],
    id: bool,
    /// Index into the kind's fields (None: a kernel timestamp).
    field: Option<usize>,
}

/// One entry of the filter input.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    test: Test,
    target: Target,
}

fn stem(name: &str) -> &str {
    name.strip_suffix("At").filter(|s| !s.is_empty()).unwrap_or(name)
}

fn entries_of(target: Target) -> Vec<Entry> {
    let name = target.name;
    let entry = |name: String, test| Entry { name, test, target };
    match target.sql {
        SqlType::Timestamptz | SqlType::Date => {
            let mut range = vec![entry(format!("{}Before", stem(name)), Test::Before), entry(format!("{}After", stem(name)), Test::After)];
            if target.nullable {
                // Equal too, mostly for `null`: those without one (`dueAt: null`).
                range.push(entry(name.to_owned(), Test::Equal));
            }
            range
        }
        SqlType::TextArray => vec![entry(format!("{name}All"), Test::All), entry(format!("{name}Any"), Test::Any)],
        SqlType::Jsonb => Vec::new(),
        _ if !target.values.is_empty() => vec![entry(name.to_owned(), Test::AnyOf)],
        _ => vec![entry(name.to_owned(), Test::Equal)],
    }
}

/// Every entry of a kind's filter: kernel timestamps, then the declared filterable fields.
fn entries(spec: &KindSpec) -> Vec<Entry> {
    let kernel = |name, column| Target { name, column, sql: SqlType::Timestamptz, nullable: false, values: &[], id: false, field: None };
    let mut all = entries_of(kernel("createdAt", "created_at"));
    all.extend(entries_of(kernel("updatedAt", "updated_at")));
    for (i, f) in spec.fields.iter().enumerate().filter(|(_, f)| f.filter) {
        all.extend(entries_of(target(f, i)));
    }
    all
}

fn target(f: &FieldSpec, i: usize) -> Target {
    Target { name: f.name, column: f.column, sql: f.sql, nullable: f.nullable, values: f.values, id: f.reference.is_some(), field: Some(i) }
}

impl Entry {
    fn description(&self) -> String {
        let field = self.target.name;
        match self.test {
            Test::AnyOf => format!("Keeps those whose `{field}` is any of these."),
            Test::Equal if self.target.nullable => format!("Keeps those whose `{field}` is this; null: those without one."),
            Test::Equal => format!("Keeps those whose `{field}` is this."),
            Test::Before => format!("Keeps those whose `{field}` is before this (exclusive)."),
            Test::After => format!("Keeps those whose `{field}` is after this (exclusive)."),
            Test::All => format!("Keeps those whose `{field}` has every one of these."),
            Test::Any => format!("Keeps those whose `{field}` has at least one of these."),
        }
    }

    /// The entry's GraphQL input type.
    fn graphql_type<K: FieldTypes>(&self, registry: &mut Registry) -> String {
        let own = match self.target.field.and_then(|i| K::INPUT_TYPES.get(i)) {
            Some(create) => create(registry),
            None => <<Timestamp as GqlWire>::In as InputType>::create_type_info(registry),
        };
        let nullable = own.strip_suffix('!').unwrap_or(&own).to_owned();
        match self.test {
            Test::AnyOf => format!("[{nullable}!]"),
            _ => nullable,
        }
    }

    /// The SQL condition for the given value (`None`: the value asks for nothing).
    fn condition(&self, value: &Value, binds: &mut Binds) -> Result<Option<String>, ApiError> {
        let c = self.target.column;
        let refuse = |why: &str| ApiError::validation(format!("filter.{}", self.name), why.to_owned());
        if matches!(value, Value::Null) {
            return Ok(match self.test {
                Test::Equal => Some(format!("{c} IS NULL")),
                _ => None,
            });
        }
        let condition = match self.test {
            Test::AnyOf | Test::All | Test::Any => {
                let Value::List(items) = value else { return Err(refuse("must be a list")) };
                let texts = items.iter().map(|v| self.text(v)).collect::<Result<Vec<_>, _>>().map_err(|why| refuse(&why))?;
                let list = binds.list(texts);
                match self.test {
                    Test::AnyOf => format!("{c} = ANY({list})"),
                    Test::All => format!("{c} @> {list}"),
                    _ => format!("{c} && {list}"),
                }
            }
            Test::Equal | Test::Before | Test::After => {
                let text = self.text(value).map_err(|why| refuse(&why))?;
                let v = format!("{}{}", binds.text(Some(text)), cast(self.target.sql));
                let op = match self.test {
                    Test::Before => "<",
                    Test::After => ">",
                    _ => "=",
                };
                format!("{c} {op} {v}")
            }
        };
        Ok(Some(condition))
    }

    /// One value as the text bound for it, checked against the column's type.
    fn text(&self, value: &Value) -> Result<String, String> {
        let target = &self.target;
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Enum(name) => name.to_string(),
            Value::Boolean(b) if target.sql == SqlType::Boolean => return Ok(b.to_string()),
            Value::Number(n) if matches!(target.sql, SqlType::Integer | SqlType::BigInt) && n.is_i64() => return Ok(n.to_string()),
            Value::Number(n) if matches!(target.sql, SqlType::Double | SqlType::Numeric) => return Ok(n.to_string()),
            _ => return Err("has the wrong type".to_owned()),
        };
        if !target.values.is_empty() {
            return if target.values.contains(&text.as_str()) { Ok(text) } else { Err(format!("{text} is not one of its values")) };
        }
        if target.id {
            return values::parse_ulid(&text).map(|u| u.to_string()).ok_or_else(|| "must be a ULID".to_owned());
        }
        match target.sql {
            SqlType::Timestamptz => {
                let at = chrono::DateTime::parse_from_rfc3339(&text).map_err(|_| "must be an RFC 3339 time".to_owned())?.to_utc();
                values::instant_bound("value", &at).map_err(|e| e.message)?;
                Ok(at.to_rfc3339())
            }
            SqlType::Date => {
                let day = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| "must be a date (YYYY-MM-DD)".to_owned())?;
                values::date("value", &day).map_err(|e| e.message)?;
                Ok(day.to_string())
            }
            SqlType::Numeric => Ok(text),
            SqlType::Text | SqlType::TextArray if !text.contains('\0') => Ok(text),
            _ => Err("has the wrong type".to_owned()),
        }
    }
}

/// `<Kind>Filter`: which rows a list keeps.
pub struct KindFilter<K> {
    given: Vec<(String, Value)>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Default for KindFilter<K> {
    fn default() -> Self {
        Self { given: Vec::new(), kind: PhantomData }
    }
}

impl<K: EntityKind> KindFilter<K> {
    /// One more entry (a custom list's own arguments, e.g. Link's `fromId`).
    pub(crate) fn with(mut self, name: &str, value: Value) -> Self {
        self.given.push((name.to_owned(), value));
        self
    }

    /// The SQL conditions, ANDed; `VALIDATION` for an entry or value the kind does not have.
    pub(crate) fn conditions(&self, binds: &mut Binds) -> Result<String, ApiError> {
        let entries = entries(&K::SPEC);
        let mut sql = String::new();
        for (name, value) in &self.given {
            let entry = entries.iter().find(|e| e.name == *name).ok_or_else(|| ApiError::validation(format!("filter.{name}"), "cannot be filtered on"))?;
            if let Some(condition) = entry.condition(value, binds)? {
                sql.push_str(" AND ");
                sql.push_str(&condition);
            }
        }
        Ok(sql)
    }
}

impl<K: FieldTypes> InputType for KindFilter<K> {
    type RawValueType = Self;

    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Filter", K::TYPE))
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_input_type::<Self, _>(MetaTypeId::InputObject, |registry| {
            let mut input_fields = IndexMap::new();
            for entry in entries(&K::SPEC) {
                let value = MetaInputValue {
                    name: entry.name.clone(),
                    description: Some(entry.description()),
                    ty: entry.graphql_type::<K>(registry),
                    deprecation: Default::default(),
                    default_value: None,
                    visible: None,
                    inaccessible: false,
                    tags: Vec::new(),
                    is_secret: false,
                    directive_invocations: Vec::new(),
                };
                input_fields.insert(entry.name, value);
            }
            MetaType::InputObject {
                name: Self::type_name().into_owned(),
                description: Some(format!("Which {} entities a list keeps: every given entry must hold.", K::TYPE)),
                input_fields,
                visible: None,
                inaccessible: false,
                tags: Vec::new(),
                rust_typename: Some(std::any::type_name::<Self>()),
                oneof: false,
                directive_invocations: Vec::new(),
            }
        })
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        match value {
            Some(Value::Object(map)) => Ok(Self { given: map.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), kind: PhantomData }),
            None | Some(Value::Null) => Ok(Self::default()),
            Some(other) => Err(InputValueError::expected_type(other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::Object(self.given.iter().map(|(k, v)| (Name::new(k), v.clone())).collect())
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
    fn a_filter_has_one_rule_per_column_type() {
        let names: Vec<String> = entries(&<TaskKind as Declared>::SPEC).into_iter().map(|e| e.name).collect();
        for wanted in ["createdBefore", "createdAfter", "updatedAfter", "status", "dueBefore", "dueAfter", "dueAt", "parentId"] {
            assert!(names.iter().any(|n| n == wanted), "{wanted} missing from {names:?}");
        }
        assert!(!names.iter().any(|n| n == "createdAt"), "a timestamp that is never null has ranges only");
    }

    #[test]
    fn values_are_bound_and_checked() {
        let mut binds = Binds::default();
        let filter = KindFilter::<TaskKind>::default()
            .with("status", Value::List(vec![Value::Enum(Name::new("OPEN"))]))
            .with("parentId", Value::Null);
        assert_eq!(filter.conditions(&mut binds).ok().as_deref(), Some(" AND status = ANY($4::text[]) AND parent_id IS NULL"));
        let bad = KindFilter::<TaskKind>::default().with("status", Value::List(vec![Value::from("LATER")]));
        assert!(matches!(bad.conditions(&mut binds), Err(ApiError::Validation { field: Some(f), .. }) if f == "filter.status"));
        let unknown = KindFilter::<TaskKind>::default().with("colour", Value::from("red"));
        assert!(unknown.conditions(&mut binds).is_err());
    }
}
