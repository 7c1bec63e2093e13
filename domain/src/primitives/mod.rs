//! The primitives every life domain builds on: notes, tasks, people (contacts), places.

pub mod note;
pub mod person;
pub mod place;
pub mod task;
