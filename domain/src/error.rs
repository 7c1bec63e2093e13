//! How a rejected command is classified. Every domain error enum maps itself onto one
//! [`ErrorKind`]; the API maps kinds onto wire codes in exactly one place.

/// The class of a business-rule rejection (never an infrastructure failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Input breaks a rule about its own shape or values.
    Validation,
    /// The command conflicts with current state (exists already, stale version, ...).
    Conflict,
    /// The thing addressed does not exist.
    NotFound,
    /// The actor is not allowed to do this.
    Forbidden,
}
