//! The primitives every life domain builds on: notes, tasks, people (contacts), places; and
//! the task tree's rule aggregate (no cycles).

pub mod link;
pub mod note;
pub mod person;
pub mod place;
pub mod task;
pub mod task_tree;
