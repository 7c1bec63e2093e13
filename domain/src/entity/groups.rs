//! Field groups ([`EntityKind::groups`]): fields only valid together, which a device's merge
//! treats as one register. Here: checking a kind's declaration, finding a field's group,
//! refusing a write that names part of a group, and the clock of a group's register. Pure;
//! must never decide a merge itself (that is `merge.rs`) or store a register of its own (a
//! group's clock is read from its members' clocks, so entities older than the group load).

use std::collections::BTreeSet;

use super::aggregate::Entity;
use lifeos_proto::Hlc;
use super::kind::{EntityKind, FieldError};
use super::types::Fields;

/// A kind's groups are well formed: none empty, each member one of `fields`, no field named
/// twice (in one group or across groups). The error names the offending field.
pub fn check_groups(fields: &[&str], groups: &[&[&str]]) -> Result<(), FieldError> {
    let mut seen = BTreeSet::new();
    for group in groups {
        let Some(first) = group.first() else {
            return Err(FieldError::new("groups", "a group must name at least one field"));
        };
        if group.len() < 2 {
            return Err(FieldError::new(first, "a group must name at least two fields"));
        }
        for member in *group {
            if !fields.contains(member) {
                return Err(FieldError::new(member, "a group names a field the kind does not have"));
            }
            if !seen.insert(*member) {
                return Err(FieldError::new(member, "a field may be in at most one group"));
            }
        }
    }
    Ok(())
}

/// The group `field` belongs to, if any.
pub fn group_of<K: EntityKind>(field: &str) -> Option<&'static [&'static str]> {
    K::groups().iter().copied().find(|group| group.contains(&field))
}

/// A device's write names every member of each group it touches; else VALIDATION naming the
/// first missing member (in declaration order).
pub fn require_whole_groups<K: EntityKind>(written: &Fields) -> Result<(), FieldError> {
    for group in K::groups() {
        if !group.iter().any(|m| written.contains_key(*m)) {
            continue;
        }
        if let Some(missing) = group.iter().find(|m| !written.contains_key(**m)) {
            let message = format!("fields of the group {} must be written together", group.join("+"));
            return Err(FieldError::new(missing, message));
        }
    }
    Ok(())
}

/// The registers a write to `written` stamps: its fields, and every member of their groups.
pub fn stamped<K: EntityKind>(written: &Fields) -> BTreeSet<&str> {
    let mut registers: BTreeSet<&str> = written.keys().map(String::as_str).collect();
    for group in K::groups() {
        if group.iter().any(|m| registers.contains(m)) {
            registers.extend(group.iter().copied());
        }
    }
    registers
}

impl<K: EntityKind> Entity<K> {
    /// The clock of the register `field` competes for: its group's — the greatest of the
    /// members' clocks, so a group whose members were stamped apart (events from before the
    /// group was declared) has the clock of its last write — else the field's own.
    pub fn register_clock(&self, field: &str) -> Hlc {
        match group_of::<K>(field) {
            Some(members) => members.iter().map(|m| self.clock_of(m)).max().unwrap_or_default(),
            None => self.clock_of(field),
        }
    }
}
