//! The inputs of the mutations that address an entity only by id and expected version
//! (delete, restore, a kind's transitions): one input object each, like create and update,
//! written by one macro so they cannot drift apart. Shared by every kind for the kernel
//! operations (`DeleteInput`, `RestoreInput`): the shape is the kernel's, not a kind's.

/// Writes a `{ id, expectedVersion }` input object.
macro_rules! versioned_input {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(async_graphql::InputObject)]
        pub struct $name {
            /// The entity's id.
            pub id: async_graphql::ID,
            /// Must be the entity's current version (else `CONFLICT` with the current one).
            pub expected_version: i64,
        }
    };
}
pub(crate) use versioned_input;

versioned_input!(
    /// Which entity to soft-delete, at which version.
    DeleteInput
);
versioned_input!(
    /// Which deleted entity to restore, at which version.
    RestoreInput
);
