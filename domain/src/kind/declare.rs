//! `declare_kind!`: the domain side of a kind declaration. Every kind file holds one macro,
//! `<kind>_kind!`, whose body is the kind's declaration — its names, table, groups and fields
//! with their types and flags — and hands it to whichever generator it is called with: this
//! one (the fields struct, the kind marker, its [`Declared`](super::Declared) spec), the API's
//! (the GraphQL types and resolvers). So a field list is written once and never copied.
//!
//! The declaration's grammar (see `primitives/task.rs` for a whole one):
//!
//! ```text
//! kind Task (TaskKind, TaskFields) in primitives { type: "Task", table: "tasks", one: task, many: tasks, api: crud }
//! groups [ ["latitude", "longitude"] ]
//! key [ ]            // the natural key's fields, if any: ["fromType", "fromId", ...]
//! fields {
//!     /// doc comment (the GraphQL description)
//!     title: req String [search],
//!     completed_at: ro Option<$crate::values::Timestamp>,
//!     parent_id: opt Option<$crate::values::Id> [references("Task"), filter],
//! }
//! ```
//!
//! `req` / `opt` / `ro` / `fix`: required on create / optional / not in the inputs / required on
//! create and fixed from then on (not in the update inputs, implies `immutable`) ([`Input`]). Flags
//! are the [`FieldSpec`] builder methods: `filter`, `search`, `immutable`,
//! `references("Kind")`, `typed_by("typeField")`. `api: crud` gives the kind the generic
//! GraphQL operations; `api: writes` all but the list (its domain writes its own); `api: custom` leaves them to its domain's GraphQL module. Types are
//! written with `$crate::` paths: the declaration is expanded in other crates too.
//!
//! [`Input`]: super::Input
//! [`FieldSpec`]: super::FieldSpec

#[doc(hidden)]
#[macro_export]
macro_rules! __input_mode {
    (req) => {
        $crate::kind::Input::Required
    };
    (opt) => {
        $crate::kind::Input::Optional
    };
    (ro) => {
        $crate::kind::Input::ReadOnly
    };
    (fix) => {
        $crate::kind::Input::Fixed
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __api_crud {
    (crud) => {
        true
    };
    (writes) => {
        true
    };
    (custom) => {
        false
    };
}

/// The domain generator: the fields struct (serde camelCase, unknown keys refused, missing
/// keys defaulted), the kind marker, the `Entity` alias and the [`Declared`](crate::kind::Declared) spec.
#[macro_export]
macro_rules! declare_kind {
    (
        $(#[$kind_meta:meta])*
        kind $node:ident ($kind:ident, $fields:ident) in $domain:ident {
            type: $type_name:literal, table: $table:literal, one: $one:ident, many: $many:ident, api: $api:ident $(,)?
        }
        groups [ $( [ $($member:literal),* ] ),* $(,)? ]
        key [ $($key:literal),* $(,)? ]
        fields {
            $( $(#[$field_meta:meta])* $field:ident : $mode:ident $ty:ty $([ $($flag:ident $(( $($arg:tt)* ))?),* $(,)? ])? ),* $(,)?
        }
    ) => {
        $(#[$kind_meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $kind;

        pub type $node = $crate::entity::Entity<$kind>;

        #[doc = concat!("The fields of a ", $type_name, ", as declared in its `_kind!` macro.")]
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields, default)]
        pub struct $fields {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        $crate::__pastey::paste! {
            impl $crate::kind::Declared for $kind {
                type Fields = $fields;
                const SPEC: $crate::kind::KindSpec = $crate::kind::KindSpec {
                    type_name: $type_name,
                    table: $table,
                    domain: stringify!($domain),
                    crud: $crate::__api_crud!($api),
                    fields: &[$(
                        $crate::kind::FieldSpec::new(
                            stringify!([<$field:lower_camel>]),
                            stringify!($field),
                            <$ty as $crate::kind::Column>::SQL,
                            <$ty as $crate::kind::Column>::NULLABLE,
                            $crate::__input_mode!($mode),
                        ).values(<$ty as $crate::kind::Column>::VALUES) $($( .$flag($($($arg)*)?) )*)?
                    ),*],
                    groups: &[$( &[$($member),*] ),*],
                    natural_key: &[$($key),*],
                };
            }
        }
    };
}
