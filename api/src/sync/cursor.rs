//! Sync cursors: opaque to clients, a feed position plus the workspace it belongs to, so a
//! cursor can only continue the feed it came from. Anything the server cannot continue from
//! exactly — garbage, another workspace's cursor, an unknown format version, or a position
//! past the feed's end (a restored or rebuilt server) — is `RESET_REQUIRED`, never a guess.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use lifeos_projections::feed::Position;

use crate::error::ApiError;

const VERSION: &str = "c1";

pub fn encode(workspace_id: &str, position: Position) -> String {
    URL_SAFE_NO_PAD.encode(format!("{VERSION}:{workspace_id}:{}:{}", position.transaction_id, position.global_position))
}

/// The position after which to continue; `None` (no cursor) is the start of the feed.
pub fn decode(workspace_id: &str, cursor: Option<&str>) -> Result<Position, ApiError> {
    let Some(cursor) = cursor.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(Position { transaction_id: 0, global_position: 0 });
    };
    let reset = |why: &str| ApiError::ResetRequired(format!("cannot continue from this cursor ({why}); pull again from the start"));
    let text = URL_SAFE_NO_PAD.decode(cursor).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(|| reset("malformed"))?;
    let mut parts = text.split(':');
    let (Some(version), Some(workspace), Some(tx), Some(pos), None) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(reset("malformed"));
    };
    if version != VERSION {
        return Err(reset("from an older server version"));
    }
    if workspace != workspace_id {
        return Err(reset("from another workspace"));
    }
    match (tx.parse(), pos.parse()) {
        (Ok(transaction_id), Ok(global_position)) => Ok(Position { transaction_id, global_position }),
        _ => Err(reset("malformed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_foreign_or_garbled_cursors() {
        let at = Position { transaction_id: 812, global_position: 77 };
        let cursor = encode("W1", at);
        assert_eq!(decode("W1", Some(&cursor)).ok(), Some(at));
        assert_eq!(decode("W1", None).ok(), Some(Position { transaction_id: 0, global_position: 0 }));
        for bad in [cursor.as_str(), "garbage!", "", "YzE6VzE6eDp5"] {
            let result = decode("W2", Some(bad));
            assert!(bad.is_empty() || matches!(result, Err(ApiError::ResetRequired(_))), "{bad}");
        }
    }
}
