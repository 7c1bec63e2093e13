//! Every registered kind over GraphQL, generated from the registry and the kinds' declarations
//! (`lifeos_domain::for_each_kind!`, each kind's `<kind>_kind!`): one module per kind with its
//! output object and inputs (and, for `api: crud`, its query and mutation objects), and per
//! life domain one merged query and one merged mutation object of its kinds' operations —
//! which the domain's GraphQL module (`graphql/<domain>.rs`) merges with its custom ones.

mod generate;
pub(crate) mod inputs;
pub(crate) mod list;
pub(crate) mod operations;
pub(crate) mod wire;

use generate::kind_graphql;

macro_rules! graphql_kinds {
    ($($domain:ident [$($kind:ident)*])*) => {
        pastey::paste! {
            $($(
                pub mod $kind {
                    use lifeos_domain::$domain::$kind::[<$kind:camel Kind>];

                    lifeos_domain::[<$kind _kind>]!(super::kind_graphql);
                }
            )*)*

            $(
                /// The generic operations of this domain's `api: crud` kinds.
                #[derive(async_graphql::MergedObject, Default)]
                pub struct [<$domain:camel KindQuery>]($($kind::[<$kind:camel Query>]),*);

                #[derive(async_graphql::MergedObject, Default)]
                pub struct [<$domain:camel KindMutation>]($($kind::[<$kind:camel Mutation>]),*);
            )*
        }
    };
}
lifeos_domain::for_each_kind!(graphql_kinds);
