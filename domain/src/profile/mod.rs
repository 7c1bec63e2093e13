//! What belongs to the signed-in user within a workspace (not a contact: that is a Person).

pub mod settings;
