//! `report`: the whole picture as one self-contained HTML page, written
//! atomically and never over an existing file without `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Ctx, Output};
use crate::error::{Error, Result};
use crate::load::io_reason;
use crate::render::Format;
use crate::render::report::page;
use crate::report::Report;
use crate::select;

pub fn run(ctx: &Ctx, round: &str, from: &str, out: &Path, force: bool) -> Result<Output> {
    if ctx.style.format != Format::Table {
        return Err(Error::Usage(
            "`report` writes one HTML page; --format does not apply to it (`--out -` prints the page)"
                .into(),
        ));
    }
    let to_stdout = out == Path::new("-");
    if !to_stdout {
        match out.symlink_metadata() {
            // --force replaces a page, never a device, a link or a folder.
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(Error::Usage(format!(
                    "{} is not a regular file; `report` only writes or replaces files (`--out -` prints the page)",
                    out.display()
                )));
            }
            Ok(_) if !force => return Err(exists(out)),
            _ => {}
        }
    }
    let talks = ctx.load()?;
    let r = select::round(&talks, round)?;
    let from = select::round(&talks, from)?;
    if from > r {
        return Err(Error::Usage(format!(
            "--from {} is later than --round {}: the report shows what changed up to the round it is as of",
            talks.rounds[from].id, talks.rounds[r].id
        )));
    }
    let report = Report::build(&talks, r, from);
    let html = page(&report);
    let sections: Vec<&str> = report.sections().iter().map(|s| s.id()).collect();
    if to_stdout {
        return Ok(Output {
            stdout: html,
            ..Output::default()
        });
    }
    write_atomically(out, html.as_bytes(), force)?;
    Ok(Output {
        stderr: format!(
            "wrote {} ({}): {}\n",
            out.display(),
            size(html.len()),
            sections.join(", ")
        ),
        ..Output::default()
    })
}

fn exists(out: &Path) -> Error {
    Error::Usage(format!(
        "{} already exists; pass --force to replace it, or choose another file with --out",
        out.display()
    ))
}

/// Write to a temporary file beside `out`, then move it into place: a
/// reader never sees half a page, and without `force` an existing file is
/// never replaced, even one created while the page was being written.
fn write_atomically(out: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io =
        |e: std::io::Error| Error::Io(format!("cannot write {}: {}", out.display(), io_reason(&e)));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redlines-report").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: readable by others as the umask allows.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io)?;
    let persisted = if force {
        tmp.persist(out)
    } else {
        tmp.persist_noclobber(out)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists(out)),
        Err(e) => Err(io(e.error)),
    }
}

/// A file size as people read it: bytes, kB or MB (decimal).
fn size(bytes: usize) -> String {
    match bytes {
        n if n < 1000 => format!("{n} bytes"),
        n if n < 1_000_000 => format!("{:.1} kB", n as f64 / 1000.0),
        n => format!("{:.1} MB", n as f64 / 1_000_000.0),
    }
}
