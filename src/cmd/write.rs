//! Writing a file whole or not at all, for every command that writes one
//! (`new`, `report`): into a temporary file beside it, synced, then moved
//! into place, so that a reader never sees half a file.

use std::io::Write as _;
use std::path::Path;

use crate::data::load::{io_reason, links_out};
use crate::data::printable::shown_path;
use crate::error::{Error, Result};

/// Refuse to write `path`, named inside the data folder `data`, through a
/// link that leads out of it, or through one that leads nowhere (writing
/// would make what it names, wherever that is). What decides is the
/// nearest part of the path that is there: what is under it is made anew.
pub fn inside_data(data: &Path, path: &Path) -> Result<()> {
    let refuse = |at: &Path, why: &str| {
        Err(Error::Usage(format!(
            "cannot write {}: {} {why}; redlines writes only inside the data folder",
            shown_path(path),
            shown_path(at)
        )))
    };
    for at in path
        .ancestors()
        .take_while(|at| *at != data && !at.as_os_str().is_empty())
    {
        let Ok(meta) = at.symlink_metadata() else {
            continue;
        };
        if meta.file_type().is_symlink() && at.canonicalize().is_err() {
            return refuse(at, "is a link that leads nowhere");
        }
        if links_out(data, at) {
            return refuse(at, "leads out of the data folder through a link");
        }
        break;
    }
    Ok(())
}

/// Whether `path` may be written: never over a device, a link or a folder
/// (`not_file` says what is written instead), and over an existing file
/// only with `force`.
pub fn may_write(path: &Path, force: bool, not_file: &str) -> Result<()> {
    // A name of blanks, or with blanks around it, is a slip of the shell's
    // quoting more often than a file anyone means to find again.
    if let Some(name) = path.file_name().and_then(|n| n.to_str())
        && name.trim() != name
    {
        return Err(Error::Usage(format!(
            "--out `{}` names a file that begins or ends with a blank; give the name without them",
            shown_path(path)
        )));
    }
    match path.symlink_metadata() {
        Ok(meta) if !meta.file_type().is_file() => Err(Error::Usage(format!(
            "{} is not a regular file; {not_file}",
            shown_path(path)
        ))),
        Ok(_) if !force => Err(exists(path)),
        _ => Ok(()),
    }
}

/// The error of a file that is there and may not be replaced.
pub fn exists(path: &Path) -> Error {
    Error::Usage(format!(
        "{} already exists; pass --force to replace it, or choose another file with --out",
        shown_path(path)
    ))
}

/// [`may_write`] `path`, then write it atomically with `fill`; its size.
pub fn replacing(
    path: &Path,
    force: bool,
    what: &str,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<u64> {
    may_write(
        path,
        force,
        &format!("{what} is only written to a file (`--out -` writes it to stdout)"),
    )?;
    write_atomically_with(path, force, || exists(path), fill)
}

/// A file size as people read it: bytes, kB or MB (decimal).
pub fn size(bytes: u64) -> String {
    match bytes {
        n if n < 1000 => format!("{n} bytes"),
        n if n < 1_000_000 => format!("{:.1} kB", n as f64 / 1000.0),
        n => format!("{:.1} MB", n as f64 / 1_000_000.0),
    }
}

/// Write `bytes` to `path`. Without `replace`, an existing file is never
/// replaced, not even one made while this one was being written: the error
/// is then `exists()`. A new file is readable as any other the user makes
/// (the umask applies), not owner-only as a temporary file is; a file
/// replaced keeps its permissions. (Its other hard links, if any, keep the
/// old content: a file written whole is a new file.)
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    replace: bool,
    exists: impl FnOnce() -> Error,
) -> Result<()> {
    let fill = |file: &mut std::fs::File| file.write_all(bytes).map_err(|e| cannot_write(path, &e));
    write_atomically_with(path, replace, exists, fill).map(drop)
}

/// The error of a file that could not be written.
pub fn cannot_write(path: &Path, e: &std::io::Error) -> Error {
    Error::Io(format!(
        "cannot write {}: {}",
        shown_path(path),
        io_reason(e)
    ))
}

/// [`write_atomically`], the content written by `fill` (which may fail
/// with an error of its own); the size of the file written.
pub fn write_atomically_with(
    path: &Path,
    replace: bool,
    exists: impl FnOnce() -> Error,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<u64> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e: std::io::Error| cannot_write(path, &e);
    let old = replace
        .then(|| std::fs::metadata(path).ok())
        .flatten()
        .filter(std::fs::Metadata::is_file);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redlines-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    if let Some(old) = old {
        tmp.as_file()
            .set_permissions(old.permissions())
            .map_err(io)?;
    }
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all().map_err(io)?;
    let len = tmp.as_file().metadata().map_err(io)?.len();
    let persisted = if replace {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(len),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(io(e.error)),
    }
}
