//! A transaction's postings on the wire: the `Posting` object and `PostingInput`, the GraphQL
//! form of `lifeos_domain::finance::posting::Postings` (its declared field type).

use async_graphql::{InputObject, SimpleObject, ID};
use lifeos_domain::finance::posting::Postings;
use serde::{Deserialize, Serialize};

use crate::graphql::kinds::wire::GqlWire;
use crate::graphql::scalars::{CurrencyCode, Long};

/// One line of a transaction: the change to one account's or category's balance.
#[derive(SimpleObject, Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Posting {
    /// The own account (null when the posting is to a category).
    pub account_id: Option<ID>,
    /// The budget category (null when the posting is to an account).
    pub category_id: Option<ID>,
    /// The change in minor units: money into an account positive, spending on a category positive.
    pub amount_minor: Long,
    /// The posting's currency (an account's own).
    pub currency_code: CurrencyCode,
    /// A note on this line.
    #[serde(default)]
    pub memo: String,
}

/// One line of a transaction: at most one of `accountId` and `categoryId` (neither: uncategorized).
#[derive(InputObject, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostingInput {
    /// An own account (its currency must be `currencyCode`).
    pub account_id: Option<ID>,
    /// A budget category.
    pub category_id: Option<ID>,
    /// The change in minor units (money into an account positive, spending on a category positive).
    pub amount_minor: Long,
    /// The posting's currency (an account's own).
    pub currency_code: CurrencyCode,
    /// A note on this line.
    #[graphql(default)]
    pub memo: String,
}

impl GqlWire for Postings {
    type Out = Vec<Posting>;
    type In = Vec<PostingInput>;
}
