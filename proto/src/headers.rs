//! The HTTP headers a client sends besides `Authorization`, named once for every party.

/// The workspace a request acts in (default: the caller's personal one).
pub const WORKSPACE: &str = "x-lifeos-workspace";
/// A device's stable id (mobile/desktop clients, the CLI); recorded as `client_id` on its events.
pub const CLIENT_ID: &str = "x-lifeos-client-id";
/// The id of one request, set by the server (or echoed if the client sent one); shown by
/// `lifeos --verbose` and in every server log line of the request.
pub const REQUEST_ID: &str = "x-request-id";
