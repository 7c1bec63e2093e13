//! Price: the rate between two currencies (or a commodity code) on a date — one
//! `baseCurrency` is worth `rate` `quoteCurrency` — for net worth on days no transaction
//! carries one. One per (date, base, quote): its id is the natural id of the three, so two
//! devices entering the same day's rate make one price.

use rust_decimal::Decimal;

use crate::entity::{EntityKind, FieldError};

/// Price's declaration (see `kind::declare`).
#[macro_export]
macro_rules! price_kind {
    ($then:path) => { $then! {
        /// An exchange rate on a date.
        kind Price (PriceKind, PriceFields) in finance { type: "Price", table: "prices", one: price, many: prices, api: crud }
        groups []
        key ["date", "baseCurrency", "quoteCurrency"]
        fields {
            /// The day the rate holds from.
            date: fix $crate::values::Date [filter],
            /// The currency priced.
            base_currency: fix $crate::values::CurrencyCode [filter],
            /// The currency it is priced in.
            quote_currency: fix $crate::values::CurrencyCode [filter],
            /// How many `quoteCurrency` one `baseCurrency` is worth (exact, positive).
            rate: req $crate::values::Decimal,
        }
    } };
}
crate::price_kind!(crate::declare_kind);

impl EntityKind for PriceKind {
    fn validate(f: &PriceFields) -> Result<(), FieldError> {
        if f.date.is_unset() {
            return Err(FieldError::new("date", "is required"));
        }
        if f.base_currency.is_unset() {
            return Err(FieldError::new("baseCurrency", "is required"));
        }
        if f.quote_currency.is_unset() || f.quote_currency == f.base_currency {
            return Err(FieldError::new("quoteCurrency", "is required and must differ from baseCurrency"));
        }
        if f.rate.get() <= Decimal::ZERO {
            return Err(FieldError::new("rate", "must be positive"));
        }
        Ok(())
    }
}
