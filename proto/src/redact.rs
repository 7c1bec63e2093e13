//! How a secret (a session or access token) may appear anywhere a person can read it: logs,
//! command output, `--verbose` traces, error messages — only as `…` and its last 6 characters.

/// The printable form of a token.
pub fn redacted(token: &str) -> String {
    let tail: String = token.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_six_characters_remain() {
        assert_eq!(redacted("abcdefghijkl"), "…ghijkl");
        assert_eq!(redacted("abc"), "…abc");
    }
}
