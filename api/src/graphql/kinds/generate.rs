//! `kind_graphql!`: the API's generator for a kind declaration (the kind's `<kind>_kind!`
//! macro calls it with the declaration; see `lifeos_domain::kind::declare`). It writes the
//! kind's GraphQL output object (kernel fields + declared fields), its create and update
//! inputs (read-only fields left out; required ones non-null on create; absent vs `null` kept
//! on update), its list ordering input and its fields' GraphQL input types (for the list
//! filter, `list/filter.rs`), and — for `api: crud` — the query and mutation objects, thin
//! shells over the generic operations in `operations.rs` and `list/`. async-graphql needs a concrete type and a named
//! method per field; this writes exactly those, and nothing a kind could get wrong by hand.

/// Maps a declared field type to its GraphQL output / input type.
macro_rules! wire_out {
    ($ty:ty) => { <<$ty as lifeos_domain::kind::Column>::Wire as $crate::graphql::kinds::wire::GqlWire>::Out };
}
macro_rules! wire_in {
    ($ty:ty) => { <<$ty as lifeos_domain::kind::Column>::Wire as $crate::graphql::kinds::wire::GqlWire>::In };
}

/// Accumulates the create input's fields, then writes the struct.
macro_rules! create_input {
    ($name:ident [$($done:tt)*]) => {
        /// Absent optional fields take their defaults.
        #[allow(dead_code, reason = "a custom kind's operations may not take every generated input")]
        #[derive(async_graphql::InputObject, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// A client-generated ULID; re-sending the same create with the same id is idempotent.
            #[serde(skip)]
            pub id: Option<async_graphql::ID>,
            $($done)*
        }
    };
    ($name:ident [$($done:tt)*] $(#[$m:meta])* $field:ident ro $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::create_input!($name [$($done)*] $($rest)*);
    };
    ($name:ident [$($done:tt)*] $(#[$m:meta])* $field:ident fix $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::create_input!($name [$($done)* $(#[$m])* pub $field: $crate::graphql::kinds::generate::wire_in!($ty),] $($rest)*);
    };
    ($name:ident [$($done:tt)*] $(#[$m:meta])* $field:ident req $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::create_input!($name [$($done)* $(#[$m])* pub $field: $crate::graphql::kinds::generate::wire_in!($ty),] $($rest)*);
    };
    ($name:ident [$($done:tt)*] $(#[$m:meta])* $field:ident opt $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::create_input!($name [$($done)*
            $(#[$m])* #[serde(skip_serializing_if = "Option::is_none")] pub $field: Option<$crate::graphql::kinds::generate::wire_in!($ty)>,] $($rest)*);
    };
}

/// Accumulates the patch's fields (every field but the read-only ones, absent vs `null`
/// kept), then writes it and the update input (the patch plus id and expected version).
macro_rules! update_input {
    ($name:ident $patch:ident [$($done:tt)*]) => {
        /// Absent fields stay unchanged; `null` clears a nullable field.
        #[derive(async_graphql::InputObject, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $patch {
            $($done)*
        }

        /// Absent fields stay unchanged; `null` clears a nullable field.
        #[allow(dead_code, reason = "a custom kind's operations may not take every generated input")]
        #[derive(async_graphql::InputObject, serde::Serialize)]
        pub struct $name {
            /// The entity to change.
            #[serde(skip)]
            pub id: async_graphql::ID,
            /// The entity's current version; a stale one is a `CONFLICT` naming the current one.
            #[serde(skip)]
            pub expected_version: i64,
            #[graphql(flatten)]
            #[serde(flatten)]
            pub patch: $patch,
        }
    };
    ($name:ident $patch:ident [$($done:tt)*] $(#[$m:meta])* $field:ident fix $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::update_input!($name $patch [$($done)*] $($rest)*);
    };
    ($name:ident $patch:ident [$($done:tt)*] $(#[$m:meta])* $field:ident ro $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::update_input!($name $patch [$($done)*] $($rest)*);
    };
    ($name:ident $patch:ident [$($done:tt)*] $(#[$m:meta])* $field:ident $mode:ident $ty:ty, $($rest:tt)*) => {
        $crate::graphql::kinds::generate::update_input!($name $patch [$($done)*
            $(#[$m])* #[serde(skip_serializing_if = "async_graphql::MaybeUndefined::is_undefined")]
            pub $field: async_graphql::MaybeUndefined<$crate::graphql::kinds::generate::wire_in!($ty)>,] $($rest)*);
    };
}

/// The generic operations of an `api: crud` kind (nothing for `api: custom`).
macro_rules! crud_resolvers {
    // A custom kind contributes no generic operations (its domain's module has its own): an
    // empty object, so the domain's merged objects can list every kind alike.
    (custom $kind:ty, $node:ident, $one:ident, $many:ident) => {
        pastey::paste! {
            pub type [<$node Query>] = async_graphql::EmptyMutation;
            pub type [<$node Mutation>] = async_graphql::EmptyMutation;
        }
    };
    (crud $kind:ty, $node:ident, $one:ident, $many:ident) => {
        pastey::paste! {
            #[derive(Default)]
            pub struct [<$node Query>];

            #[async_graphql::Object]
            impl [<$node Query>] {
                /// One entity of the current workspace, deleted ones included (see `deletedAt`).
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Read)")]
                async fn $one(&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The entity's id.")] id: async_graphql::ID) -> async_graphql::Result<Option<$node>> {
                    $crate::graphql::kinds::operations::get::<$kind, $node>(ctx, &id).await
                }

                /// A page of the current workspace's entities, oldest first unless `orderBy` says
                /// otherwise; deleted ones only if asked. Give `first` (with `after`) or `last`
                /// (with `before`). May end before the count asked for (with more on its far
                /// side) to stay under the response size limit.
                #[graphql(
                    guard = "crate::auth::WorkspaceRole(crate::auth::Access::Read)",
                    complexity = "crate::graphql::cost::page(first.or(last), crate::graphql::kinds::list::DEFAULT_PAGE_LEN, child_complexity)"
                )]
                #[allow(clippy::too_many_arguments)]
                async fn $many(
                    &self,
                    ctx: &async_graphql::Context<'_>,
                    #[graphql(desc = "At most this many from the start (after `after`); 0-500, default 50.")] first: Option<i32>,
                    #[graphql(desc = "Start after this cursor (an edge's `cursor`, a page's `endCursor`).")] after: Option<String>,
                    #[graphql(desc = "At most this many from the end (before `before`); 0-500. Not with `first`.")] last: Option<i32>,
                    #[graphql(desc = "End before this cursor (an edge's `cursor`, a page's `startCursor`).")] before: Option<String>,
                    #[graphql(desc = "Keep only the entities that match every given entry.")] filter: Option<$crate::graphql::kinds::list::KindFilter<$kind>>,
                    #[graphql(desc = "Default: oldest first (`createdAt`, then id, ascending). Cursors belong to one ordering.")] order_by: Option<[<$node Order>]>,
                    #[graphql(default = false, desc = "Include soft-deleted entities.")] include_deleted: bool,
                ) -> async_graphql::Result<async_graphql::connection::Connection<String, $node>> {
                    let args = $crate::graphql::kinds::list::ListArgs {
                        first, after, last, before, include_deleted,
                        filter: filter.unwrap_or_default(),
                        order: [<$node Order>]::ordering(order_by),
                        extra: Vec::new(),
                    };
                    $crate::graphql::kinds::list::page::<$kind, $node>(ctx, args).await
                }
            }

            $crate::graphql::kinds::generate::crud_mutation!($kind, $node, $one);
        }
    };
    // The generic `one` query and mutations; the list is the domain's own (Transaction's
    // `transactions` takes an account, a category, a date range).
    (writes $kind:ty, $node:ident, $one:ident, $many:ident) => {
        pastey::paste! {
            #[derive(Default)]
            pub struct [<$node Query>];

            #[async_graphql::Object]
            impl [<$node Query>] {
                /// One entity of the current workspace, deleted ones included (see `deletedAt`).
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Read)")]
                async fn $one(&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The entity's id.")] id: async_graphql::ID) -> async_graphql::Result<Option<$node>> {
                    $crate::graphql::kinds::operations::get::<$kind, $node>(ctx, &id).await
                }
            }

            $crate::graphql::kinds::generate::crud_mutation!($kind, $node, $one);
        }
    };
}

/// The generic mutations of a kind (create, update, delete, restore).
macro_rules! crud_mutation {
    ($kind:ty, $node:ident, $one:ident) => {
        pastey::paste! {
            #[derive(Default)]
            pub struct [<$node Mutation>];

            #[async_graphql::Object]
            impl [<$node Mutation>] {
                /// Create (idempotent for a re-sent client id with the same content).
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
                async fn [<create_ $one>](&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The new entity's fields.")] input: [<Create $node Input>]) -> async_graphql::Result<$node> {
                    let fields = $crate::graphql::kinds::operations::to_fields(&input)?;
                    $crate::graphql::kinds::operations::create::<$kind, $node>(ctx, input.id, fields).await
                }

                /// Change the given fields; `expectedVersion` must be the current version.
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
                async fn [<update_ $one>](&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The entity, its version and the fields to change.")] input: [<Update $node Input>]) -> async_graphql::Result<$node> {
                    let patch = $crate::graphql::kinds::operations::to_fields(&input)?;
                    let change = $crate::graphql::kinds::operations::Change::Update(patch);
                    $crate::graphql::kinds::operations::change::<$kind, $node>(ctx, &input.id, Some(input.expected_version), change).await
                }

                /// Soft-delete: the entity keeps its history and gets `deletedAt`.
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
                async fn [<delete_ $one>](&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The entity and its current version.")] input: $crate::graphql::kinds::inputs::DeleteInput) -> async_graphql::Result<$node> {
                    let change = $crate::graphql::kinds::operations::Change::Delete;
                    $crate::graphql::kinds::operations::change::<$kind, $node>(ctx, &input.id, Some(input.expected_version), change).await
                }

                /// Undo a delete.
                #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
                async fn [<restore_ $one>](&self, ctx: &async_graphql::Context<'_>, #[graphql(desc = "The entity and its current version.")] input: $crate::graphql::kinds::inputs::RestoreInput) -> async_graphql::Result<$node> {
                    let change = $crate::graphql::kinds::operations::Change::Restore;
                    $crate::graphql::kinds::operations::change::<$kind, $node>(ctx, &input.id, Some(input.expected_version), change).await
                }
            }
        }
    };
}

/// The generator the kind declarations are handed to.
macro_rules! kind_graphql {
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
        #[derive(async_graphql::SimpleObject, serde::Deserialize, Clone)]
        pub struct $node {
            #[graphql(flatten)]
            #[serde(flatten)]
            pub kernel: $crate::graphql::kinds::operations::Kernel,
            $( $(#[$field_meta])* pub $field: $crate::graphql::kinds::generate::wire_out!($ty), )*
        }

        pastey::paste! {
            $crate::graphql::kinds::generate::create_input!([<Create $node Input>] [] $( $(#[$field_meta])* $field $mode $ty, )*);
            $crate::graphql::kinds::generate::update_input!([<Update $node Input>] [<$node Patch>] [] $( $(#[$field_meta])* $field $mode $ty, )*);
        }

        impl $crate::graphql::kinds::list::FieldTypes for $kind {
            const INPUT_TYPES: &'static [fn(&mut async_graphql::registry::Registry) -> String] =
                &[ $( <$crate::graphql::kinds::generate::wire_in!($ty) as async_graphql::InputType>::create_type_info, )* ];
        }

        pastey::paste! {
            /// How a list is ordered: by `field`, then by id in the same direction.
            #[derive(async_graphql::InputObject)]
            pub struct [<$node Order>] {
                /// What to order by.
                pub field: $crate::graphql::kinds::list::OrderField<$kind>,
                /// Ascending unless given.
                #[graphql(default)]
                pub direction: $crate::graphql::kinds::list::OrderDirection,
            }

            impl [<$node Order>] {
                /// The ordering asked for (oldest first when none).
                #[allow(dead_code, reason = "a custom kind's operations may not list it")]
                pub(crate) fn ordering(order: Option<Self>) -> $crate::graphql::kinds::list::Ordering {
                    order.map(|o| $crate::graphql::kinds::list::Ordering { key: o.field.key(), direction: o.direction }).unwrap_or_default()
                }
            }
        }

        $crate::graphql::kinds::generate::crud_resolvers!($api $kind, $node, $one, $many);
    };
}

pub(crate) use {create_input, crud_mutation, crud_resolvers, kind_graphql, update_input, wire_in, wire_out};
