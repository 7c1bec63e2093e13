//! `tokens create|list|revoke`: personal access tokens for scripts. `create` prints the
//! token — the only time it is ever shown; nothing else prints one.

use serde_json::json;

use crate::args::{Scope, TokenCreateArgs, TokensCommand};
use crate::dates;
use crate::error::CliError;
use crate::ops::{access_tokens, create_access_token, revoke_access_token, AccessTokens, CreateAccessToken, RevokeAccessToken};
use crate::session::Session;

pub async fn run(session: Session, command: TokensCommand) -> Result<(), CliError> {
    let http = session.http()?;
    match command {
        TokensCommand::Create(args) => {
            let variables = create_variables(&session, args)?;
            let created = http.execute::<CreateAccessToken>(variables).await?.create_access_token;
            let mut data = serde_json::to_value(&created.access_token)?;
            data["token"] = json!(created.token);
            eprintln!("lifeos: store this token now; it is not shown again");
            session.print(&data)
        }
        TokensCommand::List => {
            let tokens = http.execute::<AccessTokens>(access_tokens::Variables).await?.access_tokens;
            session.print(&serde_json::to_value(&tokens)?)
        }
        TokensCommand::Revoke { id } => {
            let revoked = http.execute::<RevokeAccessToken>(revoke_access_token::Variables { id: id.clone() }).await?.revoke_access_token;
            session.print(&json!({"id": id, "revoked": revoked}))
        }
    }
}

fn create_variables(session: &Session, args: TokenCreateArgs) -> Result<create_access_token::Variables, CliError> {
    use create_access_token::{AccessTokenScopeInput, TokenAccess};
    let access = if args.write || args.scope == Scope::Write { TokenAccess::WRITE } else { TokenAccess::READ };
    // Default: the workspace this command acts in (`--workspace`, the profile's, else the personal one).
    let here = session.globals.workspace.clone().or_else(|| session.settings().workspace);
    let workspaces: Vec<Option<String>> = if args.workspaces.is_empty() { vec![here] } else { args.workspaces.into_iter().map(Some).collect() };
    let scopes = workspaces.into_iter().map(|workspace_id| AccessTokenScopeInput { workspace_id, access: access.clone() }).collect();
    let expires_at = args.expires.as_deref().map(|t| dates::instant(t, session.now).map(dates::format_instant)).transpose().map_err(|e| CliError::Usage(format!("--expires: {e}")))?;
    Ok(create_access_token::Variables { name: args.name, scopes, expires_at })
}

