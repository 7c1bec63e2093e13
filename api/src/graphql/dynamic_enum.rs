//! GraphQL enums whose values come from declarations rather than a Rust `enum`: the domain's
//! field enums (`kinds/wire.rs` `GqlEnum`), the registered kinds (`entity_type.rs`) and each
//! kind's list orderings (`kinds/list/order.rs`). One place builds their registry entry and
//! reads an input value's name, so the three never drift apart. Never decides which values
//! exist: callers pass them in.

use async_graphql::registry::{MetaEnumValue, MetaType};
use async_graphql::{InputType, InputValueError, InputValueResult, Value};

/// One value of a dynamic enum: its name and description.
pub(crate) struct EnumValue {
    pub name: String,
    pub description: Option<String>,
}

/// The registry entry of the enum `name` with `values`, in order.
pub(crate) fn meta(
    name: String,
    description: Option<String>,
    values: impl IntoIterator<Item = EnumValue>,
    rust_typename: &'static str,
) -> MetaType {
    let enum_values = values
        .into_iter()
        .map(|v| {
            let value = MetaEnumValue {
                name: v.name.clone(),
                description: v.description,
                deprecation: Default::default(),
                visible: None,
                inaccessible: false,
                tags: Vec::new(),
                directive_invocations: Vec::new(),
            };
            (v.name, value)
        })
        .collect();
    MetaType::Enum {
        name,
        description,
        enum_values,
        visible: None,
        inaccessible: false,
        tags: Vec::new(),
        rust_typename: Some(rust_typename),
        directive_invocations: Vec::new(),
        requires_scopes: Vec::new(),
    }
}

/// Parses an input value (an enum literal, or its name as a string in variables) with `find`;
/// a name `find` does not know is refused with `unknown(name)`.
pub(crate) fn parse<T: InputType>(
    value: Option<Value>,
    find: impl FnOnce(&str) -> Option<T>,
    unknown: impl FnOnce(&str) -> String,
) -> InputValueResult<T> {
    let value = value.unwrap_or_default();
    let name = match &value {
        Value::Enum(name) => name.as_str(),
        Value::String(name) => name.as_str(),
        _ => return Err(InputValueError::expected_type(value)),
    };
    find(name).ok_or_else(|| InputValueError::custom(unknown(name)))
}
