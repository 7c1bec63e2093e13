//! Reading and atomically replacing the encrypted credential file: the new content goes to a
//! temporary file in the same directory, created with mode 0600, fsynced, then renamed over
//! the old one (and the directory fsynced), so a crash leaves the old or the new file, never a
//! torn one. A missing parent directory is created with mode 0700.
//!
//! Must never: create the file or its temporary with wider permissions than 0600, even for an
//! instant; follow the temporary name if it already exists (`create_new`); know what the bytes
//! mean (that is `file_format`). Two processes writing at once: the last rename wins (no lock).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rand::RngCore;

use super::error::CredentialError;

/// The file's bytes, or `None` if it does not exist.
pub(crate) fn read(path: &Path) -> Result<Option<Vec<u8>>, CredentialError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CredentialError::io("read", path, e)),
    }
}

/// Replaces the file at `path` with `bytes`, atomically, mode 0600.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), CredentialError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(|e| CredentialError::io("create the directory", &dir, e))?;
    let (tmp_path, mut tmp) = create_temp(&dir, path)?;
    let synced = tmp.write_all(bytes).and_then(|()| tmp.sync_all());
    drop(tmp);
    let written = synced
        .map_err(|e| CredentialError::io("write", &tmp_path, e))
        .and_then(|()| fs::rename(&tmp_path, path).map_err(|e| CredentialError::io("replace", path, e)));
    if let Err(e) = written {
        // Best effort: the temporary holds only ciphertext, but leave no litter behind.
        let _ = fs::remove_file(&tmp_path);
        return Err(e);
    }
    sync_dir(&dir).map_err(|e| CredentialError::io("sync the directory", &dir, e))
}

fn create_temp(dir: &Path, target: &Path) -> Result<(PathBuf, File), CredentialError> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_else(|| "credentials".to_owned());
    let unique = rand::thread_rng().next_u64();
    let tmp_path = dir.join(format!(".{name}.tmp-{}-{unique:016x}", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&tmp_path).map_err(|e| CredentialError::io("create", &tmp_path, e))?;
    Ok((tmp_path, file))
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).expect("test expectation").permissions().mode() & 0o777
    }

    #[test]
    fn given_no_directory_when_written_then_dir_is_0700_file_is_0600_and_no_temp_remains() {
        let root = tempfile::tempdir().expect("test expectation");
        let dir = root.path().join("config").join("lifeos");
        let path = dir.join("credentials.enc");
        write(&path, b"first").expect("test expectation");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(read(&path).expect("test expectation").as_deref(), Some(&b"first"[..]));
        let names: Vec<_> = fs::read_dir(&dir).expect("test expectation").map(|e| e.expect("test expectation").file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("credentials.enc")]);
    }

    #[test]
    fn given_an_existing_world_readable_file_when_replaced_then_the_new_one_is_0600() {
        let dir = tempfile::tempdir().expect("test expectation");
        let path = dir.path().join("credentials.enc");
        fs::write(&path, b"old").expect("test expectation");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("test expectation");
        write(&path, b"new").expect("test expectation");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(read(&path).expect("test expectation").as_deref(), Some(&b"new"[..]));
    }

    #[test]
    fn given_no_file_when_read_then_it_is_none() {
        let dir = tempfile::tempdir().expect("test expectation");
        assert!(read(&dir.path().join("missing.enc")).expect("test expectation").is_none());
    }
}
