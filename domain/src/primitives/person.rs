//! Person: a contact — `displayName`, `emails`, `phones`, `birthday` (a date), `notes`. (The
//! signed-in user is not a Person: "per person" in the domains means the user.)

use crate::entity::kind_rules::{max_chars, required_text, string_list};
use crate::entity::{EntityKind, FieldError};

/// Person's declaration (see `kind::declare`).
#[macro_export]
macro_rules! person_kind {
    ($then:path) => { $then! {
        /// A contact.
        kind Person (PersonKind, PersonFields) in primitives { type: "Person", table: "people", one: person, many: people, api: crud }
        groups []
        key []
        fields {
            /// The name shown for the person.
            display_name: req String [search, filter],
            /// Email addresses.
            emails: opt Vec<String> [search],
            /// Phone numbers, as written.
            phones: opt Vec<String> [search],
            /// The person's birthday, if known.
            birthday: opt Option<$crate::values::Date> [filter],
            /// Free-form notes about the person.
            notes: opt String [search],
        }
    } };
}
crate::person_kind!(crate::declare_kind);

impl EntityKind for PersonKind {
    fn validate(f: &PersonFields) -> Result<(), FieldError> {
        required_text("displayName", &f.display_name, 200)?;
        string_list("emails", &f.emails, 20, 254)?;
        if f.emails.iter().any(|e| !e.contains('@')) {
            return Err(FieldError::new("emails", "every email needs an @"));
        }
        string_list("phones", &f.phones, 20, 50)?;
        max_chars("notes", &f.notes, 100_000)
    }
}
