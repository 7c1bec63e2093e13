//! Runs the real `lifeos` binary against in-process servers (127.0.0.1:0, fresh databases):
//! a config dir per test, a clean environment, and every output kept so a test can check no
//! token ever leaked.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::io::AsyncWriteExt;

pub use lifeos_tests::server::{TestServer, OWNER_EMAIL, PASSWORD};

pub const PASSPHRASE: &str = "test passphrase, not a secret";

/// One run's outcome.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> anyhow::Result<serde_json::Value> {
        serde_json::from_str(&self.stdout).map_err(|e| anyhow::anyhow!("stdout is not JSON ({e}): {self:?}"))
    }

    pub fn ok(self) -> anyhow::Result<Self> {
        anyhow::ensure!(self.code == 0, "lifeos failed: {self:?}");
        Ok(self)
    }
}

/// A user of `lifeos`: their config dir and environment.
pub struct Cli {
    pub dir: tempfile::TempDir,
    pub env: BTreeMap<String, String>,
    /// Every stdout and stderr so far (with the args), for leak checks.
    pub transcript: std::sync::Mutex<Vec<(Vec<String>, String)>>,
}

impl Cli {
    /// Credentials in the encrypted file (then env): no shared keyring between parallel tests.
    pub fn new() -> anyhow::Result<Self> {
        Self::with_order(&["file", "env"])
    }

    pub fn with_order(order: &[&str]) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let order: Vec<String> = order.iter().map(|b| format!("{b:?}")).collect();
        std::fs::write(dir.path().join("config.toml"), format!("[credentials]\norder = [{}]\n", order.join(", ")))?;
        let mut env = BTreeMap::new();
        env.insert("LIFEOS_CONFIG_DIR".into(), dir.path().display().to_string());
        env.insert("LIFEOS_CLI_PASSPHRASE".into(), PASSPHRASE.into());
        Ok(Self { dir, env, transcript: Default::default() })
    }

    pub fn config_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn credentials_file(&self) -> PathBuf {
        self.dir.path().join("credentials.enc")
    }

    pub async fn run(&self, args: &[&str]) -> anyhow::Result<Run> {
        self.run_with(args, None, &[]).await
    }

    pub async fn run_stdin(&self, args: &[&str], stdin: &str) -> anyhow::Result<Run> {
        self.run_with(args, Some(stdin), &[]).await
    }

    /// Runs with `stdin` (else none) and extra environment variables.
    pub async fn run_with(&self, args: &[&str], stdin: Option<&str>, extra_env: &[(&str, &str)]) -> anyhow::Result<Run> {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_lifeos"));
        command.args(args).env_clear().envs(&self.env).envs(extra_env.iter().copied()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn()?;
        if let Some(mut pipe) = child.stdin.take() {
            if let Some(text) = stdin {
                pipe.write_all(text.as_bytes()).await?;
            }
            drop(pipe);
        }
        let output = child.wait_with_output().await?;
        let run = Run { code: output.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&output.stdout).into(), stderr: String::from_utf8_lossy(&output.stderr).into() };
        let printed = format!("{}\n{}", run.stdout, run.stderr);
        self.transcript.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.push((args.iter().map(|a| a.to_string()).collect(), printed));
        Ok(run)
    }

    /// Signs `profile` in to `server` as the owner (password on stdin).
    pub async fn login(&self, server: &TestServer, profile: &str) -> anyhow::Result<Run> {
        let url = server.url("");
        self.run_stdin(&["login", "--profile", profile, "--server", &url, "--email", OWNER_EMAIL, "--password-stdin", "-o", "json"], &format!("{PASSWORD}\n")).await?.ok()
    }

    /// Asserts no output so far holds `secret`, except the runs `allowed` says may.
    pub fn assert_never_printed(&self, secret: &str, allowed: impl Fn(&[String]) -> bool) -> anyhow::Result<()> {
        let transcript = self.transcript.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
        for (args, printed) in transcript.iter() {
            anyhow::ensure!(allowed(args) || !printed.contains(secret), "`lifeos {}` printed a token", args.join(" "));
        }
        Ok(())
    }
}

/// The session token a profile's file credential holds (decrypted with the test passphrase).
pub fn stored_token(cli: &Cli, profile: &str) -> anyhow::Result<String> {
    use lifeos_cli::credentials::{Backend, EnvLookup, PassphraseSource, Vault};
    use secrecy::ExposeSecret;
    let vault = Vault::new(vec![Backend::File], cli.credentials_file(), PassphraseSource::Fixed(PASSPHRASE.to_owned().into()), EnvLookup::empty());
    let (_, token) = vault.load(profile)?.ok_or_else(|| anyhow::anyhow!("no credential for {profile}"))?;
    Ok(token.expose_secret().to_owned())
}
