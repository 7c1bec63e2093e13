//! `login`, `logout`, `whoami`, `profiles list|use|remove`, `auth status`: signing in per
//! profile, where each credential is kept, and which profile is current. A password is read
//! without echo or from `--password-stdin`, never from a flag; a token is never printed.

use std::io::BufRead;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use crate::args::{LoginArgs, ProfilesCommand};
use crate::credentials::Backend;
use crate::error::CliError;
use crate::ops::{me, sign_in, Me, SignIn, SignOut};
use crate::session::Session;

pub async fn login(session: Session, args: LoginArgs) -> Result<(), CliError> {
    let server = session.server().map_err(|_| CliError::Usage("give --server URL (the profile has none yet)".into()))?;
    if args.token_stdin {
        keep_token(session, &server).await
    } else {
        sign_in(session, args, &server).await
    }
}

async fn sign_in(mut session: Session, args: LoginArgs, server: &str) -> Result<(), CliError> {
    let email = match args.email.clone() {
        Some(email) => email,
        None if args.password_stdin => return Err(CliError::Usage("with --password-stdin, give --email too".into())),
        None => prompt_line("Email: ")?,
    };
    let password = if args.password_stdin { first_stdin_line()? } else { prompt_password()? };
    let http = session.anonymous(server)?;
    let input = sign_in::SignInInput { email: email.clone(), password: password.expose_secret().to_owned(), client_name: Some(format!("lifeos CLI ({})", session.profile)) };
    let signed_in = http.execute::<SignIn>(sign_in::Variables { input }).await?.sign_in;
    let backend = session.vault().store(&session.profile, &SecretString::from(signed_in.token))?;
    remember(&mut session, server, &signed_in.user.email)?;
    session.print(&json!({
        "profile": session.profile, "server": server, "email": signed_in.user.email, "userId": signed_in.user.id,
        "sessionId": signed_in.session.id, "expiresAt": signed_in.expires_at, "credential": backend.as_str(),
    }))
}

/// `login --token-stdin`: a token checked with `me`, then stored.
async fn keep_token(mut session: Session, server: &str) -> Result<(), CliError> {
    let token = first_stdin_line()?;
    let http = session.anonymous(server)?.token(SecretString::from(token.expose_secret()));
    let me = http.execute::<Me>(me::Variables).await?.me;
    let backend = session.vault().store(&session.profile, &token)?;
    remember(&mut session, server, &me.email)?;
    session.print(&json!({"profile": session.profile, "server": server, "email": me.email, "userId": me.id, "credential": backend.as_str()}))
}

/// Records the profile's server and email (and makes it current if none is).
fn remember(session: &mut Session, server: &str, email: &str) -> Result<(), CliError> {
    let profile = session.config.profiles.entry(session.profile.clone()).or_default();
    profile.server = server.to_owned();
    profile.email = Some(email.to_owned());
    if session.config.current.is_none() {
        session.config.current = Some(session.profile.clone());
    }
    session.save_config()
}

pub async fn logout(session: Session) -> Result<(), CliError> {
    let backend = session.credential()?;
    // A token from the environment is not ours to revoke (it may be a shared access token).
    let revoked = if backend == Backend::Env { false } else { session.http()?.execute::<SignOut>(crate::ops::sign_out::Variables).await?.sign_out };
    let removed = session.vault().remove(&session.profile)?;
    session.print(&json!({"profile": session.profile, "revoked": revoked, "removedFrom": removed.iter().map(|b| b.as_str()).collect::<Vec<_>>()}))
}

pub async fn whoami(session: Session) -> Result<(), CliError> {
    let backend = session.credential()?;
    let me = session.http()?.execute::<Me>(me::Variables).await?.me;
    let mut data = serde_json::to_value(&me)?;
    data["profile"] = json!(session.profile);
    data["server"] = json!(session.server()?);
    data["credential"] = json!(backend.as_str());
    session.print(&data)
}

pub fn profiles(mut session: Session, command: ProfilesCommand) -> Result<(), CliError> {
    match command {
        ProfilesCommand::List => {
            let current = session.config.current.clone();
            let rows: Vec<Value> = session
                .config
                .profiles
                .iter()
                .map(|(name, p)| json!({"name": name, "server": p.server, "email": p.email, "workspace": p.workspace, "current": current.as_deref() == Some(name)}))
                .collect();
            session.print(&Value::Array(rows))
        }
        ProfilesCommand::Use { name } => {
            if !session.config.profiles.contains_key(&name) {
                return Err(CliError::NotFound(format!("no profile {name:?}: `lifeos profiles list`")));
            }
            session.config.current = Some(name.clone());
            session.save_config()?;
            session.print(&json!({"current": name}))
        }
        ProfilesCommand::Remove { name } => {
            if session.config.profiles.remove(&name).is_none() {
                return Err(CliError::NotFound(format!("no profile {name:?}")));
            }
            let removed = session.vault().remove(&name)?;
            if session.config.current.as_deref() == Some(&name) {
                session.config.current = None;
            }
            session.save_config()?;
            session.print(&json!({"removed": name, "credentialRemovedFrom": removed.iter().map(|b| b.as_str()).collect::<Vec<_>>()}))
        }
    }
}

/// Per profile (and the current one even if unconfigured): what each backend holds.
pub fn status(session: Session) -> Result<(), CliError> {
    let mut names: Vec<String> = session.config.profiles.keys().cloned().collect();
    if !names.contains(&session.profile) {
        names.push(session.profile.clone());
    }
    let vault = session.vault();
    let rows: Vec<Value> = names
        .iter()
        .map(|name| {
            let mut row = json!({"profile": name});
            let mut holder = Value::Null;
            for (backend, presence) in vault.status(name) {
                if holder.is_null() && presence == crate::credentials::Presence::Holds {
                    holder = json!(backend.as_str());
                }
                row[backend.as_str()] = json!(presence.to_string());
            }
            row["usedBackend"] = holder;
            row
        })
        .collect();
    session.print(&Value::Array(rows))
}

fn prompt_line(label: &str) -> Result<String, CliError> {
    eprint!("{label}");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

fn prompt_password() -> Result<SecretString, CliError> {
    rpassword::prompt_password("Password: ").map(SecretString::from).map_err(|e| CliError::Usage(format!("cannot read the password without echo ({e}); use --password-stdin")))
}

fn first_stdin_line() -> Result<SecretString, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(CliError::Usage("stdin gave an empty line".into()));
    }
    Ok(SecretString::from(password))
}
