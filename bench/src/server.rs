//! lifeosd as a child process on port 0 against a bench database; ready when it prints its
//! "listening on" line. Killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::Args;

pub const OWNER: &str = "bench@lifeos.test";
pub const PASSWORD: &str = "bench password 1";

pub fn lifeosd_path(args: &Args) -> anyhow::Result<PathBuf> {
    if let Some(path) = &args.lifeosd {
        return Ok(path.clone());
    }
    let exe = std::env::current_exe()?;
    Ok(exe.with_file_name("lifeosd"))
}

pub struct Server {
    child: Child,
    pub base: String,
    /// The first owner's one-time code, printed before the "listening on" line.
    pub setup_code: Option<String>,
}

impl Server {
    pub fn start(args: &Args, database_url: &str) -> anyhow::Result<Self> {
        Self::start_with(args, database_url, &[])
    }

    /// The same, with extra environment variables for the child (settings a scenario varies,
    /// e.g. `LIFEOS_SYNTHETIC_PROJECTIONS`).
    pub fn start_with(args: &Args, database_url: &str, env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let mut child = Command::new(lifeosd_path(args)?)
            .args(["serve", "--listen-addr", "127.0.0.1:0"])
            .env("LIFEOS_DATABASE_URL", database_url)
            .env("LIFEOS_OWNER_EMAIL", OWNER)
            .env("LIFEOS_COOKIE_SECURE", "false")
            .env("LIFEOS_AUTH_ATTEMPTS_PER_MINUTE", "100000")
            .env("LIFEOS_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let mut setup_code = None;
        for line in lines.by_ref() {
            let line = line?;
            if let Some(code) = line.strip_prefix("lifeosd setup code: ") {
                setup_code = Some(code.trim().to_owned());
            }
            if let Some(addr) = line.strip_prefix("lifeosd listening on ") {
                let base = addr.trim().to_owned();
                std::thread::spawn(move || lines.for_each(drop));
                return Ok(Self { child, base, setup_code });
            }
        }
        anyhow::bail!("lifeosd exited before it was ready")
    }

    /// The child's process id (to read its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
