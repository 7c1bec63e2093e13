//! The CLI's one error type and its exit codes — 0 ok, 1 error, 2 usage, 3 auth, 4 not
//! found, 5 conflict; the server refusing input (`VALIDATION`) is 1, a command line clap
//! refuses is 2 — mapped from the server's `extensions.code` here and nowhere else.
//! Messages never hold a token (the server never echoes one; local ones are redacted).

use lifeos_client::ClientError;

use crate::credentials::CredentialError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Auth(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("configuration: {0}")]
    Config(String),
    #[error("{0}")]
    Credentials(#[from] CredentialError),
    #[error("{message}")]
    Invalid { field: Option<String>, message: String },
    #[error("{0}")]
    Server(String),
    #[error("{0}")]
    Io(String),
    /// Already printed (clap's usage errors): exit with this code.
    #[error("exit {0}")]
    Reported(i32),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Auth(_) => 3,
            CliError::NotFound(_) => 4,
            CliError::Conflict(_) => 5,
            CliError::Reported(code) => *code,
            _ => 1,
        }
    }
}

impl From<ClientError> for CliError {
    fn from(error: ClientError) -> Self {
        let text = error.to_string();
        match &error {
            ClientError::Server(e) => match e.code.as_str() {
                "UNAUTHENTICATED" | "FORBIDDEN" => CliError::Auth(text),
                "NOT_FOUND" => CliError::NotFound(text),
                "CONFLICT" | "VERSION_CONFLICT" => CliError::Conflict(text),
                "VALIDATION" => CliError::Invalid { field: e.field.clone(), message: text },
                _ => CliError::Server(text),
            },
            ClientError::HttpStatus { status: 401 | 403, .. } => CliError::Auth(text),
            ClientError::HttpStatus { status: 404, .. } => CliError::NotFound(text),
            ClientError::HttpStatus { status: 409, .. } => CliError::Conflict(text),
            _ => CliError::Server(text),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        CliError::Io(error.to_string())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(error: serde_json::Error) -> Self {
        CliError::Io(format!("json: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_codes_become_the_documented_exit_codes() {
        let server = |code: &str| CliError::from(ClientError::Server(lifeos_client::ServerError { code: code.into(), field: None, message: "m".into() }));
        let codes: Vec<i32> = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "VALIDATION", "INTERNAL"].iter().map(|c| server(c).exit_code()).collect();
        assert_eq!(codes, vec![3, 3, 4, 5, 1, 1]);
    }
}
