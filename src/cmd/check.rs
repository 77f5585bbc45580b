//! `check`: every problem in every talks of the data folder.

use super::{Ctx, Output};
use crate::data;
use crate::data::diag::{Files, plural, render_all, summary};
use crate::data::printable::shown;
use crate::error::{Error, Result};
use crate::render::Format;
use crate::view::check::CheckView;

pub fn run(ctx: &Ctx, deny_warnings: bool) -> Result<Output> {
    let ids = match &ctx.talks {
        Some(_) => vec![ctx.talks_id()?],
        None => ctx.data.talks_ids()?,
    };
    if ids.is_empty() {
        return Err(Error::Usage(format!(
            "no talks in {}: a talks is a folder holding talks.toml; start one with `redlines new talks ID`",
            ctx.data.describe()
        )));
    }
    let mut files = Files::default();
    let mut diags = Vec::new();
    let mut read = 0;
    for id in &ids {
        let checked = data::check_in(&ctx.data, id, &mut files)?;
        read += checked.files_read;
        diags.extend(checked.diagnostics);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let code = u8::from(errors > 0 || (deny_warnings && warnings > 0));

    // On a terminal the diagnostics are the output, on stderr as a compiler
    // prints them; every other format lists the problems on stdout.
    if ctx.style.format != Format::Table {
        // Folder names, which may not be valid ids.
        let ids = ids.iter().map(|id| shown(id).into_owned()).collect();
        let view = CheckView::new(ctx.data.describe(), ids, read, &diags, &files);
        let mut out = ctx.render(&view)?;
        out.code = code;
        return Ok(out);
    }
    let mut stderr = render_all(&diags, &files, ctx.color_stderr);
    let checked = format!(
        "{} talks, {}: {}",
        ids.len(),
        plural(read, "file"),
        ctx.data.describe()
    );
    if diags.is_empty() {
        stderr.push_str(&format!("ok: no problems in {checked}\n"));
    } else {
        stderr.push_str(&format!("{} in {checked}\n", summary(&diags)));
    }
    Ok(Output {
        stdout: String::new(),
        stderr,
        code,
    })
}
