//! Writing a file whole or not at all, for every command that writes one
//! (`new`, `report`): into a temporary file beside it, synced, then moved
//! into place, so that a reader never sees half a file.

use std::io::Write as _;
use std::path::Path;

use crate::data::load::io_reason;
use crate::error::{Error, Result};

/// Write `bytes` to `path`. Without `replace`, an existing file is never
/// replaced, not even one made while this one was being written: the error
/// is then `exists()`. The new file is readable as any other the user makes
/// (the umask applies), not owner-only as a temporary file is.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    exists: impl FnOnce() -> Error,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e: std::io::Error| {
        Error::Io(format!(
            "cannot write {}: {}",
            path.display(),
            io_reason(&e)
        ))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redlines-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io)?;
    let persisted = if replace {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(io(e.error)),
    }
}
