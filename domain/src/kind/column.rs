//! How a field's Rust type is stored and carried: its SQL column type, whether the column is
//! nullable, and the type the wire layer maps to its own (GraphQL) types — `Self`, except
//! enums, which travel as [`EnumWire`]. Knows no wire library: the API maps these types.

use std::marker::PhantomData;

use super::spec::SqlType;
use crate::values::{CurrencyCode, Date, Decimal, Id, KindName, TimeZone, Timestamp, UtcOffset};

pub trait Column {
    const SQL: SqlType;
    const NULLABLE: bool = false;
    /// The values an enum column may hold (empty: not an enum).
    const VALUES: &'static [&'static str] = &[];
    /// What the wire layer maps (a domain type, never a wire library's).
    type Wire;
}

/// An enum of a kind's field: its GraphQL name and its values (SCREAMING_SNAKE_CASE, as
/// stored). Declared with [`field_enum!`](crate::field_enum).
pub trait FieldEnum {
    const NAME: &'static str;
    const VALUES: &'static [&'static str];
    /// The enum's doc comment, line by line (its GraphQL description).
    const DOC: &'static [&'static str] = &[];
    /// Each value's doc comment, line by line, in the order of `VALUES`.
    const VALUE_DOCS: &'static [&'static [&'static str]] = &[];
}

/// The wire form of a [`FieldEnum`].
pub struct EnumWire<E>(PhantomData<E>);

macro_rules! column {
    ($($t:ty => $sql:ident),* $(,)?) => {
        $(impl Column for $t {
            const SQL: SqlType = SqlType::$sql;
            type Wire = $t;
        })*
    };
}
column!(String => Text, bool => Boolean, i32 => Integer, i64 => BigInt, f64 => Double, Timestamp => Timestamptz, Date => Date, Id => Text, KindName => Text);
// Text in their canonical string forms. A Decimal stays text in kernel rows (a `numeric` reads
// back as a JSON number, and a Decimal never passes through a float); a domain that needs SQL
// arithmetic over one keeps a `numeric` column in its own projection.
column!(TimeZone => Text, CurrencyCode => Text, UtcOffset => Text, Decimal => Text);

impl<T: Column> Column for Option<T> {
    const SQL: SqlType = T::SQL;
    const NULLABLE: bool = true;
    const VALUES: &'static [&'static str] = T::VALUES;
    type Wire = Option<T::Wire>;
}

impl Column for Vec<String> {
    const SQL: SqlType = SqlType::TextArray;
    type Wire = Vec<String>;
}

/// Declares an enum of field values: serde SCREAMING_SNAKE_CASE (the stored and wire form),
/// the first variant the default, a `text` column, and its wire name and values.
#[macro_export]
macro_rules! field_enum {
    (
        $(#[doc = $doc:literal])* $vis:vis enum $name:ident {
            $(#[doc = $first_doc:literal])* $first:ident $(, $(#[doc = $variant_doc:literal])* $variant:ident)* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        $vis enum $name {
            $(#[doc = $first_doc])*
            #[default]
            $first,
            $($(#[doc = $variant_doc])* $variant),*
        }

        impl $crate::kind::Column for $name {
            const SQL: $crate::kind::SqlType = $crate::kind::SqlType::Text;
            const VALUES: &'static [&'static str] = <$name as $crate::kind::FieldEnum>::VALUES;
            type Wire = $crate::kind::EnumWire<$name>;
        }

        impl $crate::kind::FieldEnum for $name {
            const NAME: &'static str = stringify!($name);
            const VALUES: &'static [&'static str] =
                $crate::__pastey::paste! { &[stringify!([<$first:snake:upper>]) $(, stringify!([<$variant:snake:upper>]))*] };
            const DOC: &'static [&'static str] = &[$($doc),*];
            const VALUE_DOCS: &'static [&'static [&'static str]] = &[&[$($first_doc),*] $(, &[$($variant_doc),*])*];
        }
    };
}
