//! Person: `displayName`, `emails`, `phones`, `birthday` (a date), `notes`.

use serde::{Deserialize, Serialize};

use crate::entity::kind_rules::{max_chars, required_text, string_list};
use crate::entity::{Entity, EntityKind, FieldError};
use crate::values::Date;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonKind;

pub type Person = Entity<PersonKind>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PersonFields {
    pub display_name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<Date>,
    pub notes: String,
}

impl EntityKind for PersonKind {
    const TYPE: &'static str = "Person";
    type Fields = PersonFields;

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
