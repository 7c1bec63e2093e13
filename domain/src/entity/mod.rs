//! The generic entity kernel: one aggregate, `Entity<K>`, for every kernel-row kind (Note,
//! Task, Person, Place, and later domains). A kind contributes only its typed field set, its
//! validation and its named transitions; creation, patches, soft delete, restore, versions
//! and optimistic concurrency are written once, here.

mod aggregate;
mod groups;
mod kind;
mod merge;
mod patch;
mod types;

#[cfg(test)]
mod merge_group_tests;
#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod value_tests;

pub use aggregate::{Entity, DELETED};
pub use lifeos_proto::hlc::{Hlc, MAX_CLOCK_DRIFT_MS};
pub use groups::check_groups;
pub use merge::Merge;
pub use kind::{EntityKind, FieldError};

/// Shared field rules for kinds.
pub mod kind_rules {
    pub use super::kind::{max_chars, required_text, string_list};
}
pub use patch::{defaults, merge, normalize, storable};
pub use types::{EntityCommand, EntityError, EntityEvent, Fields, MergeOp};
