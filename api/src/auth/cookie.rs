//! The session cookie: `HttpOnly`, `SameSite=Lax`, `Secure` unless configured off (plain-http
//! localhost), `Path=/`.

use std::time::Duration;

pub const NAME: &str = "lifeos_session";

pub fn set(token: &str, max_age: Duration, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}", max_age.as_secs())
}

pub fn clear(secure: bool) -> String {
    set("", Duration::ZERO, secure)
}

/// The session token from a `Cookie` header, if present.
pub fn read(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes_and_parsing() {
        let c = set("tok", Duration::from_secs(60), true);
        assert_eq!(c, "lifeos_session=tok; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
        assert!(!set("tok", Duration::from_secs(60), false).contains("Secure"));
        assert_eq!(read("a=1; lifeos_session=tok; b=2"), Some("tok"));
        assert_eq!(read("lifeos_session="), None);
        assert_eq!(read("other=1"), None);
    }
}
