//! The GraphQL form of each domain field type: what a declared field of that type is in the
//! output object (`Out`, read back from the row's JSON) and in the inputs (`In`, written to
//! the command's JSON fields). Enums are GraphQL enums built from the domain's declared values
//! ([`GqlEnum`]), so an enum's values are listed once, in the domain.

use std::borrow::Cow;
use std::marker::PhantomData;

use async_graphql::parser::types::Field;
use async_graphql::registry::{MetaType, MetaTypeId, Registry};
use async_graphql::{
    ContextSelectionSet, InputType, InputValueResult, Name, OutputType, Positioned, ServerResult, Value, ID,
};
use lifeos_domain::kind::{EnumWire, FieldEnum};
use lifeos_domain::values::{self, Date, Id, Timestamp};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::graphql::entity_type::EntityType;
use crate::graphql::dynamic_enum::{self, EnumValue};
use crate::graphql::scalars;

/// A domain field type's GraphQL types.
pub trait GqlWire {
    type Out: OutputType + DeserializeOwned + Clone;
    type In: InputType + Serialize;
}

macro_rules! same {
    ($($t:ty),*) => { $(impl GqlWire for $t { type Out = $t; type In = $t; })* };
}
same!(String, bool, i32, f64);

impl GqlWire for i64 {
    type Out = scalars::Long;
    type In = scalars::Long;
}

impl GqlWire for Timestamp {
    type Out = scalars::DateTime;
    type In = scalars::DateTime;
}

impl GqlWire for Date {
    type Out = scalars::Date;
    type In = scalars::Date;
}

impl GqlWire for values::KindName {
    type Out = EntityType;
    type In = EntityType;
}

impl GqlWire for Id {
    type Out = ID;
    type In = ID;
}

macro_rules! scalar {
    ($($t:ident),*) => { $(impl GqlWire for values::$t { type Out = scalars::$t; type In = scalars::$t; })* };
}
scalar!(Decimal, UtcOffset, TimeZone, CurrencyCode);

impl<T: GqlWire> GqlWire for Option<T> {
    type Out = Option<T::Out>;
    type In = Option<T::In>;
}

impl<T: GqlWire> GqlWire for Vec<T> {
    type Out = Vec<T::Out>;
    type In = Vec<T::In>;
}

impl<E: FieldEnum + Send + Sync + 'static> GqlWire for EnumWire<E> {
    type Out = GqlEnum<E>;
    type In = GqlEnum<E>;
}

/// A declared field enum as a GraphQL enum; its value is the stored (SCREAMING_SNAKE) name.
pub struct GqlEnum<E> {
    value: &'static str,
    kind: PhantomData<fn() -> E>,
}

impl<E> Clone for GqlEnum<E> {
    fn clone(&self) -> Self {
        Self { value: self.value, kind: PhantomData }
    }
}

impl<E: FieldEnum> GqlEnum<E> {
    fn new(name: &str) -> Option<Self> {
        E::VALUES.iter().find(|v| **v == name).map(|value| Self { value, kind: PhantomData })
    }

    fn meta() -> MetaType {
        let docs = E::VALUE_DOCS.iter().copied().chain(std::iter::repeat(&[][..]));
        let values = E::VALUES.iter().zip(docs).map(|(v, doc)| EnumValue { name: (*v).to_owned(), description: description(doc) });
        dynamic_enum::meta(E::NAME.to_owned(), description(E::DOC), values, std::any::type_name::<Self>())
    }
}

/// A doc comment's lines as a GraphQL description (none when there is no comment).
fn description(lines: &[&str]) -> Option<String> {
    let text: Vec<&str> = lines.iter().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    Some(text.join("\n")).filter(|t| !t.trim().is_empty())
}

impl<E: FieldEnum + Send + Sync> InputType for GqlEnum<E> {
    type RawValueType = Self;

    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed(E::NAME)
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_input_type::<Self, _>(MetaTypeId::Enum, |_| Self::meta())
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        dynamic_enum::parse(value, Self::new, |name| format!(r#"Enumeration type does not contain value "{name}"."#))
    }

    fn to_value(&self) -> Value {
        Value::Enum(Name::new(self.value))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }
}

impl<E: FieldEnum + Send + Sync> OutputType for GqlEnum<E> {
    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed(E::NAME)
    }

    fn create_type_info(registry: &mut Registry) -> String {
        registry.create_output_type::<Self, _>(MetaTypeId::Enum, |_| Self::meta())
    }

    async fn resolve(&self, _: &ContextSelectionSet<'_>, _: &Positioned<Field>) -> ServerResult<Value> {
        Ok(Value::Enum(Name::new(self.value)))
    }
}

impl<E> Serialize for GqlEnum<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.value)
    }
}

impl<'de, E: FieldEnum> Deserialize<'de> for GqlEnum<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::new(&name).ok_or_else(|| serde::de::Error::custom(format!("{name} is not a value of {}", E::NAME)))
    }
}
