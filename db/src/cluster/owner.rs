//! Who runs the embedded cluster. `initdb` refuses to run as root, so when lifeosd runs as
//! root the cluster's files are handed to the unprivileged `postgres` system user and its
//! processes are started as that user. Otherwise the cluster runs as the current user.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use nix::unistd::{chown, geteuid, Gid, Uid, User};

use super::ClusterError;

/// The OS identity that owns the cluster's files and runs its processes.
#[derive(Debug, Clone)]
pub struct ClusterOwner {
    switch_to: Option<(Uid, Gid, String)>,
}

impl ClusterOwner {
    pub fn detect() -> Result<Self, ClusterError> {
        if !geteuid().is_root() {
            return Ok(Self { switch_to: None });
        }
        let user = User::from_name("postgres")
            .ok()
            .flatten()
            .ok_or(ClusterError::NoUnprivilegedUser)?;
        Ok(Self { switch_to: Some((user.uid, user.gid, user.name)) })
    }

    /// A command that will run as the cluster owner.
    pub fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir("/");
        if let Some((uid, gid, name)) = &self.switch_to {
            cmd.uid(uid.as_raw()).gid(gid.as_raw()).env("USER", name).env("LOGNAME", name);
        }
        cmd
    }

    /// Creates `dir` (0700) owned by the cluster owner, and checks the owner can reach it.
    pub fn prepare_private_dir(&self, dir: &Path) -> Result<(), ClusterError> {
        let io = |source| ClusterError::Io { path: dir.to_path_buf(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        if let Some((uid, gid, name)) = &self.switch_to {
            chown(dir, Some(*uid), Some(*gid))
                .map_err(|e| ClusterError::Io { path: dir.to_path_buf(), source: e.into() })?;
            check_traversable(dir, *uid, name)?;
        }
        Ok(())
    }
}

/// Every ancestor of `dir` must let `uid` through, or postgres cannot open its own files.
fn check_traversable(dir: &Path, uid: Uid, name: &str) -> Result<(), ClusterError> {
    for ancestor in dir.ancestors().skip(1) {
        let Ok(meta) = std::fs::metadata(ancestor) else { continue };
        use std::os::unix::fs::MetadataExt;
        let world_x = meta.mode() & 0o001 != 0;
        if !world_x && meta.uid() != uid.as_raw() {
            return Err(ClusterError::NotTraversable {
                dir: ancestor.to_path_buf(),
                user: name.to_owned(),
            });
        }
    }
    Ok(())
}
