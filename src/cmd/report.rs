//! `report`: the whole picture as one self-contained HTML page, written
//! atomically and never over an existing file without `--force`.

use std::path::Path;

use super::write::{exists, may_write, size, write_atomically};
use super::{Ctx, Output};
use crate::core::select;
use crate::data;
use crate::data::diag::{Files, plural};
use crate::data::printable::shown_path;
use crate::error::{Error, Result};
use crate::render::html::page;
use crate::render::{Format, wrap};
use crate::view::report::{ReportView, SourcesChecked, section_id};

pub fn run(
    ctx: &Ctx,
    round: &str,
    from: &str,
    with_mediators: bool,
    sources: Option<&Path>,
) -> Result<Output> {
    if ctx.style.format != Format::Table {
        return Err(Error::Usage(
            "`report` writes one HTML page; --format does not apply to it (`--out -` prints the page)"
                .into(),
        ));
    }
    let out = ctx.out.as_deref().unwrap_or(Path::new("report.html"));
    let force = ctx.force;
    let to_stdout = out == Path::new("-");
    if !to_stdout {
        // --force replaces a page, never a device, a link or a folder.
        may_write(
            out,
            force,
            "`report` only writes or replaces files (`--out -` prints the page)",
        )?;
    }
    let (talks, r) = ctx.scenario(round)?;
    let from = ctx.round(&talks, from)?;
    if from > r {
        return Err(Error::Usage(format!(
            "--from {} is later than --round {}: the report shows what changed up to the round it is as of",
            talks.rounds[from].id, talks.rounds[r].id
        )));
    }
    let parties = select::every_party(&talks);
    select::pairwise(
        &talks,
        &parties,
        "the report",
        "`matrix --party …`, `table` and `diff` show such a talks in parts",
    )?;
    // The quotes checked as `check --sources` checks them: the talks read
    // again with the saved copies, for what each quote's check found.
    let checked = match sources {
        Some(dir) => {
            let saved = data::saved_copies(dir)?;
            let c = data::check_with(
                &ctx.data,
                &ctx.talks_id()?,
                Some(&saved),
                &mut Files::default(),
            )?;
            Some(SourcesChecked {
                dir: shown_path(dir),
                checks: c.checks,
                tally: c.quotes,
            })
        }
        None => None,
    };
    let not_found = checked.as_ref().map_or(0, |c| c.tally.not_found);
    let mut report = ReportView::build(&talks, r, from, with_mediators);
    report.sources = checked;
    let html = page(&report);
    let warning = match (not_found, sources) {
        (0, _) | (_, None) => String::new(),
        (n, Some(dir)) => {
            let said = format!(
                "warning: {} not found in the saved copies of the sources (marked on the page); `redlines check --sources {}` says where",
                plural(n, "quote"),
                shown_path(dir)
            );
            wrap(&said, ctx.style.width) + "\n"
        }
    };
    let sections: Vec<&str> = report.sections().into_iter().map(section_id).collect();
    let note = ctx.left_out(&talks, false, parties.len());
    if to_stdout {
        return Ok(Output {
            stdout: html,
            stderr: note + &warning,
            ..Output::default()
        });
    }
    // A page replaced is a new file: other hard links to the old one keep it.
    let links = out.symlink_metadata().map_or(1, |m| hard_links(&m));
    write_atomically(out, html.as_bytes(), force, || exists(out))?;
    let mut stderr = note + &warning;
    stderr.push_str(&format!(
        "wrote {} ({}): {}\n",
        shown_path(out),
        size(html.len() as u64),
        sections.join(", ")
    ));
    if links > 1 {
        stderr.push_str(&format!(
            "note: the page replaced had {} other hard {}, which still {} the old page\n",
            links - 1,
            if links == 2 { "link" } else { "links" },
            if links == 2 { "holds" } else { "hold" },
        ));
    }
    Ok(Output {
        stderr,
        ..Output::default()
    })
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}
