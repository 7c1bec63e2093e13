//! The primitives every life domain builds on: notes, tasks, people (contacts), places.

pub mod link;
pub mod note;
pub mod person;
pub mod place;
pub mod task;
