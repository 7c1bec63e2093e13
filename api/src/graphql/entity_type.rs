//! `EntityType`: the GraphQL enum of the registered kinds, its values exactly the kinds' type
//! names (`Note`, `Task`...) read from the registry (`lifeos_domain::registry`) — so the JSON
//! wire form stays the plain type name (outputs and variables), and an unknown kind in a
//! document or in variables is refused by GraphQL itself before any resolver runs.
//!
//! Must never: list kinds by hand, or answer a value that is not a registered kind.

use std::borrow::Cow;

use async_graphql::parser::types::Field;
use async_graphql::registry::{MetaType, MetaTypeId, Registry};
use async_graphql::{ContextSelectionSet, InputType, InputValueResult, Name, OutputType, Positioned, ServerResult, Value};
use lifeos_domain::registry;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ApiError;
use crate::graphql::dynamic_enum::{self, EnumValue};

/// A registered kind, by its type name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntityType(&'static str);

const NAME: &str = "EntityType";

impl EntityType {
    /// The registered kind named `name`, if there is one.
    pub fn named(name: &str) -> Option<Self> {
        registry::type_names().find(|t| *t == name).map(Self)
    }

    /// A kind name read back from storage (the feed, the event log): a name no kind has any
    /// more is an internal error (logged), never an enum value outside the schema.
    pub fn stored(name: &str) -> Result<Self, ApiError> {
        Self::named(name).ok_or_else(|| {
            ApiError::internal("stored entity type is not a registered kind", format!("unknown entity type {name:?}"))
        })
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    fn meta() -> MetaType {
        let value = |name: &'static str| EnumValue { name: name.to_owned(), description: Some(format!("An entity of the `{name}` type.")) };
        let description = "A kind of entity, by its GraphQL type name (`Note`, `Task`...); as JSON, the same name as a string.";
        dynamic_enum::meta(NAME.to_owned(), Some(description.to_owned()), registry::type_names().map(value), std::any::type_name::<Self>())
    }
}

impl std::fmt::Display for EntityType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl InputType for EntityType {
    type RawValueType = Self;

    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed(NAME)
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_input_type::<Self, _>(MetaTypeId::Enum, |_| Self::meta())
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        dynamic_enum::parse(value, Self::named, |name| {
            let kinds: Vec<_> = registry::type_names().collect();
            format!("{name:?} is not a kind of entity (one of {})", kinds.join(", "))
        })
    }

    fn to_value(&self) -> Value {
        Value::Enum(Name::new(self.0))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }
}

impl OutputType for EntityType {
    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed(NAME)
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_output_type::<Self, _>(MetaTypeId::Enum, |_| Self::meta())
    }

    async fn resolve(&self, _: &ContextSelectionSet<'_>, _: &Positioned<Field>) -> ServerResult<Value> {
        Ok(Value::Enum(Name::new(self.0)))
    }
}

impl Serialize for EntityType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for EntityType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::named(&name).ok_or_else(|| serde::de::Error::custom(format!("{name} is not a registered kind")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_values_are_the_registered_type_names_in_registry_order() {
        let MetaType::Enum { enum_values, .. } = EntityType::meta() else { panic!("an enum") };
        let values: Vec<&str> = enum_values.keys().map(String::as_str).collect();
        assert_eq!(values, registry::type_names().collect::<Vec<_>>());
        assert!(values.contains(&"Note") && values.contains(&"Settings"), "{values:?}");
    }

    #[test]
    fn a_variable_is_the_type_name_and_unknown_names_are_refused() {
        let note = <EntityType as InputType>::parse(Some(Value::String("Note".into())));
        assert_eq!(note.ok().map(EntityType::as_str), Some("Note"));
        let literal = <EntityType as InputType>::parse(Some(Value::Enum(Name::new("Task"))));
        assert_eq!(literal.ok().map(|t| t.to_string()), Some("Task".to_owned()));
        assert!(<EntityType as InputType>::parse(Some(Value::String("note".into()))).is_err());
        assert!(EntityType::stored("Gone").is_err());
    }
}
