//! `entity_resolvers!`: the query and mutation objects of one kind. async-graphql needs a
//! concrete type and a named method per field, so this writes those thin shells — all logic
//! is in the generic operations of the parent module.

macro_rules! entity_resolvers {
    (
        kind: $kind:ty, node: $node:ident, create_input: $create_input:ident, update_input: $update_input:ident,
        query: $query:ident { one: $one:ident, many: $many:ident },
        mutation: $mutation:ident { create: $create:ident, update: $update:ident, delete: $delete:ident, restore: $restore:ident },
    ) => {
        #[derive(Default)]
        pub struct $query;

        #[async_graphql::Object]
        impl $query {
            /// One entity of the current workspace, deleted ones included (see `deletedAt`).
            #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Read)")]
            async fn $one(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<Option<$node>> {
                super::get::<$kind, $node>(ctx, &id).await
            }

            /// A page of the current workspace's entities, oldest first; deleted ones only if asked.
            /// May end before `first` (with `hasNextPage`) to stay under the response size limit.
            #[graphql(
                guard = "crate::auth::WorkspaceRole(crate::auth::Access::Read)",
                complexity = "crate::graphql::cost::page(first, super::DEFAULT_PAGE_LEN, child_complexity)"
            )]
            async fn $many(
                &self,
                ctx: &async_graphql::Context<'_>,
                first: Option<i32>,
                after: Option<String>,
                #[graphql(default = false)] include_deleted: bool,
            ) -> async_graphql::Result<async_graphql::connection::Connection<String, $node>> {
                super::page::<$kind, $node>(ctx, first, after, include_deleted).await
            }
        }

        #[derive(Default)]
        pub struct $mutation;

        #[async_graphql::Object]
        impl $mutation {
            /// Create (idempotent for a re-sent client id with the same content).
            #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
            async fn $create(&self, ctx: &async_graphql::Context<'_>, input: $create_input) -> async_graphql::Result<$node> {
                let fields = super::to_fields(&input)?;
                super::create::<$kind, $node>(ctx, input.id, fields).await
            }

            /// Change the given fields; `expectedVersion` must be the current version.
            #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
            async fn $update(&self, ctx: &async_graphql::Context<'_>, input: $update_input) -> async_graphql::Result<$node> {
                let patch = super::to_fields(&input)?;
                super::change::<$kind, $node>(ctx, &input.id, input.expected_version, super::Change::Update(patch)).await
            }

            /// Soft-delete: the entity keeps its history and gets `deletedAt`.
            #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
            async fn $delete(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i64,
            ) -> async_graphql::Result<$node> {
                super::change::<$kind, $node>(ctx, &id, expected_version, super::Change::Delete).await
            }

            /// Undo a delete.
            #[graphql(guard = "crate::auth::WorkspaceRole(crate::auth::Access::Write)")]
            async fn $restore(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                expected_version: i64,
            ) -> async_graphql::Result<$node> {
                super::change::<$kind, $node>(ctx, &id, expected_version, super::Change::Restore).await
            }
        }
    };
}

pub(crate) use entity_resolvers;
