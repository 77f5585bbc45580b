//! `check`: every problem in every talks of the data folder.

use std::path::Path;

use super::{Ctx, Output};
use crate::data;
use crate::data::check::{QuoteTally, SavedCopies};
use crate::data::diag::{Files, plural, render_all, summary};
use crate::data::load::DataDir;
use crate::data::printable::shown;
use crate::error::{Error, Result};
use crate::render::{Format, wrap};
use crate::view::check::CheckView;

pub fn run(ctx: &Ctx, deny_warnings: bool, sources: Option<&Path>) -> Result<Output> {
    let mut files = Files::default();
    let mut diags = Vec::new();
    let ids = match &ctx.talks {
        Some(_) => vec![ctx.talks_id()?],
        None => {
            // The folder's own file, naming its default talks, is data too:
            // its problems are reported with those of the talks.
            match data::folder_default(&ctx.data) {
                Ok(Some((id, file))) => {
                    ctx.data.choose(None, Some((&id, &file)))?;
                }
                Ok(None) => {}
                Err(Error::Data {
                    files: its,
                    diagnostics,
                }) => (files, diags) = (its, diagnostics),
                Err(e) => return Err(e),
            }
            ctx.data.talks_ids()?
        }
    };
    if ids.is_empty() {
        return Err(ctx.data.no_talks());
    }
    let saved = sources.map(data::saved_copies).transpose()?;
    let mut read = 0;
    let mut quotes = QuoteTally::default();
    for id in &ids {
        let checked = data::check_with(&ctx.data, id, saved.as_ref(), &mut files)?;
        read += checked.files_read;
        diags.extend(checked.diagnostics);
        quotes.add(checked.quotes);
    }
    let counts = crate::data::diag::Counts::of(&diags);
    let code = u8::from(counts.errors > 0 || (deny_warnings && counts.warnings > 0));

    // On a terminal the diagnostics are the output, on stderr as a compiler
    // prints them; every other format lists the problems on stdout.
    if ctx.style.format != Format::Table {
        // Folder names, which may not be valid ids.
        let ids = ids.iter().map(|id| shown(id).into_owned()).collect();
        let view = CheckView::new(ctx.data.describe(), ids, read, &diags, &files, quotes);
        let mut out = ctx.render(view)?;
        out.code = code;
        return Ok(out);
    }
    let width = ctx.style.width;
    let mut stderr = render_all(&diags, &files, ctx.color_stderr, width);
    let checked = format!(
        "{} talks, {}: {}",
        ids.len(),
        plural(read, "file"),
        ctx.data.describe()
    );
    let mut said = if diags.is_empty() {
        format!("ok: no problems in {checked}\n")
    } else {
        format!("{} in {checked}\n", summary(&diags))
    };
    if let Some(saved) = &saved {
        said.push_str(&quotes_said(&quotes, saved));
    }
    stderr.push_str(&wrap(said.trim_end_matches('\n'), width));
    stderr.push('\n');
    Ok(Output {
        stderr,
        code,
        ..Output::default()
    })
}

/// `check --watch`: check, then check again whenever a file of the data
/// folder is saved (changes settled for a moment, as an editor writes
/// them), until Ctrl-C. Each run is printed whole, after a cleared screen
/// on a terminal, else after a line that says what changed.
pub fn watch(ctx: &Ctx, deny_warnings: bool, sources: Option<&Path>) -> Result<Output> {
    use notify_debouncer_full::notify::{EventKind, RecursiveMode};
    use std::io::IsTerminal;

    let DataDir::Disk { path, .. } = &ctx.data else {
        return Err(Error::Usage(
            "--watch watches a data folder on disk; the built-in dataset does not change \
             (give one with --data)"
                .into(),
        ));
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer =
        notify_debouncer_full::new_debouncer(std::time::Duration::from_millis(300), None, tx)
            .map_err(|e| Error::Io(format!("cannot watch {}: {e}", path.display())))?;
    debouncer
        .watch(path, RecursiveMode::Recursive)
        .map_err(|e| Error::Io(format!("cannot watch {}: {e}", path.display())))?;
    let terminal = std::io::stderr().is_terminal();
    let mut changed: Option<String> = None;
    loop {
        let said = match run(ctx, deny_warnings, sources) {
            Ok(out) => out.text(),
            Err(e) => format!("{e}\n"),
        };
        let head = match (&changed, terminal) {
            (_, true) => "\x1b[2J\x1b[H".to_string(),
            (Some(file), false) => format!("── {file} changed: checking again ──\n"),
            (None, false) => String::new(),
        };
        super::to_stderr(&format!(
            "{head}{said}watching {} for changes (Ctrl-C to stop)\n",
            path.display()
        ));
        // Wait for a save of a file that is data (reading the files, as
        // checking does, is no change): not an editor's swap or backup
        // file, nor a hidden one.
        changed = loop {
            let events = match rx.recv() {
                Ok(Ok(events)) => events,
                Ok(Err(e)) => {
                    let e = e.first().map(ToString::to_string).unwrap_or_default();
                    return Err(Error::Io(format!("watching {}: {e}", path.display())));
                }
                Err(_) => return Ok(Output::default()),
            };
            let saved = events
                .iter()
                .filter(|e| {
                    matches!(
                        e.event.kind,
                        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                    )
                })
                .flat_map(|e| &e.event.paths)
                .find(|p| {
                    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                        !n.starts_with('.') && !n.ends_with('~') && !n.ends_with(".swp")
                    })
                });
            if let Some(p) = saved {
                let here = std::env::current_dir().unwrap_or_default();
                break Some(p.strip_prefix(&here).unwrap_or(p).display().to_string());
            }
        };
    }
}

/// What `--sources` found: the share of positions quoted, and of quotes
/// verified against a text of their source.
fn quotes_said(q: &QuoteTally, saved: &SavedCopies) -> String {
    let found = if q.sources_with_text.is_empty() {
        "none".to_string()
    } else {
        q.sources_with_text.join(", ")
    };
    let mut unused = String::new();
    for (path, print) in saved.unused(&q.copies_used) {
        unused.push_str(&format!(
            "  {path}: the text of no source; its fingerprint is {print}\n"
        ));
    }
    format!(
        "quotes: {} of {} quoted; {} verified against a text of their source, {} not found in it, {} unverified (no text)\n\
         sources with a text ({} in {}): {found}\n{unused}",
        q.quoted,
        plural(q.positions, "position"),
        plural(q.verified, "quote"),
        q.not_found,
        q.unverified(),
        plural(saved.len(), "saved file"),
        saved.dir,
    )
}
