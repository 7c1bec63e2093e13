//! The domain platform: what a kind of entity is made of. A kind is declared once (its
//! `<kind>_kind!` macro, expanded by [`declare_kind!`](crate::declare_kind) here and by the API's
//! generator there), registered once (`registry.rs`), and everything else — columns, wire types,
//! dispatch by type name, reference checks — is derived from its [`KindSpec`]. Pure data and
//! macros: no I/O.

mod column;
mod declare;
mod spec;

pub use column::{Column, EnumWire, FieldEnum};
pub use spec::{FieldSpec, Input, KindSpec, Reference, SqlType, KERNEL_COLUMNS, KERNEL_SQL_TYPES};

/// A declared kind: its fields struct and its spec. Implemented by `declare_kind!` only.
pub trait Declared {
    /// The typed field set; serde camelCase, `deny_unknown_fields`, `default`.
    type Fields;
    const SPEC: KindSpec;
}
