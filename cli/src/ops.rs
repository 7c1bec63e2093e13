//! The CLI's GraphQL operations, compiled against `spec/schema.graphql` (graphql_client): a
//! field the server drops or renames breaks this build, not a user. The kind commands'
//! documents (`graphql/kinds.graphql`, generated from the same schema) are compiled here too,
//! through one of their operations — graphql_client checks every operation of a document.
//! Nothing outside `commands/` uses a generated type.

#![allow(clippy::upper_case_acronyms)]

use graphql_client::GraphQLQuery;

/// The custom scalars as graphql_client expects them in scope: their wire forms.
pub type DateTime = String;
pub type Date = String;
pub type JSON = serde_json::Value;
pub type Long = i64;
pub type CurrencyCode = String;
pub type Decimal = String;
/// The server's registered kinds, kept as their wire form (the type name).
pub type EntityType = String;

macro_rules! operations {
    ($file:literal => $($name:ident),+) => {$(
        #[derive(GraphQLQuery)]
        #[graphql(schema_path = "../spec/schema.graphql", query_path = $file, response_derives = "Debug, Serialize", variables_derives = "Debug, Clone", extern_enums("EntityType"))]
        pub struct $name;
    )+};
}

operations!("graphql/auth.graphql" => SignIn, SignOut, Me);
operations!("graphql/tokens.graphql" => CreateAccessToken, AccessTokens, RevokeAccessToken);
operations!("graphql/read.graphql" => Search, History, EntityAsOf);
operations!("graphql/finance.graphql" => BudgetPeriod);
// Checks the whole generated document of the kind commands (they are sent by name at run time).
operations!("graphql/kinds.graphql" => ListNote);

/// The generated document of the kind commands, as compiled above.
pub const KINDS_DOCUMENT: &str = include_str!("../graphql/kinds.graphql");
