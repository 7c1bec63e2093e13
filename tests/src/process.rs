//! Running the real `lifeosd` binary as a child process: readiness is the "listening on"
//! line it prints on stdout once migrations ran and the port is bound (no sleeps); a
//! `lifeosd setup code:` line before it (an instance without owner) is kept for the test.
//! In `LIFEOS_LOG_FORMAT=json` the same lines are JSON objects whose `message` is the line.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// `lifeosd` (the binary built for these tests) with a clean `LIFEOS_*` environment.
/// A macro because Cargo only tells integration tests where the binary is.
#[macro_export]
macro_rules! lifeosd {
    () => {
        $crate::process::command(env!("CARGO_BIN_EXE_lifeosd-under-test"))
    };
}

/// `bin` with no `LIFEOS_*` variables inherited from the caller.
pub fn command(bin: &str) -> Command {
    let mut cmd = Command::new(bin);
    for (key, _) in std::env::vars() {
        if key.starts_with("LIFEOS_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

/// What precedes the first owner's setup code on lifeosd's stdout.
pub const SETUP_CODE_LINE: &str = "lifeosd setup code: ";

/// A `lifeosd serve` child, the address it announced, and the setup code it printed (if the
/// instance had no owner).
pub struct ServeChild {
    pub child: Child,
    pub addr: SocketAddr,
    pub setup_code: Option<String>,
}

impl ServeChild {
    /// Spawns `serve --listen-addr 127.0.0.1:0` and blocks until it announces its address.
    pub fn spawn(mut cmd: Command) -> anyhow::Result<Self> {
        cmd.args(["serve", "--listen-addr", "127.0.0.1:0"]).stdout(Stdio::piped());
        let mut child = cmd.spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let mut setup_code = None;
        for line in lines.by_ref() {
            let line = line?;
            let line = json_message(&line).unwrap_or(line);
            if let Some(code) = line.strip_prefix(SETUP_CODE_LINE) {
                setup_code = Some(code.trim().to_owned());
            }
            if let Some(addr) = line.strip_prefix("lifeosd listening on http://") {
                let addr = addr.trim().parse()?;
                // Keep draining stdout so the child never blocks on a full pipe.
                std::thread::spawn(move || lines.for_each(drop));
                return Ok(Self { child, addr, setup_code });
            }
        }
        let status = child.wait()?;
        anyhow::bail!("lifeosd exited before it was ready: {status}")
    }

    /// SIGTERM, then wait for a clean exit.
    pub fn terminate(mut self) -> anyhow::Result<std::process::ExitStatus> {
        self.signal(nix::sys::signal::Signal::SIGTERM)?;
        Ok(self.child.wait()?)
    }

    /// SIGKILL: the process gets no chance to clean up (crash tests).
    pub fn kill9(mut self) -> anyhow::Result<std::process::ExitStatus> {
        self.signal(nix::sys::signal::Signal::SIGKILL)?;
        Ok(self.child.wait()?)
    }

    fn signal(&self, signal: nix::sys::signal::Signal) -> anyhow::Result<()> {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.child.id())?);
        nix::sys::signal::kill(pid, signal)?;
        Ok(())
    }
}

/// The `message` of a JSON line (json mode), if it is one.
pub fn json_message(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    value.get("message")?.as_str().map(str::to_owned)
}

impl Drop for ServeChild {
    /// A failed test must not leave a server behind: stop it gracefully (so an embedded
    /// cluster is stopped too); `terminate`/`kill9` already reaped it, making this a no-op.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.signal(nix::sys::signal::Signal::SIGTERM);
            let _ = self.child.wait();
        }
    }
}
