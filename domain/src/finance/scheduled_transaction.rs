//! ScheduledTransaction: a transaction template with an RFC 5545 recurrence rule (`rrule`,
//! e.g. `FREQ=MONTHLY;BYMONTHDAY=1`) from `startsOn`, in the schedule's time zone. The
//! **server** materialises each occurrence as a real Transaction once its local day has begun
//! (devices never do), at a deterministic id per (schedule, occurrence date), so each
//! occurrence is created once — after a crash or with several servers running alike.

use crate::entity::kind_rules::{max_chars, required_text};
use crate::entity::{EntityKind, FieldError, Fields};

/// ScheduledTransaction's declaration (see `kind::declare`).
#[macro_export]
macro_rules! scheduled_transaction_kind {
    ($then:path) => { $then! {
        /// A recurring transaction the server creates when due.
        kind ScheduledTransaction (ScheduledTransactionKind, ScheduledTransactionFields) in finance { type: "ScheduledTransaction", table: "scheduled_transactions", one: scheduled_transaction, many: scheduled_transactions, api: crud }
        groups []
        key []
        fields {
            /// A name for the schedule ("Rent").
            name: req String [search, filter],
            /// The recurrence: an RFC 5545 RRULE value such as `FREQ=MONTHLY;BYMONTHDAY=1` (no DTSTART: that is `startsOn`).
            rrule: req String,
            /// The first day occurrences may fall on.
            starts_on: req $crate::values::Date [filter],
            /// The last day occurrences may fall on (null: open-ended).
            ends_on: opt Option<$crate::values::Date>,
            /// The zone whose days the occurrences follow (null: UTC).
            time_zone: opt Option<$crate::values::TimeZone>,
            /// Paused schedules create nothing.
            paused: opt bool [filter],
            /// The payee of the transactions it creates.
            payee_id: opt Option<$crate::values::Id> [references("Payee")],
            /// Their memo.
            memo: opt String,
            /// Their postings (balanced like a transaction's).
            postings: req $crate::finance::posting::Postings,
        }
    } };
}
crate::scheduled_transaction_kind!(crate::declare_kind);

impl EntityKind for ScheduledTransactionKind {
    fn validate(f: &ScheduledTransactionFields) -> Result<(), FieldError> {
        required_text("name", &f.name, 200)?;
        required_text("rrule", &f.rrule, 1_000)?;
        crate::finance::recurrence::parse("rrule", &f.rrule, f.starts_on.get())?;
        if f.starts_on.is_unset() {
            return Err(FieldError::new("startsOn", "is required"));
        }
        if f.ends_on.is_some_and(|end| end < f.starts_on) {
            return Err(FieldError::new("endsOn", "must not be before startsOn"));
        }
        max_chars("memo", &f.memo, 10_000)?;
        f.postings.check().map(|_| ())
    }

    fn inner_references(named: &Fields) -> Vec<(&'static str, &'static str, String)> {
        crate::finance::transaction::TransactionKind::inner_references(named)
    }
}
